import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG as C } from './config.ts';
import { WatchlistIndex } from './matcher.ts';
import { parseUnConsolidatedList, unToWatchlistEntries } from './un-list.ts';

const SAMPLE = 'test/fixtures/screening/un-sample.xml';
const REAL = '../shared/data/un-sc-consolidated-list-2025-11-20.xml';

describe('UN consolidated list: sample fixture', () => {
  const parsed = parseUnConsolidatedList(readFileSync(SAMPLE));
  const byId = (id: string) => parsed.individuals.find((i) => i.dataId === id)!;

  it('reads individuals and entities, leaving out a record without DATAID and saying where', () => {
    expect(parsed.dateGenerated).toBe('2025-11-20T23:00:09.067Z');
    expect(parsed.individuals.map((i) => i.dataId)).toEqual(['6907993', '6908019', '6908311', '6908499']);
    expect(parsed.entities.map((e) => e.dataId)).toEqual(['6908402', '6908403']);
    const missing = parsed.problems.find((p) => p.reason.includes('without DATAID'))!;
    expect(missing).toMatchObject({ severity: 'error', element: 'INDIVIDUAL[5]' });
    expect(missing.line).toBe(readFileSync(SAMPLE, 'utf8').split('\n').findIndex((l) => l.includes('<FIRST_NAME>NO</FIRST_NAME>')) - 1);
  });

  it('joins FIRST_NAME … FOURTH_NAME and keeps the original script and the record line', () => {
    const t = byId('6908311');
    expect(t.name).toBe('ABD AL-RAHMAN SALIH HASAN AL-TIKRITI');
    expect(t.nameOriginalScript).toBe('عبد الرحمن صالح حسن التكريتي');
    expect(t).toMatchObject({ unListType: 'Iraq', referenceNumber: 'IQi.999', listedOn: '2004-04-07' });
    const lines = readFileSync(SAMPLE, 'utf8').split('\n');
    expect(lines[byId('6907993').line! - 1]!.trim()).toBe('<INDIVIDUAL>');
    expect(lines[byId('6907993').line!]!).toContain('6907993');
  });

  it('reads one or several nationalities, titles and designations', () => {
    expect(byId('6907993').nationalities).toEqual(['Democratic Republic of the Congo']);
    expect(byId('6908019').nationalities).toEqual(['Democratic Republic of the Congo', 'Rwanda']);
    expect(byId('6908019').designations).toEqual(['FDLR Interim President', 'FDLR-FOCA Major General']);
    expect(byId('6908019').titles).toEqual(['Military leader of the Mouvement du 23 Mars (M23)']);
  });

  it('keeps alias qualities apart and skips empty aliases', () => {
    expect(byId('6907993').aliases).toEqual([]);
    expect(byId('6908019').aliases).toEqual([
      { name: 'MAKENGA, Colonel SULTANI', quality: 'good' },
      { name: 'Emmanuel Sultani Makenga', quality: 'low', note: 'as reported in 2012' },
    ]);
    expect(parsed.entities[0]!.aliases.map((a) => a.quality)).toEqual(['aka', 'fka']);
    expect(parsed.entities[1]!.aliases).toEqual([{ name: 'FDLR', quality: 'unknown' }]);
  });

  it('reads every date-of-birth form', () => {
    expect(byId('6907993').birthDates).toEqual([{ type: 'year', year: 1971 }]);
    expect(byId('6908019').birthDates).toEqual([{ type: 'exact', date: '1973-12-25' }, { type: 'approximately', year: 1974 }]);
    expect(byId('6908311').birthDates).toEqual([
      { type: 'between', from: 1955, to: 1958, note: 'Approximately' },
      { type: 'exact', date: '1973-11', note: 'Nov. 1973' },
    ]);
    expect(byId('6908499').birthDates).toEqual([{ type: 'year', year: 1975 }, { type: 'year', year: 1977 }]);
    const p = parsed.problems.find((x) => x.reason.includes('30-35 years old'))!;
    expect(p).toMatchObject({ severity: 'warning', element: 'INDIVIDUAL[DATAID=6908311]/INDIVIDUAL_DATE_OF_BIRTH[3]' });
  });

  it('reads places of birth and documents, skipping empty ones', () => {
    expect(byId('6907993').placesOfBirth).toEqual([]);
    expect(byId('6908019').placesOfBirth).toEqual([{ city: 'Rutshuru', stateProvince: 'North Kivu', country: 'Democratic Republic of the Congo' }, { city: 'Kitshanga' }]);
    expect(byId('6908019').documents).toEqual([{ type: 'Passport', number: 'OP 0001234', issuingCountry: 'Democratic Republic of the Congo', dateOfIssue: '2009-04-01' }]);
    expect(byId('6907993').documents).toEqual([]);
  });

  it('converts to watchlist entries: aliases split on semicolons, alias birth dates kept', () => {
    const entries = unToWatchlistEntries(parsed);
    expect(entries).toHaveLength(6);
    const t = entries.find((e) => e.id === '6908311')!;
    expect(t.names).toEqual([
      { name: 'ABD AL-RAHMAN SALIH HASAN AL-TIKRITI', quality: 'primary' },
      { name: 'عبد الرحمن صالح حسن التكريتي', quality: 'good' },
      { name: 'Abdul Rahman Salih', quality: 'good' },
      { name: 'Abderrahmane Saleh', quality: 'good' },
    ]);
    expect(t.birthDates).toContainEqual({ type: 'exact', date: '1960-02-01' });
    expect(entries.find((e) => e.id === '6908019')!.names.map((n) => n.quality)).toEqual(['primary', 'good', 'low']);
    expect(entries.find((e) => e.id === '6908402')).toMatchObject({ type: 'entity', reference: 'CDe.001', names: [{ name: 'ADF', quality: 'primary' }, { name: 'Allied Democratic Forces', quality: 'good' }, { name: 'ADF/NALU', quality: 'good' }] });
  });

  it('reports a document that is not XML, or not the list, instead of throwing', () => {
    expect(parseUnConsolidatedList('<CONSOLIDATED_LIST><INDIVIDUALS>').problems[0]).toMatchObject({ severity: 'error', line: 1 });
    expect(parseUnConsolidatedList('<OTHER/>').problems[0]!.reason).toContain('CONSOLIDATED_LIST');
  });
});

describe.skipIf(!existsSync(REAL))('UN consolidated list: the real file of 2025-11-20', () => {
  const parsed = parseUnConsolidatedList(existsSync(REAL) ? readFileSync(REAL) : '');

  it('has 727 individuals and 273 entities, with unique ids and only date notes as problems', () => {
    expect(parsed.individuals).toHaveLength(727);
    expect(parsed.entities).toHaveLength(273);
    const ids = new Set([...parsed.individuals, ...parsed.entities].map((x) => x.dataId));
    expect(ids.size).toBe(1000);
    expect(parsed.problems.every((p) => p.severity === 'warning' && p.element!.includes('DATE_OF_BIRTH'))).toBe(true);
  });

  it('keeps good and low aliases, names in original script and several birth dates', () => {
    const all = parsed.individuals.flatMap((i) => i.aliases);
    expect(all.filter((a) => a.quality === 'good').length).toBeGreaterThan(1000);
    expect(all.filter((a) => a.quality === 'low').length).toBeGreaterThan(500);
    expect(parsed.individuals.filter((i) => i.nameOriginalScript).length).toBe(337);
    expect(parsed.entities.filter((e) => e.nameOriginalScript).length).toBe(42);
    expect(parsed.individuals.some((i) => i.birthDates.length > 5)).toBe(true);
    expect(parsed.individuals.flatMap((i) => i.birthDates).some((d) => d.type === 'between')).toBe(true);
    const makenga = parsed.individuals.find((i) => i.aliases.some((a) => a.name === 'MAKENGA, Colonel SULTANI'))!;
    expect(makenga.unListType).toBe('DRC');
  });

  it('screens a listed person by an alias with a rank, in French', () => {
    const index = WatchlistIndex.build(unToWatchlistEntries(parsed), C);
    const m = index.screen('Colonel Sultani Makenga')[0]!;
    expect(m.name.toUpperCase()).toContain('MAKENGA');
    expect(index.screen('Général Ali Darassa')[0]!.name.toUpperCase()).toContain('DARASSA');
  });
});
