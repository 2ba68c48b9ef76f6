import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG as C, type ScreeningConfig } from './config.ts';
import { birthDateAdjustment, explain, genderAdjustment, nationalityAdjustment, WatchlistIndex, type Match, type WatchlistEntry } from './matcher.ts';

const ENTRIES: WatchlistEntry[] = [
  {
    list: 'un-sc', id: 'makenga', reference: 'CDi.008', type: 'individual',
    names: [{ name: 'SULTANI MAKENGA', quality: 'primary' }, { name: 'MAKENGA, Colonel SULTANI', quality: 'good' }, { name: 'Emmanuel Sultani Makenga', quality: 'low' }],
    birthDates: [{ type: 'exact', date: '1973-12-25' }], nationalities: ['Democratic Republic of the Congo'], gender: 'Male',
  },
  {
    list: 'un-sc', id: 'tikriti', type: 'individual',
    names: [{ name: 'ABD AL-RAHMAN SALIH HASAN AL-TIKRITI', quality: 'primary' }, { name: 'عبد الرحمن صالح حسن التكريتي', quality: 'good' }],
    birthDates: [{ type: 'between', from: 1955, to: 1958 }], nationalities: ['Iraq'],
  },
  { list: 'un-sc', id: 'kaina', names: [{ name: 'Innocent KAINA', quality: 'primary' }, { name: 'India Queen', quality: 'low' }], birthDates: [{ type: 'year', year: 1976 }] },
  { list: 'un-sc', id: 'rumuli', names: [{ name: 'GASTON IYAMUREMYE', quality: 'primary' }, { name: 'Rumuli', quality: 'low' }, { name: 'Victor Rumuri', quality: 'good' }] },
  { list: 'un-sc', id: 'umarov', names: [{ name: 'DOKU KHAMATOVICH UMAROV', quality: 'primary' }, { name: 'Умаров Доку Хаматович', quality: 'good' }] },
  { list: 'un-sc', id: 'darassa', names: [{ name: 'ALI DARASSA', quality: 'primary' }, { name: 'Général Ali Darassa', quality: 'low' }], birthDates: [{ type: 'approximately', year: 1975 }], gender: 'Male' },
  { list: 'national', id: 'n1', names: [{ name: 'Jean-Pierre Mbala Kasongo', quality: 'primary' }], gender: 'Male' },
  { list: 'national', id: 'n2', names: [{ name: 'Joseph Kabila Kabange', quality: 'primary' }] },
  { list: 'national', id: 'n3', names: [{ name: 'Mohamed Ould Abdel Aziz', quality: 'primary' }] },
];

const index = WatchlistIndex.build(ENTRIES, C);
const top = (q: Parameters<WatchlistIndex['screen']>[0], opts?: Parameters<WatchlistIndex['screen']>[1]): Match | undefined => index.screen(q, opts)[0];
const ids = (q: Parameters<WatchlistIndex['screen']>[0], opts?: Parameters<WatchlistIndex['screen']>[1]) => index.screen(q, opts).map((m) => m.id);

describe('matching name parts', () => {
  it('matches regardless of order, case, accents and a leading rank', () => {
    expect(top('Makenga Sultani')).toMatchObject({ id: 'makenga', score: 1 });
    expect(top('Col. Sultani MAKENGA')!.explanation.query.stripped).toEqual([{ text: 'Col', kind: 'rank', lang: 'en' }]);
    expect(top('GÉNÉRAL ALI DARASSA')!.id).toBe('darassa');
  });

  it('tolerates a dropped middle name, at a small cost', () => {
    const m = top('Abd al-Rahman al-Tikriti')!;
    expect(m.id).toBe('tikriti');
    expect(m.score).toBeGreaterThan(C.threshold);
    expect(m.score).toBeLessThan(1);
    expect(m.explanation.alignments.filter((a) => a.kind === 'missing-in-query').map((a) => a.entry)).toEqual(['SALIH', 'HASAN']);
  });

  it('tolerates an added given name, at a small cost', () => {
    const m = top('Emmanuel Innocent Kaina')!;
    expect(m.id).toBe('kaina');
    expect(m.score).toBeGreaterThan(C.threshold);
    expect(m.explanation.alignments.find((a) => a.kind === 'extra-in-query')!.query).toBe('Emmanuel');
  });

  it('does not match a different family name with the same given name', () => {
    expect(ids('Innocent Kabila')).toEqual([]);
    expect(ids('Sultani Mbala')).toEqual([]);
  });

  it('tolerates typos and spelling variants', () => {
    expect(top('Gaston Iyamuremie')!.id).toBe('rumuli');
    expect(top('Sultany Makenge')!.id).toBe('makenga');
    expect(top('Abderrahmane Saleh Hassan Tikriti')!.score).toBeGreaterThan(0.95);
  });

  it('matches initials against full given names', () => {
    const m = top('J. Kabila Kabange')!;
    expect(m.id).toBe('n2');
    expect(m.explanation.alignments.find((a) => a.kind === 'initial')).toMatchObject({ query: 'J', entry: 'Joseph' });
  });

  it('ignores son-of particles and matches "Abdel Aziz" to "Abd al-Aziz"', () => {
    expect(top('Mohamed Abd al-Aziz')!.id).toBe('n3');
  });

  it('matches a name written in Arabic script against the Latin form, and Cyrillic likewise', () => {
    const m = index.screen('عبد الرحمن صالح التكريتي', { exhaustive: false });
    expect(m[0]!.id).toBe('tikriti');
    const latinOnly = WatchlistIndex.build([{ ...ENTRIES[1]!, names: [ENTRIES[1]!.names[0]!] }], C);
    const t = latinOnly.screen('عبد الرحمن صالح حسن التكريتي')[0]!;
    expect(t.id).toBe('tikriti');
    expect(t.explanation.alignments.some((a) => a.kind === 'transliterated')).toBe(true);
    expect(top('Умаров Доку')!.id).toBe('umarov');
  });

  it('weighs a low-quality alias less than the same name as a good alias', () => {
    const low = top('Emmanuel Sultani Makenga', { threshold: 0.5 })!;
    expect(low.id).toBe('makenga');
    // the best form is the primary name (dropped "Emmanuel" costs less than the low-quality factor)
    const onlyLow = WatchlistIndex.build([{ list: 'x', id: '1', names: [{ name: 'Rumuli', quality: 'low' }] }], C).screen('Rumuli')[0]!;
    const asGood = WatchlistIndex.build([{ list: 'x', id: '1', names: [{ name: 'Rumuli', quality: 'good' }] }], C).screen('Rumuli')[0]!;
    expect(onlyLow.score).toBeCloseTo(C.quality.low);
    expect(asGood.score).toBe(1);
    expect(onlyLow.explanation.entry.quality).toBe('low');
  });

  it('returns one match per entry, with its best name form, best first', () => {
    const ms = index.screen('Sultani Makenga');
    expect(ms.filter((m) => m.id === 'makenga')).toHaveLength(1);
    expect(ms[0]!.name).toBe('SULTANI MAKENGA');
    const several = index.screen('Ali Darassa Kabila', { threshold: 0.3 });
    for (let i = 1; i < several.length; i++) expect(several[i - 1]!.score).toBeGreaterThanOrEqual(several[i]!.score);
  });

  it('filters by list and honours the threshold and limit options', () => {
    expect(ids('Jean-Pierre Mbala Kasongo', { lists: ['un-sc'] })).toEqual([]);
    expect(ids('Jean-Pierre Mbala Kasongo', { lists: ['national'] })).toEqual(['n1']);
    expect(ids('Sultani Makenge', { threshold: 0.999 })).toEqual([]);
    expect(index.screen('Ali Darassa Kabila', { threshold: 0.3, limit: 1 })).toHaveLength(1);
  });

  it('finds an indexed entry by list and id', () => {
    expect(index.entry('national', 'n2')!.names[0]!.name).toBe('Joseph Kabila Kabange');
    expect(index.entry('un-sc', 'n2')).toBeUndefined();
    expect(index.stats).toMatchObject({ entries: ENTRIES.length });
  });

  it('returns nothing for an empty name or a name of titles only', () => {
    expect(index.screen('')).toEqual([]);
    expect(index.screen('   ,  ')).toEqual([]);
  });

  it('takes its weights from the configuration it is built with', () => {
    const harsh: ScreeningConfig = { ...C, weights: { ...C.weights, droppedPart: 1 } };
    const strict = WatchlistIndex.build(ENTRIES, harsh).screen('Abd al-Rahman al-Tikriti', { threshold: 0.1 })[0]!;
    expect(strict.score).toBeLessThan(top('Abd al-Rahman al-Tikriti')!.score);
  });
});

describe('adjustments for birth date, nationality and gender', () => {
  it('adds a little for the same birth date and more the more precise', () => {
    expect(birthDateAdjustment(C, '1973-12-25', [{ type: 'exact', date: '1973-12-25' }])).toMatchObject({ outcome: 'same-day', delta: C.adjustments.birthDate.sameDay });
    expect(birthDateAdjustment(C, '1973-12', [{ type: 'exact', date: '1973-12-25' }])).toMatchObject({ outcome: 'same-month' });
    expect(birthDateAdjustment(C, '1973', [{ type: 'exact', date: '1973-12-25' }])).toMatchObject({ outcome: 'same-year', delta: C.adjustments.birthDate.sameYear });
    expect(birthDateAdjustment(C, '1956-03-01', [{ type: 'between', from: 1955, to: 1958 }])).toMatchObject({ outcome: 'within-range' });
    expect(birthDateAdjustment(C, '1977', [{ type: 'approximately', year: 1975 }])).toMatchObject({ outcome: 'within-range' });
  });

  it('is neutral for a close date and subtracts for a distant one', () => {
    expect(birthDateAdjustment(C, '1974', [{ type: 'year', year: 1973 }])).toMatchObject({ outcome: 'close', delta: 0 });
    expect(birthDateAdjustment(C, '1973-11-02', [{ type: 'exact', date: '1973-12-25' }])).toMatchObject({ outcome: 'close', delta: 0 });
    expect(birthDateAdjustment(C, '1990', [{ type: 'year', year: 1973 }])).toMatchObject({ outcome: 'mismatch', delta: C.adjustments.birthDate.mismatch });
  });

  it('takes the best of several listed dates, and nothing when a side has none', () => {
    expect(birthDateAdjustment(C, '1977', [{ type: 'year', year: 1960 }, { type: 'year', year: 1977 }])!.outcome).toBe('same-year');
    expect(birthDateAdjustment(C, undefined, [{ type: 'year', year: 1960 }])).toBeNull();
    expect(birthDateAdjustment(C, '1977', [])).toBeNull();
  });

  it('compares nationalities written as names, codes or French words', () => {
    expect(nationalityAdjustment(C, 'RDC', ['Democratic Republic of the Congo'])!.outcome).toBe('match');
    expect(nationalityAdjustment(C, 'cd', ['Democratic Republic of the Congo', 'Rwanda'])!.outcome).toBe('match');
    expect(nationalityAdjustment(C, 'Rwandaise', ['Rwanda'])!.outcome).toBe('match');
    expect(nationalityAdjustment(C, 'Ouganda', ['Rwanda'])).toMatchObject({ outcome: 'mismatch', delta: C.adjustments.nationality.mismatch });
    expect(nationalityAdjustment(C, '', ['Rwanda'])).toBeNull();
  });

  it('compares genders in English and French', () => {
    expect(genderAdjustment(C, 'F', 'Male')).toMatchObject({ outcome: 'mismatch', delta: C.adjustments.gender.mismatch });
    expect(genderAdjustment(C, 'homme', 'Male')!.outcome).toBe('match');
    expect(genderAdjustment(C, 'x', 'Male')).toBeNull();
  });

  it('moves the score of a match and says by how much', () => {
    const plain = top('Sultani Makenge')!;
    const same = top({ name: 'Sultani Makenge', birthDate: '1973-12-25', nationality: 'RDC' })!;
    const other = index.screen({ name: 'Sultani Makenge', birthDate: '1990-01-01', gender: 'F' }, { threshold: 0.1 })[0]!;
    expect(same.score).toBeGreaterThan(plain.score);
    expect(other.score).toBeLessThan(plain.score);
    expect(same.explanation.adjustments.map((a) => a.factor)).toEqual(['birthDate', 'nationality']);
    const sum = other.explanation.adjustments.reduce((s, a) => s + a.delta, 0);
    expect(other.score).toBeCloseTo(plain.score + sum, 2);
  });
});

describe('explanations', () => {
  it('are worked out when first read, unaffected by queries screened in between', () => {
    const m = top('Sultany Makenga')!;
    index.screen('Innocent Kaina');
    index.screen('Abd al-Rahman al-Tikriti');
    expect(m.explanation.alignments.map((a) => [a.query, a.entry])).toEqual([['Sultany', 'SULTANI'], ['Makenga', 'MAKENGA']]);
    expect(m.explanation.score).toBe(m.score);
    expect(JSON.parse(JSON.stringify(m)).explanation.score).toBe(m.score);
  });

  it('holds which query part matched which listed part and how', () => {
    const m = top({ name: 'Col. Sultany Makenga', birthDate: '1973' })!;
    const x = m.explanation;
    expect(x.entry).toMatchObject({ name: 'SULTANI MAKENGA', quality: 'primary' });
    expect(x.alignments).toEqual([
      expect.objectContaining({ query: 'Sultany', entry: 'SULTANI', kind: 'equivalent' }),
      expect.objectContaining({ query: 'Makenga', entry: 'MAKENGA', kind: 'exact', similarity: 1 }),
    ]);
    expect(x.score).toBe(m.score);
    expect(x.threshold).toBe(C.threshold);
  });

  it('labels typos with their distance', () => {
    const a = top('Gaston Iyamurenye')!.explanation.alignments.find((x) => x.kind === 'typo')!;
    expect(a).toMatchObject({ query: 'Iyamurenye', entry: 'IYAMUREMYE' });
    expect(a.distance).toBeGreaterThan(0);
  });

  it('reads in English and in French', () => {
    const m = top({ name: 'Col. Sultany Makenga', birthDate: '1973', nationality: 'Ouganda' })!;
    const en = explain(m, 'en');
    const fr = explain(m, 'fr');
    expect(en).toContain('Possible match with “SULTANI MAKENGA” (main name)');
    expect(en).toContain('rank “Col”');
    expect(en).toContain('“Sultany” = “SULTANI”: same name, other spelling');
    expect(en).toMatch(/Birth date: screened 1973, listed 1973-12-25: same year \(\+0\.03\)/);
    expect(en).toMatch(/Nationality: .*different \(−0\.05\)/);
    expect(fr).toContain('Correspondance possible avec « SULTANI MAKENGA » (nom principal)');
    expect(fr).toContain('grade « Col »');
    expect(fr).toContain('même nom, autre graphie');
    expect(fr).toMatch(/Date de naissance : contrôlé 1973, inscrit 1973-12-25 : même année \(\+0,03\)/);
    expect(fr).toMatch(/Nationalité : .*différent \(−0,05\)/);
  });

  it('explains dropped parts and low-quality aliases in both languages', () => {
    const m = top('Abd al-Rahman al-Tikriti')!;
    expect(explain(m, 'en')).toContain('“SALIH”: listed part absent from the screened name, counted at 30%');
    expect(explain(m, 'fr')).toContain('« SALIH » : élément inscrit absent du nom contrôlé, compté à 30 %');
    const low = WatchlistIndex.build([{ list: 'x', id: '1', names: [{ name: 'Rumuli', quality: 'low' }] }], C).screen('Rumuli')[0]!;
    expect(explain(low, 'en')).toContain('low-quality alias');
    expect(explain(low, 'fr')).toContain('alias de faible qualité');
  });
});

describe('blocking', () => {
  // A pseudo-random population of names from small pools, so that many share parts.
  const given = ['Mohamed', 'Ali', 'Jean', 'Pierre', 'Innocent', 'Moussa', 'Abdel Karim', 'Oumar', 'Fatima', 'Amina', 'Joseph', 'Hassan', 'Ibrahim', 'Youssouf'];
  const family = ['Kabila', 'Mbala', 'Traoré', 'Diarra', 'Ntaganda', 'Makenga', 'Al-Tikriti', 'Haroun', 'Kasongo', 'Ilunga', 'Mahamat', 'Deng', 'Garang', 'Abakar'];
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const entries: WatchlistEntry[] = [];
  for (let i = 0; i < 400; i++) {
    const parts = [pick(given), ...(rnd() < 0.4 ? [pick(given)] : []), pick(family), ...(rnd() < 0.3 ? [pick(family)] : [])];
    entries.push({ list: 'l', id: String(i), names: [{ name: parts.join(' '), quality: rnd() < 0.2 ? 'low' : 'primary' }, ...(rnd() < 0.1 ? [{ name: pick(family), quality: 'good' as const }] : [])] });
  }
  const big = WatchlistIndex.build(entries, C);
  const queries: string[] = [];
  for (let i = 0; i < 150; i++) {
    const parts = [pick(given), ...(rnd() < 0.5 ? [pick(given)] : []), pick(family)];
    if (rnd() < 0.3) parts.reverse();
    let q = parts.join(' ');
    if (rnd() < 0.3) q = q.replace(/a/, 'e');
    if (rnd() < 0.1) q = 'J. ' + pick(family);
    if (rnd() < 0.1) q = pick(family);
    queries.push(q);
  }

  it('finds exactly what scoring every name would find, at the default threshold', () => {
    for (const q of queries) {
      const fast = big.screen(q, { limit: 1000 }).map((m) => `${m.id}:${m.score}`);
      const slow = big.screen(q, { limit: 1000, exhaustive: true }).map((m) => `${m.id}:${m.score}`);
      expect(fast, q).toEqual(slow);
    }
  });

  it('widens when the threshold is below its ceiling, and still agrees', () => {
    const low = big.blockingCeiling() - 0.05;
    for (const q of queries.slice(0, 40)) {
      const fast = big.screen(q, { limit: 1000, threshold: low }).map((m) => `${m.id}:${m.score}`);
      const slow = big.screen(q, { limit: 1000, threshold: low, exhaustive: true }).map((m) => `${m.id}:${m.score}`);
      expect(fast, q).toEqual(slow);
    }
  });
});
