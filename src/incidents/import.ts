/**
 * Import of ACLED and UCDP GED files into incidents. The pure readers (import/acled.ts,
 * import/ucdp.ts) turn a file into events and problems by line; this module writes the events through
 * the store, all in one transaction:
 *
 * - idempotent on the source's own event id (`source`, `source_event_id`): a re-import of the same file
 *   compares every event with what is stored and writes nothing for an event that did not change; an
 *   updated file revises the events that changed (their perpetrators and dataset source too);
 * - actors become perpetrators: an actor name mapped in the actor mapping table (mappings.ts) gives the
 *   registry unit or person; an unmapped actor keeps its perpetrator type and name only and is listed
 *   among the problems (a warning) with fuzzy suggestions from the registry, never guessed;
 * - an error commits nothing unless `partial` (then the rows without errors are imported);
 * - progress is reported while reading and while writing.
 * Result: { events, created, updated, skipped, problems, unmapped, committed }.
 */
import type { Level } from '../platform/access/policy.ts';
import { canRead, hasPermission } from '../platform/access/policy.ts';
import { ForbiddenError, ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { randomUUID } from 'node:crypto';
import { type Ctx, inTransaction, insertRecord, insertRecords, retractRecord, updateRecord } from '../platform/store.ts';
import { type AcledEvent, readAcled } from './import/acled.ts';
import type { CsvInput, ImportProblem, ImportProgress } from './import/csv.ts';
import { readUcdp, type UcdpEvent } from './import/ucdp.ts';
import { ActorMapper, type ActorSuggestion, suggestUnits } from './mappings.ts';
import { T } from './schema.ts';
import { buildIncident, changedColumns, type Incident, type IncidentConfig, incidentConfig } from './service.ts';
import './messages.ts';

export type ImportSource = 'acled' | 'ucdp';

export interface EventImportOptions {
  partial?: boolean;
  /** Sensitivity of incidents created (default internal); existing incidents keep theirs. */
  sensitivity?: Level;
  compartments?: string[];
  /** ACLED numeric dates such as 05/04/20: day first unless told. */
  slashDateOrder?: 'dmy' | 'mdy';
  lang?: Lang;
  onProgress?: (p: { phase: 'read' | 'write'; rows: number; events: number; problems: number; done: boolean }) => void;
  /** Progress every so many rows (default 1000) or events written (default 250). */
  progressEvery?: number;
}

export interface UnmappedActor {
  actor: string;
  /** Events naming it. */
  events: number;
  /** First line naming it. */
  line: number;
  perpetrator_type: string | null;
  suggestions: ActorSuggestion[];
}

export interface EventImportResult {
  events: number;
  created: number;
  updated: number;
  skipped: number;
  problems: (ImportProblem & { suggestions?: ActorSuggestion[] })[];
  unmapped: UnmappedActor[];
  committed: boolean;
}

/** An event as pocdesk stores it: the incident's fields, its parties and its dataset source. */
interface Prepared {
  sourceEventId: string;
  line: number;
  fields: Parameters<typeof buildIncident>[0];
  sourceData: Record<string, unknown>;
  parties: Party[];
  dataset: { title: string; reference: string; publisher: string | null; url: string | null };
  country: string | null;
}

interface Party {
  role: string;
  name: string | null;
  type: string | null;
  involvement: string;
  column: string;
}

const WHERE_PREC_UCDP: Record<number, string> = { 1: 'exact', 2: 'near', 3: 'admin2', 4: 'admin1', 5: 'admin1', 6: 'country', 7: 'country' };
const GEO_PREC_ACLED: Record<number, string> = { 1: 'exact', 2: 'near', 3: 'region' };

function withoutLines<E extends { line: number; lines?: number[] }>(e: E): Record<string, unknown> {
  const { line: _l, lines: _ls, ...rest } = e as E & { lines?: number[] };
  return rest as Record<string, unknown>;
}

function prepareAcled(e: AcledEvent, cfg: IncidentConfig): Prepared {
  const place = e.location ?? e.admin2 ?? e.admin1 ?? e.country ?? '?';
  const harmful = e.actTypes.length > 0;
  const armed = (type: string | null) => !!type && cfg.vocabulary.perpetratorTypes.find((p) => p.code === type)?.armed !== false;
  const parties: Party[] = [];
  if (e.actor1 && armed(e.actor1Type)) parties.push({ role: 'actor1', name: e.actor1, type: e.actor1Type, involvement: harmful ? 'direct-perpetrator' : 'unknown', column: 'actor1' });
  if (e.actor2 && armed(e.actor2Type)) parties.push({ role: 'actor2', name: e.actor2, type: e.actor2Type, involvement: 'unknown', column: 'actor2' });
  return {
    sourceEventId: e.sourceEventId,
    line: e.line,
    fields: {
      summary: `${e.eventType}${e.subEventType ? ` / ${e.subEventType}` : ''}: ${place}`,
      description: e.notes,
      date: e.date.value,
      date_precision: e.date.precision,
      date_start: e.date.start,
      date_end: e.date.end,
      country: e.country,
      country_code: e.iso3,
      admin1: e.admin1,
      admin2: e.admin2,
      location: e.location,
      lat: e.lat,
      lon: e.lon,
      location_precision: e.geoPrecision ? (GEO_PREC_ACLED[e.geoPrecision] ?? null) : null,
      acts: e.actTypes.map((a) => ({ act_type: a })),
      fatalities: e.fatalities,
      verification_status: cfg.policy.imports.verificationStatus,
      perpetrator_types: e.perpetratorTypes,
      event_type: e.eventType,
      sub_event_type: e.subEventType,
    },
    sourceData: withoutLines(e),
    parties,
    dataset: { title: 'ACLED', reference: e.sourceEventId, publisher: e.sourceText, url: null },
    country: e.country,
  };
}

function prepareUcdp(e: UcdpEvent, cfg: IncidentConfig): Prepared {
  const tv = cfg.vocabulary.ucdp.typesOfViolence.find((x) => x.code === e.typeOfViolence);
  const place = e.whereCoordinates ?? e.adm2 ?? e.adm1 ?? e.country ?? '?';
  const label = tv?.labels.en ?? `UCDP type ${e.typeOfViolence}`;
  const parties: Party[] = [];
  const oneSided = !!tv?.sideBIsVictims;
  if (e.sideA) parties.push({ role: 'side_a', name: e.sideA, type: e.sideAType, involvement: oneSided ? 'direct-perpetrator' : 'unknown', column: 'side_a' });
  if (e.sideB && !oneSided) parties.push({ role: 'side_b', name: e.sideB, type: e.sideBType, involvement: 'unknown', column: 'side_b' });
  const civ = e.deathsCivilians ?? 0;
  return {
    sourceEventId: e.sourceEventId,
    line: e.line,
    fields: {
      summary: `${label}: ${e.dyadName ?? [e.sideA, e.sideB].filter(Boolean).join(' - ')}, ${place}`,
      description: [e.sourceHeadline, e.whereDescription].filter(Boolean).join('\n') || null,
      date: e.date.value,
      date_precision: e.date.precision,
      date_start: e.date.start,
      date_end: e.date.end,
      country: e.country,
      country_code: e.iso3,
      admin1: e.adm1,
      admin2: e.adm2,
      location: e.whereCoordinates,
      lat: e.lat,
      lon: e.lon,
      location_precision: e.wherePrecision ? (WHERE_PREC_UCDP[e.wherePrecision] ?? null) : null,
      acts: e.actTypes.map((a) => ({ act_type: a, victims: oneSided && a === 'killing' && civ > 0 ? civ : null })),
      victims: civ > 0 ? [{ sex: 'unknown', age_group: 'unknown', count: civ }] : [],
      fatalities: e.best,
      verification_status: cfg.policy.imports.verificationStatus,
      perpetrator_types: e.perpetratorTypes,
      event_type: label,
      sub_event_type: null,
    },
    sourceData: withoutLines(e),
    parties,
    dataset: { title: 'UCDP Georeferenced Event Dataset', reference: e.sourceEventId, publisher: e.sourceArticle, url: null },
    country: e.country,
  };
}


function requireImport(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'incidents:write')) throw new ForbiddenError('importing incidents needs the permission incidents:write');
}

class Aborted extends Error {}

/** Reads an ACLED or UCDP file (text, bytes, a stream) and imports its events. */
export async function importEvents(ctx: Ctx, source: ImportSource, input: CsvInput, opts: EventImportOptions = {}): Promise<EventImportResult> {
  requireImport(ctx);
  const lang = opts.lang ?? ctx.actor.language;
  const cfg = await incidentConfig(ctx);
  const problems: EventImportResult['problems'] = [];
  const events: Prepared[] = [];
  const every = opts.progressEvery ?? 1000;
  const onRead = (p: ImportProgress) => opts.onProgress?.({ phase: 'read', rows: p.rows, events: p.events, problems: p.problems, done: p.done });
  if (source === 'acled') {
    for await (const item of readAcled(input, { vocabulary: cfg.vocabulary, slashDateOrder: opts.slashDateOrder, onProgress: onRead, progressEvery: every })) {
      if (item.type === 'event') events.push(prepareAcled(item.event, cfg));
      else if (item.type === 'problem') problems.push(item.problem);
    }
  } else if (source === 'ucdp') {
    for await (const item of readUcdp(input, { vocabulary: cfg.vocabulary, onProgress: onRead, progressEvery: every })) {
      if (item.type === 'event') events.push(prepareUcdp(item.event, cfg));
      else if (item.type === 'problem') problems.push(item.problem);
    }
  } else throw new ValidationError([{ field: 'source', reason: 'acled or ucdp' }]);

  const hasErrors = problems.some((p) => p.severity === 'error');
  const result: EventImportResult = { events: events.length, created: 0, updated: 0, skipped: 0, problems, unmapped: [], committed: false };
  const mapper = await ActorMapper.load(ctx, source);
  const unmapped = new Map<string, UnmappedActor>();
  for (const e of events) {
    for (const party of e.parties) {
      if (!party.name) continue;
      const m = mapper.find(party.name);
      if (m) continue;
      const u = unmapped.get(party.name);
      if (u) u.events++;
      else unmapped.set(party.name, { actor: party.name, events: 1, line: e.line, perpetrator_type: party.type, suggestions: [] });
    }
  }
  const suggestionsOn = hasPermission(ctx.actor, 'registry:read');
  for (const u of unmapped.values()) {
    if (suggestionsOn) u.suggestions = await suggestUnits(ctx, u.actor, { limit: cfg.policy.imports.suggestions, threshold: cfg.policy.imports.suggestionThreshold });
    const list = u.suggestions.map((s) => `${s.name} (${s.unit_id}, ${s.score})`).join('; ');
    const vars = (l: Lang) => ({ actor: u.actor, suggestions: list ? t(l, 'incidents:import.suggestions', { list }) : '' });
    problems.push({
      line: u.line,
      column: source === 'acled' ? 'actor1' : 'side_a',
      severity: 'warning',
      code: 'unmapped-actor',
      message: t('en', 'incidents:import.unmapped-actor', vars('en')),
      messageFr: t('fr', 'incidents:import.unmapped-actor', vars('fr')),
      suggestions: u.suggestions,
    });
  }
  result.unmapped = [...unmapped.values()];
  if (hasErrors && !opts.partial) return result;

  try {
    await inTransaction(ctx, async (tx) => {
      await writeEvents(tx, source, events, cfg, mapper, opts, result, lang);
      if (problems.some((p) => p.severity === 'error') && !opts.partial) throw new Aborted();
    });
  } catch (e) {
    if (e instanceof Aborted) return { ...result, created: 0, updated: 0, skipped: 0, committed: false };
    throw e;
  }
  result.committed = true;
  problems.sort((a, b) => a.line - b.line);
  return result;
}

async function writeEvents(tx: Ctx, source: ImportSource, events: Prepared[], cfg: IncidentConfig, mapper: ActorMapper, opts: EventImportOptions, result: EventImportResult, lang: Lang) {
  const stored = new Map<string, Incident>();
  for (const r of (await tx.q.query<Incident>('SELECT * FROM incidents WHERE source = $1 AND source_event_id IS NOT NULL', [source])).rows) stored.set(r.source_event_id!, r);
  const parts = new Map<string, Record<string, any>[]>();
  const manualTypes = new Map<string, string[]>();
  const ids = [...stored.values()].map((r) => r.id);
  if (ids.length) {
    for (const table of ['incident_perpetrators', 'incident_sources']) {
      for (const r of (await tx.q.query<any>(`SELECT *, '${table}' AS _table FROM ${table} WHERE incident_id = ANY($1::uuid[]) AND retracted_at IS NULL AND external_ids ? 'role'`, [ids])).rows) {
        const list = parts.get(r.incident_id) ?? [];
        list.push(r);
        parts.set(r.incident_id, list);
      }
    }
    // perpetrators an officer added by hand (no import role): their types stay among the incident's
    for (const r of (await tx.q.query<{ incident_id: string; t: string }>(`SELECT incident_id, perpetrator_type AS t FROM incident_perpetrators WHERE incident_id = ANY($1::uuid[]) AND retracted_at IS NULL AND NOT (external_ids ? 'role') AND perpetrator_type IS NOT NULL`, [ids])).rows) {
      manualTypes.set(r.incident_id, [...(manualTypes.get(r.incident_id) ?? []), r.t]);
    }
  }
  const sensitivity = opts.sensitivity ?? 'internal';
  const compartments = opts.compartments ?? [];
  const every = Math.max(1, Math.floor((opts.progressEvery ?? 1000) / 4));
  let written = 0;
  const fresh: { incidents: Record<string, unknown>[]; perpetrators: Record<string, unknown>[]; sources: Record<string, unknown>[] } = { incidents: [], perpetrators: [], sources: [] };
  const flush = async () => {
    await insertRecords(tx, T.incident, fresh.incidents);
    await insertRecords(tx, T.perpetrator, fresh.perpetrators);
    await insertRecords(tx, T.source, fresh.sources);
    fresh.incidents = [];
    fresh.perpetrators = [];
    fresh.sources = [];
  };
  for (const e of events) {
    const fields = { ...e.fields };
    // parties: mapped actors become registry units or persons
    const parties: Record<string, unknown>[] = [];
    for (const party of e.parties) {
      const m = party.name ? mapper.find(party.name) : null;
      let unitId = m?.unit_id ?? null;
      if (unitId && !(await mapper.unitUsable(tx, unitId))) {
        result.problems.push({ line: e.line, column: party.column, severity: 'warning', code: 'mapped-placeholder', message: t('en', 'incidents:import.mapped-placeholder', { actor: party.name }), messageFr: t('fr', 'incidents:import.mapped-placeholder', { actor: party.name }), sourceEventId: e.sourceEventId });
        unitId = null;
      }
      parties.push({
        role: party.role,
        row: {
          unit_id: m?.ignored ? null : unitId,
          person_id: m?.ignored ? null : (m?.person_id ?? null),
          perpetrator_type: m?.perpetrator_type ?? party.type ?? (unitId ? null : 'unknown'),
          actor_name: party.name,
          involvement: party.involvement,
          confidence: cfg.policy.imports.confidence,
          notes: null,
        },
      });
    }
    for (const p of parties) if (!(p.row as any).perpetrator_type && !(p.row as any).unit_id && !(p.row as any).person_id) (p.row as any).perpetrator_type = 'unknown';
    fields.perpetrator_types = [...new Set([...fields.perpetrator_types, ...parties.map((p) => (p.row as any).perpetrator_type as string | null).filter((x): x is string => !!x)])];
    const existing = stored.get(e.sourceEventId);
    if (existing && !existing.retracted_at) {
      // what officers established since is kept: verification status, classification override, flags, attributions by hand
      fields.verification_status = existing.verification_status;
      fields.classification_override = existing.classification_override;
      fields.flags = existing.flags;
      fields.perpetrator_types = [...new Set([...fields.perpetrator_types, ...(manualTypes.get(existing.id) ?? [])])];
    }
    const row = { ...buildIncident(fields, cfg, { allowNoActs: true }), source, source_event_id: e.sourceEventId, source_data: { ...e.sourceData, perpetratorTypes: e.fields.perpetrator_types } };
    const dataset = { kind: 'dataset', title: e.dataset.title, reference: e.dataset.reference, publisher: e.dataset.publisher, url: e.dataset.url };
    if (!existing) {
      // new events are written in batches (below): one statement for many rows, the same audit entries
      const id = randomUUID();
      fresh.incidents.push({ ...row, id, external_ids: {}, sensitivity, compartments });
      for (const p of parties) fresh.perpetrators.push({ ...(p.row as object), incident_id: id, external_ids: { role: p.role }, sensitivity, compartments });
      fresh.sources.push({ ...dataset, incident_id: id, external_ids: { role: 'dataset' }, sensitivity, compartments });
      stored.set(e.sourceEventId, { id, retracted_at: null, sensitivity, compartments } as unknown as Incident);
      result.created++;
    } else if (existing.retracted_at || !canRead(tx.actor, existing as any)) {
      const key = existing.retracted_at ? 'incidents:import.retracted' : 'incidents:import.out-of-reach';
      result.problems.push({ line: e.line, column: null, severity: 'warning', code: existing.retracted_at ? 'retracted' : 'out-of-reach', message: t('en', key, { id: e.sourceEventId }), messageFr: t('fr', key, { id: e.sourceEventId }), sourceEventId: e.sourceEventId });
      result.skipped++;
    } else {
      let changed = false;
      const diff = changedColumns(existing, row);
      if (Object.keys(diff).length) {
        await updateRecord(tx, T.incident, existing.id, diff, { action: 'import' });
        changed = true;
      }
      const mine = parts.get(existing.id) ?? [];
      const wanted = [...parties.map((p) => ({ table: 'incident_perpetrators', type: T.perpetrator, role: p.role as string, row: p.row as Record<string, unknown> })), { table: 'incident_sources', type: T.source, role: 'dataset', row: dataset as Record<string, unknown> }];
      for (const w of wanted) {
        const cur = mine.find((m) => m._table === w.table && m.external_ids?.role === w.role);
        if (!cur) {
          await insertRecord(tx, w.type, { ...w.row, incident_id: existing.id, external_ids: { role: w.role }, sensitivity: existing.sensitivity, compartments: existing.compartments });
          changed = true;
        } else {
          const d = changedColumns(cur, w.row);
          if (Object.keys(d).length) {
            await updateRecord(tx, w.type, cur.id, d, { action: 'import' });
            changed = true;
          }
        }
      }
      for (const cur of mine) {
        if (!wanted.some((w) => w.table === cur._table && w.role === cur.external_ids?.role)) {
          await retractRecord(tx, cur._table === 'incident_sources' ? T.source : T.perpetrator, cur.id, `no longer in the ${source.toUpperCase()} file`);
          changed = true;
        }
      }
      if (changed) result.updated++;
      else result.skipped++;
    }
    written++;
    if (fresh.incidents.length >= 200) await flush();
    if (written % every === 0) opts.onProgress?.({ phase: 'write', rows: written, events: events.length, problems: result.problems.length, done: false });
  }
  await flush();
  opts.onProgress?.({ phase: 'write', rows: written, events: events.length, problems: result.problems.length, done: true });
  void lang;
}
