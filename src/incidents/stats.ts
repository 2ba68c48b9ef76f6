/**
 * Counts of incidents grouped by fields, under conditions: `pocdesk incidents stats --group-by year,type
 * --where admin1=Jonglei --json` and GET /api/v1/incidents/stats. Each row is { ...keys, count,
 * fatalities }, over the incidents the actor may read.
 *
 * Fields: year and month (of the first day the incident may have happened; month is null for an
 * incident known only to the year), type (the ACLED event type or UCDP type of violence; for other
 * incidents each act type), act-type, perpetrator-type, admin1, admin2, country, source (acled, ucdp,
 * manual, sfm), verification, severity, grave, category. An incident with several act types,
 * perpetrator types or categories counts once under each. Conditions: any field = value, and the list
 * filters (from, to, area, bbox, unit_ids, q…).
 */
import { ValidationError } from '../platform/errors.ts';
import type { Ctx } from '../platform/store.ts';
import { filterSql, type IncidentFilters, readable, requireIncidentsRead } from './service.ts';

interface Field {
  /** SQL over alias r (scalar), or the array whose elements are the values (multi). */
  sql: string;
  multi?: boolean;
  cast?: 'int' | 'bool';
}

const TYPE_ARRAY = `CASE WHEN r.event_type IS NOT NULL THEN ARRAY[r.event_type] WHEN cardinality(r.act_types) > 0 THEN r.act_types ELSE ARRAY[NULL::text] END`;
const orNull = (a: string) => `CASE WHEN cardinality(${a}) > 0 THEN ${a} ELSE ARRAY[NULL::text] END`;

export const STAT_FIELDS: Record<string, Field> = {
  year: { sql: `extract(year FROM r.date_start)::int`, cast: 'int' },
  month: { sql: `CASE WHEN r.date_precision = 'year' THEN NULL ELSE to_char(r.date_start, 'YYYY-MM') END` },
  type: { sql: TYPE_ARRAY, multi: true },
  'act-type': { sql: orNull('r.act_types'), multi: true },
  'perpetrator-type': { sql: orNull('r.perpetrator_types'), multi: true },
  category: { sql: orNull('r.categories'), multi: true },
  admin1: { sql: 'r.admin1' },
  admin2: { sql: 'r.admin2' },
  country: { sql: 'r.country' },
  source: { sql: 'r.source' },
  verification: { sql: 'r.verification_status' },
  severity: { sql: 'r.severity' },
  grave: { sql: 'r.grave', cast: 'bool' },
  'event-type': { sql: 'r.event_type' },
  'sub-event-type': { sql: 'r.sub_event_type' },
};

const ALIASES: Record<string, string> = { act_type: 'act-type', perpetrator_type: 'perpetrator-type', event_type: 'event-type', sub_event_type: 'sub-event-type', verification_status: 'verification', categories: 'category' };
const fieldName = (k: string) => ALIASES[k] ?? k;

/** Filters the list accepts besides the fields (passed to the incident filters). */
const LIST_FILTERS = new Set(['from', 'to', 'area', 'bbox', 'unit_ids', 'person_ids', 'q', 'include_retracted']);

export type StatsRow = Record<string, string | number | boolean | null> & { count: number; fatalities: number };

export interface StatsQuery {
  groupBy: string[];
  /** field=value conditions (a value may list several, comma-separated: any of them). */
  where?: Record<string, string | string[]>;
}

/** Parses `field=value` conditions as the CLI and the API give them. */
export function parseWhere(list: string[] | string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const items = list === undefined ? [] : Array.isArray(list) ? list : [list];
  items.forEach((item, i) => {
    const m = /^\s*([a-z0-9_-]+)\s*=\s*(.*)$/i.exec(item);
    if (!m) throw new ValidationError([{ field: `where.${i}`, reason: `a condition is field=value, not ${JSON.stringify(item)}` }]);
    (out[m[1]!.toLowerCase()] ??= []).push(...m[2]!.split(',').map((s) => s.trim()).filter(Boolean));
  });
  return out;
}

export async function incidentStats(ctx: Ctx, query: StatsQuery): Promise<StatsRow[]> {
  requireIncidentsRead(ctx);
  const problems: { field: string; reason: string }[] = [];
  const group = query.groupBy.map((g) => fieldName(g.trim().toLowerCase())).filter(Boolean);
  group.forEach((g, i) => {
    if (!STAT_FIELDS[g]) problems.push({ field: `group_by.${i}`, reason: `"${query.groupBy[i]}" is not a field (${Object.keys(STAT_FIELDS).join(', ')})` });
  });
  if (new Set(group).size !== group.length) problems.push({ field: 'group_by', reason: 'a field is named twice' });
  const params: unknown[] = [];
  const conds: string[] = [];
  const listFilters: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(query.where ?? {})) {
    const key = fieldName(rawKey.toLowerCase());
    const values = (Array.isArray(rawValue) ? rawValue : String(rawValue).split(',')).map((s) => String(s).trim()).filter((s) => s !== '');
    if (LIST_FILTERS.has(rawKey.replace(/-/g, '_'))) {
      const k = rawKey.replace(/-/g, '_');
      listFilters[k] = k === 'unit_ids' || k === 'person_ids' ? values : k === 'include_retracted' ? values[0] === 'true' : values.join(',');
      continue;
    }
    const f = STAT_FIELDS[key];
    if (!f) {
      problems.push({ field: `where.${rawKey}`, reason: `not a field or filter (${[...Object.keys(STAT_FIELDS), ...LIST_FILTERS].join(', ')})` });
      continue;
    }
    if (!values.length) {
      problems.push({ field: `where.${rawKey}`, reason: 'give a value' });
      continue;
    }
    const typed = values.map((v) => (f.cast === 'int' ? Number(v) : f.cast === 'bool' ? v === 'true' : v));
    if (f.cast === 'int' && typed.some((v) => !Number.isInteger(v))) problems.push({ field: `where.${rawKey}`, reason: 'a whole number' });
    if (f.cast === 'bool' && values.some((v) => v !== 'true' && v !== 'false')) problems.push({ field: `where.${rawKey}`, reason: 'true or false' });
    params.push(typed.map((v) => (typeof v === 'string' ? v.toLowerCase() : v)));
    const p = `$${params.length}`;
    const castArr = f.cast === 'int' ? 'int[]' : f.cast === 'bool' ? 'boolean[]' : 'text[]';
    conds.push(f.multi ? `EXISTS (SELECT 1 FROM unnest(${f.sql}) x WHERE lower(x) = ANY(${p}::text[]))` : f.cast ? `${f.sql} = ANY(${p}::${castArr})` : `lower(${f.sql}) = ANY(${p}::text[])`);
  }
  if (problems.length) throw new ValidationError(problems);
  conds.push(...(await filterSql(ctx, listFilters as IncidentFilters, params)));
  conds.push(readable(ctx, 'r', params));
  if (!listFilters.include_retracted) conds.push('r.retracted_at IS NULL');
  const joins: string[] = [];
  const select: string[] = [];
  group.forEach((g, i) => {
    const f = STAT_FIELDS[g]!;
    if (f.multi) {
      joins.push(`CROSS JOIN LATERAL unnest(${f.sql}) AS g${i}(v)`);
      select.push(`g${i}.v AS k${i}`);
    } else select.push(`${f.sql} AS k${i}`);
  });
  const keys = group.map((_, i) => `k${i}`);
  const sql = `SELECT ${[...select, 'count(DISTINCT r.id)::int AS count', 'coalesce(sum(r.fatalities), 0)::int AS fatalities'].join(', ')}
      FROM incidents r ${joins.join(' ')} WHERE ${conds.join(' AND ')}
      ${keys.length ? `GROUP BY ${keys.join(', ')} ORDER BY ${keys.map((k) => `${k} NULLS LAST`).join(', ')}` : ''}`;
  // with a multi-valued key an incident is in several rows; sum(fatalities) over the unnested rows is per key, as wanted
  const rows = (await ctx.q.query<any>(sql, params)).rows;
  return rows.map((r) => {
    const out: StatsRow = { count: Number(r.count), fatalities: Number(r.fatalities) } as StatsRow;
    group.forEach((g, i) => {
      const v = r[`k${i}`];
      (out as any)[g] = v === undefined ? null : typeof v === 'bigint' ? Number(v) : v;
    });
    const ordered: StatsRow = {} as StatsRow;
    for (const g of group) (ordered as any)[g] = (out as any)[g];
    ordered.count = out.count;
    ordered.fatalities = out.fatalities;
    return ordered;
  });
}
