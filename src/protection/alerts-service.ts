/**
 * Alerts as records: reception (with the caller kept in a record of its own), the workflow enforced on
 * the server through the pure rules of alerts.ts (every step timed, attributed to the signed-in user,
 * and kept as a revision), responses and "no response, because…", merging duplicates, the link to an
 * incident, lists, search, export, the response figures and what waits for triage or response.
 */
import { randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { hasPermission, levelRank } from '../platform/access/policy.ts';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../platform/errors.ts';
import { t } from '../platform/i18n/i18n.ts';
import type { Notification, SearchHit } from '../platform/module.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, updateRecord } from '../platform/store.ts';
import {
  type Alert,
  type AlertEvent,
  alertTimeline,
  allowedTransitions,
  effectiveReceivedAt,
  firstResponse,
  mergeAlerts,
  minutesToFirstResponse,
  parseTimestamp,
  receiveAlert,
  recordResponse,
  responseFigures,
  transitionAlert,
} from './alerts.ts';
import { blank, checkCode, definedOnly, fold, textSearch, notInFuture, nowWithOffset, operations, parseInput, protectionConfig, protectionOf, registryLink, registryName, requireRead, requireWrite, throwIf } from './common.ts';
import { findEntry, labelOf, type ProtectionConfig } from './config.ts';
import {
  type AlertFilter,
  alertFilter,
  type AlertInput,
  alertInput,
  type AlertPatch,
  alertPatch,
  type CallerInput,
  callerInput,
  type FiguresQuery,
  figuresQuery,
  type MergeInput,
  mergeInput,
  type ResponseInput,
  responseInput,
  type TransitionInput,
  transitionInput,
} from './inputs.ts';
import { CALLER_PERMISSION, T } from './schema.ts';

export interface AlertRow {
  id: string;
  received_at: string;
  received_instant: string;
  received_day: string;
  received_by: string;
  channel: string;
  threat_type: string;
  area_code: string | null;
  area_name: string | null;
  place: string | null;
  location_id: string | null;
  threatened_population: string | null;
  population_estimate: number | null;
  suspected_actor: string | null;
  suspected_unit_id: string | null;
  suspected_person_id: string | null;
  summary: string | null;
  priority: string | null;
  state: string;
  verification: string | null;
  history: AlertEvent[];
  responses: Alert['responses'];
  merged: Alert['merged'];
  merged_into: string | null;
  state_changed_at: string;
  first_response_at: string | null;
  incident_id: string | null;
  incident_linked_at: string | null;
  incident_linked_by: string | null;
  search_text: string;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  retracted_reason: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface CallerRow {
  id: string;
  alert_id: string;
  name: string | null;
  phone: string | null;
  relationship: string | null;
  community: string | null;
  callback_consent: boolean | null;
  notes: string | null;
  sensitivity: string;
  compartments: string[];
  version: number;
}

export function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    channel: r.channel,
    threatType: r.threat_type,
    area: r.area_code,
    priority: r.priority,
    state: r.state,
    history: r.history ?? [],
    responses: r.responses ?? [],
    merged: r.merged ?? [],
    mergedInto: r.merged_into,
  };
}

/** Whether the actor may know who called (the permission; each caller record's own level applies too). */
export function mayReadCallers(ctx: Ctx): boolean {
  return hasPermission(ctx.actor, CALLER_PERMISSION);
}

function searchTextOf(r: Partial<AlertRow>): string {
  return fold([r.summary, r.place, r.area_name, r.area_code, r.threatened_population, r.suspected_actor]);
}

const iso = (instant: number) => new Date(instant).toISOString();

function stateChangedAt(a: Alert): string {
  let last = parseTimestamp(a.receivedAt)!.instant;
  for (const e of a.history) {
    if (e.kind === 'response') continue;
    const t = parseTimestamp(e.at);
    if (t && t.instant > last) last = t.instant;
  }
  return iso(last);
}

function firstResponseAt(a: Alert, cfg: ProtectionConfig): string | null {
  const r = firstResponse(a, cfg);
  return r ? iso(parseTimestamp(r.at)!.instant) : null;
}

/** The time of a step: as given (with its offset, not in the future), or now at the alert's offset. */
function stepTime(problems: FieldProblem[], at: string | undefined, alert: Alert, field = 'at'): string {
  if (at === undefined || at === '') return nowWithOffset(parseTimestamp(alert.receivedAt)!.offsetMinutes);
  const t = parseTimestamp(at);
  if (!t) problems.push({ field, reason: 'must be a date and time with its time zone offset, e.g. 2019-03-04T22:15:00+02:00' });
  else notInFuture(problems, t.instant, field);
  return at;
}

async function checkCaller(input: CallerInput): Promise<Record<string, unknown>> {
  const sensitivity = input.sensitivity ?? 'restricted';
  if (levelRank(sensitivity) < levelRank('restricted')) throw new ValidationError([{ field: 'caller.sensitivity', reason: 'who called is at least restricted' }]);
  return {
    name: blank(input.name),
    phone: blank(input.phone),
    relationship: blank(input.relationship),
    community: blank(input.community),
    callback_consent: input.callback_consent ?? null,
    notes: blank(input.notes),
    sensitivity,
    ...(input.compartments ? { compartments: input.compartments } : {}),
  };
}

async function validateDescriptive(ctx: Ctx, d: Partial<AlertInput>, cfg: ProtectionConfig, problems: FieldProblem[]): Promise<void> {
  checkCode(problems, cfg.alertChannels, d.channel, 'channel', 'an alert channel');
  checkCode(problems, cfg.threatTypes, d.threat_type, 'threat_type', 'a threat type');
  checkCode(problems, cfg.priorities, d.priority, 'priority', 'a priority');
  await registryLink(ctx, problems, 'unit', d.suspected_unit_id, 'suspected_unit_id');
  await registryLink(ctx, problems, 'person', d.suspected_person_id, 'suspected_person_id');
  await registryLink(ctx, problems, 'location', d.location_id, 'location_id');
}

/** Receives an alert: validated against the configured vocabularies, in the initial state. */
export async function createAlert(ctx: Ctx, input: AlertInput): Promise<AlertView> {
  requireWrite(ctx);
  const data = parseInput(alertInput, input);
  const cfg = await protectionConfig(ctx);
  const problems: FieldProblem[] = [];
  await validateDescriptive(ctx, data, cfg, problems);
  const t = parseTimestamp(data.received_at);
  if (!t) problems.push({ field: 'received_at', reason: 'must be a date and time with its time zone offset, e.g. 2019-03-04T22:15:00+02:00' });
  else notInFuture(problems, t.instant, 'received_at');
  throwIf(problems);
  const id = randomUUID();
  const alert = receiveAlert(
    { id, receivedAt: data.received_at, receivedBy: blank(data.received_by) ?? ctx.actor.username, channel: data.channel, threatType: data.threat_type, area: blank(data.area_code), priority: data.priority ?? null, note: blank(data.note) },
    cfg,
  );
  const row = {
    id,
    received_at: alert.receivedAt,
    received_instant: iso(t!.instant),
    received_day: t!.localDay,
    received_by: alert.receivedBy,
    channel: alert.channel,
    threat_type: alert.threatType,
    area_code: alert.area,
    area_name: blank(data.area_name),
    place: blank(data.place),
    location_id: data.location_id ?? null,
    threatened_population: blank(data.threatened_population),
    population_estimate: data.population_estimate ?? null,
    suspected_actor: blank(data.suspected_actor),
    suspected_unit_id: data.suspected_unit_id ?? null,
    suspected_person_id: data.suspected_person_id ?? null,
    summary: blank(data.summary),
    priority: alert.priority,
    state: alert.state,
    history: alert.history,
    responses: [],
    merged: [],
    state_changed_at: iso(t!.instant),
    external_ids: {},
    ...protectionOf(data),
  };
  return inTransaction(ctx, async (tx) => {
    const saved = await insertRecord<AlertRow>(tx, T.alert, { ...row, search_text: searchTextOf(row) });
    if (data.caller) await insertRecord(tx, T.caller, { alert_id: id, ...(await checkCaller(data.caller)) });
    return alertView(tx, saved, cfg);
  });
}

async function mustGetAlert(ctx: Ctx, id: string): Promise<AlertRow> {
  const r = await getRecord<AlertRow>(ctx, T.alert, id);
  if (!r) throw new NotFoundError(`alert ${id}`);
  return r;
}

async function liveAlert(ctx: Ctx, id: string): Promise<AlertRow> {
  const r = await mustGetAlert(ctx, id);
  if (r.retracted_at) throw new ConflictError(`alert ${id} is retracted`);
  return r;
}

async function saveWorkflow(ctx: Ctx, row: AlertRow, next: Alert, cfg: ProtectionConfig, extra: Record<string, unknown>, action: string, expectedVersion?: number): Promise<AlertRow> {
  const { record } = await updateRecord<AlertRow>(
    ctx,
    T.alert,
    row.id,
    {
      state: next.state,
      history: next.history,
      responses: next.responses,
      merged: next.merged,
      merged_into: next.mergedInto,
      priority: next.priority,
      state_changed_at: stateChangedAt(next),
      first_response_at: firstResponseAt(next, cfg),
      ...extra,
    },
    { action, expectedVersion: expectedVersion ?? row.version },
  );
  return record;
}

/** Moves an alert along the configured workflow; triage gives the priority, verification its result. */
export async function transition(ctx: Ctx, id: string, input: TransitionInput): Promise<AlertView> {
  requireWrite(ctx);
  const data = parseInput(transitionInput, input);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  return inTransaction(ctx, async (tx) => {
    const row = await liveAlert(tx, id);
    const problems: FieldProblem[] = [];
    checkCode(problems, cfg.priorities, data.priority, 'priority', 'a priority');
    checkCode(problems, ops.verificationResults, data.verification, 'verification', 'a verification result');
    const priority = data.priority ?? row.priority;
    if (ops.priorityRequiredIn.includes(data.to) && !priority) problems.push({ field: 'priority', reason: `an alert needs a priority to be "${data.to}" (${cfg.priorities.map((p) => p.code).join(', ')})` });
    const alert = toAlert(row);
    const at = stepTime(problems, data.at, alert);
    throwIf(problems);
    let next = transitionAlert({ ...alert, priority }, { to: data.to, at, by: tx.actor.username, note: blank(data.note) }, cfg);
    const last = next.history[next.history.length - 1]!;
    const stamped: AlertEvent & { priority?: string; verification?: string } = { ...last };
    if (data.priority && data.priority !== row.priority) stamped.priority = data.priority;
    if (data.verification) stamped.verification = data.verification;
    next = { ...next, history: [...next.history.slice(0, -1), stamped] };
    const saved = await saveWorkflow(tx, row, next, cfg, definedOnly({ verification: data.verification }), 'transition', data.expected_version);
    return alertView(tx, saved, cfg);
  });
}

/** Records what the mission did (or that it did nothing, and why); the state does not change. */
export async function respond(ctx: Ctx, id: string, input: ResponseInput): Promise<AlertView> {
  requireWrite(ctx);
  const data = parseInput(responseInput, input);
  const cfg = await protectionConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await liveAlert(tx, id);
    const problems: FieldProblem[] = [];
    const alert = toAlert(row);
    const at = stepTime(problems, data.at, alert);
    throwIf(problems);
    const next = recordResponse(alert, { type: data.type, at, by: tx.actor.username, reason: blank(data.reason), note: blank(data.note), unitId: blank(data.unit_id) }, cfg);
    const saved = await saveWorkflow(tx, row, next, cfg, {}, 'respond', data.expected_version);
    return alertView(tx, saved, cfg);
  });
}

/** Merges a duplicate into a primary alert; both histories are kept, the duplicate is closed and points to the primary. */
export async function mergeDuplicate(ctx: Ctx, primaryId: string, input: MergeInput): Promise<{ primary: AlertView; duplicate: AlertView }> {
  requireWrite(ctx);
  const data = parseInput(mergeInput, input);
  const cfg = await protectionConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const p = await liveAlert(tx, primaryId);
    const d = await liveAlert(tx, data.duplicate_id);
    const problems: FieldProblem[] = [];
    const at = stepTime(problems, data.at, toAlert(p));
    throwIf(problems);
    const merged = mergeAlerts(toAlert(p), toAlert(d), { at, by: tx.actor.username, note: blank(data.note) }, cfg);
    const dup = await saveWorkflow(tx, d, merged.duplicate, cfg, {}, 'merge-into');
    const prim = await saveWorkflow(tx, p, merged.primary, cfg, {}, 'merge-in');
    return { primary: await alertView(tx, prim, cfg), duplicate: await alertView(tx, dup, cfg) };
  });
}

/** Changes what is known of an alert (place, population, actor…); the workflow has its own calls. */
export async function updateAlert(ctx: Ctx, id: string, patch: AlertPatch, opts: { expectedVersion?: number; reason?: string } = {}): Promise<{ record: AlertView; changed: boolean }> {
  requireWrite(ctx);
  const data = parseInput(alertPatch, patch);
  const cfg = await protectionConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const row = await liveAlert(tx, id);
    const problems: FieldProblem[] = [];
    await validateDescriptive(tx, data, cfg, problems);
    throwIf(problems);
    const next: Record<string, unknown> = definedOnly({
      channel: data.channel,
      threat_type: data.threat_type,
      area_code: data.area_code === undefined ? undefined : blank(data.area_code),
      area_name: data.area_name === undefined ? undefined : blank(data.area_name),
      place: data.place === undefined ? undefined : blank(data.place),
      location_id: data.location_id,
      threatened_population: data.threatened_population === undefined ? undefined : blank(data.threatened_population),
      population_estimate: data.population_estimate,
      suspected_actor: data.suspected_actor === undefined ? undefined : blank(data.suspected_actor),
      suspected_unit_id: data.suspected_unit_id,
      suspected_person_id: data.suspected_person_id,
      summary: data.summary === undefined ? undefined : blank(data.summary),
      priority: data.priority,
      ...protectionOf(data),
    });
    next.search_text = searchTextOf({ ...row, ...next });
    const r = await updateRecord<AlertRow>(tx, T.alert, id, next, { expectedVersion: opts.expectedVersion, reason: opts.reason });
    return { record: await alertView(tx, r.record, cfg), changed: r.changed };
  });
}

/** Records (or corrects) who called; needs the caller permission. */
export async function setCaller(ctx: Ctx, alertId: string, input: CallerInput): Promise<CallerRow> {
  const data = parseInput(callerInput, input);
  return inTransaction(ctx, async (tx) => {
    await liveAlert(tx, alertId);
    const values = await checkCaller(data);
    const existing = (await listRecords<CallerRow>(tx, T.caller, { where: 'r.alert_id = $1', params: [alertId] }))[0];
    if (existing) return (await updateRecord<CallerRow>(tx, T.caller, existing.id, values)).record;
    return insertRecord<CallerRow>(tx, T.caller, { alert_id: alertId, ...values });
  });
}

/** Records the incident an alert became (the incidents domain holds it). */
export async function markIncident(ctx: Ctx, alertId: string, incidentId: string): Promise<AlertRow> {
  return inTransaction(ctx, async (tx) => {
    const row = await liveAlert(tx, alertId);
    if (row.incident_id && row.incident_id !== incidentId) throw new ConflictError(`alert ${alertId} already became incident ${row.incident_id}`);
    if (row.incident_id === incidentId) return row;
    return (await updateRecord<AlertRow>(tx, T.alert, alertId, { incident_id: incidentId, incident_linked_at: new Date().toISOString(), incident_linked_by: tx.actor.username }, { action: 'link-incident' })).record;
  });
}

// ---------------------------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------------------------

export interface AlertView extends Omit<AlertRow, 'search_text'> {
  labels: Record<string, { en: string; fr: string } | null>;
  effective_received_at: string;
  minutes_to_first_response: number | null;
  allowed_transitions: string[];
  timeline?: ReturnType<typeof alertTimeline>;
  suspected_unit?: { id: string; name: string } | null;
  suspected_person?: { id: string; name: string } | null;
  /** Present only for those who may know who called: this alert's caller and those of duplicates merged in. */
  callers?: CallerRow[];
}

const lab = (vocab: { code: string; label: { en: string; fr: string } }[], code: string | null) => (code ? labelOf(vocab, code) : null);

async function callersOf(ctx: Ctx, alertIds: string[]): Promise<Map<string, CallerRow[]>> {
  const out = new Map<string, CallerRow[]>();
  if (!alertIds.length || !mayReadCallers(ctx)) return out;
  for (const c of await listRecords<CallerRow>(ctx, T.caller, { where: 'r.alert_id = ANY($1::uuid[])', params: [alertIds] })) {
    out.set(c.alert_id, [...(out.get(c.alert_id) ?? []), c]);
  }
  return out;
}

function mergedIds(a: Alert['merged']): string[] {
  return a.flatMap((m) => [m.id, ...mergedIds(m.merged)]);
}

function baseView(r: AlertRow, cfg: ProtectionConfig): AlertView {
  const { search_text: _s, ...rest } = r;
  const alert = toAlert(r);
  const minutes = minutesToFirstResponse(alert, cfg);
  return {
    ...rest,
    labels: {
      channel: lab(cfg.alertChannels, r.channel),
      threat_type: lab(cfg.threatTypes, r.threat_type),
      state: lab(cfg.alertStates, r.state),
      priority: lab(cfg.priorities, r.priority),
    },
    effective_received_at: effectiveReceivedAt(alert),
    minutes_to_first_response: minutes === null ? null : Math.round(minutes),
    allowed_transitions: r.merged_into ? [] : allowedTransitions(alert, cfg),
  };
}

/** One alert with its timed steps, registry links and (for those who may know) its callers. */
export async function alertView(ctx: Ctx, r: AlertRow, cfg?: ProtectionConfig): Promise<AlertView> {
  const c = cfg ?? (await protectionConfig(ctx));
  const v = baseView(r, c);
  v.timeline = alertTimeline(toAlert(r), c);
  v.suspected_unit = await registryName(ctx, 'unit', r.suspected_unit_id);
  v.suspected_person = await registryName(ctx, 'person', r.suspected_person_id);
  if (mayReadCallers(ctx)) {
    const ids = [r.id, ...mergedIds(r.merged ?? [])];
    const callers = await callersOf(ctx, ids);
    v.callers = ids.flatMap((i) => callers.get(i) ?? []);
  }
  return v;
}

export async function getAlert(ctx: Ctx, id: string): Promise<AlertView> {
  requireRead(ctx);
  return alertView(ctx, await mustGetAlert(ctx, id));
}

async function alertRows(ctx: Ctx, f: AlertFilter): Promise<AlertRow[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.state) add('r.state = ?', f.state);
  if (f.threat_type) add('r.threat_type = ?', f.threat_type);
  if (f.channel) add('r.channel = ?', f.channel);
  if (f.priority) add('r.priority = ?', f.priority);
  if (f.area) add(`r.area_code LIKE ? || '%'`, f.area);
  if (f.from) add('r.received_day >= ?::date', f.from);
  if (f.to) add('r.received_day <= ?::date', f.to);
  if (f.include_merged !== 'true') conds.push('r.merged_into IS NULL');
  if (f.unanswered === 'true') conds.push('r.first_response_at IS NULL');
  return listRecords<AlertRow>(ctx, T.alert, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.received_instant DESC, r.id', limit: f.limit, offset: f.offset });
}

/** Alerts the actor may read, newest first; callers only for those who may know them. */
export async function listAlerts(ctx: Ctx, filter: Partial<AlertFilter> = {}): Promise<AlertView[]> {
  requireRead(ctx);
  const f = parseInput(alertFilter, filter);
  const cfg = await protectionConfig(ctx);
  const rows = await alertRows(ctx, { ...f, limit: f.limit ?? 500 });
  const callers = await callersOf(ctx, rows.map((r) => r.id));
  return rows.map((r) => {
    const v = baseView(r, cfg);
    if (mayReadCallers(ctx)) v.callers = callers.get(r.id) ?? [];
    return v;
  });
}

/** Text search over what an alert says (never over who called). */
export async function searchAlerts(ctx: Ctx, q: string, limit = 20): Promise<SearchHit[]> {
  const { key, rows } = await textSearch<AlertRow & { score: number }>(ctx, T.alert, q, limit, 'r.received_instant DESC');
  if (!key) return [];
  const cfg = await protectionConfig(ctx);
  return rows.map((r) => {
    const score = r.search_text.includes(key) ? 0.9 : 0.6;
    return {
      domain: 'protection',
      type: T.alert,
      id: r.id,
      label: `${labelOf(cfg.threatTypes, r.threat_type)[ctx.actor.language]}${r.place ? ` — ${r.place}` : ''}`,
      detail: [r.received_at, labelOf(cfg.alertStates, r.state)[ctx.actor.language]].join(' · '),
      score,
    };
  });
}

/** Response rate and time to first response by area, period or threat type, with the alerts that got none. */
export async function alertFigures(ctx: Ctx, query: Partial<FiguresQuery> = {}) {
  requireRead(ctx);
  const q = parseInput(figuresQuery, query);
  const cfg = await protectionConfig(ctx);
  const rows = await alertRows(ctx, { include_merged: 'true', threat_type: q.threat_type, channel: q.channel });
  const names: Record<string, string> = {};
  for (const r of rows) if (r.area_code && r.area_name) names[q.area_prefix_length ? r.area_code.slice(0, q.area_prefix_length) : r.area_code] ??= r.area_name;
  const table = responseFigures(
    rows.map(toAlert),
    { groupBy: q.group_by === 'threat_type' ? 'threatType' : q.group_by, step: q.step, from: q.from, to: q.to, areaPrefixLength: q.area_prefix_length, names: q.area_prefix_length ? {} : names },
    cfg,
  );
  return { group_by: q.group_by, from: q.from ?? null, to: q.to ?? null, rows: table.rows, total: table.total };
}

/** CSV of alerts (HXL hashtags on the second row); callers' columns only for those who may know them. */
export async function exportAlertsCsv(ctx: Ctx, filter: Partial<AlertFilter> = {}): Promise<string> {
  const list = await listAlerts(ctx, { ...filter, limit: filter.limit ?? 5000 });
  const withCallers = mayReadCallers(ctx);
  const cols: [string, string, (a: AlertView) => unknown][] = [
    ['id', '#meta+id', (a) => a.id],
    ['received_at', '#date+received', (a) => a.received_at],
    ['channel', '#meta+channel', (a) => a.channel],
    ['threat_type', '#event+type', (a) => a.threat_type],
    ['area_code', '#adm2+code', (a) => a.area_code],
    ['area_name', '#adm2+name', (a) => a.area_name],
    ['place', '#loc+name', (a) => a.place],
    ['threatened_population', '#affected+description', (a) => a.threatened_population],
    ['suspected_actor', '#group+perpetrator', (a) => a.suspected_actor],
    ['priority', '#priority', (a) => a.priority],
    ['state', '#status', (a) => a.state],
    ['minutes_to_first_response', '#indicator+minutes', (a) => a.minutes_to_first_response],
    ['merged_into', '#meta+merged', (a) => a.merged_into],
    ['incident_id', '#meta+incident', (a) => a.incident_id],
  ];
  if (withCallers) {
    cols.push(['caller_name', '', (a) => a.callers?.map((c) => c.name).filter(Boolean).join('; ')]);
    cols.push(['caller_phone', '', (a) => a.callers?.map((c) => c.phone).filter(Boolean).join('; ')]);
  }
  return stringify([cols.map((c) => c[0]), cols.map((c) => c[1]), ...list.map((a) => cols.map((c) => c[2](a) ?? ''))]);
}

/** Alerts waiting for triage or for a response beyond the configured time (protection.operations, priorities). */
export async function alertNotifications(ctx: Ctx, now = Date.now()): Promise<Notification[]> {
  requireRead(ctx);
  const [cfg, ops] = [await protectionConfig(ctx), await operations(ctx)];
  const initial = cfg.alertStates.find((s) => s.initial)!.code;
  const finals = cfg.alertStates.filter((s) => s.final).map((s) => s.code);
  const rows = await listRecords<AlertRow>(ctx, T.alert, { where: 'r.merged_into IS NULL AND NOT (r.state = ANY($1::text[]))', params: [finals], orderBy: 'r.received_instant, r.id', limit: 2000 });
  const out: Notification[] = [];
  const lang = ctx.actor.language;
  for (const r of rows) {
    const received = parseTimestamp(effectiveReceivedAt(toAlert(r)))!.instant;
    const hours = (now - received) / 3_600_000;
    const what = `${labelOf(cfg.threatTypes, r.threat_type)[lang]}${r.place ? `, ${r.place}` : r.area_name ? `, ${r.area_name}` : ''}`;
    const prio = findEntry(cfg.priorities, r.priority);
    if (r.state === initial && !r.first_response_at && hours > ops.triageWithinHours) {
      out.push({ domain: 'protection', kind: 'protection.alert-awaiting-triage', type: T.alert, id: r.id, title: t(lang, 'protection:notify.awaiting-triage', { what, hours: Math.floor(hours) }), at: iso(received + ops.triageWithinHours * 3_600_000), severity: 'warning' });
    }
    const target = prio?.targetResponseHours ?? ops.defaultResponseHours;
    if (!r.first_response_at && hours > target) {
      const top = prio && prio.rank === Math.min(...cfg.priorities.map((p) => p.rank));
      out.push({ domain: 'protection', kind: 'protection.alert-awaiting-response', type: T.alert, id: r.id, title: t(lang, 'protection:notify.awaiting-response', { what, hours: Math.floor(hours) }), at: iso(received + target * 3_600_000), severity: top ? 'urgent' : 'warning' });
    }
  }
  return out;
}
