import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTECTION_CONFIG } from './config.ts';
import { defendantRank, type JusticeCase, justiceFigures, matchRank, rankAt, rankBand } from './justice.ts';

const config = DEFAULT_PROTECTION_CONFIG;

describe('rank bands', () => {
  it('reads English and French rank names in any case, with or without accents and hyphens', () => {
    for (const r of ['Lieutenant-Colonel', 'LIEUTENANT COLONEL', 'lieutenant-colonel', 'Lt.-Col.', 'Lt Col', 'Colonel', 'Major', 'Commandant']) {
      expect(rankBand(r, config), r).toBe('senior-officers');
    }
    for (const r of ['Général-Major', 'général major', 'Major General', 'Général de brigade', 'GENERAL DE BRIGADE', 'Brigadier General', 'Lieutenant-Général', 'Général d’armée', "Général d'armée", 'Gén.']) {
      expect(rankBand(r, config), r).toBe('general-officers');
    }
    for (const r of ['Sous-Lieutenant', 'sous lieutenant', 'S/Lt', 'Capitaine', 'Captain', 'Lieutenant']) expect(rankBand(r, config), r).toBe('junior-officers');
    for (const r of ['Sergent-Chef', 'sergent chef', 'Adjudant-chef', 'Staff Sergeant', 'Maréchal des logis-chef']) expect(rankBand(r, config), r).toBe('non-commissioned-officers');
    for (const r of ['Soldat de 1ère classe', 'SOLDAT DE PREMIERE CLASSE', '1re classe', 'Caporal-chef', 'Private', 'Agent de police', 'Brigadier-chef']) {
      expect(rankBand(r, config), r).toBe('rank-and-file');
    }
  });

  it('prefers the whole name, then the longest known beginning', () => {
    expect(matchRank('Colonel (retired)', config)).toEqual({ band: 'senior-officers', matched: 'colonel', exact: false });
    expect(rankBand('Capitaine de frégate', config)).toBe('senior-officers'); // not "capitaine"
    expect(rankBand('Lieutenant de vaisseau', config)).toBe('junior-officers');
    expect(rankBand('Maréchal', config)).toBe('general-officers');
    expect(rankBand('Maréchal des logis', config)).toBe('non-commissioned-officers');
    expect(matchRank('Major', config)!.exact).toBe(true);
  });

  it('does not guess unknown or empty names', () => {
    expect(rankBand('Chef de milice', config)).toBeNull();
    expect(rankBand('', config)).toBeNull();
    expect(rankBand('  -- ', config)).toBeNull();
    expect(rankBand(null, config)).toBeNull();
  });

  it('follows the configuration', () => {
    const c = structuredClone(config);
    c.rankBands.find((b) => b.code === 'general-officers')!.ranks.push('Chef d’état-major de milice');
    expect(rankBand('chef d etat major de milice', c)).toBe('general-officers');
  });

  it('reads the rank at the time of the crime from a dated rank history', () => {
    const history = [
      { rank: 'Capitaine', from: '2010', to: '2014-06' },
      { rank: 'Major', from: '2014-07' },
    ];
    expect(rankAt(history, '2013-05-02')).toBe('Capitaine');
    expect(rankAt(history, '2019-01-01')).toBe('Major');
    expect(rankAt(history, '2009-12-31')).toBeNull();
    expect(defendantRank({ id: 'x', rankAtCrime: 'Colonel', rankHistory: history, crimeDate: '2013-05-02' })).toBe('Colonel');
  });
});

/**
 * Seeded cases. Hand count:
 *   army (8): d1 Soldat de 1ère classe C, d2 CAPORAL C, d3 Sergent-chef A, d4 Lieutenant-Colonel C,
 *             d11 Général de brigade P, d12 Capitaine (from history) C, d14 Soldat C, d15 sdt C
 *   police (3): d5 Agent de police C, d6 commissaire supérieur P (no outcome), d7 Brigadier-chef C
 *   gendarmerie (1): d13 Gendarme charges dropped
 *   non-state (3): d8 "Chef de milice" C, d9 self-styled général A, d10 no rank C
 */
const cases: JusticeCase[] = [
  {
    id: 'C1',
    courtType: 'mobile',
    stage: 'judgment',
    defendants: [
      { id: 'd1', affiliation: 'army', rankAtCrime: 'Soldat de 1ère classe', outcome: 'convicted' },
      { id: 'd2', affiliation: 'army', rankAtCrime: 'CAPORAL', outcome: 'convicted' },
      { id: 'd3', affiliation: 'army', rankAtCrime: 'Sergent-chef', outcome: 'acquitted' },
      { id: 'd4', affiliation: 'army', rankAtCrime: 'Lieutenant-Colonel', outcome: 'convicted' },
    ],
  },
  {
    id: 'C2',
    courtType: 'military',
    stage: 'trial',
    defendants: [
      { id: 'd5', affiliation: 'police', rankAtCrime: 'Agent de police', outcome: 'convicted' },
      { id: 'd6', affiliation: 'police', rankAtCrime: 'commissaire supérieur' },
      { id: 'd7', affiliation: 'police', rankAtCrime: 'Brigadier-chef', outcome: 'convicted' },
    ],
  },
  {
    id: 'C3',
    courtType: 'civilian',
    defendants: [
      { id: 'd8', affiliation: 'non-state', rankAtCrime: 'Chef de milice', outcome: 'convicted' },
      { id: 'd9', affiliation: 'non-state', rankAtCrime: 'général', outcome: 'acquitted' },
      { id: 'd10', affiliation: 'non-state', outcome: 'convicted' },
    ],
  },
  {
    id: 'C4',
    courtType: 'special-criminal-court',
    defendants: [
      { id: 'd11', affiliation: 'army', rankAtCrime: 'Général de brigade', outcome: 'pending' },
      { id: 'd12', affiliation: 'army', rankHistory: [{ rank: 'Capitaine', from: '2010', to: '2014-06' }, { rank: 'Major', from: '2014-07' }], crimeDate: '2013-05-02', outcome: 'convicted' },
      { id: 'd13', affiliation: 'gendarmerie', rankAtCrime: 'Gendarme', outcome: 'charges-dropped' },
    ],
  },
  {
    id: 'C5',
    courtType: 'military',
    defendants: [
      { id: 'd14', affiliation: 'army', rankAtCrime: 'Soldat', outcome: 'convicted' },
      { id: 'd15', affiliation: 'army', rankAtCrime: 'sdt', outcome: 'convicted' },
    ],
  },
];

describe('justice figures', () => {
  const f = justiceFigures(cases, config);
  const counts = (r: { cases: number; defendants: number; convictions: number; acquittals: number; pending: number; other: number }) => [r.cases, r.defendants, r.convictions, r.acquittals, r.pending, r.other];

  it('totals cases, defendants and outcomes', () => {
    expect(counts(f.total)).toEqual([5, 15, 10, 2, 2, 1]);
  });

  it('by affiliation, in configuration order, matching the hand count', () => {
    const row = (k: string) => f.byAffiliation.find((r) => r.key === k)!;
    expect(counts(row('army'))).toEqual([3, 8, 6, 1, 1, 0]);
    expect(counts(row('police'))).toEqual([1, 3, 2, 0, 1, 0]);
    expect(counts(row('gendarmerie'))).toEqual([1, 1, 0, 0, 0, 1]);
    expect(counts(row('non-state'))).toEqual([1, 3, 2, 1, 0, 0]);
    expect(counts(row('intelligence'))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(f.byAffiliation.map((r) => r.key).slice(0, 3)).toEqual(['army', 'police', 'gendarmerie']);
    expect(row('army').fr).toBe('Armée');
  });

  it('by rank band, lowest first, showing that trials reach the rank and file, rarely generals', () => {
    const row = (k: string) => f.byRankBand.find((r) => r.key === k)!;
    expect(f.byRankBand.map((r) => r.key)).toEqual(['rank-and-file', 'non-commissioned-officers', 'junior-officers', 'senior-officers', 'general-officers', 'unrecognised', 'not-recorded']);
    expect(counts(row('rank-and-file'))).toEqual([4, 7, 6, 0, 0, 1]);
    expect(counts(row('non-commissioned-officers'))).toEqual([1, 1, 0, 1, 0, 0]);
    expect(counts(row('junior-officers'))).toEqual([1, 1, 1, 0, 0, 0]);
    expect(counts(row('senior-officers'))).toEqual([2, 2, 1, 0, 1, 0]);
    expect(counts(row('general-officers'))).toEqual([2, 2, 0, 1, 1, 0]);
    expect(counts(row('unrecognised'))).toEqual([1, 1, 1, 0, 0, 0]);
    expect(counts(row('not-recorded'))).toEqual([1, 1, 1, 0, 0, 0]);
    expect(row('general-officers').fr).toBe('Officiers généraux');
    expect(row('unrecognised').fr).toBe('Grade non reconnu');
    expect(row('rank-and-file').convictions).toBeGreaterThan(row('general-officers').convictions);
  });

  it('crosses affiliation and rank band, and lists the rank names it could not place', () => {
    expect(f.matrix['army']!['rank-and-file']).toMatchObject({ defendants: 4, convictions: 4, cases: 2 });
    expect(f.matrix['army']!['general-officers']).toMatchObject({ defendants: 1, pending: 1, convictions: 0 });
    expect(f.matrix['non-state']!['general-officers']).toMatchObject({ defendants: 1, acquittals: 1 });
    expect(f.unrecognisedRanks).toEqual([{ rank: 'Chef de milice', defendants: 1 }]);
  });

  it('can be limited to some courts', () => {
    const military = justiceFigures(cases, config, { courtTypes: ['military'] });
    expect(counts(military.total)).toEqual([2, 5, 4, 0, 1, 0]);
  });

  it('uses the configured outcome categories', () => {
    const c = structuredClone(config);
    c.caseOutcomes.find((o) => o.code === 'charges-dropped')!.category = 'acquittal';
    expect(justiceFigures(cases, c).total.acquittals).toBe(3);
  });
});
