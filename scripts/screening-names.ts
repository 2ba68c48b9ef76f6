/**
 * Name generation for the screening test set and benchmark: a seeded random generator, given-name
 * and family-name pools from the regions where peace operations screen (Great Lakes, Central African
 * Republic, Sudan and South Sudan, Sahel, Somalia, Middle East and North Africa, Afghanistan and
 * Pakistan, Korea), and the perturbations names undergo in real rosters (typos, spelling and
 * transliteration variants, accents, ranks, word order).
 *
 * These rules are written independently of the matcher: they describe how names are written, not how
 * the matcher reads them.
 */

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rnd = () => number;
export const pick = <T>(r: Rnd, a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
export const chance = (r: Rnd, p: number): boolean => r() < p;
export function shuffle<T>(r: Rnd, a: T[]): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

export type Region = 'greatlakes' | 'car' | 'southsudan' | 'sudan' | 'sahel' | 'somalia' | 'mena' | 'afpak' | 'korea';

interface RegionPools {
  given: string[];
  family: string[];
  /** Share of the negatives drawn from this region. */
  share: number;
  /** Nationalities written in rosters of this region. */
  nationalities: string[];
}

const w = (s: string) => s.split(/\s*,\s*/).filter(Boolean);

export const POOLS: Record<Region, RegionPools> = {
  greatlakes: {
    share: 0.22,
    nationalities: ['RDC', 'Congolaise', 'COD', 'Rwanda', 'Burundi', 'Ouganda', 'Uganda', 'Democratic Republic of the Congo'],
    given: w(`Jean, Pierre, Joseph, Emmanuel, Innocent, Célestin, Théoneste, Faustin, Jean-Baptiste, Jean-Claude, Jean-Marie,
      Dieudonné, Bienvenu, Patrick, Olivier, Didier, Prosper, Fidèle, Aimé, Félix, Laurent, Augustin, Alphonse, Gilbert,
      Déogratias, Évariste, Apollinaire, Séraphin, Janvier, Désiré, Espoir, Fiston, Héritier, Christian, Trésor, Junior, Papy,
      Moïse, Josué, Samuel, Daniel, David, Paul, Marie, Jeanne, Chantal, Solange, Espérance, Immaculée, Françoise, Béatrice,
      Claudine, Angélique, Godelive, Alice, Joséphine, Consolata, Vestine, Donatien, Callixte, Ildephonse, Straton, Sylvestre,
      Martin, Hamisi, Rashidi, Bahati, Amani, Furaha, Baraka, Juma, Salumu, Shabani, Ramazani, Idi, Selemani, Kizito, Modeste,
      Norbert, Anaclet, Boniface, Cyprien, Damien, Fabrice, Gaspard, Hubert, Justin, Léonard, Marcel, Narcisse, Oscar, Pascal,
      Richard, Serge, Valentin, Zacharie, Benoît, Claude, Gérard, Gustave, Nestor`),
    family: w(`Mukendi, Kabongo, Ilunga, Tshibangu, Mbuyi, Kasongo, Mwamba, Lukusa, Nkulu, Kalala, Tshimanga, Ngoy, Kazadi,
      Mutombo, Banza, Kabeya, Mulumba, Ntumba, Kanku, Mpoyi, Lumbala, Kabamba, Mbala, Makiese, Nsimba, Lutete, Mavungu, Nzuzi,
      Kiala, Luzolo, Bokele, Bolamba, Ekofo, Lokuli, Bosenge, Mbuyamba, Musafiri, Habimana, Niyonzima, Nshimiyimana, Uwimana,
      Hakizimana, Ndayishimiye, Bizimana, Nkurunziza, Mugisha, Mukamana, Nsengiyumva, Twagirayezu, Munyaneza, Harerimana,
      Ndikumana, Niyonkuru, Irakoze, Nizigiyimana, Okello, Otim, Ochieng, Onyango, Tumusiime, Byaruhanga, Kato, Ssempala,
      Mukasa, Lubega, Wamala, Nsubuga, Kiggundu, Muhindo, Kambale, Kasereka, Paluku, Kahindo, Masika, Kavira, Mumbere, Kakule,
      Vahwere, Katembo, Sikuli, Mbusa, Kyalwahi, Bisimwa, Cirhuza, Mushagalusa, Birindwa, Cikuru, Bahizire, Mugaruka, Ntakobajira,
      Lwaboshi, Zihindula, Amisi, Assani, Bulambo, Kalunga, Kitenge, Lwamba, Mulenda, Ngongo, Omari, Shabani, Tambwe, Yumba,
      Lokwa, Mpiana, Kayembe, Tshilombo, Badibanga, Kapinga, Mbombo, Muamba, Bakajika, Kalonji`),
  },
  car: {
    share: 0.1,
    nationalities: ['RCA', 'Centrafricaine', 'Centrafricain', 'CAF', 'Central African Republic'],
    given: w(`Jean, Pierre, Firmin, Serge, Arsène, Hervé, Gervais, Ghislain, Armel, Rodrigue, Maxime, Thierry, Blaise, Anicet,
      Sylvain, Aristide, Mahamat, Abakar, Moussa, Ali, Ousmane, Issa, Hamat, Zakaria, Idriss, Haroun, Youssouf, Abdoulaye,
      Fidèle, Parfait, Gilles, Romaric, Guy, Landry, Bertrand, Clotaire, Euloge, Médard, Jean-Pierre, Christelle, Nadège,
      Prisca, Rosine, Stéphanie, Léa, Bénédicte, Yves, Olivier, Crépin, Aimé, Dieu-Béni, Fortuné, Honoré`),
    family: w(`Gbaya, Ngouandjika, Kossi, Ndomale, Namsio, Doko, Zoumandé, Nganamokoa, Yapende, Béka, Kokaté, Ouandet,
      Sélémby, Gbazi, Ngbokoli, Mbaya, Zanga, Goumba, Sarandji, Mokodopo, Yakité, Ngaïndiro, Dégbé, Koyassambia, Feïkoumon,
      Ngakola, Yangongo, Wapi, Kongbo, Baïkoua, Gaba, Ndjapou, Yalingo, Bozizé-Ngaro, Kpangba, Gbanga, Ouagou, Tolé, Kamba,
      Sanzé, Nguérépou, Dimanche, Zowa, Mbolidi, Ngon-Baba, Daouda, Adoum, Kette, Issène, Hamit, Dangaba, Sabone`),
  },
  southsudan: {
    share: 0.1,
    nationalities: ['South Sudan', 'Soudan du Sud', 'SSD', 'Sud-Soudanais'],
    given: w(`John, James, Peter, Paul, Gabriel, Joseph, Simon, Michael, David, Daniel, Stephen, Samuel, Deng, Garang, Majak,
      Kuol, Akol, Mabior, Lual, Ayuel, Chol, Bol, Manyang, Nyok, Gatwech, Gatluak, Koang, Tut, Puok, Nyuon, Mary, Rebecca,
      Nyandeng, Achol, Ayen, Abuk, Adut, Angelina, Elizabeth, Martha, William, George, Thomas, Andrew, Philip, Isaac, Jacob,
      Mathiang, Malith, Makur, Dut, Yien, Buay, Lony, Kur`),
    family: w(`Deng, Garang, Majok, Kuol, Akol, Lual, Malual, Ayuel, Chol, Bol, Mayen, Mading, Wol, Madut, Ajak, Arop, Lam, Tut,
      Gai, Kong, Gatkuoth, Duop, Wal, Ruei, Nhial, Makol, Aleu, Awan, Ngor, Atem, Akech, Manyok, Thon, Mabior, Ring, Deng Ajak,
      Yel, Kiir Akol, Choul, Kuany, Makuach, Atak, Ajang, Reath, Gach, Pal, Biel, Koryom, Lueth, Majur, Marial, Nyang, Riak`),
  },
  sudan: {
    share: 0.1,
    nationalities: ['Sudan', 'Soudan', 'SDN', 'Soudanaise', 'Sudanese'],
    given: w(`Mohamed, Ahmed, Osman, Omer, Hassan, Hussein, Abdelrahman, Abdalla, Babiker, Mustafa, Ibrahim, Yasir, Hamid,
      Elfatih, Elsadig, Ishag, Adam, Yousif, Suleiman, Musa, Khalid, Tarig, Hashim, Gamal, Awad, Eltayeb, Abdelaziz, Salah,
      Nasr, Fatima, Amna, Huda, Sara, Mariam, Abdelmoneim, Abdelgadir, Mubarak, Siddig, Bakri, Hamza, Mutasim, Osama, Mohanad,
      Elnour, Elhadi, Abuelgasim, Ezzeldin, Hatim, Kamal, Magdi, Nadir, Rashid, Sami, Tag Elsir, Waleed, Zakaria`),
    family: w(`Abdalla, Babiker, Elhassan, Osman, Ahmed, Mohamed, Hamid, Ali, Musa, Ibrahim, Yousif, Abdelrahim, Eltom, Elamin,
      Elnour, Mirghani, Khalil, Idris, Adam, Elmahdi, Elsheikh, Abbas, Bashir, Ismail, Hassan, Suleiman, Elbadawi, Hamdan,
      Haggar, Abakar, Elobeid, Eltahir, Fadul, Gasim, Hamad, Jaber, Kuku, Mahgoub, Nugud, Omer, Saeed, Taha, Zubeir, Medani,
      Elkhalifa, Abuzeid, Elawad, Elbashir, Elhag, Gibreel, Mohamedein, Tirab, Yagoub`),
  },
  sahel: {
    share: 0.2,
    nationalities: ['Mali', 'Malienne', 'MLI', 'Niger', 'Burkina Faso', 'Tchad', 'Tchadien', 'Mauritanie', 'Sénégal'],
    given: w(`Mamadou, Moussa, Amadou, Oumar, Ousmane, Ibrahim, Boubacar, Souleymane, Seydou, Abdoulaye, Aliou, Modibo, Bakary,
      Adama, Lassina, Drissa, Issa, Sidiki, Yacouba, Sékou, Cheick, Tiémoko, Siaka, Mahamadou, Hamidou, Hama, Issoufou, Moumouni,
      Salif, Karim, Idrissa, Mahamat, Abakar, Hissein, Adoum, Brahim, Youssouf, Mahamoud, Haroun, Ahmat, Saleh, Aïcha, Fatoumata,
      Aminata, Mariam, Kadiatou, Hawa, Oumou, Rokia, Assétou, Djénéba, Awa, Fanta, Halimatou, Zeinabou, Mohamed, Sidi, El Moctar,
      Ahmedou, Moulaye, Baba, Hamma, Mohamedou, Alassane, Tidiane, Lamine, Malick, Mountaga, Bréhima, Daouda, Fousseyni,
      Kalifa, Mamoutou, Nouhoum, Sambou, Soumaïla, Yaya, Zoumana, Boureima, Harouna, Abdourahamane, Alhousseini, Attaher`),
    family: w(`Traoré, Diarra, Coulibaly, Keïta, Maïga, Touré, Cissé, Sidibé, Diallo, Sangaré, Konaté, Doumbia, Dembélé,
      Sissoko, Kanté, Camara, Koné, Ouattara, Sanogo, Bagayoko, Dicko, Cissoko, Diabaté, Fofana, Guindo, Kassogué, Tembely,
      Dolo, Haïdara, Tall, Sow, Barry, Bah, Niang, Ndiaye, Ouédraogo, Sawadogo, Kaboré, Zongo, Compaoré, Ilboudo, Zerbo,
      Tapsoba, Garba, Seyni, Boukari, Hamani, Oumarou, Issaka, Haggar, Kalli, Djibrine, Hassane, Allamine, Nour, Béchir,
      Abdelkerim, Adoum, Yaya, Dagnon, Goïta, Samaké, Togola, Bengaly, Berthé, Daou, Kouyaté, Mariko, Simpara, Tangara,
      Dramé, Fané, Kamissoko, Kéita, Soumaré, Wagué, Baby, Ag Mohamed, Ould Mohamed, Ould Sidi, Ould Ahmed`),
  },
  somalia: {
    share: 0.08,
    nationalities: ['Somalia', 'Somalie', 'SOM', 'Somali'],
    given: w(`Mohamed, Ahmed, Abdi, Abdirahman, Abdullahi, Hassan, Hussein, Omar, Ali, Yusuf, Ibrahim, Ismail, Abdikarim,
      Abdiwali, Abdirashid, Mahad, Farah, Jama, Warsame, Said, Hirsi, Aden, Nur, Osman, Hawa, Fadumo, Hodan, Amina, Sahra,
      Asha, Halima, Ifrah, Ayaan, Abdiqani, Abdinasir, Bashir, Dahir, Guled, Khadar, Liban, Mukhtar, Salad, Sharmarke, Yasin,
      Zakariye, Faisal, Hamse, Idiris, Mohamud, Muse, Qasim, Shafi`),
    family: w(`Farah, Jama, Warsame, Hirsi, Aden, Nur, Osman, Dahir, Egal, Samatar, Gedi, Hersi, Yasin, Mohamud, Isse, Guled,
      Elmi, Abdille, Dualeh, Barre, Shire, Duale, Omar, Ali, Hassan, Abdi, Yusuf, Ahmed, Mohamed, Abdullahi, Ibrahim, Ismail,
      Adan, Bile, Colmiye, Dirie, Gabow, Hashi, Jibril, Kahiye, Lugundi, Madar, Noor, Qalib, Roble, Sugule, Tarabi, Waberi`),
  },
  mena: {
    share: 0.12,
    nationalities: ['Iraq', 'Irak', 'Syrie', 'Syrian Arab Republic', 'Yémen', 'Libye', 'Libya', 'Jordanie', 'Egypt', 'Tunisie'],
    given: w(`Mohammed, Ahmed, Ali, Hussein, Hassan, Abbas, Haidar, Karrar, Mustafa, Omar, Khalid, Saad, Faisal, Ziad, Walid,
      Tariq, Nabil, Samir, Salim, Yasser, Bassam, Hamza, Mahmoud, Anas, Laith, Muhannad, Firas, Ammar, Haitham, Wissam, Raed,
      Adel, Jamal, Nasser, Fadi, Rami, Sami, Marwan, Abdulrahman, Abdulaziz, Abdullah, Ibrahim, Yousef, Suleiman, Fatima,
      Zainab, Maryam, Noor, Huda, Rana, Layla, Samira, Bilal, Emad, Ghassan, Hisham, Issam, Kamal, Luay, Majid, Monther, Nizar,
      Osama, Qais, Riyad, Sufyan, Tamer, Usama, Wael, Yahya, Zuhair, Akram, Basil, Diaa, Hadi, Jasim, Mazen, Thamer`),
    family: w(`al-Jaburi, al-Dulaimi, al-Obeidi, al-Janabi, al-Zubaidi, al-Shammari, al-Tamimi, al-Khazraji, al-Hashimi,
      al-Rubaie, al-Maliki, al-Bayati, al-Saadi, al-Qaisi, al-Issawi, al-Khafaji, al-Hakim, Haddad, Khoury, Mansour, Saleh,
      Hamdan, Qasim, Abboud, Jaber, Darwish, Hijazi, al-Masri, al-Halabi, al-Shami, al-Homsi, Othman, al-Ahmar, Ba Salem,
      al-Amoudi, al-Warfalli, Zlitni, Misrati, Bensalem, Trabelsi, al-Karbouli, al-Mutlaq, al-Hamdani, al-Lami, al-Fatlawi,
      al-Mousawi, al-Kaabi, al-Sudani, al-Jubouri, al-Azzawi, al-Samarrai, al-Nuaimi, al-Harbi, al-Qahtani, al-Ghamdi, al-Otaibi,
      al-Shehri, al-Mansouri, Barakat, Nassar, Khalil, Sabbagh, Shaheen, Zaidan, al-Aswad, al-Baghdadi, al-Basri, al-Mosuli`),
  },
  afpak: {
    share: 0.05,
    nationalities: ['Afghanistan', 'Afghan', 'Pakistan', 'AFG'],
    given: w(`Mohammad, Abdul Rahim, Abdul Ghani, Abdul Hakim, Gul, Gul Agha, Wali, Noor, Mir, Sher, Zabihullah, Hayatullah,
      Najibullah, Rahmatullah, Samiullah, Ahmad Shah, Mohammad Nabi, Abdul Qadir, Bismillah, Habibullah, Nasrullah, Farid,
      Karim, Rahim, Naqib, Qasim, Hamid, Fazel, Lal, Ahmad, Mahmood, Shafiq, Rafiq, Tariq, Waheed, Zahir, Nazir, Bashir, Jalil,
      Khalil, Obaidullah, Amanullah, Ezatullah, Hekmatullah, Sadiq, Shams, Daud, Yaqub, Idrees`),
    family: w(`Khan, Noorzai, Achakzai, Popalzai, Barakzai, Alizai, Ishaqzai, Kakar, Wardak, Zadran, Mangal, Safi, Mohmand,
      Afridi, Yousafzai, Durrani, Ghilzai, Hotak, Tokhi, Rahimi, Karimi, Ahmadi, Hashimi, Stanikzai, Shinwari, Niazi, Sultani,
      Jalali, Amiri, Naderi, Qaderi, Sadat, Samadi, Zazai, Khostai, Paktiawal, Mashal, Ludin, Sahak, Taraki, Omari, Haidari`),
  },
  korea: {
    share: 0.03,
    nationalities: ['Korea', 'DPRK', 'PRK'],
    given: w(`Chol, Song Il, Nam Chol, Hyok, Myong Su, Yong Ho, Kwang Il, Jin Hyok, Hak Chol, Ho Nam, Il Song, Su Gil, Tae Song,
      Kyong Hui, Ok Sun, Myong Hui, Jong Su, Chang Ho, Sok Chol, Yong Nam, Kum Chol, Sung Il, Chun Song, Won Chol, Hyon Chol`),
    family: w(`Kim, Ri, Pak, Choe, Jong, Kang, Yun, Han, O, Sin, Ho, Jang, Hong, Mun, Ryu, Cha, Son, Ko, Nam, Paek, Chon, So`),
  },
};

export const REGIONS = Object.keys(POOLS) as Region[];

export function pickRegion(r: Rnd): Region {
  let x = r();
  for (const reg of REGIONS) {
    x -= POOLS[reg].share;
    if (x <= 0) return reg;
  }
  return 'greatlakes';
}

const SYLLABLES: Record<Region, { start: string[]; middle: string[]; end: string[] }> = {
  greatlakes: { start: w('Mu, Ka, Ki, Ma, Ba, Bi, Nya, Ndi, Nshi, Ha, Twa, Bu, Lu, Tshi, Ngo, Mbu, Ilu, Kala, Kabo, Mwa, Bya, Nku, Ru, Se, Mi'), middle: w('ka, ba, la, nga, mba, ndo, ku, si, mi, ye, ze, ra, ri, nyi, ma, na, ta, bo, ko, lo, mo, ngu, mbi, ndu, shi, yi, za'), end: w('a, e, i, o, u, ga, na, ye, mana, yimana, kuru, zima, nda, nga, mbe, ngo, la, ko') },
  car: { start: w('Nga, Gba, Ya, Ko, Ndo, Zou, Sa, Bé, Wa, Mbo, Kpa, Do, Yé, Gou, Ba'), middle: w('ka, la, ma, ngo, nza, ssi, ndi, kpa, gbo, lé, té, ra, mo, ko, ba'), end: w('a, é, i, o, ssé, ndé, kou, ba, ngo, mbi, la') },
  southsudan: { start: w('Ma, De, Ga, A, Ku, Lu, Cho, Ny, Tho, Wa, Ru, Bo, Ji, Ga, Ma'), middle: w('ya, je, ko, ra, ri, lu, ba, wu, nye, thi, ge'), end: w('k, ng, l, r, t, th, ny, ch, n, p, ok, ol, ang, uot, ieng, uol, ak') },
  sudan: { start: w('El, Abu, Ab, Ha, Mo, Sa, Ka, Ba, Ta, Nu'), middle: w('ba, ka, ra, ma, sha, ta, da, na, la, ga'), end: w('ker, din, rab, tom, nour, sir, gasim, bal, dab, mir') },
  sahel: { start: w('Dia, Ka, Ko, Sa, Ba, Sou, Si, Tou, Ma, Kou, Di, Dou, Ta, Ga, Oua'), middle: w('ra, ba, ma, ko, ne, ta, ga, ri, so, lo, mo'), end: w('ré, ra, té, ko, ta, ga, bé, ké, ma, ye, go, ba') },
  somalia: { start: w('Ca, Wa, Ha, Ga, Sa, Ma, Da, Ba, Xa, Qa, Ja'), middle: w('ra, li, ba, ma, de, sa, ha, ga'), end: w('an, ow, e, i, le, ane, ad, ax, aale') },
  mena: { start: w('al-Ka, al-Sa, al-Ha, al-Ja, al-Ma, al-Da, al-Ra, al-Ba, al-Za, al-Na, al-Qa, al-Sha, al-Ta'), middle: w('b, d, r, m, s, l, n, f, h, k, t, q, z, j, sh'), end: w('ani, awi, iri, ari, ali, ouni, abi, idi, oudi') },
  afpak: { start: w('Ka, Ra, Na, Sa, Ha, Za, Ba, Ma, Da, Ga, Wa'), middle: w('ri, kh, li, ra, mi, da, si, hi'), end: w('zai, khel, wal, i, yar, zada, ani') },
  korea: { start: w('Ch, K, S, J, H, Y, M, P, T, R, N'), middle: w('o, a, u, ae, yo, yu, i, eu'), end: w('ng, l, n, k, m, p, ') },
};

/** A family name made of a region's syllables: the long tail real name lists have and pools lack. */
export function syntheticFamily(r: Rnd, region: Region): string {
  const s = SYLLABLES[region];
  let out = pick(r, s.start);
  const n = region === 'korea' ? 1 : Math.floor(r() * 2);
  for (let i = 0; i < n; i++) out += pick(r, s.middle);
  out += pick(r, s.end);
  return out;
}

/**
 * A plausible person name of a region, as parts in the order the region writes them. With
 * `longTail`, half the family names are made of the region's syllables instead of drawn from the pool.
 */
export function regionalName(r: Rnd, region: Region, longTail = false): string[] {
  const p = POOLS[region];
  const g = () => pick(r, p.given);
  const f = () => (longTail && chance(r, 0.5) ? syntheticFamily(r, region) : pick(r, p.family));
  switch (region) {
    case 'greatlakes': {
      // "Nom Postnom Prénom" (Congolese), or "Prénom Nom"
      const x = r();
      if (x < 0.35) return [f(), f(), g()];
      if (x < 0.7) return [g(), f()];
      return [g(), f(), f()];
    }
    case 'car':
      return chance(r, 0.6) ? [f(), g()] : [g(), f()];
    case 'southsudan':
      return chance(r, 0.5) ? [g(), f(), f()] : [g(), f()];
    case 'sudan':
      return chance(r, 0.5) ? [g(), g(), f()] : [g(), g(), g(), f()];
    case 'sahel':
      return chance(r, 0.25) ? [g(), g(), f()] : [g(), f()];
    case 'somalia':
      return chance(r, 0.6) ? [g(), g(), f()] : [g(), f()];
    case 'mena':
      return chance(r, 0.5) ? [g(), g(), f()] : [g(), f()];
    case 'afpak':
      return chance(r, 0.5) ? [g(), f()] : [g(), g()];
    case 'korea':
      return [f(), g()];
  }
}

// ---------------------------------------------------------------------------------------------
// Perturbations

const QWERTY = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: Record<string, string> = {};
for (let row = 0; row < QWERTY.length; row++) {
  for (let i = 0; i < QWERTY[row]!.length; i++) {
    const c = QWERTY[row]![i]!;
    let n = '';
    if (i > 0) n += QWERTY[row]![i - 1];
    if (i < QWERTY[row]!.length - 1) n += QWERTY[row]![i + 1];
    NEIGHBOURS[c] = n;
  }
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

/** One typing error somewhere after the first letter of a random part: omission, neighbour key, doubled letter or swap. */
export function typo(r: Rnd, name: string): string {
  const positions: number[] = [];
  for (let i = 1; i < name.length; i++) if (isLetter(name[i]!) && isLetter(name[i - 1]!)) positions.push(i);
  if (!positions.length) return name;
  const i = pick(r, positions);
  const c = name[i]!;
  const lower = c.toLowerCase();
  const upper = c !== lower;
  const x = r();
  if (x < 0.3) return name.slice(0, i) + name.slice(i + 1); // omission
  if (x < 0.6) {
    const n = NEIGHBOURS[lower];
    if (!n) return name.slice(0, i) + name.slice(i + 1);
    const s = pick(r, [...n]);
    return name.slice(0, i) + (upper ? s.toUpperCase() : s) + name.slice(i + 1);
  }
  if (x < 0.8) return name.slice(0, i) + c + name.slice(i); // doubled
  if (i + 1 < name.length && isLetter(name[i + 1]!)) return name.slice(0, i) + name[i + 1] + c + name.slice(i + 2); // swap
  return name.slice(0, i) + name.slice(i + 1);
}

/** Spelling rewrites between French, English and other transliteration habits: [pattern, replacement]. */
const SPELLING_RULES: [RegExp, string][] = [
  [/ou/, 'u'],
  [/(?<![oq])u/, 'ou'],
  [/sh/, 'ch'],
  [/(?<!t)ch/, 'sh'],
  [/^j/, 'dj'],
  [/^dj/, 'j'],
  [/ee/, 'i'],
  [/oo/, 'ou'],
  [/([bdfgklmnprstz])\1/, '$1'],
  [/([aeiou])([lmnrs])([aeiou])/, '$1$2$2$3'],
  [/an$/, 'ane'],
  [/ane$/, 'an'],
  [/y/, 'i'],
  [/(?<=[aeiou])i(?=[aeiou])/, 'y'],
  [/^w(?=[aeiou])/, 'ou'],
  [/ai/, 'ei'],
  [/ei/, 'ai'],
  [/ay/, 'ai'],
  [/th/, 't'],
  [/ah$/, 'a'],
  [/(?<=[^aeiou])a$/, 'ah'],
  [/é/, 'e'],
  [/ï/, 'i'],
];

/** Vowel alternations of Arabic names in Latin script (Mohamed/Mohamad, Omer/Omar, Bashir/Bechir). */
const ARABIC_RULES: [RegExp, string][] = [
  [/q/, 'k'],
  [/q/, 'g'],
  [/k/, 'q'],
  [/(?<=[^aeiou])a(?=[^aeiou])/, 'e'],
  [/(?<=[^aeiou])e(?=[^aeiou])/, 'a'],
  [/(?<=[^aeiou])i(?=[^aeiou])/, 'e'],
  [/(?<=[^aeiou])u(?=[^aeiou])/, 'o'],
  [/(?<=[^aeiou])o(?=[^aeiou])/, 'u'],
  [/dh/, 'z'],
  [/dh/, 'd'],
  [/gh/, 'g'],
  [/kh/, 'k'],
  [/aa/, 'a'],
  [/ei/, 'ay'],
];

const KOREAN_PARTS: [RegExp, string][] = [
  [/^ri$/, 'li'],
  [/^ri$/, 'lee'],
  [/^ri$/, 'yi'],
  [/^pak$/, 'park'],
  [/^choe$/, 'choi'],
  [/^jong$/, 'chong'],
  [/^o$/, 'oh'],
  [/(?<=[^e])o(?=ng|l|k)/, 'eo'],
  [/^k(?=w)/, 'g'],
  [/ch(?=o)/, 'j'],
];

function applyOne(r: Rnd, token: string, rules: [RegExp, string][]): string {
  const lower = token.toLowerCase();
  const applicable = rules.filter(([re]) => re.test(lower));
  if (!applicable.length) return token;
  const [re, rep] = pick(r, applicable);
  const out = lower.replace(re, rep);
  return matchCase(token, out);
}

function matchCase(model: string, s: string): string {
  if (model === model.toUpperCase() && model !== model.toLowerCase()) return s.toUpperCase();
  if (model[0] && model[0] === model[0].toUpperCase()) return s.charAt(0).toUpperCase() + s.slice(1);
  return s;
}

export type Origin = 'arabic' | 'korean' | 'other';

/** One or two spelling changes on one or two parts of a name (French/English habits, Arabic vowels, Korean romanisations). */
export function spellingVariant(r: Rnd, parts: string[], origin: Origin): string[] {
  const out = [...parts];
  const changes = chance(r, 0.35) ? 2 : 1;
  for (let k = 0; k < changes; k++) {
    const i = Math.floor(r() * out.length);
    const rules = origin === 'arabic' ? (chance(r, 0.5) ? ARABIC_RULES : SPELLING_RULES) : origin === 'korean' ? KOREAN_PARTS.concat(SPELLING_RULES.slice(0, 2)) : SPELLING_RULES;
    out[i] = applyOne(r, out[i]!, rules);
  }
  return out;
}

/** Arabic-name transliteration habits on a whole name: the article, "Abd al-", hyphens. */
export function arabicTransliteration(r: Rnd, name: string): string {
  let s = name;
  const abd = /\bABD[ -]?AL[ -]([A-Z'’]+)/i;
  if (abd.test(s)) {
    const form = pick(r, ['Abdel $1', 'Abdul $1', 'Abdel-$1', 'Abdoul $1', 'Abd el $1', 'Abdul-$1']);
    s = s.replace(abd, form);
    if (chance(r, 0.3)) s = s.replace(/\b(Abdel|Abdul|Abdoul) ([A-Z])/i, (_m, a: string, b: string) => a + b.toLowerCase());
  }
  const art = /\b(AL|EL)[- ]([A-Z'’]+)/gi;
  if (art.test(s)) {
    const mode = pick(r, ['drop', 'el', 'space', 'keep']);
    s = s.replace(art, (_m, a: string, b: string) => (mode === 'drop' ? b : mode === 'el' ? `El-${b}` : mode === 'space' ? `${a} ${b}` : `${a}-${b}`));
  } else if (chance(r, 0.3)) {
    s = s.replace(/-/g, ' ');
  }
  return s;
}

const ACCENTABLE: [RegExp, string][] = [
  [/e(?=[^aeiou][aeiou])/, 'é'],
  [/e(?=[^aeiou]{2})/, 'è'],
  [/(?<=[ao])i/, 'ï'],
  [/(?<=[aeiou])e$/, 'é'],
];

/** Accents added on one part (as French clerks write), or all accents dropped when there are some. */
export function accentVariant(r: Rnd, parts: string[]): string[] {
  const joined = parts.join(' ');
  if (/[\u00C0-\u017F]/.test(joined)) return parts.map((p) => p.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  const out = [...parts];
  const candidates = out.map((_, i) => i).filter((i) => ACCENTABLE.some(([re]) => re.test(out[i]!.toLowerCase())));
  if (!candidates.length) return out;
  const i = pick(r, candidates);
  out[i] = applyOne(r, out[i]!, ACCENTABLE);
  return out;
}

const RELIGIOUS = new Set(['Sheikh', 'Cheikh', 'Mullah', 'Hadji', 'El Hadj']);

export const ROSTER_RANKS = [
  'Colonel', 'Col.', 'Col', 'Lt-Col', 'Lieutenant-Colonel', 'Lt Col', 'Lieutenant Colonel', 'Commandant', 'Cdt', 'Capitaine',
  'Cne', 'Capt.', 'Captain', 'Major', 'Maj.', 'Général', 'Gén.', 'Gal', 'Général de Brigade', 'Général de Division', 'Maj Gen',
  'Brig. Gen.', 'General', 'Colonel-Major', 'Colonel Major', 'Adjudant-Chef', 'Adjudant', 'Sergent', 'Sgt', 'Sergent-Chef',
  'Caporal', 'Lieutenant', 'Lt', 'Sous-Lieutenant', 'Brigadier', 'Sheikh', 'Cheikh', 'Mullah', 'Dr', 'Dr.', 'Hadji', 'El Hadj',
  'M.', 'Mr', 'Commissaire', 'Inspecteur',
];

/** A rank or title put in front of the name, or after a comma (religious titles only for Muslim names). */
export function withRank(r: Rnd, parts: string[], muslim = false): string {
  const rank = pick(r, muslim ? ROSTER_RANKS : ROSTER_RANKS.filter((x) => !RELIGIOUS.has(x)));
  const x = r();
  if (x < 0.7) return `${rank} ${parts.join(' ')}`;
  if (x < 0.85) return `${parts.join(' ')}, ${rank}`;
  return `${rank} ${parts[parts.length - 1]!.toUpperCase()}, ${parts.slice(0, -1).join(' ')}`;
}

/** Roster writing habits: FAMILY name in capitals first, all capitals, title case, or as given. */
export function rosterCase(r: Rnd, parts: string[]): string {
  const x = r();
  const title = (s: string) => s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
  if (x < 0.25) return [parts[parts.length - 1]!.toUpperCase(), ...parts.slice(0, -1).map(title)].join(' ');
  if (x < 0.45) return parts.join(' ').toUpperCase();
  if (x < 0.75) return parts.map(title).join(' ');
  return parts.join(' ');
}


const BOUND_ALWAYS = new Set(['abd', 'abdul', 'abdel', 'abdoul', 'abu', 'abou', 'bin', 'ben', 'ibn', 'ould', 'ag', 'al', 'el', 'ul', 'de', 'du']);

/**
 * The units of a name that a writer keeps or drops together: "ABD AL-BASET", "Abdul Basir", "bin Laden"
 * stay one unit; a unit is what reordering and dropping move around.
 */
export function nameUnits(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    let u = words[i]!;
    while (i < words.length - 1 && BOUND_ALWAYS.has(words[i]!.toLowerCase().replace(/[-’']/g, ''))) {
      i++;
      u += ' ' + words[i]!;
    }
    out.push(u);
  }
  return out.length ? out : words;
}


/**
 * Names from elsewhere, as a large sanctions list has them (Russia and Central Asia, China, Iran,
 * Latin America, the Balkans): for benchmark watchlists, whose entries are not all from the regions
 * a mission screens.
 */
const GLOBAL: { given: string[]; family: string[]; patronymic?: (g: string) => string }[] = [
  {
    given: w('Ivan, Sergei, Alexander, Dmitry, Andrei, Vladimir, Igor, Oleg, Yuri, Nikolai, Mikhail, Pavel, Viktor, Anatoly, Ruslan, Timur, Rustam, Bakhtiyor, Aslan, Magomed, Olga, Elena, Natalia, Irina, Svetlana'),
    family: w('Ivanov, Petrov, Sidorov, Smirnov, Kuznetsov, Popov, Volkov, Sokolov, Lebedev, Kozlov, Novikov, Morozov, Pavlov, Orlov, Zakharov, Karimov, Yusupov, Aliyev, Rakhimov, Tursunov, Nazarov, Sharipov, Gadzhiev, Magomedov, Kadyrov'),
    patronymic: (g) => g.replace(/[aeiouy]$/, '') + (/[aeiouy]$/.test(g) ? 'evich' : 'ovich'),
  },
  {
    given: w('Wei, Jian, Ming, Hua, Li, Jun, Hong, Ping, Yong, Qiang, Lei, Tao, Bin, Hui, Xin, Yan, Jing, Fang, Chen, Long'),
    family: w('Wang, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Xu, Sun, Ma, Zhu, Hu, Guo, He, Gao, Lin, Luo, Zheng'),
  },
  {
    given: w('Mohammad, Ali, Hossein, Reza, Mehdi, Hassan, Ahmad, Javad, Saeed, Majid, Mahmoud, Abbas, Hamid, Mostafa, Morteza, Masoud, Kazem, Gholam, Fereydoun, Bahram'),
    family: w('Hosseini, Mohammadi, Rezaei, Ahmadi, Karimi, Moradi, Jafari, Sadeghi, Rahimi, Heidari, Ghasemi, Kazemi, Abbasi, Najafi, Shirazi, Tehrani, Esfahani, Zadeh, Rostami, Salehi'),
  },
  {
    given: w('Juan, Carlos, José, Luis, Miguel, Jorge, Pedro, Alejandro, Fernando, Ricardo, Diego, Andrés, Manuel, Rafael, Javier, María, Ana, Carmen, Rosa, Lucía'),
    family: w('García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Cruz, Morales, Reyes, Ortiz, Castillo, Vargas'),
  },
  {
    given: w('Dragan, Milan, Zoran, Goran, Nikola, Stefan, Marko, Ivica, Branko, Slobodan, Ratko, Radovan, Željko, Miroslav, Vojislav'),
    family: w('Jovanović, Petrović, Nikolić, Marković, Đorđević, Stojanović, Ilić, Stanković, Pavlović, Milošević, Kovačević, Popović, Tomić, Babić, Lukić'),
  },
];

const GLOBAL_SYLLABLES = w('ka, ro, mi, la, ven, dor, sa, ni, ko, ta, ber, li, an, mar, to, ri, sel, na, do, gor');

/** A name from elsewhere (see GLOBAL): given name, sometimes a patronymic, and a family name, half of them synthetic. */
export function globalName(r: Rnd): string[] {
  const p = pick(r, GLOBAL);
  const given = pick(r, p.given);
  let family = pick(r, p.family);
  if (chance(r, 0.5)) {
    const stem = pick(r, GLOBAL_SYLLABLES) + pick(r, GLOBAL_SYLLABLES);
    family = family.replace(/^[^aeiouáéíóú]*[aeiouáéíóú]+[^aeiouáéíóú]*/i, stem.charAt(0).toUpperCase() + stem.slice(1));
  }
  const parts = [given];
  if (p.patronymic && chance(r, 0.6)) parts.push(p.patronymic(pick(r, p.given)));
  else if (chance(r, 0.3)) parts.push(pick(r, p.given));
  parts.push(family);
  return parts;
}
