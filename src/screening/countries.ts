/**
 * Country names to ISO 3166-1 alpha-2 codes, for comparing nationalities written differently by a
 * watchlist ("Democratic Republic of the Congo"), a roster ("RDC", "COD", "Congolaise") and
 * FollowTheMoney ("cd"). Reference data, not policy. Pure module, no I/O.
 */
import { foldLatin } from './normalise.ts';

// [alpha-2, alpha-3, names and adjectives in English and French...]
const COUNTRIES: string[][] = [
  ['AF', 'AFG', 'Afghanistan', 'Afghan', 'Afghane'],
  ['DZ', 'DZA', 'Algeria', 'Algérie', 'Algerian', 'Algérien', 'Algérienne'],
  ['AO', 'AGO', 'Angola', 'Angolan', 'Angolais', 'Angolaise'],
  ['BH', 'BHR', 'Bahrain', 'Bahreïn', 'Bahraini'],
  ['BD', 'BGD', 'Bangladesh', 'Bangladeshi'],
  ['BE', 'BEL', 'Belgium', 'Belgique', 'Belgian', 'Belge'],
  ['BJ', 'BEN', 'Benin', 'Bénin', 'Beninese', 'Béninois', 'Béninoise'],
  ['BA', 'BIH', 'Bosnia and Herzegovina', 'Bosnie-Herzégovine', 'Bosnian'],
  ['BF', 'BFA', 'Burkina Faso', 'Burkinabe', 'Burkinabè', 'Burkinabé'],
  ['BI', 'BDI', 'Burundi', 'Burundian', 'Burundais', 'Burundaise'],
  ['CM', 'CMR', 'Cameroon', 'Cameroun', 'Cameroonian', 'Camerounais', 'Camerounaise'],
  ['CA', 'CAN', 'Canada', 'Canadian', 'Canadien', 'Canadienne'],
  ['CF', 'CAF', 'Central African Republic', 'République centrafricaine', 'Centrafrique', 'RCA', 'CAR', 'Centrafricain', 'Centrafricaine', 'Central African'],
  ['TD', 'TCD', 'Chad', 'Tchad', 'Chadian', 'Tchadien', 'Tchadienne'],
  ['CN', 'CHN', 'China', 'Chine', 'Chinese', 'Chinois', 'Chinoise'],
  ['KM', 'COM', 'Comoros', 'Comores', 'Comorian'],
  ['CG', 'COG', 'Congo', 'Republic of the Congo', 'République du Congo', 'Congo-Brazzaville', 'Congo Brazzaville'],
  ['CD', 'COD', 'Democratic Republic of the Congo', 'République démocratique du Congo', 'RDC', 'DRC', 'DR Congo', 'Congo-Kinshasa', 'Congo Kinshasa', 'Zaire', 'Zaïre', 'Congolese', 'Congolais', 'Congolaise'],
  ['CI', 'CIV', "Côte d'Ivoire", 'Ivory Coast', 'Ivorian', 'Ivoirien', 'Ivoirienne'],
  ['DJ', 'DJI', 'Djibouti', 'Djiboutian', 'Djiboutien', 'Djiboutienne'],
  ['EG', 'EGY', 'Egypt', 'Égypte', 'Egyptian', 'Égyptien', 'Égyptienne'],
  ['ER', 'ERI', 'Eritrea', 'Érythrée', 'Eritrean', 'Érythréen', 'Érythréenne'],
  ['ET', 'ETH', 'Ethiopia', 'Éthiopie', 'Ethiopian', 'Éthiopien', 'Éthiopienne'],
  ['FR', 'FRA', 'France', 'French', 'Français', 'Française'],
  ['GA', 'GAB', 'Gabon', 'Gabonese', 'Gabonais', 'Gabonaise'],
  ['GM', 'GMB', 'Gambia', 'Gambie', 'Gambian'],
  ['GE', 'GEO', 'Georgia', 'Géorgie', 'Georgian'],
  ['DE', 'DEU', 'Germany', 'Allemagne', 'German', 'Allemand', 'Allemande'],
  ['GH', 'GHA', 'Ghana', 'Ghanaian', 'Ghanéen', 'Ghanéenne'],
  ['GN', 'GIN', 'Guinea', 'Guinée', 'Guinean', 'Guinéen', 'Guinéenne'],
  ['GW', 'GNB', 'Guinea-Bissau', 'Guinée-Bissau', 'Bissau-Guinean'],
  ['HT', 'HTI', 'Haiti', 'Haïti', 'Haitian', 'Haïtien', 'Haïtienne'],
  ['IN', 'IND', 'India', 'Inde', 'Indian', 'Indien', 'Indienne'],
  ['ID', 'IDN', 'Indonesia', 'Indonésie', 'Indonesian', 'Indonésien', 'Indonésienne'],
  ['IR', 'IRN', 'Iran', 'Iran (Islamic Republic of)', 'Islamic Republic of Iran', "République islamique d'Iran", 'Iranian', 'Iranien', 'Iranienne'],
  ['IQ', 'IRQ', 'Iraq', 'Irak', 'Iraqi', 'Irakien', 'Irakienne'],
  ['IL', 'ISR', 'Israel', 'Israël', 'Israeli', 'Israélien', 'Israélienne'],
  ['JO', 'JOR', 'Jordan', 'Jordanie', 'Jordanian', 'Jordanien', 'Jordanienne'],
  ['KZ', 'KAZ', 'Kazakhstan', 'Kazakh'],
  ['KE', 'KEN', 'Kenya', 'Kenyan', 'Kényan', 'Kényane'],
  ['KP', 'PRK', "Democratic People's Republic of Korea", 'North Korea', 'DPRK', 'Corée du Nord', 'République populaire démocratique de Corée', 'North Korean', 'Nord-Coréen'],
  ['KR', 'KOR', 'Republic of Korea', 'South Korea', 'Corée du Sud', 'South Korean'],
  ['KW', 'KWT', 'Kuwait', 'Koweït', 'Kuwaiti', 'Koweïtien'],
  ['KG', 'KGZ', 'Kyrgyzstan', 'Kirghizistan', 'Kyrgyz'],
  ['LB', 'LBN', 'Lebanon', 'Liban', 'Lebanese', 'Libanais', 'Libanaise'],
  ['LR', 'LBR', 'Liberia', 'Libéria', 'Liberian', 'Libérien', 'Libérienne'],
  ['LY', 'LBY', 'Libya', 'Libye', 'Libyan Arab Jamahiriya', 'Libyan', 'Libyen', 'Libyenne'],
  ['MG', 'MDG', 'Madagascar', 'Malagasy', 'Malgache'],
  ['MW', 'MWI', 'Malawi', 'Malawian'],
  ['MY', 'MYS', 'Malaysia', 'Malaisie', 'Malaysian', 'Malaisien'],
  ['ML', 'MLI', 'Mali', 'Malian', 'Malien', 'Malienne'],
  ['MR', 'MRT', 'Mauritania', 'Mauritanie', 'Mauritanian', 'Mauritanien', 'Mauritanienne'],
  ['MA', 'MAR', 'Morocco', 'Maroc', 'Moroccan', 'Marocain', 'Marocaine'],
  ['MZ', 'MOZ', 'Mozambique', 'Mozambican', 'Mozambicain'],
  ['NA', 'NAM', 'Namibia', 'Namibie', 'Namibian'],
  ['NL', 'NLD', 'Netherlands', 'Pays-Bas', 'Dutch', 'Néerlandais'],
  ['NE', 'NER', 'Niger', 'Nigerien', 'Nigérien', 'Nigérienne'],
  ['NG', 'NGA', 'Nigeria', 'Nigéria', 'Nigerian', 'Nigérian', 'Nigériane'],
  ['NO', 'NOR', 'Norway', 'Norvège', 'Norwegian', 'Norvégien'],
  ['OM', 'OMN', 'Oman', 'Omani'],
  ['PK', 'PAK', 'Pakistan', 'Pakistani', 'Pakistanais', 'Pakistanaise'],
  ['PS', 'PSE', 'State of Palestine', 'Palestine', 'État de Palestine', 'Palestinian', 'Palestinien', 'Palestinienne'],
  ['PH', 'PHL', 'Philippines', 'Filipino', 'Philippin', 'Philippine'],
  ['QA', 'QAT', 'Qatar', 'Qatari', 'Qatarien'],
  ['RU', 'RUS', 'Russian Federation', 'Russia', 'Russie', 'Fédération de Russie', 'Russian', 'Russe', 'former Soviet Union', 'USSR', 'URSS'],
  ['RW', 'RWA', 'Rwanda', 'Rwandan', 'Rwandais', 'Rwandaise'],
  ['SA', 'SAU', 'Saudi Arabia', 'Arabie saoudite', 'Saudi', 'Saoudien', 'Saoudienne'],
  ['SN', 'SEN', 'Senegal', 'Sénégal', 'Senegalese', 'Sénégalais', 'Sénégalaise'],
  ['SL', 'SLE', 'Sierra Leone', 'Sierra Leonean'],
  ['SO', 'SOM', 'Somalia', 'Somalie', 'Somali', 'Somalien', 'Somalienne'],
  ['ZA', 'ZAF', 'South Africa', 'Afrique du Sud', 'South African', 'Sud-Africain'],
  ['SS', 'SSD', 'South Sudan', 'Soudan du Sud', 'South Sudanese', 'Sud-Soudanais', 'Sud-Soudanaise'],
  ['SD', 'SDN', 'Sudan', 'Soudan', 'Sudanese', 'Soudanais', 'Soudanaise'],
  ['SE', 'SWE', 'Sweden', 'Suède', 'Swedish', 'Suédois'],
  ['SY', 'SYR', 'Syrian Arab Republic', 'Syria', 'Syrie', 'République arabe syrienne', 'Syrian', 'Syrien', 'Syrienne'],
  ['TJ', 'TJK', 'Tajikistan', 'Tadjikistan', 'Tajik'],
  ['TZ', 'TZA', 'United Republic of Tanzania', 'Tanzania', 'Tanzanie', 'Tanzanian', 'Tanzanien', 'Tanzanienne'],
  ['TG', 'TGO', 'Togo', 'Togolese', 'Togolais', 'Togolaise'],
  ['TT', 'TTO', 'Trinidad and Tobago', 'Trinité-et-Tobago'],
  ['TN', 'TUN', 'Tunisia', 'Tunisie', 'Tunisian', 'Tunisien', 'Tunisienne'],
  ['TR', 'TUR', 'Türkiye', 'Turkey', 'Turquie', 'Turkish', 'Turc', 'Turque'],
  ['TM', 'TKM', 'Turkmenistan', 'Turkménistan', 'Turkmen'],
  ['UG', 'UGA', 'Uganda', 'Ouganda', 'Ugandan', 'Ougandais', 'Ougandaise'],
  ['AE', 'ARE', 'United Arab Emirates', 'Émirats arabes unis', 'UAE', 'Emirati'],
  ['GB', 'GBR', 'United Kingdom of Great Britain and Northern Ireland', 'United Kingdom', 'UK', 'Royaume-Uni', 'British', 'Britannique'],
  ['US', 'USA', 'United States of America', 'United States', 'États-Unis', "États-Unis d'Amérique", 'American', 'Américain', 'Américaine'],
  ['UZ', 'UZB', 'Uzbekistan', 'Ouzbékistan', 'Uzbek', 'Ouzbek'],
  ['YE', 'YEM', 'Yemen', 'Yémen', 'Yemeni', 'Yéménite'],
  ['ZM', 'ZMB', 'Zambia', 'Zambie', 'Zambian'],
  ['ZW', 'ZWE', 'Zimbabwe', 'Zimbabwean'],
];

const BY_NAME = new Map<string, string>();
for (const row of COUNTRIES) {
  const code = row[0]!;
  for (const name of row) {
    const k = countryKey(name);
    if (!BY_NAME.has(k)) BY_NAME.set(k, code);
  }
}

function countryKey(s: string): string {
  return foldLatin(s).replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * The ISO alpha-2 code of a country name, code or adjective in English or French; for a value not in
 * the table, its folded form (so that two identical unknown values still compare equal); null when empty.
 */
export function countryCode(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const k = countryKey(value);
  if (!k || k === 'na' || k === 'n a' || k === 'unknown' || k === 'inconnu' || k === 'inconnue') return null;
  return BY_NAME.get(k) ?? k;
}
