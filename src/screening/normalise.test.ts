import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG as C, screeningConfigSchema, type ScreeningConfig } from './config.ts';
import { foldLatin, matchingParts, normaliseName, transliterateArabic, transliterateCyrillic } from './normalise.ts';

const parts = (s: string, config: ScreeningConfig = C) => matchingParts(normaliseName(s, config));
const stripped = (s: string) => normaliseName(s, C).stripped.map((t) => t.text);

describe('default configuration', () => {
  it('is valid against its own schema and survives a JSON round trip', () => {
    expect(screeningConfigSchema.safeParse(C).success).toBe(true);
    const copy = JSON.parse(JSON.stringify(C)) as ScreeningConfig;
    expect(screeningConfigSchema.parse(copy)).toEqual(C);
  });

  it('never maps one spelling to two different canonical names', () => {
    const seen = new Map<string, string>();
    for (const cls of C.equivalences) {
      for (const v of [cls.canonical, ...cls.variants]) {
        const key = v.toLowerCase().normalize('NFC');
        const prev = seen.get(key);
        expect(prev === undefined || prev === cls.canonical, `${v} is in ${prev} and ${cls.canonical}`).toBe(true);
        seen.set(key, cls.canonical);
      }
    }
  });

  it('rejects an edited configuration with a threshold outside 0..1, naming the field', () => {
    const bad = screeningConfigSchema.safeParse({ ...C, threshold: 1.5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(['threshold']);
  });
});

describe('case, accents and punctuation', () => {
  it('folds case and accents and spells out special letters', () => {
    expect(foldLatin('Jérôme ÉLÉONORE Øster Łukasz Straße')).toBe('jerome eleonore oster lukasz strasse');
    expect(parts('JÉRÔME  Kalume-Kahindo')).toEqual(['jerome', 'kalume', 'kahindo']);
  });

  it('joins letters across apostrophes and splits on hyphens, dots and commas', () => {
    expect(parts("SA'D N’Djamena")).toEqual(['sad', 'ndjamena']);
    expect(parts('Ntaganda,Bosco')).toEqual(['ntaganda', 'bosco']);
  });

  it('drops bare numbers and keeps alphanumeric parts', () => {
    const n = normaliseName('Jean 2 Mbala M23', C);
    expect(matchingParts(n)).toEqual(['jean', 'mbala', 'm23']);
    expect(n.dropped).toContain('2');
  });
});

describe('ranks, titles and honorifics', () => {
  it.each([
    ['Gen. Ali Darassa', 'Gen'],
    ['Général de Brigade Ali Darassa', 'Général de Brigade'],
    ['Général de Division Ali Darassa', 'Général de Division'],
    ['Maj Gen Ali Darassa', 'Maj Gen'],
    ['Lt Col Ali Darassa', 'Lt Col'],
    ['Lt. Col. Ali Darassa', 'Lt Col'],
    ['Lieutenant-Colonel Ali Darassa', 'Lieutenant Colonel'],
    ['Colonel-Major Ali Darassa', 'Colonel Major'],
    ['Colonel Major Ali Darassa', 'Colonel Major'],
    ['Cdt Ali Darassa', 'Cdt'],
    ['Commandant Ali Darassa', 'Commandant'],
    ['Capitaine Ali Darassa', 'Capitaine'],
    ['Capt. Ali Darassa', 'Capt'],
    ['Adjudant-chef Ali Darassa', 'Adjudant chef'],
    ['Sgt Ali Darassa', 'Sgt'],
    ['Sergent Ali Darassa', 'Sergent'],
    ['Brigadier Ali Darassa', 'Brigadier'],
    ['Major Ali Darassa', 'Major'],
    ['Colonel Ali Darassa', 'Colonel'],
    ['Col. Ali Darassa', 'Col'],
    ['GÉNÉRAL-MAJOR Ali Darassa', 'GÉNÉRAL MAJOR'],
    ['sous-lieutenant Ali Darassa', 'sous lieutenant'],
  ])('strips the rank in %s', (input, rank) => {
    expect(parts(input)).toEqual(['ali', 'darassa']);
    expect(stripped(input)).toEqual([rank]);
    expect(normaliseName(input, C).stripped[0]!.kind).toBe('rank');
  });

  it.each([
    ['Mr Ali Darassa'], ['M. Ali Darassa'], ['Mme Ali Darassa'], ['Dr. Ali Darassa'], ['Sheikh Ali Darassa'],
    ['Cheikh Ali Darassa'], ['Hajji Ali Darassa'], ['Mullah Ali Darassa'], ['Emir Ali Darassa'], ['El Hadj Ali Darassa'],
  ])('strips the honorific in %s', (input) => {
    expect(parts(input)).toEqual(['ali', 'darassa']);
    expect(normaliseName(input, C).stripped).toHaveLength(1);
  });

  it('takes the longest phrase first', () => {
    expect(stripped('Général de Brigade Ali Darassa')).toEqual(['Général de Brigade']);
    expect(stripped('Lieutenant Colonel Ali')).toEqual(['Lieutenant Colonel']);
  });

  it('strips several titles in a row and at the start of every segment', () => {
    expect(parts('Haji Mullah Sahib Jan')).toEqual(['sahib', 'jan']);
    expect(parts('MAKENGA, Colonel SULTANI')).toEqual(['makenga', 'sultani']);
    expect(parts('Ul-Haq, Dr. Amin')).toEqual(['haqq', 'amin']);
    expect(parts('“General” Sidiki Abbas')).toEqual(['sidiki', 'abbas']);
    expect(parts('(Sheikh) Musa Hilal')).toEqual(['musa', 'hilal']);
  });

  it('leaves a title-like word inside a name alone', () => {
    expect(parts('Ali Major Darassa')).toEqual(['ali', 'major', 'darassa']);
    expect(parts('Alshafee El-Sheikh')).toEqual(['alshafee', 'sheikh']);
  });

  it('does not strip a one-letter abbreviation without its full stop (an initial)', () => {
    expect(parts('M Jean Dupont')).toEqual(['m', 'jean', 'dupont']);
    expect(parts('M. Jean Dupont')).toEqual(['jean', 'dupont']);
  });

  it('keeps the words when the name would be nothing but titles', () => {
    expect(parts('Major')).toEqual(['major']);
    expect(normaliseName('Major', C).stripped).toEqual([]);
  });

  it('recognises Arabic-script ranks and honorifics', () => {
    expect(normaliseName('العقيد علي', C).stripped[0]!.kind).toBe('rank');
    expect(parts('الشيخ حسن')).toEqual(['hassan']);
  });

  it('takes the titles from the configuration it is given', () => {
    const custom: ScreeningConfig = { ...C, titles: [...C.titles, { text: 'Kapita', kind: 'title', lang: 'other' }] };
    expect(parts('Kapita Ali Darassa', custom)).toEqual(['ali', 'darassa']);
    expect(parts('Kapita Ali Darassa', C)).toEqual(['kapita', 'ali', 'darassa']);
  });
});

describe('equivalences', () => {
  it.each([
    ['mohamed', ['Mohamed', 'Mohammed', 'Muhammad', 'Mohamad', 'Mahamat', 'Mouhammad']],
    ['ahmed', ['Ahmed', 'Ahmad', 'Ahmat']],
    ['yusuf', ['Youssouf', 'Yusuf', 'Yousef']],
    ['ibrahim', ['Ibrahim', 'Ibrahima', 'Brahim']],
    ['musa', ['Moussa', 'Musa']],
    ['hassan', ['Hassan', 'Hasan']],
    ['hussein', ['Hussein', 'Husayn', 'Hussain']],
    ['abubakr', ['Abubakar', 'Aboubakar', 'Abu Bakr']],
    ['omar', ['Omar', 'Umar', 'Oumar']],
    ['osman', ['Osman', 'Usman', 'Ousmane', 'Uthman']],
    ['khalid', ['Khalid', 'Khaled']],
    ['abdullah', ['Abdullah', 'Abdallah', 'Abdoulaye', 'Abd Allah']],
  ])('maps the spellings of %s to one form', (canonical, spellings) => {
    for (const s of spellings) expect(parts(s), s).toEqual([canonical]);
  });

  it('marks a mapped part as an equivalent spelling and keeps what was written', () => {
    const t = normaliseName('Mahamat', C).tokens[0]!;
    expect(t).toMatchObject({ text: 'mohamed', original: 'Mahamat', via: 'equivalent' });
    expect(normaliseName('Mohamed', C).tokens[0]!.via).toBe('as-written');
  });

  it('keeps Joseph and Yusuf apart (see the configuration note)', () => {
    expect(parts('Joseph')).toEqual(['joseph']);
  });

  it('writes French compound given names the same joined, hyphenated or spaced', () => {
    expect(parts('Jean-Pierre Bemba')).toEqual(['jean', 'pierre', 'bemba']);
    expect(parts('Jeanpierre Bemba')).toEqual(['jean', 'pierre', 'bemba']);
    expect(parts('Jean Pierre Bemba')).toEqual(['jean', 'pierre', 'bemba']);
  });

  it('uses the equivalences of the configuration it is given', () => {
    const custom: ScreeningConfig = { ...C, equivalences: [...C.equivalences, { canonical: 'yusuf', variants: ['joseph'] }] };
    expect(parts('Joseph', custom)).toEqual(['yusuf']);
    expect(parts('Joseph', C)).toEqual(['joseph']);
  });
});

describe('particles and compounds', () => {
  it('joins Abd with the following part, whatever the spelling', () => {
    for (const s of ['Abd al-Rahman', 'Abdul Rahman', 'Abdel Rahman', 'Abdelrahman', 'Abderrahmane', 'Abdurrahman', 'Abdirahman', 'Abdoul Rahmane', 'Abd-al-Rahman']) {
      expect(parts(s), s).toEqual(['abdrahman']);
    }
    expect(normaliseName('Abd al-Karim', C).tokens[0]).toMatchObject({ text: 'abdkarim', original: 'Abd al Karim', via: 'joined' });
  });

  it('reads what is left of Allah after Abd as Abdullah, typos included', () => {
    for (const s of ['Abdulllah', 'Abdoullaie', 'Abdullaye', 'Abdulahi']) expect(parts(s), s).toEqual(['abdullah']);
  });

  it('joins weak forms (Abdi, Abdou) only with a divine name', () => {
    expect(parts('Abdi Rahman Farah')).toEqual(['abdrahman', 'farah']);
    expect(parts('Abdi Farah')).toEqual(['abdi', 'farah']);
    expect(parts('Abdou Diouf')).toEqual(['abdou', 'diouf']);
  });

  it('joins X al-Din in all its spellings', () => {
    for (const s of ['Nasr al-Din', 'Nasreddine', 'Nasr ad-Din', 'Nasr el Din']) expect(parts(s), s).toEqual(['nasrdin']);
    expect(parts('Saif-al-Din al-Mashhadani')).toEqual(['saifdin', 'mashhadani']);
  });

  it('drops the Arabic article before a part', () => {
    expect(parts('AL-TIKRITI')).toEqual(['tikriti']);
    expect(parts('Ali Hassan al Majid')).toEqual(['ali', 'hassan', 'majid']);
    expect(normaliseName('Ali al-Majid', C).dropped).toEqual(['al']);
  });

  it('marks son-of particles and connectors, which matching ignores', () => {
    const n = normaliseName('Mohamed Ould Abdel Aziz', C);
    expect(n.tokens.map((t) => [t.text, t.kind])).toEqual([['mohamed', 'name'], ['ould', 'particle'], ['abdaziz', 'name']]);
    expect(parts('Ahmed ben Youssef')).toEqual(['ahmed', 'yusuf']);
    expect(parts('Ahmed ibn Youssef')).toEqual(['ahmed', 'yusuf']);
    expect(parts('Ahmed Wuld Youssef')).toEqual(['ahmed', 'yusuf']);
    expect(parts('Jean de Dieu Mbala')).toEqual(['jean', 'dieu', 'mbala']);
  });

  it('keeps a leading "Ben" as a given name', () => {
    expect(parts('Ben Mbala')).toEqual(['ben', 'mbala']);
  });

  it('recognises initials', () => {
    const n = normaliseName('J. P. Bemba', C);
    expect(n.tokens.map((t) => t.kind)).toEqual(['initial', 'initial', 'name']);
    expect(matchingParts(n)).toEqual(['j', 'p', 'bemba']);
  });
});

describe('other scripts', () => {
  it('transliterates Arabic without inventing short vowels', () => {
    expect(transliterateArabic('التكريتي')).toBe('altkriti');
    expect(transliterateArabic('موسى')).toBe('musa');
  });

  it('maps well-known names written in Arabic script straight to their canonical form', () => {
    expect(parts('محمد أحمد')).toEqual(['mohamed', 'ahmed']);
    expect(parts('عبد الرحمن')).toEqual(['abdrahman']);
    expect(parts('عبدالله')).toEqual(['abdullah']);
  });

  it('splits the article off an Arabic word and marks the rest as written without vowels', () => {
    const n = normaliseName('صدام حسين التكريتي', C);
    expect(n.tokens.map((t) => t.text)).toEqual(['sdam', 'hussein', 'tkriti']);
    expect(n.tokens[2]).toMatchObject({ via: 'transliterated', vowelless: true, script: 'arabic' });
    expect(n.dropped).toEqual(['ال']);
  });

  it('joins a name written apart from Allah in Arabic script, as Latin writes it in one word', () => {
    const n = normaliseName('عتیق الله ولی محمد', C);
    expect(n.tokens.map((t) => t.text)).toEqual(['tiqullah', 'wli', 'mohamed']);
    expect(n.tokens[0]).toMatchObject({ via: 'joined', vowelless: true });
    expect(parts('عبد الله')).toEqual(['abdullah']);
  });

  it('transliterates Cyrillic', () => {
    expect(transliterateCyrillic('Умаров Доку Хаматович')).toBe('umarov doku khamatovich');
    expect(parts('Умаров Доку Хаматович')).toEqual(['umarov', 'doku', 'khamatovich']);
    expect(normaliseName('Доку', C).tokens[0]!.via).toBe('transliterated');
    expect(parts('Магомед')).toEqual(['mohamed']);
  });
});
