/**
 * The incidents domain: the service other domains call (never the tables).
 *
 * Writes (through the store, one transaction each; a patch that changes nothing writes nothing):
 *   createIncident(ctx, input)            an incident with its acts, victim counts, perpetrators, named
 *                                         victims and sources
 *   updateIncident(ctx, id, patch)        revises it (a change of verification status needs a reason)
 *   addPerpetrator / updatePerpetrator    attribution to a registry unit or person, or a perpetrator type
 *   addNamedVictim, addSource             restricted named victims; sources (identity restricted)
 *   setVerification(ctx, id, status, reason)       its history is kept (verificationHistory)
 *   overrideClassification(ctx, id, {grave, reason})  the rules' outcome is kept beside the override
 *   retractIncident / retractPart         nothing is deleted
 * Reads (the access policy applied in SQL; restricted fields removed):
 *   getIncident(ctx, id): the full record     listIncidents(ctx, filters)
 *   linkedIncidents(ctx, {unitId|personId}, {from, to})  incidents attributed to a unit (directly, to
 *     units under its command at the time, to persons posted in it at the time) or to a person
 *     (directly, to the units they commanded at the time), through the registry's dated links
 *   linkedSummary(...)                    the same counted by type, severity and verification
 *   attributionsOf(ctx, incidentId)       its perpetrators as { unit_id, person_id, involvement, confidence }
 * Imports (import.ts), statistics (stats.ts), exports (export.ts), actor mappings (mappings.ts), the
 * hand-over of the registry's staged SFM incidents (sfm.ts).
 */
import { type Level, levelRank } from '../platform/access/policy.ts';
import { earliestDay, latestDay, parsePartialDate, precisionOf } from '../platform/dates.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { getSetting } from '../platform/settings/settings.ts';
import { type Ctx, type StoredRecord, getRecord, inTransaction, insertRecord, listRecords, mustGetRecord, recordRevisions, retractRecord, updateRecord, type UpdateOptions } from '../platform/store.ts';
import { hasPermission, readFilterSql } from '../platform/access/policy.ts';
import { canonicalJson, toJsonValue } from '../platform/audit/chain.ts';
import { assertCanBePerpetrator, getPerson, getUnit, subordinates, subordinatesEver, unitDossier, unitsPersonCommanded } from '../registry/service.ts';
import { validityAt } from '../registry/intervals.ts';
import { classifyIncident, type Classification, type GraveViolationRules } from './classify.ts';
import {
  incidentInput,
  type IncidentInput,
  incidentPatch,
  type IncidentPatch,
  namedVictimInput,
  type NamedVictimInput,
  overrideInput,
  type OverrideInput,
  perpetratorInput,
  type PerpetratorInput,
  perpetratorPatch,
  type PerpetratorPatch,
  sourceInput,
  type SourceInput,
} from './inputs.ts';
import { type IncidentPolicy, policySetting, rulesSetting, T, vocabularySetting } from './schema.ts';
import { actTypeDescendants, findActType, findPerpetratorType, SEVERITIES, type Vocabulary } from './vocabulary.ts';
import './messages.ts';

export { T } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Records as stored
// ---------------------------------------------------------------------------------------------

interface Conventional extends StoredRecord {
  external_ids: Record<string, string>;
}

export interface Act {
  act_type: string;
  victims: number | null;
  description: string | null;
}
export interface VictimCount {
  sex: string;
  age_group: string;
  count: number;
}
export interface ClassificationOverride {
  grave: boolean;
  categories: string[];
  reason: string;
  by: string;
  at: string;
}

export interface Incident extends Conventional {
  summary: string;
  description: string | null;
  date: string;
  end_date: string | null;
  date_precision: 'day' | 'week' | 'month' | 'year';
  date_start: string;
  date_end: string;
  country: string | null;
  country_code: string | null;
  admin1: string | null;
  admin1_code: string | null;
  admin2: string | null;
  admin2_code: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  location_precision: string | null;
  acts: Act[];
  act_types: string[];
  severity: string | null;
  flags: string[];
  victims: VictimCount[];
  victim_total: number | null;
  fatalities: number | null;
  injured: number | null;
  perpetrator_types: string[];
  verification_status: string;
  classification: Classification;
  classification_override: ClassificationOverride | null;
  grave: boolean;
  categories: string[];
  source: string;
  source_event_id: string | null;
  event_type: string | null;
  sub_event_type: string | null;
  source_data: Record<string, unknown>;
  search_text?: string;
}

export interface Perpetrator extends Conventional {
  incident_id: string;
  unit_id: string | null;
  person_id: string | null;
  perpetrator_type: string | null;
  actor_name: string | null;
  involvement: string;
  confidence: 'low' | 'medium' | 'high';
  notes: string | null;
}

export interface NamedVictim extends Conventional {
  incident_id: string;
  name: string;
  sex: string | null;
  age: number | null;
  age_group: string | null;
  act_types: string[];
  notes: string | null;
}

export interface IncidentSource extends Conventional {
  incident_id: string;
  kind: string;
  title: string;
  reference: string | null;
  publisher: string | null;
  published_date: string | null;
  url: string | null;
  /** Absent for actors not cleared for restricted fields. */
  identity?: string | null;
  contact?: string | null;
  reliability: string | null;
  registry_source_id: string | null;
  notes: string | null;
}

// ---------------------------------------------------------------------------------------------
// Configuration and helpers
// ---------------------------------------------------------------------------------------------

export interface IncidentConfig {
  vocabulary: Vocabulary;
  rules: GraveViolationRules;
  policy: IncidentPolicy;
}

export async function incidentConfig(ctx: Ctx): Promise<IncidentConfig> {
  return { vocabulary: await getSetting(ctx.q, vocabularySetting), rules: await getSetting(ctx.q, rulesSetting), policy: await getSetting(ctx.q, policySetting) };
}

export function requireIncidentsRead(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'incidents:read')) throw new ForbiddenError('this needs the permission incidents:read');
}

/** Appends the access rule for a table alias to `params` and returns its SQL. */
export function readable(ctx: Ctx, alias: string, params: unknown[]): string {
  const f = readFilterSql(ctx.actor, alias, params.length);
  params.push(...f.params);
  return f.sql;
}

export function parseWith<S extends { safeParse: (v: unknown) => any }>(schema: S, input: unknown, prefix = ''): any {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(r.error.issues.map((i: any) => ({ field: prefix + (i.path.map(String).join('.') || 'input'), reason: i.message })));
  return r.data;
}

const blank = (s: unknown): string | null => {
  if (s === null || s === undefined) return null;
  const t = String(s).trim();
  return t ? t : null;
};

/** Lower case, accents and punctuation folded to spaces: the key names are compared and searched by. */
export function foldText(s: string | null | undefined): string {
  return String(s ?? '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const higher = (a: string, b: string): Level => (levelRank(a) >= levelRank(b) ? a : b) as Level;

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Building an incident row (validated against the vocabulary; derived columns computed)
// ---------------------------------------------------------------------------------------------

export interface IncidentFields {
  summary: string;
  description?: string | null;
  date: string;
  end_date?: string | null;
  date_precision?: 'day' | 'week' | 'month' | 'year';
  /** Imports give the range of days directly (a week either side of a day, a UCDP range). */
  date_start?: string;
  date_end?: string;
  country?: string | null;
  country_code?: string | null;
  admin1?: string | null;
  admin1_code?: string | null;
  admin2?: string | null;
  admin2_code?: string | null;
  location?: string | null;
  lat?: number | null;
  lon?: number | null;
  location_precision?: string | null;
  acts: { act_type: string; victims?: number | null; description?: string | null }[];
  victims?: VictimCount[];
  fatalities?: number | null;
  injured?: number | null;
  flags?: string[];
  verification_status: string;
  classification_override?: ClassificationOverride | null;
  perpetrator_types: string[];
  event_type?: string | null;
  sub_event_type?: string | null;
}

/** Columns of an incident from its fields: checks codes against the vocabulary, derives dates, severity, classification. */
export function buildIncident(f: IncidentFields, cfg: IncidentConfig, opts: { allowNoActs?: boolean } = {}): Record<string, unknown> {
  const v = cfg.vocabulary;
  const problems: { field: string; reason: string }[] = [];
  const summary = blank(f.summary);
  if (!summary) problems.push({ field: 'summary', reason: 'a summary is required' });
  const start = parsePartialDate(f.date);
  if (!start) problems.push({ field: 'date', reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(f.date)}` });
  const end = f.end_date ? parsePartialDate(f.end_date) : null;
  if (f.end_date && !end) problems.push({ field: 'end_date', reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(f.end_date)}` });
  if (start && end && latestDay(end) < earliestDay(start)) problems.push({ field: 'end_date', reason: `ends (${f.end_date}) before it starts (${f.date})` });
  if (!f.acts.length && !opts.allowNoActs) problems.push({ field: 'acts', reason: 'at least one act is required' });
  f.acts.forEach((a, i) => {
    if (!findActType(a.act_type, v)) problems.push({ field: `acts.${i}.act_type`, reason: `"${a.act_type}" is not an act type of the vocabulary (incidents.vocabulary)` });
  });
  const sexes = new Set(cfg.policy.victimSexes.map((s) => s.code));
  const ages = new Set(cfg.policy.victimAgeGroups.map((s) => s.code));
  (f.victims ?? []).forEach((c, i) => {
    if (!sexes.has(c.sex)) problems.push({ field: `victims.${i}.sex`, reason: `must be one of ${[...sexes].join(', ')}` });
    if (!ages.has(c.age_group)) problems.push({ field: `victims.${i}.age_group`, reason: `must be one of ${[...ages].join(', ')}` });
  });
  (f.flags ?? []).forEach((fl, i) => {
    if (!v.incidentFlags.some((x) => x.code === fl)) problems.push({ field: `flags.${i}`, reason: `must be one of ${v.incidentFlags.map((x) => x.code).join(', ')}` });
  });
  if (!v.verificationStatuses.some((s) => s.code === f.verification_status)) problems.push({ field: 'verification_status', reason: `must be one of ${v.verificationStatuses.map((s) => s.code).join(', ')}` });
  if ((f.lat == null) !== (f.lon == null)) problems.push({ field: f.lat == null ? 'lat' : 'lon', reason: 'give both latitude and longitude, or neither' });
  if (problems.length) throw new ValidationError(problems);

  const acts: Act[] = f.acts.map((a) => ({ act_type: a.act_type, victims: a.victims ?? null, description: blank(a.description) }));
  const actTypes = [...new Set(acts.map((a) => a.act_type))];
  const severities = actTypes.map((a) => findActType(a, v)!.severity);
  const severity = severities.length ? SEVERITIES[Math.max(...severities.map((s) => SEVERITIES.indexOf(s)))]! : null;
  const victims = (f.victims ?? []).filter((c) => c.count > 0).map((c) => ({ sex: c.sex, age_group: c.age_group, count: c.count }));
  const victimTotal = victims.length ? victims.reduce((s, c) => s + c.count, 0) : null;
  const flags = [...new Set(f.flags ?? [])];
  if (victims.some((c) => c.age_group === 'child') && v.incidentFlags.some((x) => x.code === 'victims-include-children') && !flags.includes('victims-include-children')) flags.push('victims-include-children');
  const perpetratorTypes = [...new Set(f.perpetrator_types)].sort();
  const classification = classifyIncident(
    { actTypes, acts: acts.map((a) => ({ actType: a.act_type, victims: a.victims })), victims: victimTotal, fatalities: f.fatalities ?? null, perpetratorTypes, flags, verificationStatus: f.verification_status },
    cfg.rules,
    v,
  );
  const override = f.classification_override ?? null;
  const effective = effectiveClassification(classification, override);
  const precision = f.date_precision ?? (start ? precisionOf(start) : 'day');
  const date = start!;
  return {
    summary,
    description: blank(f.description),
    date: formatDate(f.date),
    end_date: f.end_date ? formatDate(f.end_date) : null,
    date_precision: precision,
    date_start: f.date_start ?? earliestDay(date),
    date_end: f.date_end ?? latestDay(end ?? date),
    country: blank(f.country),
    country_code: blank(f.country_code),
    admin1: blank(f.admin1),
    admin1_code: blank(f.admin1_code),
    admin2: blank(f.admin2),
    admin2_code: blank(f.admin2_code),
    location: blank(f.location),
    lat: f.lat ?? null,
    lon: f.lon ?? null,
    location_precision: blank(f.location_precision),
    acts,
    act_types: actTypes,
    severity,
    flags,
    victims,
    victim_total: victimTotal,
    fatalities: f.fatalities ?? null,
    injured: f.injured ?? null,
    perpetrator_types: perpetratorTypes,
    verification_status: f.verification_status,
    classification,
    classification_override: override,
    grave: effective.grave,
    categories: effective.categories,
    event_type: blank(f.event_type),
    sub_event_type: blank(f.sub_event_type),
    search_text: foldText([summary, f.description, f.location, f.admin2, f.admin1, f.country, f.event_type].filter(Boolean).join(' ')),
    place_text: foldText([f.location, f.admin2, f.admin1].filter(Boolean).join(' ')),
  };
}

function formatDate(s: string): string {
  const d = parsePartialDate(s)!;
  const p = (n: number) => String(n).padStart(2, '0');
  return d.day !== undefined ? `${d.year}-${p(d.month!)}-${p(d.day)}` : d.month !== undefined ? `${d.year}-${p(d.month)}` : String(d.year);
}

/** What counts: the officer's override when there is one, else the rules' outcome. */
export function effectiveClassification(c: Classification, o: ClassificationOverride | null): { grave: boolean; categories: string[]; overridden: boolean } {
  if (!o) return { grave: c.grave, categories: c.categories, overridden: false };
  if (!o.grave) return { grave: false, categories: [], overridden: true };
  return { grave: true, categories: o.categories.length ? o.categories : c.categories, overridden: true };
}

function fieldsOf(row: Incident): IncidentFields {
  return {
    summary: row.summary,
    description: row.description,
    date: row.date,
    end_date: row.end_date,
    date_precision: row.date_precision,
    date_start: dayText(row.date_start),
    date_end: dayText(row.date_end),
    country: row.country,
    country_code: row.country_code,
    admin1: row.admin1,
    admin1_code: row.admin1_code,
    admin2: row.admin2,
    admin2_code: row.admin2_code,
    location: row.location,
    lat: row.lat,
    lon: row.lon,
    location_precision: row.location_precision,
    acts: row.acts,
    victims: row.victims,
    fatalities: row.fatalities,
    injured: row.injured,
    flags: row.flags,
    verification_status: row.verification_status,
    classification_override: row.classification_override,
    perpetrator_types: row.perpetrator_types,
    event_type: row.event_type,
    sub_event_type: row.sub_event_type,
  };
}

const sameValue = (a: unknown, b: unknown) => canonicalJson(toJsonValue(a ?? null)) === canonicalJson(toJsonValue(b ?? null));
const DATE_COLUMNS = new Set(['date_start', 'date_end']);

/** The columns of `next` that differ from the stored row (date columns compared as days). */
export function changedColumns(stored: Record<string, any>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    const cur = DATE_COLUMNS.has(k) && stored[k] != null ? dayText(stored[k]) : stored[k];
    if (!sameValue(cur, v)) out[k] = v;
  }
  return out;
}

/** A date column as 'YYYY-MM-DD' (the drivers give Date objects or text). */
export function dayText(d: unknown): string {
  if (d instanceof Date) return d.toISOString().slice(0, 10);
  return String(d).slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Perpetrators, victims, sources: building rows
// ---------------------------------------------------------------------------------------------

/** Perpetrator type of a registry organisation, by its kind then its classifications (incidents.policy). */
export function unitPerpetratorType(unit: { kind: string; classifications: string[] }, policy: IncidentPolicy): string {
  const m = policy.unitPerpetratorTypes;
  if (m.byKind[unit.kind]) return m.byKind[unit.kind]!;
  for (const c of unit.classifications ?? []) if (m.byClassification[c]) return m.byClassification[c]!;
  return m.fallback;
}

async function buildPerpetrator(ctx: Ctx, input: Partial<PerpetratorInput>, cfg: IncidentConfig, prefix = ''): Promise<Record<string, unknown>> {
  const v = cfg.vocabulary;
  const problems: { field: string; reason: string }[] = [];
  const unitId = input.unit_id ?? null;
  const personId = input.person_id ?? null;
  let type = blank(input.perpetrator_type);
  if (unitId) {
    await assertCanBePerpetrator(ctx, unitId, prefix + 'unit_id');
    if (!type) type = unitPerpetratorType((await getUnit(ctx, unitId))!, cfg.policy);
  }
  if (personId) {
    const p = await getPerson(ctx, personId);
    if (!p || p.retracted_at) problems.push({ field: prefix + 'person_id', reason: `no person ${personId} in the registry (or beyond your access)` });
  }
  if (!unitId && !personId && !type) problems.push({ field: prefix + 'perpetrator_type', reason: 'name a registry unit or person, or give a perpetrator type (e.g. unknown)' });
  if (type && !findPerpetratorType(type, v)) problems.push({ field: prefix + 'perpetrator_type', reason: `must be one of ${v.perpetratorTypes.map((p) => p.code).join(', ')}` });
  const involvement = input.involvement ?? 'direct-perpetrator';
  if (!v.involvementDegrees.some((d) => d.code === involvement)) problems.push({ field: prefix + 'involvement', reason: `must be one of ${v.involvementDegrees.map((d) => d.code).join(', ')}` });
  if (problems.length) throw new ValidationError(problems);
  return {
    unit_id: unitId,
    person_id: personId,
    perpetrator_type: type,
    actor_name: blank(input.actor_name),
    involvement,
    confidence: input.confidence ?? 'medium',
    notes: blank(input.notes),
  };
}

function buildVictim(input: NamedVictimInput, cfg: IncidentConfig, prefix = ''): Record<string, unknown> {
  const problems: { field: string; reason: string }[] = [];
  if (input.sex && !cfg.policy.victimSexes.some((s) => s.code === input.sex)) problems.push({ field: prefix + 'sex', reason: `must be one of ${cfg.policy.victimSexes.map((s) => s.code).join(', ')}` });
  if (input.age_group && !cfg.policy.victimAgeGroups.some((s) => s.code === input.age_group)) problems.push({ field: prefix + 'age_group', reason: `must be one of ${cfg.policy.victimAgeGroups.map((s) => s.code).join(', ')}` });
  (input.act_types ?? []).forEach((a, i) => {
    if (!findActType(a, cfg.vocabulary)) problems.push({ field: `${prefix}act_types.${i}`, reason: `"${a}" is not an act type of the vocabulary` });
  });
  if (problems.length) throw new ValidationError(problems);
  return { name: input.name.trim(), sex: input.sex ?? null, age: input.age ?? null, age_group: input.age_group ?? null, act_types: input.act_types ?? [], notes: blank(input.notes) };
}

function buildSource(input: SourceInput, cfg: IncidentConfig, prefix = ''): { row: Record<string, unknown>; kindSensitivity: Level } {
  const kind = cfg.policy.sourceKinds.find((k) => k.code === input.kind);
  if (!kind) throw new ValidationError([{ field: prefix + 'kind', reason: `must be one of ${cfg.policy.sourceKinds.map((k) => k.code).join(', ')}` }]);
  return {
    row: {
      kind: input.kind,
      title: input.title.trim(),
      reference: blank(input.reference),
      publisher: blank(input.publisher),
      published_date: blank(input.published_date),
      url: blank(input.url),
      identity: blank(input.identity),
      contact: blank(input.contact),
      reliability: blank(input.reliability),
      registry_source_id: input.registry_source_id ?? null,
      notes: blank(input.notes),
    },
    kindSensitivity: kind.sensitivity,
  };
}

/** Protection of a part of an incident: at least the incident's sensitivity (and `floor`), its compartments added. */
function partProtection(incident: { sensitivity: string; compartments: string[] }, given: { sensitivity?: string; compartments?: string[] }, floor: Level = 'public') {
  const sensitivity = higher(higher(given.sensitivity ?? 'public', incident.sensitivity), floor);
  const compartments = [...new Set([...(incident.compartments ?? []), ...(given.compartments ?? [])])].sort();
  return { sensitivity, compartments };
}

// ---------------------------------------------------------------------------------------------
// Incidents: create, update, read
// ---------------------------------------------------------------------------------------------

export async function createIncident(ctx: Ctx, input: IncidentInput): Promise<IncidentRecord> {
  const data = parseWith(incidentInput, input);
  return inTransaction(ctx, async (tx) => {
    const cfg = await incidentConfig(tx);
    const perps: Record<string, unknown>[] = [];
    for (const [i, p] of (data.perpetrators ?? []).entries()) perps.push({ ...(await buildPerpetrator(tx, p, cfg, `perpetrators.${i}.`)), _given: p });
    const row = buildIncident(
      { ...data, verification_status: data.verification_status ?? 'reported', perpetrator_types: perps.map((p) => p.perpetrator_type as string | null).filter((x): x is string => !!x) },
      cfg,
    );
    if (data.source_event_id) {
      const dup = (await tx.q.query('SELECT id FROM incidents WHERE source = $1 AND source_event_id = $2', [data.source ?? 'manual', data.source_event_id])).rows[0];
      if (dup) throw new ValidationError([{ field: 'source_event_id', reason: `an incident with ${data.source ?? 'manual'} event id ${data.source_event_id} already exists (${dup.id})` }]);
    }
    const inc = await insertRecord<Incident>(tx, T.incident, {
      ...row,
      source: data.source ?? 'manual',
      source_event_id: blank(data.source_event_id),
      source_data: {},
      external_ids: data.external_ids ?? {},
      ...definedOnly({ sensitivity: data.sensitivity, compartments: data.compartments }),
    });
    for (const p of perps) {
      const given = p._given as PerpetratorInput;
      delete p._given;
      await insertRecord(tx, T.perpetrator, { ...p, incident_id: inc.id, external_ids: given.external_ids ?? {}, ...partProtection(inc, given) });
    }
    for (const [i, nv] of (data.named_victims ?? []).entries()) {
      await insertRecord(tx, T.victim, { ...buildVictim(nv, cfg, `named_victims.${i}.`), incident_id: inc.id, external_ids: {}, ...partProtection(inc, nv, cfg.policy.victimSensitivity) });
    }
    for (const [i, s] of (data.sources ?? []).entries()) {
      const b = buildSource(s, cfg, `sources.${i}.`);
      await insertRecord(tx, T.source, { ...b.row, incident_id: inc.id, external_ids: s.external_ids ?? {}, ...partProtection(inc, s, b.kindSensitivity) });
    }
    return (await getIncident(tx, inc.id))!;
  });
}

export async function updateIncident(ctx: Ctx, id: string, patch: IncidentPatch, opts: UpdateOptions = {}): Promise<{ record: Incident; changed: boolean }> {
  const data = parseWith(incidentPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Incident>(tx, T.incident, id);
    const cfg = await incidentConfig(tx);
    const { verification_reason, sensitivity, compartments, external_ids, ...fields } = data;
    const statusChanges = fields.verification_status !== undefined && fields.verification_status !== current.verification_status;
    if (statusChanges && !blank(verification_reason)) throw new ValidationError([{ field: 'verification_reason', reason: 'a change of verification status needs a reason' }]);
    const merged: IncidentFields = { ...fieldsOf(current), ...definedOnly(fields) };
    if (fields.date !== undefined || fields.end_date !== undefined) {
      delete merged.date_start;
      delete merged.date_end;
      if (fields.date_precision === undefined) delete merged.date_precision;
    }
    const row = buildIncident(merged, cfg);
    return updateRecord<Incident>(tx, T.incident, id, changedColumns(current, { ...row, ...definedOnly({ sensitivity, compartments, external_ids }) }), { ...opts, reason: opts.reason ?? (statusChanges ? verification_reason : undefined) });
  });
}

/** Recomputes what follows from an incident's perpetrators (their types) and the rules in force. */
export async function refreshIncident(ctx: Ctx, id: string, opts: UpdateOptions = {}): Promise<{ record: Incident; changed: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Incident>(tx, T.incident, id);
    const cfg = await incidentConfig(tx);
    const types = (await tx.q.query<{ t: string }>(`SELECT DISTINCT perpetrator_type AS t FROM incident_perpetrators WHERE incident_id = $1 AND retracted_at IS NULL AND perpetrator_type IS NOT NULL`, [id])).rows.map((r) => r.t);
    const importTypes = ((current.source_data?.perpetratorTypes as string[] | undefined) ?? []).filter(Boolean);
    const row = buildIncident({ ...fieldsOf(current), perpetrator_types: [...new Set([...types, ...importTypes])] }, cfg, { allowNoActs: true });
    return updateRecord<Incident>(tx, T.incident, id, changedColumns(current, row), { action: 'reclassify', ...opts });
  });
}

/** Re-applies the classification rules in force (after a change of incidents.grave-violation-rules) to every incident. */
export async function reclassifyAll(ctx: Ctx): Promise<{ incidents: number; changed: number }> {
  return inTransaction(ctx, async (tx) => {
    const ids = (await listRecords<Incident>(tx, T.incident, { orderBy: 'r.date_start, r.id' })).map((r) => r.id);
    let changed = 0;
    for (const id of ids) if ((await refreshIncident(tx, id)).changed) changed++;
    return { incidents: ids.length, changed };
  });
}

export async function setVerification(ctx: Ctx, id: string, status: string, reason: string): Promise<Incident> {
  if (!blank(reason)) throw new ValidationError([{ field: 'reason', reason: 'a change of verification status needs a reason' }]);
  return (await updateIncident(ctx, id, { verification_status: status, verification_reason: reason }, { action: 'verify' })).record;
}

/** An officer's classification over the rules' (both kept); `grave: null` removes the override. */
export async function overrideClassification(ctx: Ctx, id: string, input: OverrideInput): Promise<Incident> {
  const data = parseWith(overrideInput, input);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Incident>(tx, T.incident, id);
    const cfg = await incidentConfig(tx);
    const known = new Set(cfg.rules.categories.map((c) => c.code));
    const bad = (data.categories ?? []).map((c: string, i: number) => ({ c, i })).filter((x: { c: string }) => !known.has(x.c));
    if (bad.length) throw new ValidationError(bad.map((x: { c: string; i: number }) => ({ field: `categories.${x.i}`, reason: `must be one of ${[...known].join(', ')}` })));
    if (data.grave === false && data.categories?.length) throw new ValidationError([{ field: 'categories', reason: 'an incident overridden as not grave has no categories' }]);
    const override: ClassificationOverride | null = data.grave === null ? null : { grave: data.grave, categories: data.categories ?? [], reason: data.reason, by: ctx.actor.username, at: new Date().toISOString() };
    const row = buildIncident({ ...fieldsOf(current), classification_override: override }, cfg, { allowNoActs: true });
    return (await updateRecord<Incident>(tx, T.incident, id, changedColumns(current, row), { action: 'classification-override', reason: data.reason })).record;
  });
}

export async function retractIncident(ctx: Ctx, id: string, reason: string): Promise<Incident> {
  return retractRecord<Incident>(ctx, T.incident, id, reason);
}

const PART_TYPES: Record<string, string> = { perpetrator: T.perpetrator, victim: T.victim, source: T.source };

/** Retracts a perpetrator, named victim or source of an incident (the incident's derived fields follow). */
export async function retractPart(ctx: Ctx, kind: 'perpetrator' | 'victim' | 'source', id: string, reason: string): Promise<Record<string, unknown>> {
  const type = PART_TYPES[kind];
  if (!type) throw new ValidationError([{ field: 'kind', reason: 'must be perpetrator, victim or source' }]);
  return inTransaction(ctx, async (tx) => {
    const r = await retractRecord<{ incident_id: string }>(tx, type, id, reason);
    if (kind === 'perpetrator') await refreshIncident(tx, r.incident_id);
    return r;
  });
}

export async function addPerpetrator(ctx: Ctx, incidentId: string, input: PerpetratorInput): Promise<Perpetrator> {
  const data = parseWith(perpetratorInput, input);
  return inTransaction(ctx, async (tx) => {
    const inc = await liveIncident(tx, incidentId);
    const row = await buildPerpetrator(tx, data, await incidentConfig(tx));
    const p = await insertRecord<Perpetrator>(tx, T.perpetrator, { ...row, incident_id: inc.id, external_ids: data.external_ids ?? {}, ...partProtection(inc, data) });
    await refreshIncident(tx, inc.id);
    return p;
  });
}

export async function updatePerpetrator(ctx: Ctx, id: string, patch: PerpetratorPatch, opts: UpdateOptions = {}): Promise<{ record: Perpetrator; changed: boolean }> {
  const data = parseWith(perpetratorPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Perpetrator>(tx, T.perpetrator, id);
    const merged = { ...current, ...definedOnly(data) } as Partial<PerpetratorInput>;
    if (data.unit_id !== undefined && data.perpetrator_type === undefined) merged.perpetrator_type = null;
    const row = await buildPerpetrator(tx, merged, await incidentConfig(tx));
    const r = await updateRecord<Perpetrator>(tx, T.perpetrator, id, { ...row, ...definedOnly({ sensitivity: data.sensitivity, compartments: data.compartments, external_ids: data.external_ids }) }, opts);
    if (r.changed) await refreshIncident(tx, current.incident_id);
    return r;
  });
}

export async function addNamedVictim(ctx: Ctx, incidentId: string, input: NamedVictimInput): Promise<NamedVictim> {
  const data = parseWith(namedVictimInput, input);
  return inTransaction(ctx, async (tx) => {
    const inc = await liveIncident(tx, incidentId);
    const cfg = await incidentConfig(tx);
    return insertRecord<NamedVictim>(tx, T.victim, { ...buildVictim(data, cfg), incident_id: inc.id, external_ids: {}, ...partProtection(inc, data, cfg.policy.victimSensitivity) });
  });
}

export async function addSource(ctx: Ctx, incidentId: string, input: SourceInput): Promise<IncidentSource> {
  const data = parseWith(sourceInput, input);
  return inTransaction(ctx, async (tx) => {
    const inc = await liveIncident(tx, incidentId);
    const b = buildSource(data, await incidentConfig(tx));
    return insertRecord<IncidentSource>(tx, T.source, { ...b.row, incident_id: inc.id, external_ids: data.external_ids ?? {}, ...partProtection(inc, data, b.kindSensitivity) });
  });
}

async function liveIncident(ctx: Ctx, id: string): Promise<Incident> {
  const inc = await getRecord<Incident>(ctx, T.incident, id);
  if (!inc || inc.retracted_at) throw new NotFoundError(`incident ${id}`);
  return inc;
}

// ---------------------------------------------------------------------------------------------
// The full record
// ---------------------------------------------------------------------------------------------

export interface VerificationEntry {
  status: string;
  previous: string | null;
  at: string;
  by: string;
  reason: string | null;
}

export interface PerpetratorView extends Perpetrator {
  unit: { id: string; name: string } | null;
  person: { id: string; name: string } | null;
}

export interface IncidentRecord extends Incident {
  perpetrators: PerpetratorView[];
  named_victims: NamedVictim[];
  sources: IncidentSource[];
  verification_history: VerificationEntry[];
  /** The rules' outcome, the override, and what counts. */
  grave_violation: { rules: Classification; override: ClassificationOverride | null; grave: boolean; categories: string[]; overridden: boolean };
}

/** The history of the verification status, oldest first, from the incident's revisions. */
export async function verificationHistory(ctx: Ctx, id: string): Promise<VerificationEntry[]> {
  const out: VerificationEntry[] = [];
  for (const r of await recordRevisions(ctx, T.incident, id)) {
    const after = r.after as Record<string, unknown> | null;
    const before = r.before as Record<string, unknown> | null;
    if (!after || after.redacted || !('verification_status' in after)) continue;
    const prev = before && !before.redacted ? (before.verification_status as string) : null;
    if (r.action !== 'create' && prev === after.verification_status) continue;
    out.push({ status: String(after.verification_status), previous: prev, at: r.at, by: r.actor, reason: r.reason });
  }
  return out;
}

/** Everything about an incident the actor may see (restricted victims and source identities left out for others). */
export async function getIncident(ctx: Ctx, id: string): Promise<IncidentRecord | null> {
  const inc = await getRecord<Incident>(ctx, T.incident, id);
  if (!inc) return null;
  const perps = await listRecords<Perpetrator>(ctx, T.perpetrator, { where: 'r.incident_id = $1', params: [id] });
  const names = await registryNames(ctx, perps);
  return {
    ...publicRow(inc),
    perpetrators: perps.map((p) => ({ ...p, unit: p.unit_id ? (names.units.get(p.unit_id) ?? null) : null, person: p.person_id ? (names.persons.get(p.person_id) ?? null) : null })),
    named_victims: await listRecords<NamedVictim>(ctx, T.victim, { where: 'r.incident_id = $1', params: [id] }),
    sources: await listRecords<IncidentSource>(ctx, T.source, { where: 'r.incident_id = $1', params: [id] }),
    verification_history: await verificationHistory(ctx, id),
    grave_violation: { rules: inc.classification, override: inc.classification_override, ...effectiveClassification(inc.classification, inc.classification_override) },
  };
}

export async function mustGetIncident(ctx: Ctx, id: string): Promise<IncidentRecord> {
  const r = await getIncident(ctx, id);
  if (!r) throw new NotFoundError(`incident ${id}`);
  return r;
}

async function registryNames(ctx: Ctx, perps: { unit_id: string | null; person_id: string | null }[]) {
  const units = new Map<string, { id: string; name: string }>();
  const persons = new Map<string, { id: string; name: string }>();
  if (!hasPermission(ctx.actor, 'registry:read')) return { units, persons };
  for (const p of perps) {
    if (p.unit_id && !units.has(p.unit_id)) {
      const u = await getUnit(ctx, p.unit_id);
      if (u) units.set(u.id, { id: u.id, name: u.name });
    }
    if (p.person_id && !persons.has(p.person_id)) {
      const per = await getPerson(ctx, p.person_id);
      if (per) persons.set(per.id, { id: per.id, name: per.name });
    }
  }
  return { units, persons };
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export interface IncidentFilters {
  /** Incidents that may have happened on or after this day (YYYY, YYYY-MM or YYYY-MM-DD: its first day). */
  from?: string;
  /** …and on or before this day (its last day). */
  to?: string;
  admin1?: string;
  admin2?: string;
  country?: string;
  /** acled, ucdp, manual, sfm (several: a list). */
  source?: string | string[];
  /** An act type (its narrower types included) or an event type as the source wrote it. */
  type?: string | string[];
  perpetrator_type?: string | string[];
  'perpetrator-type'?: string | string[];
  /** Attributed to one of these registry units (or persons). */
  unit_ids?: string[];
  person_ids?: string[];
  verification?: string | string[];
  grave?: boolean;
  severity?: string | string[];
  /** minLon,minLat,maxLon,maxLat */
  bbox?: string | [number, number, number, number];
  /** A place name matched (accents and case ignored) against admin1, admin2 and location. */
  area?: string;
  /** Words of the summary, description and place. */
  q?: string;
  limit?: number;
  offset?: number;
  include_retracted?: boolean;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : String(v).split(',')).map((s) => s.trim()).filter(Boolean));

/** The WHERE clause (over alias r) of incident filters, with its parameters; validated, naming the filter at fault. */
export async function filterSql(ctx: Ctx, f: IncidentFilters, params: unknown[]): Promise<string[]> {
  const conds: string[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace('?', `$${params.length}`);
    }
    conds.push(s);
  };
  const problems: { field: string; reason: string }[] = [];
  const day = (v: string | undefined, field: string, which: 'first' | 'last') => {
    if (!v) return null;
    const d = parsePartialDate(v);
    if (!d) {
      problems.push({ field, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(v)}` });
      return null;
    }
    return which === 'first' ? earliestDay(d) : latestDay(d);
  };
  const from = day(f.from, 'from', 'first');
  const to = day(f.to, 'to', 'last');
  if (from) add('r.date_end >= ?::date', from);
  if (to) add('r.date_start <= ?::date', to);
  const fold = (column: string, value: string) => add(`lower(${column}) = lower(?)`, value.trim());
  if (f.admin1) fold('r.admin1', f.admin1);
  if (f.admin2) fold('r.admin2', f.admin2);
  if (f.country) add('(lower(r.country) = lower(?) OR lower(r.country_code) = lower(?))', f.country.trim(), f.country.trim());
  const sources = asList(f.source);
  if (sources.length) add('r.source = ANY(?::text[])', sources);
  const cfg = await incidentConfig(ctx);
  const types = asList(f.type);
  if (types.length) {
    const acts = types.flatMap((t) => (findActType(t, cfg.vocabulary) ? actTypeDescendants(t, cfg.vocabulary) : []));
    add('(r.act_types && ?::text[] OR lower(r.event_type) = ANY(?::text[]))', acts, types.map((t) => t.toLowerCase()));
  }
  const ptypes = asList(f.perpetrator_type ?? f['perpetrator-type']);
  if (ptypes.length) {
    const all = ptypes.flatMap((t) => {
      if (!findPerpetratorType(t, cfg.vocabulary)) problems.push({ field: 'perpetrator_type', reason: `must be one of ${cfg.vocabulary.perpetratorTypes.map((p) => p.code).join(', ')}` });
      const out = [t];
      for (let i = 0; i < out.length; i++) for (const p of cfg.vocabulary.perpetratorTypes) if (p.parent === out[i] && !out.includes(p.code)) out.push(p.code);
      return out;
    });
    add('r.perpetrator_types && ?::text[]', all);
  }
  const ver = asList(f.verification);
  if (ver.length) add('r.verification_status = ANY(?::text[])', ver);
  const sev = asList(f.severity);
  if (sev.length) add('r.severity = ANY(?::text[])', sev);
  if (f.grave !== undefined) add('r.grave = ?', f.grave);
  for (const [ids, col] of [
    [f.unit_ids, 'unit_id'],
    [f.person_ids, 'person_id'],
  ] as const) {
    if (!ids) continue;
    const list = ids.filter((x) => /^[0-9a-f-]{36}$/i.test(x));
    if (list.length !== ids.length) problems.push({ field: col === 'unit_id' ? 'unit_ids' : 'person_ids', reason: 'give registry ids (UUIDs)' });
    params.push(list);
    const p = `$${params.length}`;
    conds.push(`EXISTS (SELECT 1 FROM incident_perpetrators ip WHERE ip.incident_id = r.id AND ip.${col} = ANY(${p}::uuid[]) AND ip.retracted_at IS NULL AND ${readable(ctx, 'ip', params)})`);
  }
  if (f.bbox) {
    const b = Array.isArray(f.bbox) ? f.bbox : String(f.bbox).split(',').map(Number);
    if (b.length !== 4 || b.some((x) => !Number.isFinite(x)) || b[0]! > b[2]! || b[1]! > b[3]!) problems.push({ field: 'bbox', reason: 'give minLon,minLat,maxLon,maxLat' });
    else add('r.lon BETWEEN ? AND ? AND r.lat BETWEEN ? AND ?', b[0], b[2], b[1], b[3]);
  }
  if (f.area) {
    const k = foldText(f.area);
    if (k) add(`(' ' || r.place_text || ' ') LIKE ?`, `% ${k} %`);
  }
  if (f.q) {
    const k = foldText(f.q);
    if (k) add('r.search_text LIKE ?', `%${k}%`);
  }
  if (problems.length) throw new ValidationError(problems.map((p) => ({ ...p, field: `query.${p.field}` })));
  return conds;
}

/** Incidents the actor may read matching the filters, earliest first. */
export async function listIncidents(ctx: Ctx, filters: IncidentFilters = {}): Promise<Incident[]> {
  requireIncidentsRead(ctx);
  const params: unknown[] = [];
  const conds = await filterSql(ctx, filters, params);
  const rows = await listRecords<Incident>(ctx, T.incident, {
    where: conds.join(' AND ') || undefined,
    params,
    orderBy: 'r.date_start, r.date_end, r.id',
    limit: Math.min(filters.limit ?? 1000, 100_000),
    offset: filters.offset,
    includeRetracted: filters.include_retracted,
  });
  return rows.map(publicRow);
}

/** A stored incident as services return it: days as text, the internal search columns left out. */
function publicRow(r: Incident): Incident {
  const { search_text: _s, place_text: _p, ...rest } = r as Incident & { place_text?: string };
  return { ...rest, date_start: dayText(r.date_start), date_end: dayText(r.date_end) } as Incident;
}

/** How many incidents match (for paging). */
export async function countIncidents(ctx: Ctx, filters: IncidentFilters = {}): Promise<number> {
  requireIncidentsRead(ctx);
  const params: unknown[] = [];
  const conds = await filterSql(ctx, filters, params);
  conds.push(readable(ctx, 'r', params));
  if (!filters.include_retracted) conds.push('r.retracted_at IS NULL');
  return Number((await ctx.q.query<{ n: number }>(`SELECT count(*)::int AS n FROM incidents r WHERE ${conds.join(' AND ')}`, params)).rows[0]!.n);
}

// ---------------------------------------------------------------------------------------------
// Attributions and the links that matter for due diligence
// ---------------------------------------------------------------------------------------------

export async function attributionsOf(ctx: Ctx, incidentId: string): Promise<{ unit_id: string | null; person_id: string | null; involvement: string; confidence: string; perpetrator_type: string | null }[]> {
  requireIncidentsRead(ctx);
  const inc = await getRecord<Incident>(ctx, T.incident, incidentId);
  if (!inc) throw new NotFoundError(`incident ${incidentId}`);
  return (await listRecords<Perpetrator>(ctx, T.perpetrator, { where: 'r.incident_id = $1', params: [incidentId] })).map((p) => ({
    unit_id: p.unit_id,
    person_id: p.person_id,
    involvement: p.involvement,
    confidence: p.confidence,
    perpetrator_type: p.perpetrator_type,
  }));
}

export interface LinkedIncidentView {
  id: string;
  summary: string;
  /** Partial date text. */
  date: string;
  end_date: string | null;
  date_start: string;
  date_end: string;
  actTypes: string[];
  severity: string | null;
  grave: boolean;
  categories: string[];
  verification: string;
  fatalities: number | null;
  victims: number | null;
  admin1: string | null;
  location: string | null;
  source: string;
  sources: { kind: string; title: string; reference: string | null; publisher: string | null; url: string | null }[];
}

export type LinkPathKind = 'direct' | 'sub-unit' | 'posted-person' | 'commander';

export interface LinkedIncident {
  incident: LinkedIncidentView;
  path: { kind: LinkPathKind; unitId?: string; unitName?: string; personId?: string; personName?: string; attributedUnitId?: string; attributedUnitName?: string };
  involvement: string;
  confidence: string;
  perpetrator_id: string;
}

interface AttributionRow {
  perpetrator_id: string;
  incident_id: string;
  unit_id: string | null;
  person_id: string | null;
  involvement: string;
  confidence: string;
  date_start: string;
  date_end: string;
}

/** Attributions (readable perpetrator rows of readable live incidents) to units or persons, in a date window. */
async function attributionRows(ctx: Ctx, by: { unitIds?: string[] | 'any'; personIds?: string[] | 'any' }, from: string | null, to: string | null): Promise<AttributionRow[]> {
  const params: unknown[] = [];
  const conds = ['ip.retracted_at IS NULL', 'i.retracted_at IS NULL'];
  const ors: string[] = [];
  if (by.unitIds === 'any') ors.push('ip.unit_id IS NOT NULL');
  else if (by.unitIds?.length) {
    params.push(by.unitIds);
    ors.push(`ip.unit_id = ANY($${params.length}::uuid[])`);
  }
  if (by.personIds === 'any') ors.push('ip.person_id IS NOT NULL');
  else if (by.personIds?.length) {
    params.push(by.personIds);
    ors.push(`ip.person_id = ANY($${params.length}::uuid[])`);
  }
  if (!ors.length) return [];
  conds.push(`(${ors.join(' OR ')})`);
  if (from) {
    params.push(from);
    conds.push(`i.date_end >= $${params.length}::date`);
  }
  if (to) {
    params.push(to);
    conds.push(`i.date_start <= $${params.length}::date`);
  }
  conds.push(readable(ctx, 'ip', params), readable(ctx, 'i', params));
  const rows = (
    await ctx.q.query<AttributionRow>(
      `SELECT ip.id AS perpetrator_id, ip.incident_id, ip.unit_id, ip.person_id, ip.involvement, ip.confidence, i.date_start, i.date_end
         FROM incident_perpetrators ip JOIN incidents i ON i.id = ip.incident_id
        WHERE ${conds.join(' AND ')} ORDER BY i.date_start, i.id, ip.created_at, ip.id`,
      params,
    )
  ).rows;
  return rows.map((r) => ({ ...r, date_start: dayText(r.date_start), date_end: dayText(r.date_end) }));
}

/** Days at which a dated link is checked for an incident: its first and last possible days (widest reading of both ends). */
const daysOf = (r: { date_start: string; date_end: string }) => (r.date_start === r.date_end ? [r.date_start] : [r.date_start, r.date_end]);

async function incidentViews(ctx: Ctx, ids: string[]): Promise<Map<string, LinkedIncidentView>> {
  const out = new Map<string, LinkedIncidentView>();
  if (!ids.length) return out;
  const rows = await listRecords<Incident>(ctx, T.incident, { where: 'r.id = ANY($1::uuid[])', params: [ids] });
  const sources = await listRecords<IncidentSource>(ctx, T.source, { where: 'r.incident_id = ANY($1::uuid[])', params: [ids] });
  for (const r of rows) out.set(r.id, incidentView(r, sources.filter((s) => s.incident_id === r.id)));
  return out;
}

export function incidentView(r: Incident, sources: IncidentSource[]): LinkedIncidentView {
  return {
    id: r.id,
    summary: r.summary,
    date: r.date,
    end_date: r.end_date,
    date_start: dayText(r.date_start),
    date_end: dayText(r.date_end),
    actTypes: r.act_types,
    severity: r.severity,
    grave: r.grave,
    categories: r.categories,
    verification: r.verification_status,
    fatalities: r.fatalities,
    victims: r.victim_total,
    admin1: r.admin1,
    location: r.location,
    source: r.source,
    sources: sources.map((s) => ({ kind: s.kind, title: s.title, reference: s.reference, publisher: s.publisher, url: s.url })),
  };
}

export interface LinkTarget {
  unitId?: string;
  personId?: string;
}

/**
 * The incidents that matter for due diligence on a unit or a person (see the module comment). A dated
 * registry link counts when it may hold on the incident's first or last possible day (the registry's
 * widest reading). The same incident may come back by several paths (each is a reason).
 */
export async function linkedIncidents(ctx: Ctx, target: LinkTarget, opts: { from?: string; to?: string } = {}): Promise<LinkedIncident[]> {
  requireIncidentsRead(ctx);
  if (!!target.unitId === !!target.personId) throw new ValidationError([{ field: 'target', reason: 'give a unit id or a person id' }]);
  const window = (v: string | undefined, field: string, which: 'first' | 'last') => {
    if (!v) return null;
    const d = parsePartialDate(v);
    if (!d) throw new ValidationError([{ field, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(v)}` }]);
    return which === 'first' ? earliestDay(d) : latestDay(d);
  };
  const from = window(opts.from, 'from', 'first');
  const to = window(opts.to, 'to', 'last');
  const hits: Omit<LinkedIncident, 'incident'>[] = [];
  const hitIncident: string[] = [];
  const push = (row: AttributionRow, path: LinkedIncident['path']) => {
    hits.push({ path, involvement: row.involvement, confidence: row.confidence, perpetrator_id: row.perpetrator_id });
    hitIncident.push(row.incident_id);
  };
  const unitNames = new Map<string, string>();
  const unitName = async (id: string) => {
    if (!unitNames.has(id)) unitNames.set(id, (await getUnit(ctx, id))?.name ?? '');
    return unitNames.get(id)!;
  };

  if (target.unitId) {
    const unit = await getUnit(ctx, target.unitId);
    if (!unit || unit.retracted_at) throw new NotFoundError(`unit ${target.unitId}`);
    unitNames.set(unit.id, unit.name);
    const dossier = await unitDossier(ctx, unit.id);
    const posted = dossier.postings;
    // only units that were ever under it can have been under it at an incident's date
    const everUnder = await subordinatesEver(ctx, unit.id);
    const rows = await attributionRows(ctx, { unitIds: [unit.id, ...everUnder], personIds: posted.length ? [...new Set(posted.map((p) => p.person.id))] : undefined }, from, to);
    const subsAt = new Map<string, Set<string>>();
    const subs = async (day: string) => {
      if (!subsAt.has(day)) subsAt.set(day, new Set(await subordinates(ctx, unit.id, day)));
      return subsAt.get(day)!;
    };
    for (const r of rows) {
      if (r.unit_id === unit.id) push(r, { kind: 'direct', unitId: unit.id, unitName: unit.name });
      else if (r.unit_id) {
        for (const day of daysOf(r)) {
          if ((await subs(day)).has(r.unit_id)) {
            push(r, { kind: 'sub-unit', unitId: r.unit_id, unitName: await unitName(r.unit_id) });
            break;
          }
        }
      }
      if (r.person_id) {
        const post = posted.find((p) => p.person.id === r.person_id && daysOf(r).some((d) => validityAt(p, d).valid));
        if (post) push(r, { kind: 'posted-person', personId: post.person.id, personName: post.person.name, unitId: unit.id, unitName: unit.name });
      }
    }
  } else {
    const person = await getPerson(ctx, target.personId!);
    if (!person || person.retracted_at) throw new NotFoundError(`person ${target.personId}`);
    const commanded = await unitsPersonCommanded(ctx, person.id);
    const candidates = new Set<string>();
    for (const c of commanded) {
      if (candidates.has(c.unit.id)) continue;
      candidates.add(c.unit.id);
      for (const id of await subordinatesEver(ctx, c.unit.id)) candidates.add(id);
    }
    const rows = await attributionRows(ctx, { personIds: [person.id], unitIds: candidates.size ? [...candidates] : undefined }, from, to);
    const subsAt = new Map<string, Set<string>>();
    const subs = async (unitId: string, day: string) => {
      const k = `${unitId} ${day}`;
      if (!subsAt.has(k)) subsAt.set(k, new Set(await subordinates(ctx, unitId, day)));
      return subsAt.get(k)!;
    };
    for (const r of rows) {
      if (r.person_id === person.id) push(r, { kind: 'direct', personId: person.id, personName: person.name });
      if (!r.unit_id) continue;
      const seen = new Set<string>();
      for (const c of commanded) {
        if (seen.has(c.unit.id)) continue;
        for (const day of daysOf(r)) {
          if (!validityAt(c.posting, day).valid) continue;
          if (r.unit_id === c.unit.id || (await subs(c.unit.id, day)).has(r.unit_id)) {
            seen.add(c.unit.id);
            push(r, {
              kind: 'commander',
              unitId: c.unit.id,
              unitName: c.unit.name,
              personId: person.id,
              personName: person.name,
              ...(r.unit_id !== c.unit.id ? { attributedUnitId: r.unit_id, attributedUnitName: await unitName(r.unit_id) } : {}),
            });
            break;
          }
        }
      }
    }
  }
  const views = await incidentViews(ctx, [...new Set(hitIncident)]);
  const out: LinkedIncident[] = [];
  hits.forEach((h, i) => {
    const v = views.get(hitIncident[i]!);
    if (v) out.push({ incident: v, ...h });
  });
  return out;
}

export interface LinkedSummary {
  /** Distinct incidents. */
  incidents: number;
  grave: number;
  fatalities: number;
  byPath: Record<string, number>;
  /** By act type (an incident counts once under each of its act types). */
  byType: Record<string, number>;
  bySeverity: Record<string, number>;
  byVerification: Record<string, number>;
  byCategory: Record<string, number>;
}

/** Counts of linked incidents by type, severity and verification (each incident counted once per key). */
export function summariseLinked(items: LinkedIncident[]): LinkedSummary {
  const seen = new Map<string, LinkedIncidentView>();
  const byPath: Record<string, Set<string>> = {};
  for (const it of items) {
    seen.set(it.incident.id, it.incident);
    (byPath[it.path.kind] ??= new Set()).add(it.incident.id);
  }
  const s: LinkedSummary = { incidents: seen.size, grave: 0, fatalities: 0, byPath: {}, byType: {}, bySeverity: {}, byVerification: {}, byCategory: {} };
  for (const [k, set] of Object.entries(byPath)) s.byPath[k] = set.size;
  const inc = (o: Record<string, number>, k: string | null) => {
    const key = k ?? 'unknown';
    o[key] = (o[key] ?? 0) + 1;
  };
  for (const v of seen.values()) {
    if (v.grave) s.grave++;
    s.fatalities += v.fatalities ?? 0;
    for (const t of v.actTypes) inc(s.byType, t);
    inc(s.bySeverity, v.severity);
    inc(s.byVerification, v.verification);
    for (const c of v.categories) inc(s.byCategory, c);
  }
  return s;
}

export async function linkedSummary(ctx: Ctx, target: LinkTarget, opts: { from?: string; to?: string } = {}): Promise<LinkedSummary> {
  return summariseLinked(await linkedIncidents(ctx, target, opts));
}
