/**
 * Roster CSV: the people to screen (a battalion's officers, a list of commanders in a planned joint
 * operation). Required column `name`; optional `birth_date`, `nationality`, `gender`, `unit`, `rank`
 * (French headers `nom`, `date_naissance`, `nationalite`, `sexe`, `unite`, `grade` are accepted too).
 * Comma or semicolon separated (French spreadsheets export semicolons), UTF-8 with or without BOM.
 * Every problem names its line and column.
 *
 * Pure module: takes the text, returns rows and problems.
 */
import { parse } from 'csv-parse/sync';
import { parsePartialDate, partialDateFromParts, formatPartialDate } from '../platform/dates.ts';
import { genderCode, type ScreeningQuery } from './matcher.ts';
import { problem, type ParseProblem } from './problems.ts';
import { foldLatin } from './normalise.ts';

export interface RosterRow {
  /** Line of the CSV where the row starts (the header is line 1). */
  line: number;
  name: string;
  /** Partial ISO date. */
  birthDate?: string;
  nationality?: string;
  /** 'male' or 'female'. */
  gender?: 'male' | 'female';
  unit?: string;
  rank?: string;
  /** Other columns, as written. */
  extra: Record<string, string>;
}

export interface RosterParseResult {
  rows: RosterRow[];
  problems: ParseProblem[];
}

type Known = 'name' | 'birth_date' | 'nationality' | 'gender' | 'unit' | 'rank';

const HEADER_ALIASES: Record<string, Known> = {
  name: 'name', full_name: 'name', fullname: 'name', nom: 'name', nom_complet: 'name', noms: 'name', nom_et_prenom: 'name', nom_prenom: 'name',
  birth_date: 'birth_date', date_of_birth: 'birth_date', dob: 'birth_date', birthdate: 'birth_date', date_naissance: 'birth_date', date_de_naissance: 'birth_date', ne_le: 'birth_date',
  nationality: 'nationality', nationalite: 'nationality', citizenship: 'nationality',
  gender: 'gender', sex: 'gender', sexe: 'gender', genre: 'gender',
  unit: 'unit', unite: 'unit', formation: 'unit',
  rank: 'rank', grade: 'rank',
};

function headerKey(h: string): string {
  return foldLatin(h.trim()).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/YYYY' → partial ISO date, or null. */
export function rosterDate(value: string): string | null {
  const s = value.trim();
  const iso = parsePartialDate(s);
  if (iso) return formatPartialDate(iso);
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const d = partialDateFromParts(m[3], m[2], m[1]);
    return d && d.day !== undefined ? formatPartialDate(d) : null;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const d = partialDateFromParts(m[2], m[1]);
    return d && d.month !== undefined ? formatPartialDate(d) : null;
  }
  return null;
}

/** Parses a roster CSV. Rows without a name are left out; unreadable optional values are dropped with a warning. */
export function parseRosterCsv(input: string | Buffer): RosterParseResult {
  // One line-end convention, so that line numbers can be counted from the records' raw text.
  const text = (typeof input === 'string' ? input : input.toString('utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const problems: ParseProblem[] = [];
  const firstLine = text.split('\n').find((l) => l.trim()) ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; raw: string }[];
  try {
    records = parse(text, { delimiter, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as never;
  } catch (err) {
    const e = err as Error & { lines?: number };
    problems.push(problem('csv.unreadable', { detail: e.message }, { line: e.lines, severity: 'error' }));
    return { rows: [], problems };
  }
  if (records.length === 0) {
    problems.push(problem('roster.empty', {}, { line: 1, severity: 'error' }));
    return { rows: [], problems };
  }
  const header = records[0]!.record;
  const columns: (Known | string)[] = header.map((h) => HEADER_ALIASES[headerKey(h)] ?? h.trim());
  const nameCol = columns.indexOf('name');
  if (nameCol < 0) {
    problems.push(problem('roster.no-name-column', { found: header.join(', ') || '—' }, { line: 1, column: 'name', severity: 'error' }));
    return { rows: [], problems };
  }
  const dup = columns.filter((c, i) => columns.indexOf(c) !== i);
  for (const c of new Set(dup)) problems.push(problem('roster.duplicate-column', {}, { line: 1, column: c, severity: 'warning' }));

  const rows: RosterRow[] = [];
  const newlines = (s: string) => s.split('\n').length - 1;
  // The raw texts of the records cover the whole input, so counting their newlines gives each record's first line.
  let cursor = 1 + newlines(records[0]!.raw);
  for (let r = 1; r < records.length; r++) {
    const { record, raw } = records[r]!;
    const line = cursor + newlines(/^\n*/.exec(raw)![0]);
    cursor += newlines(raw);
    const value = (col: string): string | undefined => {
      const i = columns.indexOf(col);
      if (i < 0) return undefined;
      const v = record[i];
      return v === undefined || v === '' ? undefined : v;
    };
    if (record.length > header.length) problems.push(problem('roster.extra-values', { count: record.length, columns: header.length }, { line, severity: 'warning' }));
    const name = value('name');
    if (!name) {
      problems.push(problem('roster.empty-name', {}, { line, column: header[nameCol], severity: 'error' }));
      continue;
    }
    const row: RosterRow = { line, name, extra: {} };
    const bd = value('birth_date');
    if (bd) {
      const d = rosterDate(bd);
      if (d) row.birthDate = d;
      else problems.push(problem('roster.bad-date', { value: JSON.stringify(bd) }, { line, column: header[columns.indexOf('birth_date')], severity: 'warning' }));
    }
    const nat = value('nationality');
    if (nat) row.nationality = nat;
    const g = value('gender');
    if (g) {
      const code = genderCode(g);
      if (code) row.gender = code === 'm' ? 'male' : 'female';
      else problems.push(problem('roster.bad-gender', { value: JSON.stringify(g) }, { line, column: header[columns.indexOf('gender')], severity: 'warning' }));
    }
    const unit = value('unit');
    if (unit) row.unit = unit;
    const rank = value('rank');
    if (rank) row.rank = rank;
    columns.forEach((c, i) => {
      if (!(Object.values(HEADER_ALIASES) as string[]).includes(c) && record[i]) row.extra[c] = record[i]!;
    });
    rows.push(row);
  }
  return { rows, problems };
}

/** The screening query of a roster row (the rank column is informative and not part of the name). */
export function rosterRowToQuery(row: RosterRow): ScreeningQuery {
  const q: ScreeningQuery = { name: row.name };
  if (row.birthDate) q.birthDate = row.birthDate;
  if (row.nationality) q.nationality = row.nationality;
  if (row.gender) q.gender = row.gender;
  return q;
}
