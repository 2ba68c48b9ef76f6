import { describe, expect, it } from 'vitest';
import { parseRosterCsv, rosterDate, rosterRowToQuery } from './roster.ts';
import { problemLocation } from './problems.ts';

describe('roster CSV', () => {
  it('reads the name and the optional columns', () => {
    const r = parseRosterCsv('name,birth_date,nationality,gender,unit,rank,service_number\nSultani Makenga,1973-12-25,COD,M,31e Brigade,Colonel,A-123\nInnocent Kaina,,,,,,\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, name: 'Sultani Makenga', birthDate: '1973-12-25', nationality: 'COD', gender: 'male', unit: '31e Brigade', rank: 'Colonel', extra: { service_number: 'A-123' } },
      { line: 3, name: 'Innocent Kaina', extra: {} },
    ]);
    expect(rosterRowToQuery(r.rows[0]!)).toEqual({ name: 'Sultani Makenga', birthDate: '1973-12-25', nationality: 'COD', gender: 'male' });
  });

  it('accepts French headers, semicolons, a BOM and French dates', () => {
    const r = parseRosterCsv('\uFEFFNom;Date de naissance;Nationalité;Sexe;Unité;Grade\r\nALI Darassa;05/03/1975;Centrafricaine;H;UPC;Général\r\n');
    expect(r.rows[0]).toMatchObject({ line: 2, name: 'ALI Darassa', birthDate: '1975-03-05', nationality: 'Centrafricaine', gender: 'male', unit: 'UPC', rank: 'Général' });
  });

  it('counts lines across quoted line breaks and blank lines', () => {
    const r = parseRosterCsv('name,unit\n"Kaina","1st\nBattalion"\n\nMakenga,M23\n');
    expect(r.rows.map((x) => [x.line, x.name])).toEqual([[2, 'Kaina'], [5, 'Makenga']]);
  });

  it('names the line and column of each problem', () => {
    const r = parseRosterCsv('name,birth_date,gender\n,1970,M\nAli,1970-13-01,X\nBob,12/1971,F\n');
    expect(r.rows.map((x) => x.name)).toEqual(['Ali', 'Bob']);
    expect(r.rows[1]!.birthDate).toBe('1971-12');
    expect(r.problems.map((p) => [problemLocation(p), p.severity])).toEqual([
      ['line 2, column name', 'error'],
      ['line 3, column birth_date', 'warning'],
      ['line 3, column gender', 'warning'],
    ]);
  });

  it('refuses a file without a name column, or not CSV at all', () => {
    expect(parseRosterCsv('nom_de_famille,prenom\nKaina,Innocent\n').problems[0]).toMatchObject({ line: 1, column: 'name', severity: 'error' });
    expect(parseRosterCsv('').problems[0]!.reason).toMatch(/empty file/);
    expect(parseRosterCsv('name\n"unterminated\n').problems[0]!.reason).toMatch(/not a readable CSV/);
  });

  it('reads dates at the precision they have', () => {
    expect(rosterDate('1975')).toBe('1975');
    expect(rosterDate('1975-3')).toBe('1975-03');
    expect(rosterDate('31/12/1975')).toBe('1975-12-31');
    expect(rosterDate('31/02/1975')).toBeNull();
    expect(rosterDate('about 1975')).toBeNull();
  });
});
