import { describe, expect, it } from 'vitest';
import { problem, problemLocation, problemMessages, toFieldProblems } from './problems.ts';
import { parseRosterCsv } from './roster.ts';
import { parseUnConsolidatedList } from './un-list.ts';

describe('reading problems', () => {
  it('have every message in English and French, with the same parameters', () => {
    for (const [code, m] of Object.entries(problemMessages())) {
      expect(m.en, code).toBeTruthy();
      expect(m.fr, code).toBeTruthy();
      const params = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((x) => x[1]).sort();
      expect(params(m.fr), code).toEqual(params(m.en));
    }
    expect(problemMessages()['roster.empty-name']!.fr).toBe('nom vide, ligne écartée');
  });

  it('name where they are and why, in either language', () => {
    const p = problem('roster.bad-date', { value: '"1980-13"' }, { line: 3, column: 'date_naissance', severity: 'warning' });
    expect(p.reason).toBe('not a date (YYYY, YYYY-MM, YYYY-MM-DD or DD/MM/YYYY): "1980-13", ignored');
    expect(p.reasonFr).toBe('pas une date (AAAA, AAAA-MM, AAAA-MM-JJ ou JJ/MM/AAAA) : "1980-13", ignorée');
    expect(problemLocation(p, 'fr')).toBe('ligne 3, colonne date_naissance');
    expect(toFieldProblems([p], 'fr')).toEqual([{ field: 'ligne 3, colonne date_naissance', reason: p.reasonFr }]);
    expect(() => problem('no.such.code', {}, { severity: 'error' })).toThrow(/unknown screening problem code/);
  });

  it('come out of the readers with their codes', () => {
    expect(parseRosterCsv('nom\n\n"" \n').problems.map((x) => x.code)).toEqual(['roster.empty-name']);
    expect(parseUnConsolidatedList('<a><b></a>').problems[0]).toMatchObject({ code: 'xml.malformed', severity: 'error', line: 1 });
  });
});
