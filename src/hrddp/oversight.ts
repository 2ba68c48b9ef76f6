/**
 * The mission's lists of high-risk persons (red list, watch list: config.risk.personLists),
 * follow-up committees (sessions, allegations presented and answers, recommended disciplinary or
 * judicial action followed to completion), and the compliance figures.
 */
import { ConflictError, ValidationError } from '../platform/errors.ts';
import { type Ctx, inTransaction, insertRecord, listRecords, mustGetRecord, updateRecord } from '../platform/store.ts';
import { getPerson } from '../registry/service.ts';
import { dayOf, hrddpConfig, parseInput, requirePermission, todayUtc } from './common.ts';
import { COMPLIANCE_LABELS, type ComplianceData, complianceFigures, type GroupDimension } from './compliance.ts';
import { type EvidenceSources } from './evidence.ts';
import * as inputs from './inputs.ts';
import { T } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Lists of high-risk persons
// ---------------------------------------------------------------------------------------------

export async function addListing(ctx: Ctx, input: unknown) {
  const data = parseInput(inputs.listingInput, input);
  return inTransaction(ctx, async (tx) => {
    const config = await hrddpConfig(tx);
    if (!config.risk.personLists.some((l) => l.id === data.list)) throw new ValidationError([{ field: 'list', reason: `one of ${config.risk.personLists.map((l) => l.id).join(', ')} (setting hrddp.config)` }]);
    if (!(await getPerson(tx, data.person_id))) throw new ValidationError([{ field: 'person_id', reason: 'no such registry person (or beyond your access)' }]);
    if (data.until && data.until < data.since) throw new ValidationError([{ field: 'until', reason: 'cannot be before since' }]);
    return insertRecord(tx, T.listing, { person_id: data.person_id, list: data.list, since: data.since, until: data.until ?? null, reason: data.reason ?? null, sensitivity: data.sensitivity, compartments: data.compartments });
  });
}

export async function endListing(ctx: Ctx, id: string, until: string, reason: string) {
  const l = await mustGetRecord<any>(ctx, T.listing, id);
  if (until < dayOf(l.since)!) throw new ValidationError([{ field: 'until', reason: 'cannot be before since' }]);
  return (await updateRecord(ctx, T.listing, id, { until }, { reason, action: 'hrddp.delisting' })).record;
}

export async function listListings(ctx: Ctx, personId?: string) {
  return listRecords<any>(ctx, T.listing, personId ? { where: 'r.person_id = $1', params: [personId], orderBy: 'r.since' } : { orderBy: 'r.since' });
}

// ---------------------------------------------------------------------------------------------
// Follow-up committees
// ---------------------------------------------------------------------------------------------

export async function createCommittee(ctx: Ctx, input: unknown) {
  const data = parseInput(inputs.committeeInput, input);
  return insertRecord(ctx, T.committee, { name: data.name, force: data.force, chair: data.chair ?? null, secretariat: data.secretariat ?? null, members: data.members });
}

export async function addSession(ctx: Ctx, committeeId: string, input: unknown) {
  const data = parseInput(inputs.sessionInput, input);
  const c = await mustGetRecord<any>(ctx, T.committee, committeeId);
  return insertRecord(ctx, T.session, { committee_id: c.id, held_on: data.held_on, members_present: data.members_present, cases: data.cases, notes: data.notes ?? null, sensitivity: data.sensitivity, compartments: data.compartments });
}

export async function recommendAction(ctx: Ctx, sessionId: string, input: unknown) {
  const data = parseInput(inputs.actionInput, input);
  const s = await mustGetRecord<any>(ctx, T.session, sessionId);
  return insertRecord(ctx, T.action, {
    session_id: s.id,
    kind: data.kind,
    description: data.description,
    incident_id: data.incident_id ?? null,
    person_id: data.person_id ?? null,
    unit_id: data.unit_id ?? null,
    responsible: data.responsible ?? null,
    due_date: data.due_date ?? null,
    status: 'recommended',
    follow_up: [],
    sensitivity: s.sensitivity,
    compartments: s.compartments,
  });
}

/** Follow-up of a recommended action: each step is noted; completion closes it. */
export async function followUpAction(ctx: Ctx, id: string, input: unknown) {
  const data = parseInput(inputs.actionUpdate, input);
  const a = await mustGetRecord<any>(ctx, T.action, id);
  if (a.status === 'completed') throw new ConflictError(`action ${id} is already completed`);
  const day = data.date ?? todayUtc();
  return (
    await updateRecord(ctx, T.action, id, {
      status: data.status,
      completed_on: data.status === 'completed' ? (data.completed_on ?? day) : null,
      follow_up: [...(a.follow_up ?? []), { date: day, status: data.status, note: data.note, by: ctx.actor.username }],
    }, { action: 'hrddp.follow-up', reason: data.note })
  ).record;
}

export async function committeeView(ctx: Ctx, id: string) {
  const c = await mustGetRecord<any>(ctx, T.committee, id);
  const sessions = await listRecords<any>(ctx, T.session, { where: 'r.committee_id = $1', params: [id], orderBy: 'r.held_on' });
  const actions = sessions.length ? await listRecords<any>(ctx, T.action, { where: 'r.session_id = ANY($1::uuid[])', params: [sessions.map((s) => s.id)], orderBy: 'r.created_at' }) : [];
  return {
    committee: c,
    sessions: sessions.map((s) => ({ ...s, actions: actions.filter((a) => a.session_id === s.id) })),
    open_actions: actions.filter((a) => !['completed', 'abandoned'].includes(a.status)).length,
    completed_actions: actions.filter((a) => a.status === 'completed').length,
  };
}

export async function listCommittees(ctx: Ctx) {
  return listRecords<any>(ctx, T.committee, { orderBy: 'r.name' });
}

// ---------------------------------------------------------------------------------------------
// Compliance figures
// ---------------------------------------------------------------------------------------------

let allegationFeed: ((ctx: Ctx, unitIds: string[], period: { from?: string; to?: string }) => Promise<{ id: string; date: string; unitIds: string[]; verification?: string }[]>) | null = null;

/** Set by index.ts when the incidents domain is there: allegations against units, for the figures. */
export function useComplianceAllegations(feed: typeof allegationFeed, _s?: EvidenceSources) {
  allegationFeed = feed;
}

export interface ComplianceQuery {
  as_of?: string;
  period?: 'month' | 'quarter' | 'year';
  group_by?: string;
  from?: string;
  to?: string;
}

export async function complianceReport(ctx: Ctx, q: ComplianceQuery = {}) {
  requirePermission(ctx, 'hrddp:read');
  const asOf = q.as_of ?? todayUtc();
  const groupBy = (q.group_by ? q.group_by.split(',').map((s) => s.trim()).filter(Boolean) : ['mission', 'component', 'period']) as GroupDimension[];
  const bad = groupBy.find((g) => !['mission', 'component', 'period'].includes(g));
  if (bad) throw new ValidationError([{ field: 'group_by', reason: `"${bad}" is not one of mission, component, period` }]);
  const params: unknown[] = [];
  const conds: string[] = [];
  if (q.from) conds.push(`r.requested_on >= $${params.push(q.from)}::date`);
  if (q.to) conds.push(`r.requested_on <= $${params.push(q.to)}::date`);
  const requests = await listRecords<any>(ctx, T.request, { where: conds.join(' AND ') || undefined, params });
  const ids = requests.map((r) => r.id);
  const of = <R>(type: string, extra = '') => (ids.length ? listRecords<R>(ctx, type, { where: `r.request_id = ANY($1::uuid[])${extra}`, params: [ids] }) : Promise.resolve([] as R[]));
  const [assessments, decisions, waivers, measures, reviews] = await Promise.all([of<any>(T.assessment), of<any>(T.decision), of<any>(T.waiver, ' AND r.revoked_on IS NULL'), of<any>(T.measure, ` AND r.status <> 'abandoned'`), of<any>(T.review)]);
  const unitIds = [...new Set(requests.flatMap((r) => r.recipient_unit_ids as string[]))];
  const allegations = allegationFeed && unitIds.length ? await allegationFeed(ctx, unitIds, { to: asOf }) : [];
  const data: ComplianceData = {
    requests: requests.map((r) => ({ id: r.id, mission: r.mission, component: r.requesting_component, requestedOn: dayOf(r.requested_on)!, supportStart: dayOf(r.support_started_on), supportEnd: dayOf(r.support_ended_on), recipientUnitIds: r.recipient_unit_ids })),
    assessments: assessments.map((a) => ({ id: a.id, requestId: a.request_id, completedOn: a.completed ? dayOf(a.completed_on) : null })),
    decisions: decisions.map((d) => ({ id: d.id, requestId: d.request_id, decidedOn: dayOf(d.decided_on)!, decision: d.decision })),
    waivers: waivers.map((w) => ({ id: w.id, requestId: w.request_id, decidedOn: dayOf(w.decided_on)! })),
    measures: measures.map((m) => ({ id: m.id, requestId: m.request_id, dueDate: dayOf(m.due_date)!, implementedOn: dayOf(m.implemented_on) })),
    reviews: reviews.map((r) => ({ id: r.id, requestId: r.request_id, openedOn: dayOf(r.raised_on)!, trigger: r.trigger_type, resolution: r.resolution })),
    allegations,
  };
  const figures = complianceFigures(data, { asOf, period: q.period ?? 'quarter', groupBy });
  const lang = ctx.actor.language;
  return {
    as_of: asOf,
    period: q.period ?? 'quarter',
    group_by: groupBy,
    allegations_counted: allegationFeed !== null,
    labels: Object.fromEntries(Object.entries(COMPLIANCE_LABELS).map(([k, v]) => [k, v[lang]])),
    ...figures,
  };
}
