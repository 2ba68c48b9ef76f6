/**
 * Monitoring, live: write hooks on the registry's postings, the incidents domain's allegations and
 * the mission's lists raise a review on every watched request the fact concerns, in the same
 * transaction as the write, so the human rights officers see it at once (events endpoint and
 * notifications). Overdue mitigatory measures raise reviews through the sweep (and surface on read).
 * Reviews are triaged and resolved with a configured resolution; suspensions are narrow (one request,
 * one operation) or broad (a unit, optionally with its sub-units) and resumption records conditions.
 */
import { ConflictError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, mustGetRecord, onRecordWrite, type RecordWrite, updateRecord } from '../platform/store.ts';
import { chainOfCommand, getPerson, getUnit, postingRoleKind, subordinates, vocabularies } from '../registry/service.ts';
import { authorised, dayOf, hrddpConfig, monitoringSettings, parseInput, type RequestRow, requirePermission, type ReviewRow, todayUtc } from './common.ts';
import type { HrddpConfig } from './config.ts';
import { listingsOn } from './evidence.ts';
import * as inputs from './inputs.ts';
import { evaluateFact, isSupportSuspended, type MonitoredAllegation, type MonitoredRequest, type MonitoringFact, overdueMeasures, type RaisedTrigger, type Suspension } from './monitoring.ts';
import { getRequest, measuresOf, moveRequest, openReviewsOf } from './requests.ts';
import { T } from './schema.ts';
import { earliestDayOf, latestDayOf } from './util.ts';

// ---------------------------------------------------------------------------------------------
// Watched requests
// ---------------------------------------------------------------------------------------------

async function watchedRequests(ctx: Ctx, where = 'TRUE', params: unknown[] = []): Promise<RequestRow[]> {
  const states = (await monitoringSettings(ctx)).monitoredStates;
  return listRecords<RequestRow>(ctx, T.request, { where: `r.state = ANY($${params.length + 1}::text[]) AND (${where})`, params: [...params, states] });
}

/** What monitoring needs to know of a request on a day: its units, the chain around them, its people. */
export async function monitoredRequest(ctx: Ctx, r: RequestRow, day: string): Promise<MonitoredRequest> {
  const unitNames: Record<string, string> = {};
  const recipients = [...new Set([...r.recipient_unit_ids, ...(r.operation_unit_id ? [r.operation_unit_id] : [])])];
  const sub = new Set<string>();
  const above = new Set<string>();
  const commanders: MonitoredRequest['commanders'] = [];
  for (const u of recipients) {
    const chain = await chainOfCommand(ctx, u, day).catch(() => null);
    if (!chain) continue;
    chain.levels.forEach((l, i) => {
      unitNames[l.unit.id] = l.unit.name;
      if (i > 0) above.add(l.unit.id);
    });
    for (const c of chain.levels[0]!.commanders) commanders.push({ personId: c.person.id, name: c.person.name, unitId: u });
    for (const s of await subordinates(ctx, u, day)) sub.add(s);
  }
  for (const s of sub) unitNames[s] ??= (await getUnit(ctx, s))?.name ?? s;
  return {
    id: r.id,
    operationId: r.operation_unit_id,
    recipientUnitIds: recipients,
    subUnitIds: [...sub].filter((s) => !recipients.includes(s)),
    ancestorUnitIds: [...above],
    commanders,
    participants: r.participants.map((p) => ({ personId: p.person_id, name: p.name, unitId: p.unit_id ?? undefined })),
    period: { start: dayOf(r.support_started_on) ?? dayOf(r.start_date) ?? dayOf(r.requested_on)!, end: dayOf(r.end_date) },
    unitNames,
  };
}

// ---------------------------------------------------------------------------------------------
// Raising reviews
// ---------------------------------------------------------------------------------------------

/** Stores what evaluateFact raised (once per request, trigger and fact while open) and puts flowing support under review. */
async function raise(ctx: Ctx, r: RequestRow, raised: RaisedTrigger[], source: { factType: string; recordType?: string; recordId?: string }, config: HrddpConfig): Promise<ReviewRow[]> {
  const out: ReviewRow[] = [];
  for (const t of raised) {
    const dupe = await listRecords<ReviewRow>(ctx, T.review, { where: `r.request_id = $1 AND r.trigger_id = $2 AND r.fact_id = $3 AND r.status <> 'resolved'`, params: [r.id, t.triggerId, t.factId], limit: 1 });
    if (dupe.length) continue;
    const review = await insertRecord<ReviewRow>(ctx, T.review, {
      request_id: r.id,
      trigger_id: t.triggerId,
      trigger_type: t.type,
      fact_type: source.factType,
      fact_id: t.factId,
      source_record_type: source.recordType ?? null,
      source_record_id: source.recordId ?? null,
      person_ids: t.personIds,
      listed_person_ids: t.listedPersonIds,
      description: t.description,
      raised_on: todayUtc(),
      status: 'open',
      sensitivity: r.sensitivity === 'strictly-confidential' ? r.sensitivity : 'restricted',
      compartments: r.compartments,
    }, { action: 'hrddp.review-raised' });
    out.push(review);
  }
  if (out.length) {
    const current = await getRequest(ctx, r.id);
    const into = config.workflow.transitions.find((x) => x.from.includes(current.state) && x.to === config.workflow.reviewState);
    if (into) await moveRequest(ctx, r.id, { to: config.workflow.reviewState, reason: out[0]!.description.en, date: todayUtc() });
  }
  return out;
}

/** The day a fact concerns the support: when it happened when that is known and past, else today. */
function effectiveDay(date: string | null | undefined, latest = false): string {
  const today = todayUtc();
  const d = date ? (latest ? latestDayOf(date) : earliestDayOf(date)) : null;
  return d && d < today ? d : today;
}

/** A posting was recorded or changed in the registry. */
export async function onPosting(ctx: Ctx, write: RecordWrite): Promise<ReviewRow[]> {
  const p = write.after;
  if (p.retracted_at) return [];
  if (write.op === 'update' && write.before) {
    const keys = ['person_id', 'unit_id', 'role', 'role_kind', 'start_date', 'end_date', 'end_state'];
    if (keys.every((k) => JSON.stringify(write.before![k]) === JSON.stringify(p[k]))) return [];
  }
  const config = await hrddpConfig(ctx);
  const unit = await getUnit(ctx, p.unit_id);
  const person = await getPerson(ctx, p.person_id);
  if (!unit || !person) return [];
  const kind = postingRoleKind(p as any, await vocabularies(ctx), unit.name);
  const start = effectiveDay(p.start_date);
  // The unit and the units above it: a request supporting any of them watches this post.
  const chain = await chainOfCommand(ctx, unit.id, start).catch(() => null);
  const chainIds = chain ? chain.levels.map((l) => l.unit.id) : [unit.id];
  const candidates = await watchedRequests(ctx, `r.recipient_unit_ids && $1::uuid[] OR r.operation_unit_id = ANY($1::uuid[]) OR $2::uuid = ANY(r.participant_person_ids)`, [chainIds, person.id]);
  if (!candidates.length) return [];
  const listed = await listingsOn(ctx, [person.id], start);
  const now = await listingsOn(ctx, [person.id], todayUtc());
  const lists = [...new Set([...(listed.get(person.id) ?? []), ...(now.get(person.id) ?? [])])];
  const fact: MonitoringFact = {
    type: 'posting',
    recordedOn: start,
    posting: { personId: person.id, name: person.name, unitId: unit.id, role: kind.command === 'head' ? 'commander' : 'member', start, end: p.end_date ? latestDayOf(p.end_date) : null },
    listings: lists.map((list) => ({ list })),
  };
  const out: ReviewRow[] = [];
  for (const r of candidates) {
    const m = await monitoredRequest(ctx, r, start);
    // The new commander is already in post in the registry: compare with the commanders before this posting.
    m.commanders = m.commanders.filter((c) => !(c.personId === person.id && c.unitId === unit.id));
    out.push(...(await raise(ctx, r, evaluateFact(m, fact, config, lists.length ? [person.id] : []), { factType: 'posting', recordType: write.type, recordId: write.id }, config)));
  }
  return out;
}

/** A person was put on (or taken off) one of the mission's lists. */
export async function onListing(ctx: Ctx, write: RecordWrite): Promise<ReviewRow[]> {
  const l = write.after;
  const change: 'added' | 'removed' | null = write.op === 'create' ? 'added' : write.op === 'retract' || (l.until && !write.before?.until) ? 'removed' : null;
  if (!change) return [];
  const config = await hrddpConfig(ctx);
  const person = await getPerson(ctx, l.person_id);
  if (!person) return [];
  const day = effectiveDay(change === 'added' ? dayOf(l.since) : (dayOf(l.until) ?? todayUtc()));
  const out: ReviewRow[] = [];
  for (const r of await watchedRequests(ctx)) {
    const m = await monitoredRequest(ctx, r, day);
    const fact: MonitoringFact = { type: 'listing-change', recordedOn: day, personId: person.id, name: person.name, list: l.list, change };
    out.push(...(await raise(ctx, r, evaluateFact(m, fact, config, change === 'added' ? [person.id] : []), { factType: 'listing', recordType: write.type, recordId: write.id }, config)));
  }
  return out;
}

/** An allegation was attributed, or an attributed allegation was upgraded (called by the incidents hooks). */
export async function onAllegation(
  ctx: Ctx,
  allegation: MonitoredAllegation,
  previous: { verification: string; grave: boolean } | null,
  source: { recordType: string; recordId: string },
): Promise<ReviewRow[]> {
  const config = await hrddpConfig(ctx);
  const day = effectiveDay(allegation.date, true);
  const out: ReviewRow[] = [];
  for (const r of await watchedRequests(ctx)) {
    const m = await monitoredRequest(ctx, r, day);
    const listed = await listingsOn(ctx, [...m.commanders.map((c) => c.personId), ...m.participants.map((p) => p.personId)], day);
    const fact: MonitoringFact = previous
      ? { type: 'allegation-upgraded', recordedOn: day, allegation, previous }
      : { type: 'allegation-attributed', recordedOn: day, allegation };
    out.push(...(await raise(ctx, r, evaluateFact(m, fact, config, [...listed.keys()]), { factType: 'allegation', ...source }, config)));
  }
  return out;
}

/** Raises a review for every overdue mitigatory measure of a watched request (idempotent). */
export async function sweep(ctx: Ctx, day = todayUtc()): Promise<{ day: string; reviews: ReviewRow[]; overdue: number }> {
  requirePermission(ctx, 'hrddp:monitor');
  return inTransaction(ctx, async (tx) => {
    const config = await hrddpConfig(tx);
    const reviews: ReviewRow[] = [];
    let overdue = 0;
    for (const r of await watchedRequests(tx)) {
      const measures = (await measuresOf(tx, r.id)).filter((m) => m.status !== 'abandoned');
      const mm = measures.map((m) => ({ id: m.id, type: m.type, requestId: r.id, dueDate: dayOf(m.due_date)!, implementedOn: dayOf(m.implemented_on), description: m.description ?? undefined }));
      overdue += overdueMeasures(mm, day).length;
      if (!mm.length) continue;
      const m = await monitoredRequest(tx, r, day);
      reviews.push(...(await raise(tx, r, evaluateFact(m, { type: 'measures-check', date: day, measures: mm }, config), { factType: 'measure', recordType: T.measure }, config)));
    }
    return { day, reviews, overdue };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading, triage and resolution
// ---------------------------------------------------------------------------------------------

export interface ReviewFilter {
  since?: string;
  status?: string;
  request_id?: string;
  limit?: number;
}

/** Reviews raised or changed after `since` (an ISO timestamp), newest last: the events feed. */
export async function listReviews(ctx: Ctx, f: ReviewFilter = {}) {
  const params: unknown[] = [];
  const conds: string[] = [];
  if (f.since) conds.push(`r.updated_at > $${params.push(f.since)}::timestamptz`);
  if (f.status) conds.push(`r.status = $${params.push(f.status)}`);
  if (f.request_id) conds.push(`r.request_id = $${params.push(f.request_id)}::uuid`);
  const reviews = await listRecords<ReviewRow>(ctx, T.review, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.updated_at, r.id', limit: f.limit ?? 500 });
  // The cursor keeps the database's microseconds: a millisecond cursor would hand the last review back again.
  const cursor = reviews.length
    ? String((await ctx.q.query<{ c: string }>(`SELECT to_char(max(updated_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS c FROM hrddp_reviews WHERE id = ANY($1::uuid[])`, [reviews.map((r) => r.id)])).rows[0]!.c)
    : (f.since ?? new Date(0).toISOString());
  return { reviews: reviews.map((r) => ({ ...r, title: r.description[ctx.actor.language] })), cursor };
}

export async function triageReview(ctx: Ctx, id: string, input: unknown) {
  const data = parseInput(inputs.triageInput, input);
  return inTransaction(ctx, async (tx) => {
    const rv = await mustGetRecord<ReviewRow>(tx, T.review, id);
    if (rv.status === 'resolved') throw new ConflictError(`review ${id} is already resolved`);
    const settings = await monitoringSettings(tx);
    if (!settings.priorities.some((p) => p.id === data.priority)) throw new ValidationError([{ field: 'priority', reason: `one of ${settings.priorities.map((p) => p.id).join(', ')}` }]);
    return (await updateRecord<ReviewRow>(tx, T.review, id, { status: 'triaged', priority: data.priority, triage_note: data.note ?? null, triaged_by: tx.actor.username, triaged_at: new Date().toISOString() }, { action: 'hrddp.review-triaged' })).record;
  });
}

/**
 * Closes a review with a configured resolution. When the request is under review, the resolution's
 * state is reached through the workflow (so the decision body decides); a resolution leading to
 * suspension records a suspension of the request.
 */
export async function resolveReview(ctx: Ctx, id: string, input: unknown) {
  const data = parseInput(inputs.resolveInput, input);
  return inTransaction(ctx, async (tx) => {
    const rv = await mustGetRecord<ReviewRow>(tx, T.review, id);
    if (rv.status === 'resolved') throw new ConflictError(`review ${id} is already resolved`);
    const config = await hrddpConfig(tx);
    const res = config.review.resolutions.find((r) => r.id === data.resolution);
    if (!res) throw new ValidationError([{ field: 'resolution', reason: `one of ${config.review.resolutions.map((r) => r.id).join(', ')} (setting hrddp.config)` }]);
    const day = data.date ?? todayUtc();
    const r = await getRequest(tx, rv.request_id);
    let moved = null;
    if (r.state === config.workflow.reviewState) {
      moved = await moveRequest(tx, r.id, { to: res.resultingState, reason: data.note, review_id: rv.id, resolution: res.id, date: day });
    } else {
      requirePermission(tx, 'hrddp:monitor');
    }
    const settings = await monitoringSettings(tx);
    if (moved && res.resultingState === settings.suspendedState) {
      await insertRecord(tx, T.suspension, { scope: 'request', request_id: r.id, from_date: day, reason: data.note ?? res.label.en, review_id: rv.id, decided_by: tx.actor.username, request_ids: [r.id], sensitivity: r.sensitivity, compartments: r.compartments });
    }
    // once the workflow let the decision body take the step, the review closes with it
    const { record } = await updateRecord<ReviewRow>(moved ? authorised(tx) : tx, T.review, id, { status: 'resolved', resolution: res.id, resolution_note: data.note ?? null, resolved_by: tx.actor.username, resolved_on: day }, { action: 'hrddp.review-resolved', reason: data.note ?? null });
    return { review: record, request: moved?.request ?? r, letter_suggested: res.letter };
  });
}

// ---------------------------------------------------------------------------------------------
// Suspensions
// ---------------------------------------------------------------------------------------------

export function suspensionOf(s: any): Suspension {
  return {
    id: s.id,
    scope: s.scope,
    requestId: s.request_id,
    operationId: s.operation_unit_id,
    unitId: s.unit_id,
    includeSubUnits: s.include_sub_units,
    from: dayOf(s.from_date)!,
    liftedOn: dayOf(s.lifted_on),
    reason: s.reason,
  };
}

export async function suspend(ctx: Ctx, input: unknown) {
  const data = parseInput(inputs.suspensionInput, input);
  const need = { request: 'request_id', operation: 'operation_unit_id', unit: 'unit_id' } as const;
  if (!data[need[data.scope]]) throw new ValidationError([{ field: need[data.scope], reason: `a ${data.scope} suspension names its ${data.scope}` }]);
  requirePermission(ctx, 'hrddp:decide');
  return inTransaction(ctx, async (tx) => {
    const config = await hrddpConfig(tx);
    const settings = await monitoringSettings(tx);
    const day = data.from_date ?? todayUtc();
    if (data.unit_id && !(await getUnit(tx, data.unit_id))) throw new NotFoundError(`unit ${data.unit_id}`);
    if (data.operation_unit_id && !(await getUnit(tx, data.operation_unit_id))) throw new NotFoundError(`operation ${data.operation_unit_id}`);
    const draft: Suspension = { id: 'new', scope: data.scope, requestId: data.request_id, operationId: data.operation_unit_id, unitId: data.unit_id, includeSubUnits: data.include_sub_units, from: day };
    const flowing = config.workflow.states.filter((s) => s.supportMayFlow).map((s) => s.id);
    const affected: RequestRow[] = [];
    for (const r of await watchedRequests(tx)) {
      if (!flowing.includes(r.state)) continue;
      const m = await monitoredRequest(tx, r, day);
      if (isSupportSuspended(m, [draft], day).suspended) affected.push(r);
    }
    const suspensionState = settings.suspendedState;
    const viaReview = config.review.resolutions.find((x) => x.resultingState === suspensionState);
    for (const r of affected) {
      const open = r.state === config.workflow.reviewState ? (await openReviewsOf(tx, r.id)).find((x) => !data.review_id || x.id === data.review_id) : undefined;
      await moveRequest(tx, r.id, { to: suspensionState, reason: data.reason, date: day, review_id: open?.id, resolution: open ? viaReview?.id : undefined });
      if (open) await updateRecord(authorised(tx), T.review, open.id, { status: 'resolved', resolution: viaReview?.id ?? null, resolution_note: data.reason, resolved_by: tx.actor.username, resolved_on: day }, { action: 'hrddp.review-resolved' });
    }
    return insertRecord(tx, T.suspension, {
      scope: data.scope,
      request_id: data.request_id ?? null,
      operation_unit_id: data.operation_unit_id ?? null,
      unit_id: data.unit_id ?? null,
      include_sub_units: data.include_sub_units ?? false,
      from_date: day,
      reason: data.reason,
      review_id: data.review_id ?? null,
      decided_by: tx.actor.username,
      request_ids: affected.map((r) => r.id),
      sensitivity: 'internal',
    }, { action: 'hrddp.suspension', reason: data.reason });
  });
}

export async function liftSuspension(ctx: Ctx, id: string, input: unknown) {
  const data = parseInput(inputs.liftInput, input);
  return inTransaction(ctx, async (tx) => {
    const s = await mustGetRecord<any>(tx, T.suspension, id);
    if (s.lifted_on) throw new ConflictError(`suspension ${id} was already lifted on ${dayOf(s.lifted_on)}`);
    const settings = await monitoringSettings(tx);
    const day = data.lifted_on ?? todayUtc();
    const others = (await listRecords<any>(tx, T.suspension, { where: 'r.lifted_on IS NULL AND r.id <> $1', params: [id] })).map(suspensionOf);
    const resumed: string[] = [];
    const still: string[] = [];
    for (const rid of s.request_ids ?? []) {
      const r = await getRecord<RequestRow>(tx, T.request, rid);
      if (!r || r.state !== settings.suspendedState) continue;
      if (isSupportSuspended(await monitoredRequest(tx, r, day), others, day).suspended) {
        still.push(rid);
        continue;
      }
      await moveRequest(tx, rid, { to: settings.resumedState, reason: data.reason, date: day });
      resumed.push(rid);
    }
    const { record } = await updateRecord(tx, T.suspension, id, { lifted_on: day, lifted_by: tx.actor.username, lift_reason: data.reason, resumption_conditions: data.conditions }, { action: 'hrddp.resumption', reason: data.reason });
    return { suspension: record, resumed, still_suspended: still };
  });
}

export async function listSuspensions(ctx: Ctx) {
  return listRecords<any>(ctx, T.suspension, { orderBy: 'r.from_date, r.created_at' });
}

/** Whether support under a request may flow on a day, and which suspensions stop it. */
export async function suspensionStatus(ctx: Ctx, requestId: string, day = todayUtc()) {
  const r = await getRequest(ctx, requestId);
  const all = (await listSuspensions(ctx)).map(suspensionOf);
  const s = isSupportSuspended(await monitoredRequest(ctx, r, day), all, day);
  return { request_id: r.id, day, suspended: s.suspended, by: s.by.map((b) => ({ suspension_id: b.suspensionId, scope: b.scope, text: b[ctx.actor.language] })) };
}

// ---------------------------------------------------------------------------------------------
// Hooks
// ---------------------------------------------------------------------------------------------

let installed = false;
/** Installs the write hooks (once). The incidents hooks are added by index.ts when that domain is present. */
export function installHooks() {
  if (installed) return;
  installed = true;
  onRecordWrite(['registry-posting'], async (tx, w) => {
    await onPosting(tx, w);
  });
  onRecordWrite([T.listing], async (tx, w) => {
    await onListing(tx, w);
  });
}
