/**
 * FollowTheMoney / OpenSanctions entities as JSON lines (one entity per line), for watchlists.
 * Persons become individuals, organisations and other legal entities become entities; other schemas
 * (sanctions, addresses, identifications…) carry no name to screen and are counted, not kept.
 * Every unusable line is reported with its number.
 *
 * Pure module: takes the text, returns typed entities and problems.
 */
import { z } from 'zod';
import { parsePartialDate } from '../platform/dates.ts';
import type { BirthDate, WatchlistEntry } from './matcher.ts';
import { problem, type ParseProblem } from './problems.ts';

export interface FtmEntity {
  id: string;
  schema: string;
  /** Party kind derived from the schema. */
  type: 'individual' | 'entity';
  names: string[];
  aliases: string[];
  weakAliases: string[];
  previousNames: string[];
  birthDates: string[];
  nationalities: string[];
  gender?: string;
  positions: string[];
  topics: string[];
  datasets: string[];
  line: number;
}

export interface FtmParseResult {
  entities: FtmEntity[];
  problems: ParseProblem[];
}

const PERSON_SCHEMAS = new Set(['Person']);
const ENTITY_SCHEMAS = new Set(['Organization', 'Company', 'LegalEntity', 'PublicBody']);

const lineSchema = z.object({
  id: z.string().min(1),
  schema: z.string().min(1),
  properties: z.record(z.string(), z.unknown()).default({}),
  datasets: z.array(z.string()).optional(),
  caption: z.string().optional(),
});

function strings(v: unknown, prop: string, line: number, problems: ParseProblem[]): string[] {
  if (v === undefined || v === null) return [];
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const x of arr) {
    if (typeof x === 'string') {
      const s = x.trim();
      if (s) out.push(s);
    } else {
      problems.push(problem('ftm.not-text', { value: JSON.stringify(x) }, { line, element: `properties.${prop}`, severity: 'warning' }));
    }
  }
  return out;
}

/** Parses FollowTheMoney JSON lines. Blank lines are skipped. */
export function parseFtmLines(input: string | Buffer): FtmParseResult {
  const textIn = typeof input === 'string' ? input : input.toString('utf8');
  const entities: FtmEntity[] = [];
  const problems: ParseProblem[] = [];
  const skipped = new Map<string, { count: number; first: number }>();
  const lines = textIn.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.trim();
    if (!raw) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      problems.push(problem('ftm.json', { detail: (err as Error).message }, { line: lineNo, severity: 'error' }));
      continue;
    }
    const parsed = lineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(problem('ftm.entity', { detail: `${issue.path.join('.') || 'line'}: ${issue.message}` }, { line: lineNo, element: issue.path.join('.') || undefined, severity: 'error' }));
      continue;
    }
    const { id, schema, properties: p } = parsed.data;
    const type = PERSON_SCHEMAS.has(schema) ? 'individual' : ENTITY_SCHEMAS.has(schema) ? 'entity' : null;
    if (!type) {
      const s = skipped.get(schema);
      if (s) s.count++;
      else skipped.set(schema, { count: 1, first: lineNo });
      continue;
    }
    const get = (prop: string) => strings(p[prop], prop, lineNo, problems);
    let names = get('name');
    if (names.length === 0) {
      const composed = [...get('firstName'), ...get('secondName'), ...get('middleName'), ...get('fatherName'), ...get('lastName')].join(' ').trim();
      if (composed) names = [composed];
    }
    const aliases = get('alias');
    const weakAliases = get('weakAlias');
    const previousNames = get('previousName');
    if (names.length + aliases.length + weakAliases.length + previousNames.length === 0) {
      problems.push(problem('ftm.no-name', { schema, id }, { line: lineNo, element: 'properties.name', severity: 'error' }));
      continue;
    }
    const birthDates: string[] = [];
    for (const d of get('birthDate')) {
      if (parsePartialDate(d)) birthDates.push(d.slice(0, 10));
      else problems.push(problem('ftm.bad-date', { value: JSON.stringify(d) }, { line: lineNo, element: 'properties.birthDate', severity: 'warning' }));
    }
    const genders = get('gender');
    const e: FtmEntity = {
      id,
      schema,
      type,
      names,
      aliases,
      weakAliases,
      previousNames,
      birthDates,
      nationalities: [...new Set([...get('nationality'), ...get('citizenship')])],
      positions: get('position'),
      topics: get('topics'),
      datasets: parsed.data.datasets ?? [],
      line: lineNo,
    };
    if (genders[0]) e.gender = genders[0];
    entities.push(e);
  }
  for (const [schema, s] of skipped) {
    problems.push(problem('ftm.skipped-schema', { count: s.count, schema }, { line: s.first, severity: 'warning' }));
  }
  return { entities, problems };
}

/** The watchlist entry of a FollowTheMoney entity: names and previous names good, weak aliases low. */
export function ftmToWatchlistEntry(e: FtmEntity, list: string): WatchlistEntry {
  const names: WatchlistEntry['names'] = [];
  e.names.forEach((n, i) => names.push({ name: n, quality: i === 0 ? 'primary' : 'good' }));
  for (const n of [...e.aliases, ...e.previousNames]) names.push({ name: n, quality: names.length === 0 ? 'primary' : 'good' });
  for (const n of e.weakAliases) names.push({ name: n, quality: 'low' });
  const out: WatchlistEntry = { list, id: e.id, names, type: e.type };
  if (e.birthDates.length) out.birthDates = e.birthDates.map((d): BirthDate => ({ type: 'exact', date: d }));
  if (e.nationalities.length) out.nationalities = e.nationalities;
  if (e.gender) out.gender = e.gender;
  return out;
}
