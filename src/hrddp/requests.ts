/**
 * Support requests: filing them (recipients from the registry, joint-operation participants), the
 * scope check, operational plans kept in a compartment, and the request state machine enforced on
 * the server: who may take which step is configuration (`hrddp.config` workflow), evaluated by
 * workflow.ts over the facts gathered here; every step is a revision in the audit trail and every
 * decision a record of its own.
 */
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, mustGetRecord, updateRecord } from '../platform/store.ts';
import { foldText } from '../registry/names.ts';
import { getPerson, getUnit } from '../registry/service.ts';
import {
  authorised,
  dayOf,
  hrddpConfig,
  type MeasureRow,
  missionSettings,
  parseInput,
  type RequestRow,
  requirePermission,
  type ReviewRow,
  todayUtc,
  type WaiverRow,
  workflowRefusal,
} from './common.ts';
import type { HrddpConfig } from './config.ts';
import { labelOf } from './config.ts';
import * as inputs from './inputs.ts';
import type { Waiver } from './risk.ts';
import { T } from './schema.ts';
import { checkScope } from './scope.ts';
import { availableTransitions, decisionBodyFor, type OpenReview, transition, type TransitionContext } from './workflow.ts';

export function searchTextOf(r: Pick<RequestRow, 'reference' | 'title' | 'place' | 'recipients' | 'participants'>): string {
  return foldText([r.reference, r.title, r.place ?? '', ...r.recipients.map((x) => x.name), ...r.participants.map((p) => p.name)].join(' '));
}

async function resolveRecipients(ctx: Ctx, recipients: { unit_id: string; type: string }[]) {
  const out: RequestRow['recipients'] = [];
  for (const [i, r] of recipients.entries()) {
    const u = await getUnit(ctx, r.unit_id);
    if (!u || u.retracted_at) throw new ValidationError([{ field: `recipients.${i}.unit_id`, reason: `no registry organisation ${r.unit_id} (or it is beyond your access)` }]);
    out.push({ unit_id: u.id, name: u.name, type: r.type });
  }
  return out;
}

async function resolveParticipants(ctx: Ctx, participants: NonNullable<inputs.RequestInput['participants']>) {
  const out: RequestRow['participants'] = [];
  for (const [i, p] of participants.entries()) {
    const person = await getPerson(ctx, p.person_id);
    if (!person || person.retracted_at) throw new ValidationError([{ field: `participants.${i}.person_id`, reason: `no registry person ${p.person_id} (or beyond your access)` }]);
    out.push({ person_id: person.id, name: person.name, role: p.role ?? 'participant', unit_id: p.unit_id ?? null });
  }
  return out;
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw new ValidationError([{ field: 'end_date', reason: 'the support cannot end before it starts' }]);
}

export async function createRequest(ctx: Ctx, input: inputs.RequestInput): Promise<RequestRow> {
  const data = parseInput(inputs.requestInput, input);
  requirePermission(ctx, 'hrddp:request');
  checkDates(data.start_date, data.end_date);
  return inTransaction(ctx, async (tx) => {
    const config = await hrddpConfig(tx);
    const mission = await missionSettings(tx);
    if (!mission.components.some((c) => c.id === data.requesting_component)) {
      throw new ValidationError([{ field: 'requesting_component', reason: `one of ${mission.components.map((c) => c.id).join(', ')} (setting hrddp.mission)` }]);
    }
    if (data.operation_unit_id && !(await getUnit(tx, data.operation_unit_id))) throw new ValidationError([{ field: 'operation_unit_id', reason: 'no such registry organisation' }]);
    const recipients = await resolveRecipients(tx, data.recipients);
    const participants = await resolveParticipants(tx, data.participants ?? []);
    const requestedOn = data.requested_on ?? todayUtc();
    const n = Number((await tx.q.query(`SELECT count(*)::int AS n FROM hrddp_requests WHERE requested_on >= $1::date AND requested_on < ($1::date + interval '1 year')`, [`${requestedOn.slice(0, 4)}-01-01`])).rows[0].n) + 1;
    const reference = data.reference ?? `${mission.referencePrefix}-${requestedOn.slice(0, 4)}-${String(n).padStart(4, '0')}`;
    const items = data.support.map((s) => ({ kind: s.kind, subKind: s.sub_kind ?? null, subjects: s.subjects ?? [] }));
    const row = {
      reference,
      title: data.title,
      mission: data.mission ?? mission.mission,
      requesting_component: data.requesting_component,
      requested_by: ctx.actor.username,
      requested_on: requestedOn,
      support_kind: items[0]!.kind,
      sub_kind: items[0]!.subKind,
      support_items: items,
      recipients,
      recipient_unit_ids: recipients.map((r) => r.unit_id),
      operation_unit_id: data.operation_unit_id ?? null,
      participants,
      participant_person_ids: participants.map((p) => p.person_id),
      start_date: data.start_date ?? null,
      end_date: data.end_date ?? null,
      place: data.place ?? null,
      value_amount: data.value_amount ?? null,
      value_currency: data.value_currency ?? null,
      details: data.details ?? null,
      state: config.workflow.initial,
      scope: null,
    };
    return insertRecord<RequestRow>(tx, T.request, { ...row, search_text: searchTextOf(row as any), sensitivity: data.sensitivity, compartments: data.compartments });
  });
}

/** Changes a request's description; recipients and support may change only before the assessment starts. */
export async function updateRequest(ctx: Ctx, id: string, patch: inputs.RequestPatch, opts: { expectedVersion?: number; reason?: string } = {}) {
  const data = parseInput(inputs.requestPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<RequestRow>(tx, T.request, id);
    const config = await hrddpConfig(tx);
    const early = [config.workflow.initial, 'submitted'].includes(current.state);
    if (!early && (data.support || data.recipients || data.participants)) {
      throw new ValidationError([{ field: data.support ? 'support' : data.recipients ? 'recipients' : 'participants', reason: `cannot change once the request is ${current.state}; a new assessment follows a new request` }]);
    }
    const next: Record<string, unknown> = {};
    for (const k of ['title', 'place', 'value_amount', 'value_currency', 'details', 'start_date', 'end_date', 'operation_unit_id', 'sensitivity', 'compartments'] as const) {
      if (data[k] !== undefined) next[k] = data[k];
    }
    if (data.support) {
      const items = data.support.map((s) => ({ kind: s.kind, subKind: s.sub_kind ?? null, subjects: s.subjects ?? [] }));
      Object.assign(next, { support_items: items, support_kind: items[0]!.kind, sub_kind: items[0]!.subKind, scope: null });
    }
    if (data.recipients) {
      const recipients = await resolveRecipients(tx, data.recipients);
      Object.assign(next, { recipients, recipient_unit_ids: recipients.map((r) => r.unit_id), scope: null });
    }
    if (data.participants) {
      const participants = await resolveParticipants(tx, data.participants);
      Object.assign(next, { participants, participant_person_ids: participants.map((p) => p.person_id) });
    }
    checkDates((next.start_date as string) ?? current.start_date, (next.end_date as string) ?? current.end_date);
    const merged = { ...current, ...next } as RequestRow;
    next.search_text = searchTextOf(merged);
    return updateRecord<RequestRow>(tx, T.request, id, next, opts);
  });
}

export async function getRequest(ctx: Ctx, id: string): Promise<RequestRow> {
  const r = await getRecord<RequestRow>(ctx, T.request, id);
  if (!r || r.retracted_at) throw new NotFoundError(`support request ${id}`);
  return r;
}

export interface RequestFilter {
  state?: string;
  component?: string;
  unit_id?: string;
  person_id?: string;
  q?: string;
  limit?: number;
  offset?: number;
}

export async function listRequests(ctx: Ctx, f: RequestFilter = {}): Promise<RequestRow[]> {
  const params: unknown[] = [];
  const conds: string[] = [];
  if (f.state) conds.push(`r.state = $${params.push(f.state)}`);
  if (f.component) conds.push(`r.requesting_component = $${params.push(f.component)}`);
  if (f.unit_id) conds.push(`$${params.push(f.unit_id)}::uuid = ANY(r.recipient_unit_ids)`);
  if (f.person_id) conds.push(`$${params.push(f.person_id)}::uuid = ANY(r.participant_person_ids)`);
  if (f.q) conds.push(`r.search_text LIKE $${params.push(`%${foldText(f.q)}%`)}`);
  return listRecords<RequestRow>(ctx, T.request, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.requested_on DESC, r.reference', limit: f.limit ?? 200, offset: f.offset });
}

/** Runs the scope check and records its result (with its reasons) on the request. */
export async function screenScope(ctx: Ctx, id: string, on = todayUtc()) {
  return inTransaction(ctx, async (tx) => {
    requirePermission(tx, 'hrddp:read');
    const r = await getRequest(tx, id);
    const config = await hrddpConfig(tx);
    const result = checkScope(
      { support: r.support_items.map((s) => ({ kind: s.kind, subKind: s.subKind, subjects: s.subjects })), recipients: r.recipients.map((x) => ({ id: x.unit_id, name: x.name, type: x.type })) },
      config,
    );
    const scope = { ...result, checkedOn: on };
    await updateRecord(authorised(tx), T.request, id, { scope }, { action: 'hrddp.scope-check' });
    return scope;
  });
}

// ---------------------------------------------------------------------------------------------
// The state machine
// ---------------------------------------------------------------------------------------------

export async function openReviewsOf(ctx: Ctx, requestId: string): Promise<ReviewRow[]> {
  return listRecords<ReviewRow>(ctx, T.review, { where: `r.request_id = $1 AND r.status <> 'resolved'`, params: [requestId], orderBy: 'r.raised_at' });
}

export async function waiversOf(ctx: Ctx, requestId: string): Promise<WaiverRow[]> {
  return listRecords<WaiverRow>(ctx, T.waiver, { where: 'r.request_id = $1 AND r.revoked_on IS NULL', params: [requestId], orderBy: 'r.decided_on' });
}

export function waiverOf(w: WaiverRow): Waiver {
  return {
    id: w.id,
    requestId: w.request_id,
    personIds: w.person_ids ?? [],
    reviewId: w.review_id,
    reason: w.reason,
    decidedBy: w.decided_by,
    decisionBody: w.decision_body,
    decidedOn: dayOf(w.decided_on)!,
    validUntil: dayOf(w.valid_until),
  };
}

export async function measuresOf(ctx: Ctx, requestId: string): Promise<MeasureRow[]> {
  return listRecords<MeasureRow>(ctx, T.measure, { where: 'r.request_id = $1', params: [requestId], orderBy: 'r.due_date, r.created_at' });
}

/**
 * The assessment the guards look at: the latest version. While a newer assessment is open, the
 * earlier completed one no longer stands (the facts it scored have changed).
 */
export async function currentAssessment(ctx: Ctx, requestId: string): Promise<{ id: string; completed: boolean; finalLevel: string | null } | null> {
  const rows = await listRecords<any>(ctx, T.assessment, { where: 'r.request_id = $1', params: [requestId], orderBy: 'r.number DESC', limit: 1 });
  const a = rows[0];
  return a ? { id: a.id, completed: !!a.completed, finalLevel: a.completed ? a.final_level : null } : null;
}

export async function transitionContext(ctx: Ctx, r: RequestRow, extra: Partial<TransitionContext> = {}): Promise<TransitionContext> {
  const reviews = await openReviewsOf(ctx, r.id);
  const names = new Map<string, string>();
  for (const p of r.participants) names.set(p.person_id, p.name);
  const open: OpenReview[] = [];
  for (const rv of reviews) {
    const listed = rv.listed_person_ids ?? [];
    const listedNames: string[] = [];
    for (const pid of listed) {
      if (!names.has(pid)) names.set(pid, (await getPerson(ctx, pid).catch(() => null))?.name ?? pid);
      listedNames.push(names.get(pid)!);
    }
    open.push({ id: rv.id, trigger: rv.trigger_id, listedPersonIds: listed, listedPersonNames: listedNames });
  }
  const measures = (await measuresOf(ctx, r.id)).filter((m) => m.is_condition && m.status !== 'abandoned');
  return {
    date: extra.date ?? todayUtc(),
    scope: r.scope ? { inScope: r.scope.inScope } : null,
    assessment: await currentAssessment(ctx, r.id),
    openReviews: open,
    waivers: (await waiversOf(ctx, r.id)).map(waiverOf),
    mitigationMeasures: measures.map((m) => ({ id: m.id, type: m.type })),
    ...extra,
  };
}

export interface TransitionOutcome {
  request: RequestRow;
  from: string;
  to: string;
  transition: string;
  decision: Record<string, unknown> | null;
}

/**
 * Moves a request to another state, or refuses naming every failing guard. The permission and role
 * checks and the guards come from the configuration; decisions are stored as decision records.
 */
export async function moveRequest(ctx: Ctx, id: string, input: inputs.TransitionInput, opts: { action?: string } = {}): Promise<TransitionOutcome> {
  const data = parseInput(inputs.transitionInput, input);
  return inTransaction(ctx, async (tx) => {
    const r = await getRequest(tx, id);
    const config = await hrddpConfig(tx);
    const date = data.date ?? todayUtc();
    const context = await transitionContext(tx, r, { date, reason: data.reason ?? null, resolvingReviewId: data.review_id ?? null, reviewResolution: data.resolution ?? null });
    const result = transition({ id: r.id, state: r.state, supportKind: r.support_kind, subKind: r.sub_kind }, data.to, tx.actor, context, config);
    if (!result.ok) throw workflowRefusal(tx.actor.language, result.errors);
    const w = authorised(tx);
    const patch: Record<string, unknown> = { state: result.to };
    const to = config.workflow.states.find((s) => s.id === result.to)!;
    if (result.transitionId === 'start-support' || (to.supportMayFlow && !r.support_started_on && result.to === 'active')) patch.support_started_on = r.support_started_on ?? date;
    if (to.terminal && r.support_started_on && !r.support_ended_on) patch.support_ended_on = date;
    if (result.to === 'withdrawn' && r.support_started_on && !r.support_ended_on) patch.support_ended_on = date;
    const { record } = await updateRecord<RequestRow>(w, T.request, id, patch, { action: `hrddp.${result.transitionId}`, reason: data.reason ?? null, expectedVersion: r.version });
    let decision: Record<string, unknown> | null = null;
    if (result.decision) {
      decision = await insertRecord(w, T.decision, {
        request_id: r.id,
        transition_id: result.transitionId,
        decision: result.decision.decision,
        decision_body: result.decision.decisionBody,
        decided_by: tx.actor.username,
        decided_on: result.decision.on,
        from_state: r.state,
        to_state: result.to,
        reason: result.decision.reason,
        assessment_id: context.assessment && 'id' in context.assessment ? (context.assessment as any).id : null,
        sensitivity: r.sensitivity,
        compartments: r.compartments,
      });
    }
    void opts;
    return { request: record, from: r.state, to: result.to, transition: result.transitionId, decision };
  });
}

/** The steps out of the request's current state, each with whether the actor may take it now and why not. */
export async function stepsFor(ctx: Ctx, id: string, date = todayUtc()) {
  const r = await getRequest(ctx, id);
  const config = await hrddpConfig(ctx);
  const context = await transitionContext(ctx, r, { date, reason: 'x'.repeat(config.workflow.minReasonLength) });
  const lang = ctx.actor.language;
  return availableTransitions({ id: r.id, state: r.state, supportKind: r.support_kind, subKind: r.sub_kind }, ctx.actor, context, config).map((a) => ({
    transition: a.transition.id,
    to: a.transition.to,
    label: a.transition.label[lang],
    ok: a.ok,
    // a reason is asked for when the step is taken: guards about it are not shown as blocking here
    blocked_by: a.errors.filter((e) => e.guard !== 'reason-given' && e.guard !== 'review-resolution').map((e) => ({ guard: e.guard ?? e.code, message: e[lang] })),
  }));
}

export function stateLabel(config: HrddpConfig, state: string, lang: 'en' | 'fr'): string {
  return labelOf(config.workflow.states, state)[lang];
}

export async function decisionsOf(ctx: Ctx, requestId: string) {
  return listRecords(ctx, T.decision, { where: 'r.request_id = $1', params: [requestId], orderBy: 'r.decided_on, r.created_at' });
}

export function decisionBodyOf(r: RequestRow, config: HrddpConfig) {
  return decisionBodyFor({ supportKind: r.support_kind, subKind: r.sub_kind }, config);
}

// ---------------------------------------------------------------------------------------------
// Operational plans (in a compartment: only the planners of the operation read them)
// ---------------------------------------------------------------------------------------------

export async function addPlan(ctx: Ctx, requestId: string, input: unknown) {
  const data = parseInput(inputs.planInput, input);
  const r = await getRequest(ctx, requestId);
  return insertRecord(ctx, T.plan, { request_id: r.id, title: data.title, content: data.content, sensitivity: data.sensitivity ?? 'restricted', compartments: data.compartments ?? [] });
}

export async function plansOf(ctx: Ctx, requestId: string) {
  await getRequest(ctx, requestId);
  return listRecords(ctx, T.plan, { where: 'r.request_id = $1', params: [requestId] });
}

