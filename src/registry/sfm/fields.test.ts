import { describe, expect, it } from 'vitest';
import { cellToString, datePrecisionOfFormat, normaliseHeader, splitList, uuidAtEnd } from './cells.ts';
import { RowReader, foldKey, rankKey, readDateText } from './fields.ts';
import { csvToRows, decodeText, sheetNameFromFile } from './read.ts';
import { classifySheet } from './parse.ts';
import { formatPartialDate } from '../../platform/dates.ts';
import type { SfmProblem } from './types.ts';

function reader(cells: Record<string, string>) {
  const problems: SfmProblem[] = [];
  const r = new RowReader('xf_units', 7, new Map(Object.entries(cells)), (p) => problems.push(p));
  return { r, problems };
}

const text = (s: string) => {
  const d = readDateText(s).date;
  return d ? formatPartialDate(d) : null;
};

describe('date cells', () => {
  it('keeps the precision the text has, and no more', () => {
    expect(text('2015')).toBe('2015');
    expect(text('2015-3')).toBe('2015-03');
    expect(text('2015-03-20')).toBe('2015-03-20');
    expect(text('2015-03-20T00:00:00Z')).toBe('2015-03-20');
    expect(text('2015/03/20')).toBe('2015-03-20');
    expect(text('2015-')).toBe('2015');
  });
  it('reads zero month or day as unknown, not as January or the 1st', () => {
    expect(text('2012-00-00')).toBe('2012');
    expect(text('2012-05-00')).toBe('2012-05');
  });
  it('reads numbers exported with a decimal part', () => {
    expect(text('2015.0')).toBe('2015');
  });
  it('reads a 5-digit Excel serial number as a day, with a note', () => {
    const r = readDateText('42005');
    expect(r.date && formatPartialDate(r.date)).toBe('2015-01-01');
    expect(r.note).toMatch(/Excel serial/);
  });
  it('rejects what is not a date', () => {
    expect(text('mars 2015')).toBeNull();
    expect(text('2016-13')).toBeNull();
    expect(text('2015-02-30')).toBeNull();
    expect(text('12/05/2019')).toBeNull();
  });
});

describe('a row date from the main column and the split year/month/day columns', () => {
  const base = 'unit:first_cited_date';
  it('uses the split columns alone', () => {
    const { r, problems } = reader({ [`${base}_year`]: '2014', [`${base}_month`]: '9' });
    expect(r.date(base)).toBe('2014-09');
    expect(problems).toEqual([]);
  });
  it('drops a day or month that only pads the main column (a spreadsheet turned 2015-03 into 2015-03-01)', () => {
    const { r, problems } = reader({ [base]: '2015-03-01', [`${base}_year`]: '2015', [`${base}_month`]: '3' });
    expect(r.date(base)).toBe('2015-03');
    expect(problems).toEqual([]);
    expect(reader({ [base]: '2015-01-01', [`${base}_year`]: '2015' }).r.date(base)).toBe('2015');
  });
  it('keeps a real day the main column has and the split columns lack', () => {
    const { r } = reader({ [base]: '2015-03-15', [`${base}_year`]: '2015', [`${base}_month`]: '3' });
    expect(r.date(base)).toBe('2015-03-15');
  });
  it('takes the split columns when they are more precise', () => {
    const { r } = reader({ [base]: '2015', [`${base}_year`]: '2015', [`${base}_month`]: '3', [`${base}_day`]: '20' });
    expect(r.date(base)).toBe('2015-03-20');
  });
  it('keeps the main column when the two disagree, with a warning', () => {
    const { r, problems } = reader({ [base]: '2015-04', [`${base}_year`]: '2015', [`${base}_month`]: '3' });
    expect(r.date(base)).toBe('2015-04');
    expect(problems).toMatchObject([{ row: 7, column: base, code: 'date.parts_disagree', severity: 'warning' }]);
  });
  it('falls back on the split columns when the main column is not a date (warning), else leaves it empty (error)', () => {
    const a = reader({ [base]: 'début 2015', [`${base}_year`]: '2015' });
    expect(a.r.date(base)).toBe('2015');
    expect(a.problems).toMatchObject([{ column: base, code: 'date.unparseable', severity: 'warning' }]);
    const b = reader({ [base]: 'début 2015' });
    expect(b.r.date(base)).toBeNull();
    expect(b.problems).toMatchObject([{ sheet: 'xf_units', row: 7, column: base, code: 'date.unparseable', severity: 'error' }]);
  });
  it('reports split parts that are not numbers or lack a year', () => {
    const a = reader({ [`${base}_year`]: '2015', [`${base}_month`]: 'mars' });
    expect(a.r.date(base)).toBeNull();
    expect(a.problems).toMatchObject([{ column: `${base}_month`, code: 'date.unparseable', severity: 'error' }]);
    const b = reader({ [`${base}_month`]: '3' });
    expect(b.r.date(base)).toBeNull();
    expect(b.problems).toMatchObject([{ column: `${base}_year`, code: 'date.missing_year' }]);
    const c = reader({ [`${base}_year`]: '2015.0', [`${base}_month`]: '3.0' });
    expect(c.r.date(base)).toBe('2015-03');
  });
  it('warns when a last date falls before the first', () => {
    const { r, problems } = reader({});
    r.checkRange('2016', '2015-12', 'unit:last_cited_date');
    r.checkRange('2016-05', '2016', 'unit:last_cited_date');
    expect(problems).toMatchObject([{ column: 'unit:last_cited_date', code: 'date.range_reversed' }]);
  });
});

describe('flags, confidence and sources', () => {
  it('reads Y/N and the Y/N/E open flag', () => {
    const { r, problems } = reader({ a: 'Y', b: 'n', c: 'E', d: 'Y', e: 'N', f: 'peut-être' });
    expect(r.yesNo('a')).toBe(true);
    expect(r.yesNo('b')).toBe(false);
    expect(r.yesNo('missing')).toBeNull();
    expect(r.openState('c')).toBe('exact_end');
    expect(r.openState('d')).toBe('ongoing');
    expect(r.openState('e')).toBe('ended');
    expect(r.openState('f')).toBeNull();
    expect(problems).toMatchObject([{ column: 'f', code: 'flag.invalid', severity: 'error' }]);
  });
  it('reads confidence in any case and reports other values', () => {
    const { r, problems } = reader({ 'x:confidence': 'medium', 'y:confidence': 'HIGH', 'z:confidence': 'Très haute' });
    expect(r.confidence('x:confidence')).toBe('medium');
    expect(r.confidence('y:confidence')).toBe('high');
    expect(r.confidence('z:confidence')).toBeNull();
    expect(problems).toMatchObject([{ column: 'z:confidence', code: 'confidence.invalid', severity: 'error' }]);
  });
  it('unites the sources of several columns and keeps the first confidence', () => {
    const { r } = reader({
      'a:source': 'S1; S2 ;',
      'b:sources': 'S2;S3',
      'b:confidence': 'Low',
      'a:confidence': 'High',
      'u:source': 'AAAAAAAA-0000-4000-8000-000000000001',
    });
    expect(r.evidence('a', 'b')).toEqual({ sources: ['S1', 'S2', 'S3'], confidence: 'high' });
    expect(r.evidence('u').sources).toEqual(['aaaaaaaa-0000-4000-8000-000000000001']);
  });
});

describe('ranks', () => {
  it('folds case, accents, hyphens and spaces into one key', () => {
    expect(rankKey('Colonel-Major')).toBe('colonel major');
    expect(rankKey('Colonel Major')).toBe(rankKey('colonel-major'));
    expect(rankKey('Général de Brigade')).toBe('general de brigade');
    expect(rankKey('General de brigade')).toBe(rankKey('Général de Brigade'));
    expect(rankKey('Lieutenant-Colonel')).toBe(rankKey('Lieutenant  Colonel'));
    expect(rankKey('sous-lieutenant')).toBe('sous lieutenant');
    expect(rankKey('Adjudant-chef')).toBe(rankKey('Adjudant Chef'));
    expect(rankKey('  ')).toBeNull();
    expect(foldKey("Chef d’Etat-major")).toBe("chef d'etat major");
  });
});

describe('cells', () => {
  it('turns spreadsheet values into trimmed NFC text', () => {
    expect(cellToString(null)).toBe('');
    expect(cellToString(2015)).toBe('2015');
    expect(cellToString('  Kessélé\u00a0')).toBe('Kessélé');
    expect(cellToString('Kesse\u0301le\u0301')).toBe('Kessélé');
    expect(cellToString({ richText: [{ text: '1' }, { text: 'er', font: { vertAlign: 'superscript' } }, { text: ' BIT' }] })).toBe('1er BIT');
    expect(cellToString({ text: 'rapport', hyperlink: 'https://example.org' })).toBe('rapport');
    expect(cellToString({ formula: 'A1+1', result: 2016 })).toBe('2016');
    expect(cellToString({ error: '#N/A' })).toBe('');
  });
  it('keeps the precision a date cell shows', () => {
    const d = new Date(Date.UTC(2015, 2, 1));
    expect(cellToString(d)).toBe('2015-03-01');
    expect(cellToString(d, 'dd/mm/yyyy')).toBe('2015-03-01');
    expect(cellToString(d, 'mmm yyyy')).toBe('2015-03');
    expect(cellToString(d, '[$-40C]mmmm\\ yyyy')).toBe('2015-03');
    expect(cellToString(d, 'yyyy')).toBe('2015');
    expect(datePrecisionOfFormat('yyyy-mm-dd hh:mm')).toBe('day');
    expect(datePrecisionOfFormat('"Day "yyyy')).toBe('year');
  });
  it('normalises headers, lists and location labels', () => {
    expect(normaliseHeader(' Unit : Name ')).toBe('unit:name');
    expect(splitList('Gendarmerie; Military;;Gendarmerie')).toEqual(['Gendarmerie', 'Military']);
    expect(uuidAtEnd('Mbéto (osm, point) 5C2E0B1A-1111-4222-8333-444455556666')).toBe('5c2e0b1a-1111-4222-8333-444455556666');
    expect(uuidAtEnd('Mbéto')).toBeNull();
  });
});

describe('reading files', () => {
  it('names sheets after CSV files', () => {
    expect(sheetNameFromFile('/data/ml_units.csv')).toBe('ml_units');
    expect(sheetNameFromFile('Recherche Mali - ml_persons.csv')).toBe('ml_persons');
    expect(sheetNameFromFile('notes - brouillon.csv')).toBe('notes - brouillon');
  });
  it('recognises research sheets and their country', () => {
    expect(classifySheet('ml_units')).toEqual({ kind: 'units', country: 'ml' });
    expect(classifySheet('CF_Persons_Extra')).toEqual({ kind: 'persons_extra', country: 'cf' });
    expect(classifySheet('units')).toEqual({ kind: 'units', country: null });
    expect(classifySheet('notes')).toBeNull();
    expect(classifySheet('ml_units_scratch')).toBeNull();
  });
  it('detects the delimiter and keeps blank lines so that rows keep their numbers', () => {
    const rows = csvToRows('\uFEFFunit:id:admin;unit:name;unit:classification\r\nu1;"1er BIT";"Military;Army"\r\n\r\nu2;2e BIT;Army\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({ 'unit:id:admin': 'u1', 'unit:name': '1er BIT', 'unit:classification': 'Military;Army' });
    expect(Object.values(rows[1]!).every((v) => v === '')).toBe(true);
    expect(rows[2]!['unit:name']).toBe('2e BIT');
  });
  it('decodes Windows-1252 files that are not UTF-8', () => {
    expect(decodeText(new Uint8Array([0x4b, 0x65, 0x73, 0x73, 0xe9, 0x6c, 0xe9]))).toBe('Kessélé');
    expect(decodeText(new TextEncoder().encode('Kessélé'))).toBe('Kessélé');
  });
});
