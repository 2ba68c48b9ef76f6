/**
 * Use cases of the relations domain: recording restrictions, engagements, commitments, stances,
 * cooperation, leverage and use of force (every write through the store, checked against the
 * relations.config vocabularies), and the views built on the pure rules: status-of-forces tables,
 * open commitments, the consent index, the stance board, the escalation ladder and the use-of-force
 * figures. Every read goes through the access policy (listRecords / getRecord / readFilterSql), so a
 * view only counts what its reader may see. Registry actors are resolved and named through the
 * registry service, never its tables.
 */
import type { z } from 'zod';
import { hasPermission, readFilterSql } from '../platform/access/policy.ts';
import { ConflictError, type FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { t } from '../platform/i18n/i18n.ts';
import { getSetting } from '../platform/settings/settings.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, retractRecord, type UpdateOptions, updateRecord } from '../platform/store.ts';
import { getPerson, getUnit, resolvePerson, resolveUnit, subordinates } from '../registry/service.ts';
import { findEntry, labelOf, type RelationsConfig, type VocabEntry } from './config.ts';
import { commitmentFacts, computeConsentIndex, type ConsentFact, type ConsentSeries } from './consent.ts';
import * as inputs from './inputs.ts';
import { configSetting, type Kind, KIND_ALIASES, KIND_TYPE, KINDS, policySetting, type RelationsPolicy, type RelationsRecordType, T } from './schema.ts';
import {
  type ActorCommitments,
  type CommitmentRecord,
  type EscalationView,
  escalationByActor,
  type ForceRecord,
  openCommitmentsByActor,
  restrictionReport,
  type RestrictionGroupBy,
  type RestrictionRecord,
  type RestrictionTable,
  tabulateRestrictions,
  type UseOfForceFigures,
  useOfForceFigures,
} from './tabulate.ts';
import { addDays as addDaysTo, dayNumber, firstDay, formatPlain, lastDay, type Step } from './time.ts';

export type Row = Record<string, any>;
export type ActorKind = 'unit' | 'person';
export interface ActorRef {
  kind: ActorKind;
  id: string;
  /** The registry name, when the reader may read the registry record. */
  name: string | null;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export async function relationsConfig(ctx: Ctx): Promise<RelationsConfig> {
  return getSetting(ctx.q, configSetting);
}

export async function relationsPolicy(ctx: Ctx): Promise<RelationsPolicy> {
  return getSetting(ctx.q, policySetting);
}

export function kindOf(name: string): Kind {
  const k = (KINDS as readonly string[]).includes(name) ? (name as Kind) : KIND_ALIASES[name];
  if (!k) throw new ValidationError([{ field: 'kind', reason: `unknown kind of record "${name}" (${KINDS.join(', ')})` }]);
  return k;
}

function requireRead(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'relations:read')) throw new ForbiddenError('this needs the permission relations:read');
}
function requireWrite(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'relations:write')) throw new ForbiddenError('this needs the permission relations:write');
}

function parse<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => ({ field: prefix + (i.path.map(String).join('.') || 'input'), reason: i.message })));
  return r.data;
}

/** Lower case, accents and punctuation removed: the text the domain's search compares. */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// ---------------------------------------------------------------------------------------------
// Registry actors (through the registry service)
// ---------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function asFieldError(e: unknown, field: string): never {
  if (e instanceof NotFoundError || e instanceof ValidationError) {
    const reason = e instanceof ValidationError ? e.problems.map((p) => p.reason).join('; ') : e.message;
    throw new ValidationError([{ field, reason }]);
  }
  throw e;
}

/** A registry unit or person from the `<prefix>_unit` / `<prefix>_person` references of an input. */
async function resolveActorFields(ctx: Ctx, unitRef: string | null | undefined, personRef: string | null | undefined, prefix: string): Promise<{ kind: ActorKind | null; id: string | null }> {
  if (unitRef && personRef) throw new ValidationError([{ field: `${prefix}_person`, reason: `give either ${prefix}_unit or ${prefix}_person, not both` }]);
  if (unitRef) {
    const u = await resolveUnit(ctx, unitRef).catch((e) => asFieldError(e, `${prefix}_unit`));
    return { kind: 'unit', id: u.id };
  }
  if (personRef) {
    const p = await resolvePerson(ctx, personRef).catch((e) => asFieldError(e, `${prefix}_person`));
    return { kind: 'person', id: p.id };
  }
  return { kind: null, id: null };
}

/** A unit or a person of the registry from an id, an SFM id or a name (a unit first). */
export async function resolveAnyActor(ctx: Ctx, ref: string, field = 'actor'): Promise<ActorRef> {
  const r = ref.trim();
  if (UUID.test(r)) {
    const u = await getUnit(ctx, r);
    if (u) return { kind: 'unit', id: u.id, name: u.name };
    const p = await getPerson(ctx, r);
    if (p) return { kind: 'person', id: p.id, name: p.name };
    throw new ValidationError([{ field, reason: `no unit or person ${r} in the registry (or beyond your access)` }]);
  }
  try {
    const u = await resolveUnit(ctx, r);
    return { kind: 'unit', id: u.id, name: u.name };
  } catch (e) {
    try {
      const p = await resolvePerson(ctx, r);
      return { kind: 'person', id: p.id, name: p.name };
    } catch {
      asFieldError(e, field);
    }
  }
}

/** Registry names of actors, as far as the reader may read them (none without registry:read). */
export async function actorNames(ctx: Ctx, refs: { kind: string | null | undefined; id: string | null | undefined }[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!hasPermission(ctx.actor, 'registry:read')) return out;
  const seen = new Set<string>();
  for (const r of refs) {
    if (!r.id || seen.has(r.id)) continue;
    seen.add(r.id);
    const rec = r.kind === 'person' ? await getPerson(ctx, r.id) : r.kind === 'unit' ? await getUnit(ctx, r.id) : ((await getUnit(ctx, r.id)) ?? (await getPerson(ctx, r.id)));
    if (rec) out.set(r.id, rec.name);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Validation against the configuration
// ---------------------------------------------------------------------------------------------

function checkCode(problems: FieldProblem[], vocab: readonly VocabEntry[], value: unknown, field: string, setting: string) {
  if (value === null || value === undefined || value === '') return;
  if (!vocab.some((v) => v.code === value)) problems.push({ field, reason: `"${String(value)}" is not in the configured list (relations.config ${setting}: ${vocab.map((v) => v.code).join(', ')})` });
}
function checkCodes(problems: FieldProblem[], vocab: readonly VocabEntry[], values: unknown, field: string, setting: string) {
  if (!Array.isArray(values)) return;
  values.forEach((v, i) => checkCode(problems, vocab, v, `${field}.${i}`, setting));
}
function checkOrder(problems: FieldProblem[], start: unknown, end: unknown, field: string, what: string) {
  const s = firstDay(start as string);
  const e = lastDay(end as string);
  if (s && e && e < s) problems.push({ field, reason: `must not be before ${what}` });
}
function checkNotFuture(problems: FieldProblem[], value: unknown, field: string) {
  const d = firstDay(value as string);
  if (d && d > today()) problems.push({ field, reason: 'must not be in the future' });
}
const levels = (c: RelationsConfig): VocabEntry[] => [...c.engagementTiers, ...c.engagementScopes];

function validate(kind: Kind, r: Row, c: RelationsConfig): FieldProblem[] {
  const p: FieldProblem[] = [];
  switch (kind) {
    case 'restrictions':
      checkCode(p, c.restrictionTypes, r.type, 'type', 'restrictionTypes');
      checkCodes(p, c.preventedActivities, r.prevented, 'prevented', 'preventedActivities');
      checkCode(p, c.engagementScopes, r.scope, 'scope', 'engagementScopes');
      checkNotFuture(p, r.occurred_on, 'occurred_on');
      checkOrder(p, r.occurred_on, r.end_date, 'end_date', 'occurred_on');
      checkOrder(p, r.occurred_on, r.resolved_on, 'resolved_on', 'occurred_on');
      checkOrder(p, r.occurred_on, r.reported_to_hq_on, 'reported_to_hq_on', 'occurred_on');
      checkOrder(p, r.occurred_on, r.reported_to_council_on, 'reported_to_council_on', 'occurred_on');
      if (r.ongoing && r.end_date) p.push({ field: 'ongoing', reason: 'a restriction still in force has no end date' });
      break;
    case 'engagements':
      checkCode(p, c.engagementTiers, r.tier, 'tier', 'engagementTiers');
      checkCode(p, c.engagementScopes, r.scope, 'scope', 'engagementScopes');
      checkCodes(p, c.engagementTopics, r.topics, 'topics', 'engagementTopics');
      checkCode(p, c.engagementTones, r.tone, 'tone', 'engagementTones');
      checkCode(p, c.engagementOutcomes, r.outcome, 'outcome', 'engagementOutcomes');
      checkNotFuture(p, r.occurred_on, 'occurred_on');
      break;
    case 'commitments':
      if (!r.actor_id) p.push({ field: 'actor_unit', reason: 'name the actor who made the commitment (actor_unit or actor_person), or give the engagement it was made in' });
      if (!r.made_on) p.push({ field: 'made_on', reason: 'required (or give the engagement it was made in)' });
      checkCode(p, c.engagementTiers, r.tier, 'tier', 'engagementTiers');
      checkCode(p, c.engagementScopes, r.scope, 'scope', 'engagementScopes');
      checkNotFuture(p, r.made_on, 'made_on');
      checkOrder(p, r.made_on, r.due_on, 'due_on', 'made_on');
      break;
    case 'stances':
      if (!r.actor_id) p.push({ field: 'actor_unit', reason: 'name the organisation or person judged (actor_unit or actor_person)' });
      checkCode(p, c.stances, r.stance, 'stance', 'stances');
      checkCode(p, levels(c), r.level, 'level', 'engagementTiers / engagementScopes');
      checkNotFuture(p, r.as_of, 'as_of');
      break;
    case 'cooperation':
      checkCode(p, c.cooperationTypes, r.type, 'type', 'cooperationTypes');
      checkCode(p, c.engagementTiers, r.tier, 'tier', 'engagementTiers');
      checkCode(p, c.engagementScopes, r.scope, 'scope', 'engagementScopes');
      checkNotFuture(p, r.occurred_on, 'occurred_on');
      break;
    case 'leverage':
      if (!r.actor_id) p.push({ field: 'actor_unit', reason: 'name the target actor (actor_unit or actor_person)' });
      checkCode(p, c.leverageLadder, r.tool, 'tool', 'leverageLadder');
      checkOrder(p, r.occurred_on, r.ended_on, 'ended_on', 'occurred_on');
      break;
    case 'force':
      checkCode(p, c.forceLevels, r.level, 'level', 'forceLevels');
      checkCode(p, c.forceTargetTypes, r.target_type, 'target_type', 'forceTargetTypes');
      checkNotFuture(p, r.occurred_on, 'occurred_on');
      break;
  }
  return p;
}

function searchTextOf(kind: Kind, r: Row, c: RelationsConfig): string | undefined {
  const both = (vocab: readonly VocabEntry[], code: string | null | undefined) => {
    const l = labelOf(vocab, code);
    return code ? `${l.en} ${l.fr}` : '';
  };
  switch (kind) {
    case 'restrictions':
      return searchKey(r.description, r.place, r.actor_description, r.resolution, both(c.restrictionTypes, r.type));
    case 'engagements':
      return searchKey(r.summary, r.place, r.notes, ...(r.topics ?? []).map((t: string) => both(c.engagementTopics, t)));
    case 'commitments':
      return searchKey(r.summary, r.made_by, r.notes);
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const SCHEMAS: Record<Kind, { create: z.ZodObject<any>; patch: z.ZodObject<any> }> = {
  restrictions: { create: inputs.restrictionInput, patch: inputs.restrictionPatch },
  engagements: { create: inputs.engagementInput, patch: inputs.engagementPatch },
  commitments: { create: inputs.commitmentInput, patch: inputs.commitmentPatch },
  stances: { create: inputs.stanceInput, patch: inputs.stancePatch },
  cooperation: { create: inputs.cooperationInput, patch: inputs.cooperationPatch },
  leverage: { create: inputs.leverageInput, patch: inputs.leveragePatch },
  force: { create: inputs.forceInput, patch: inputs.forcePatch },
};
export const createSchema = (k: Kind) => SCHEMAS[k].create;
export const patchSchema = (k: Kind) => SCHEMAS[k].patch;

const SPECIAL = new Set(['actor_unit', 'actor_person', 'target_unit', 'target_person', 'counterpart_participants', 'commitments']);

/** Columns of a record from an input (all of it on create, the fields present in a patch). */
async function columnsOf(ctx: Ctx, kind: Kind, data: Row, current: Row | null, config: RelationsConfig): Promise<Row> {
  const cols: Row = {};
  for (const [k, v] of Object.entries(data)) if (!SPECIAL.has(k) && v !== undefined) cols[k] = v;
  if ('actor_unit' in data || 'actor_person' in data) {
    const a = await resolveActorFields(ctx, data.actor_unit, data.actor_person, 'actor');
    cols.actor_kind = a.kind;
    cols.actor_id = a.id;
  }
  if ('target_unit' in data || 'target_person' in data) {
    const a = await resolveActorFields(ctx, data.target_unit, data.target_person, 'target');
    cols.target_kind = a.kind;
    cols.target_id = a.id;
  }
  if (data.counterpart_participants) {
    cols.counterpart_participants = [];
    for (const [i, p] of (data.counterpart_participants as Row[]).entries()) {
      const person = p.person ? await resolvePerson(ctx, p.person).catch((e) => asFieldError(e, `counterpart_participants.${i}.person`)) : null;
      const unit = p.unit ? await resolveUnit(ctx, p.unit).catch((e) => asFieldError(e, `counterpart_participants.${i}.unit`)) : null;
      if (!p.name && !person) throw new ValidationError([{ field: `counterpart_participants.${i}.name`, reason: 'give a name or a registry person' }]);
      cols.counterpart_participants.push({ name: p.name ?? person!.name, role: p.role ?? null, person_id: person?.id ?? null, unit_id: unit?.id ?? null });
    }
  }
  if (kind === 'restrictions' && !current && !('scope' in data) && cols.actor_kind === 'unit') {
    // the level of the organisation responsible, when it is one of the engagement scopes
    const u = await getUnit(ctx, cols.actor_id);
    if (u?.level && config.engagementScopes.some((s) => s.code === u.level)) cols.scope = u.level;
  }
  if (kind === 'commitments' && cols.engagement_id && (!current || cols.engagement_id !== current.engagement_id)) {
    const e = await getRecord(ctx, T.engagement, cols.engagement_id);
    if (!e || e.retracted_at) throw new ValidationError([{ field: 'engagement_id', reason: `no engagement ${cols.engagement_id} (or beyond your access)` }]);
    if (!current) {
      if (!cols.actor_id && e.actor_id) Object.assign(cols, { actor_kind: e.actor_kind, actor_id: e.actor_id });
      // a commitment is as protected as the meeting it was made in, unless its writer chose otherwise
      if (data.sensitivity === undefined) cols.sensitivity = e.sensitivity;
      if (data.compartments === undefined) cols.compartments = e.compartments;
      cols.made_on ??= e.occurred_on;
      cols.area ??= e.area;
      cols.tier ??= e.tier;
      cols.scope ??= e.scope;
    }
  }
  if (kind === 'commitments' && !current) {
    cols.status = config.commitmentInitialStatus;
    cols.status_changes = [];
  }
  const merged = { ...(current ?? {}), ...cols };
  const problems = validate(kind, merged, config);
  if (problems.length) throw new ValidationError(problems);
  const st = searchTextOf(kind, merged, config);
  if (st !== undefined) cols.search_text = st;
  return cols;
}

/** Creates a record of a kind; an engagement's commitments are created with it, in one transaction. */
export async function createRelationsRecord(ctx: Ctx, kindName: string, input: unknown): Promise<Row> {
  const kind = kindOf(kindName);
  requireWrite(ctx);
  const data = parse(SCHEMAS[kind].create, input) as Row;
  const config = await relationsConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const cols = await columnsOf(tx, kind, data, null, config);
    const row = await insertRecord(tx, KIND_TYPE[kind], cols);
    if (kind === 'engagements' && data.commitments?.length) {
      const made: Row[] = [];
      for (const [i, c] of (data.commitments as Row[]).entries()) {
        const body = { ...c, engagement_id: row.id, sensitivity: row.sensitivity, compartments: row.compartments };
        try {
          const cc = await columnsOf(tx, 'commitments', parse(inputs.commitmentInput, body) as Row, null, config);
          made.push(await insertRecord(tx, T.commitment, cc));
        } catch (e) {
          if (e instanceof ValidationError) throw new ValidationError(e.problems.map((p) => ({ field: `commitments.${i}.${p.field}`, reason: p.reason })));
          throw e;
        }
      }
      return { ...(await viewOne(tx, row)), commitments: await viewAll(tx, made) };
    }
    return viewOne(tx, row);
  });
}

/**
 * Creates many records of a kind at once (an import): every one is checked, and when any is refused
 * nothing is written, the problems naming the item (`items.3.type`).
 */
export async function importRelationsRecords(ctx: Ctx, kindName: string, items: unknown[]): Promise<{ created: number; ids: string[] }> {
  const kind = kindOf(kindName);
  requireWrite(ctx);
  return inTransaction(ctx, async (tx) => {
    const ids: string[] = [];
    const problems: FieldProblem[] = [];
    for (const [i, item] of items.entries()) {
      try {
        ids.push(String((await createRelationsRecord(tx, kind, item)).id));
      } catch (e) {
        if (e instanceof ValidationError) problems.push(...e.problems.map((p) => ({ field: `items.${i}.${p.field}`, reason: p.reason })));
        else throw e;
      }
    }
    if (problems.length) throw new ValidationError(problems, 'nothing was imported');
    return { created: ids.length, ids };
  });
}

/** Changes a record (a revision; nothing is written when nothing changes). Commitment statuses change through setCommitmentStatus. */
export async function updateRelationsRecord(ctx: Ctx, kindName: string, id: string, patch: unknown, opts: UpdateOptions = {}): Promise<{ record: Row; changed: boolean }> {
  const kind = kindOf(kindName);
  requireWrite(ctx);
  const data = parse(SCHEMAS[kind].patch, patch) as Row;
  const config = await relationsConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const current = await getRecord(tx, KIND_TYPE[kind], id);
    if (!current) throw new NotFoundError(`${KIND_TYPE[kind]} ${id}`);
    if (current.retracted_at) throw new ConflictError(`${KIND_TYPE[kind]} ${id} is retracted`);
    const cols = await columnsOf(tx, kind, data, current, config);
    const r = await updateRecord(tx, KIND_TYPE[kind], id, cols, opts);
    return { record: await viewOne(tx, r.record), changed: r.changed };
  });
}

export async function retractRelationsRecord(ctx: Ctx, kindName: string, id: string, reason: string): Promise<Row> {
  return viewOne(ctx, await retractRecord(ctx, KIND_TYPE[kindOf(kindName)], id, reason));
}

/** Records a commitment's new status (kept, partly kept, broken, lapsed… or open again), dated. */
export async function setCommitmentStatus(ctx: Ctx, id: string, input: unknown): Promise<Row> {
  requireWrite(ctx);
  const data = parse(inputs.statusInput, input);
  const config = await relationsConfig(ctx);
  return inTransaction(ctx, async (tx) => {
    const c = await getRecord(tx, T.commitment, id);
    if (!c) throw new NotFoundError(`${T.commitment} ${id}`);
    if (c.retracted_at) throw new ConflictError(`${T.commitment} ${id} is retracted`);
    const problems: FieldProblem[] = [];
    checkCode(problems, config.commitmentStatuses, data.status, 'status', 'commitmentStatuses');
    const date = data.date ?? today();
    checkNotFuture(problems, date, 'date');
    checkOrder(problems, c.made_on, date, 'date', `the day the commitment was made (${c.made_on})`);
    const changes = (c.status_changes ?? []) as { date: string; status: string }[];
    const last = changes[changes.length - 1];
    if (last && lastDay(date)! < firstDay(last.date)!) problems.push({ field: 'date', reason: `must not be before the last status change (${last.status} on ${last.date})` });
    if (data.status === c.status) problems.push({ field: 'status', reason: `the commitment is already ${c.status}` });
    if (problems.length) throw new ValidationError(problems);
    const next = [...changes, { date, status: data.status, note: data.note ?? null, by: ctx.actor.username }];
    const { record } = await updateRecord(tx, T.commitment, id, { status: data.status, status_changes: next }, { action: 'commitment.status', reason: data.note ?? null });
    return viewOne(tx, record);
  });
}

/** Marks lapsed the open commitments overdue by more than relations.policy lapseAfterDays on a day. */
export async function lapseOverdueCommitments(ctx: Ctx, opts: { asOf?: string; dryRun?: boolean } = {}): Promise<{ as_of: string; lapsed: { id: string; summary: string; due_on: string; days_overdue: number }[] }> {
  requireWrite(ctx);
  const [config, policy] = [await relationsConfig(ctx), await relationsPolicy(ctx)];
  const asOf = lastDay(opts.asOf ?? today());
  if (!asOf) throw new ValidationError([{ field: 'as_of', reason: 'not a date' }]);
  const lapsedStatus = config.commitmentStatuses.find((s) => s.code === 'lapsed' && s.state === 'closed') ?? config.commitmentStatuses.filter((s) => s.state === 'closed').at(-1);
  if (!lapsedStatus) throw new ValidationError([{ field: 'relations.config.commitmentStatuses', reason: 'no closed status to mark lapsed commitments with' }]);
  const open = new Set(config.commitmentStatuses.filter((s) => s.state === 'open').map((s) => s.code));
  const out: { id: string; summary: string; due_on: string; days_overdue: number }[] = [];
  await inTransaction(ctx, async (tx) => {
    for (const c of await listRecords(tx, T.commitment, { where: 'r.due_on IS NOT NULL' })) {
      const due = lastDay(c.due_on);
      if (!open.has(c.status) || !due) continue;
      const days = dayNumber(asOf) - dayNumber(due);
      if (days <= policy.lapseAfterDays) continue;
      out.push({ id: c.id, summary: c.summary, due_on: c.due_on, days_overdue: days });
      if (!opts.dryRun) await setCommitmentStatus(tx, c.id, { status: lapsedStatus.code, date: asOf > today() ? today() : asOf, note: `${days} days past due (relations.policy lapseAfterDays ${policy.lapseAfterDays})` });
    }
  });
  return { as_of: asOf, lapsed: out };
}

// ---------------------------------------------------------------------------------------------
// Reading records
// ---------------------------------------------------------------------------------------------

const DATE_COLUMN: Record<Kind, string> = {
  restrictions: 'occurred_on',
  engagements: 'occurred_on',
  commitments: 'made_on',
  stances: 'as_of',
  cooperation: 'occurred_on',
  leverage: 'occurred_on',
  force: 'occurred_on',
};

/** A record as the API shows it: without the search key, with the registry names of its actors. */
function view(r: Row, names: Map<string, string>): Row {
  const { search_text: _s, ...rest } = r;
  const out: Row = { ...rest };
  if ('actor_id' in r) out.actor_name = r.actor_id ? (names.get(r.actor_id) ?? null) : null;
  if ('target_id' in r) out.target_name = r.target_id ? (names.get(r.target_id) ?? null) : null;
  for (const k of ['severity', 'duration_days']) if (out[k] !== null && out[k] !== undefined) out[k] = Number(out[k]);
  return out;
}

async function viewOne(ctx: Ctx, row: Row): Promise<Row> {
  return (await viewAll(ctx, [row]))[0]!;
}

async function viewAll(ctx: Ctx, rows: Row[]): Promise<Row[]> {
  const names = await actorNames(ctx, rows.flatMap((r) => [{ kind: r.actor_kind, id: r.actor_id }, { kind: r.target_kind, id: r.target_id }]));
  return rows.map((r) => view(r, names));
}

export async function getRelationsRecord(ctx: Ctx, kindName: string, id: string): Promise<Row> {
  const kind = kindOf(kindName);
  const r = await getRecord(ctx, KIND_TYPE[kind], id);
  if (!r) throw new NotFoundError(`${KIND_TYPE[kind]} ${id}`);
  const [v] = await viewAll(ctx, [r]);
  if (kind === 'engagements') v!.commitments = await viewAll(ctx, await listRecords(ctx, T.commitment, { where: 'r.engagement_id = $1', params: [id] }));
  return v!;
}

export interface ListFilter {
  actorId?: string;
  from?: string;
  to?: string;
  /** type (restrictions, cooperation), status (commitments), tool (leverage), level (force, stances), stance. */
  code?: string;
  area?: string;
  engagementId?: string;
  includeRetracted?: boolean;
  limit?: number;
  offset?: number;
}

const CODE_COLUMN: Partial<Record<Kind, string>> = { restrictions: 'type', cooperation: 'type', commitments: 'status', leverage: 'tool', force: 'level', stances: 'stance', engagements: 'outcome' };

async function rowsOf(ctx: Ctx, kind: Kind, f: ListFilter = {}): Promise<Row[]> {
  requireRead(ctx);
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.actorId) {
    params.push(f.actorId);
    conds.push(kind === 'force' ? `r.target_id = $${params.length}` : `r.actor_id = $${params.length}`);
  }
  if (f.code && CODE_COLUMN[kind]) {
    params.push(f.code);
    conds.push(`r.${CODE_COLUMN[kind]} = $${params.length}`);
  }
  if (f.area) {
    params.push(f.area.replace(/[%_\\]/g, (m) => `\\${m}`) + '%');
    conds.push(`r.area LIKE $${params.length}`);
  }
  if (f.engagementId && kind === 'commitments') {
    params.push(f.engagementId);
    conds.push(`r.engagement_id = $${params.length}`);
  }
  const rows = await listRecords(ctx, KIND_TYPE[kind], { where: conds.length ? conds.join(' AND ') : undefined, params, includeRetracted: f.includeRetracted });
  const from = f.from ? firstDay(f.from) : null;
  const to = f.to ? lastDay(f.to) : null;
  if (f.from && !from) throw new ValidationError([{ field: 'from', reason: 'not a date' }]);
  if (f.to && !to) throw new ValidationError([{ field: 'to', reason: 'not a date' }]);
  const col = DATE_COLUMN[kind];
  return rows
    .filter((r) => {
      const d = firstDay(r[col]);
      return (!from || (d !== null && d >= from)) && (!to || (d !== null && d <= to));
    })
    .sort((a, b) => (firstDay(b[col]) ?? '').localeCompare(firstDay(a[col]) ?? '') || String(a.id).localeCompare(String(b.id)));
}

export async function listRelations(ctx: Ctx, kindName: string, f: ListFilter = {}): Promise<Row[]> {
  const kind = kindOf(kindName);
  const rows = await rowsOf(ctx, kind, f);
  const page = rows.slice(f.offset ?? 0, f.limit !== undefined ? (f.offset ?? 0) + f.limit : undefined);
  return viewAll(ctx, page);
}

// ---------------------------------------------------------------------------------------------
// Status-of-forces tables
// ---------------------------------------------------------------------------------------------

function restrictionRecord(r: Row): RestrictionRecord {
  return {
    id: r.id,
    date: r.occurred_on,
    endDate: r.end_date,
    ongoing: r.ongoing,
    type: r.type,
    actorId: r.actor_id,
    area: r.area,
    prevented: r.prevented,
    severity: r.severity === null || r.severity === undefined ? null : Number(r.severity),
    sofaViolation: r.sofa_violation,
    resolvedOn: r.resolved_on,
    reportedToHqOn: r.reported_to_hq_on,
    reportedToCouncilOn: r.reported_to_council_on,
  };
}

export interface SofaOptions {
  by?: RestrictionGroupBy;
  from?: string;
  to?: string;
  asOf?: string;
  /** Only the restrictions that violate the status-of-forces agreement. */
  violationsOnly?: boolean;
  actorId?: string;
  area?: string;
}

export async function sofaTables(ctx: Ctx, o: SofaOptions = {}): Promise<{ from: string | null; to: string | null; violations_only: boolean; tables: Partial<Record<RestrictionGroupBy, RestrictionTable>> }> {
  const [config, policy] = [await relationsConfig(ctx), await relationsPolicy(ctx)];
  let rows = await rowsOf(ctx, 'restrictions', { actorId: o.actorId, area: o.area });
  if (o.violationsOnly) rows = rows.filter((r) => r.sofa_violation ?? findEntry(config.restrictionTypes, r.type)?.sofaViolation ?? false);
  const names = Object.fromEntries(await actorNames(ctx, rows.map((r) => ({ kind: r.actor_kind, id: r.actor_id }))));
  const records = rows.map(restrictionRecord);
  const opts = { from: o.from, to: o.to, asOf: o.asOf, names, areaPrefixLength: policy.sofaAreaPrefixLength ?? undefined };
  const tables = o.by ? { [o.by]: tabulateRestrictions(records, config, { ...opts, groupBy: o.by }) } : restrictionReport(records, config, opts);
  return { from: o.from ?? null, to: o.to ?? null, violations_only: !!o.violationsOnly, tables };
}

// ---------------------------------------------------------------------------------------------
// Commitments owed
// ---------------------------------------------------------------------------------------------

function commitmentRecord(r: Row): CommitmentRecord {
  return { id: r.id, actorId: r.actor_id, madeOn: r.made_on, dueOn: r.due_on, summary: r.summary, statusChanges: (r.status_changes ?? []).map((s: Row) => ({ date: s.date, status: s.status })) };
}

export async function openCommitments(ctx: Ctx, o: { asOf?: string; actorId?: string } = {}): Promise<{ as_of: string; actors: (ActorCommitments & { actor_name: string | null; actor_kind: string | null })[] }> {
  const config = await relationsConfig(ctx);
  const rows = await rowsOf(ctx, 'commitments', { actorId: o.actorId });
  const asOf = o.asOf ?? today();
  const kinds = new Map(rows.map((r) => [r.actor_id, r.actor_kind]));
  const names = await actorNames(ctx, rows.map((r) => ({ kind: r.actor_kind, id: r.actor_id })));
  const actors = openCommitmentsByActor(rows.map(commitmentRecord), config, { asOf }).map((a) => ({ ...a, actor_kind: kinds.get(a.actorId) ?? null, actor_name: names.get(a.actorId) ?? null }));
  return { as_of: asOf, actors };
}

// ---------------------------------------------------------------------------------------------
// Consent index
// ---------------------------------------------------------------------------------------------

const short = (s: string | null | undefined, n = 80) => (s ? (s.length > n ? `${s.slice(0, n - 1)}…` : s) : null);

async function consentFacts(ctx: Ctx, config: RelationsConfig): Promise<{ facts: ConsentFact[]; kinds: Map<string, string> }> {
  const facts: ConsentFact[] = [];
  const kinds = new Map<string, string>();
  const note = (r: Row) => r.actor_id && kinds.set(r.actor_id, r.actor_kind);
  for (const r of await rowsOf(ctx, 'restrictions')) {
    note(r);
    facts.push({
      kind: 'restriction',
      id: r.id,
      date: r.occurred_on,
      // a restriction still in force when recorded ends, for the index, on the day it was resolved (lifted)
      endDate: r.end_date ?? (r.ongoing && r.resolved_on ? r.resolved_on : null),
      durationDays: r.duration_days === null ? null : Number(r.duration_days),
      ongoing: r.ongoing && !r.resolved_on,
      type: r.type,
      severity: r.severity === null ? null : Number(r.severity),
      actorId: r.actor_id,
      area: r.area,
      scope: r.scope,
      summary: short(r.description) ?? short(r.place),
    });
  }
  for (const r of await rowsOf(ctx, 'commitments')) {
    note(r);
    facts.push(...commitmentFacts(commitmentRecord(r), config, { area: r.area, scope: r.scope, tier: r.tier }));
  }
  for (const r of await rowsOf(ctx, 'engagements')) {
    if (!r.outcome) continue;
    note(r);
    facts.push({ kind: 'engagement', id: r.id, date: r.occurred_on, outcome: r.outcome, actorId: r.actor_id, area: r.area, scope: r.scope, tier: r.tier, summary: short(r.summary) });
  }
  for (const r of await rowsOf(ctx, 'cooperation')) {
    note(r);
    facts.push({ kind: 'cooperation', id: r.id, date: r.occurred_on, type: r.type, actorId: r.actor_id, area: r.area, scope: r.scope, tier: r.tier, summary: short(r.summary) });
  }
  return { facts, kinds };
}

export interface ConsentQuery {
  /** A registry unit or person (id, SFM id or name). */
  actor?: string;
  /** With a unit: its sub-units (on the last day) count too. */
  includeSubunits?: boolean;
  level?: string;
  area?: string;
  from?: string;
  to?: string;
  step?: Step;
}

function monthsBack(day: string, months: number): string {
  const [y, m] = day.split('-').map(Number);
  const total = y! * 12 + (m! - 1) - (months - 1);
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

async function consentRange(ctx: Ctx, q: ConsentQuery, config: RelationsConfig) {
  const policy = await relationsPolicy(ctx);
  const problems: FieldProblem[] = [];
  if (q.level && !levels(config).some((l) => l.code === q.level)) problems.push({ field: 'level', reason: `"${q.level}" is not an engagement tier or scope (relations.config)` });
  const to = q.to ?? today();
  if (!lastDay(to)) problems.push({ field: 'to', reason: 'not a date' });
  if (problems.length) throw new ValidationError(problems);
  const from = q.from ?? monthsBack(lastDay(to)!, policy.consentDefaultMonths);
  return { from, to, step: q.step ?? ('month' as Step) };
}

/** How the index is computed with the current configuration, in English and French. */
export function consentMethod(config: RelationsConfig): { en: string; fr: string } {
  const c = config.consent;
  const text = (lang: 'en' | 'fr') => {
    const n = (x: number) => formatPlain(x, lang);
    const sep = lang === 'en' ? ', ' : ', ';
    return t(lang, 'relations:consent.method', {
      baseline: n(c.baseline),
      perSeverity: n(c.weights.restrictionPerSeverityPoint),
      commitments: config.commitmentStatuses.map((s) => `${labelOf(config.commitmentStatuses, s.code)[lang].toLowerCase()} ${n(c.weights.commitment[s.code] ?? 0)}`).join(sep),
      engagements: (['positive', 'neutral', 'negative'] as const).map((e) => `${t(lang, `relations:effect.${e}`)} ${n(c.weights.engagement[e])}`).join(sep),
      cooperation: n(c.weights.cooperation.default),
      halfLife: n(c.halfLifeDays),
      window: n(c.windowDays),
      drop: n(c.dropThreshold),
      trendPeriods: n(c.trendPeriods),
      trendMinDrop: n(c.trendMinDrop),
    });
  };
  return { en: text('en'), fr: text('fr') };
}

export type ConsentAnswer = ConsentSeries & { actor: (ActorRef & { ids: string[] }) | null; level: string | null; area: string | null; from: string; to: string; step: Step; method: { en: string; fr: string } };

/** The consent index of an actor (or of everything the reader may see) over time, every point explained. */
export async function consentIndex(ctx: Ctx, q: ConsentQuery = {}): Promise<ConsentAnswer> {
  requireRead(ctx);
  const config = await relationsConfig(ctx);
  const range = await consentRange(ctx, q, config);
  let actor: (ActorRef & { ids: string[] }) | null = null;
  if (q.actor) {
    const a = await resolveAnyActor(ctx, q.actor);
    const ids = [a.id];
    if (q.includeSubunits && a.kind === 'unit') ids.push(...(await subordinates(ctx, a.id, lastDay(range.to)!)));
    actor = { ...a, ids };
  }
  const { facts } = await consentFacts(ctx, config);
  const series = computeConsentIndex(facts, config, { actorId: actor?.ids, level: q.level, area: q.area, ...range });
  return { actor, level: q.level ?? null, area: q.area ?? null, ...range, ...series, method: consentMethod(config) };
}

export interface ActorConsent {
  actor: { kind: string | null; id: string; name: string | null };
  first: number;
  last: number;
  change: number;
  lowest: number;
  values: { period: string; value: number }[];
  flags: ConsentSeries['flags'];
}

/** The consent index of every actor with recorded facts, lowest last value first. */
export async function consentByActor(ctx: Ctx, q: Omit<ConsentQuery, 'actor' | 'includeSubunits'> = {}): Promise<{ from: string; to: string; step: Step; level: string | null; area: string | null; actors: ActorConsent[]; method: { en: string; fr: string } }> {
  requireRead(ctx);
  const config = await relationsConfig(ctx);
  const range = await consentRange(ctx, q, config);
  const { facts, kinds } = await consentFacts(ctx, config);
  const names = await actorNames(ctx, [...kinds].map(([id, kind]) => ({ id, kind })));
  const actors: ActorConsent[] = [];
  for (const id of kinds.keys()) {
    const s = computeConsentIndex(facts, config, { actorId: id, level: q.level, area: q.area, ...range });
    const values = s.points.map((p) => ({ period: p.period, value: p.value }));
    const first = values[0]?.value ?? s.baseline;
    const last = values.at(-1)?.value ?? s.baseline;
    actors.push({ actor: { kind: kinds.get(id) ?? null, id, name: names.get(id) ?? null }, first, last, change: Math.round((last - first) * 100) / 100, lowest: Math.min(...values.map((v) => v.value)), values, flags: s.flags });
  }
  actors.sort((a, b) => a.last - b.last || a.actor.id.localeCompare(b.actor.id));
  return { ...range, level: q.level ?? null, area: q.area ?? null, actors, method: consentMethod(config) };
}

// ---------------------------------------------------------------------------------------------
// Stances
// ---------------------------------------------------------------------------------------------

export interface StanceView {
  id: string;
  level: string | null;
  level_label: { en: string; fr: string } | null;
  area: string | null;
  stance: string;
  stance_label: { en: string; fr: string };
  rank: number | null;
  as_of: string;
  reasons: string;
  previous: { stance: string; as_of: string } | null;
}

/** The current stance of each actor at each level (and area): the latest dated judgement, with the one before. */
export async function stanceBoard(ctx: Ctx, o: { actorId?: string; asOf?: string } = {}): Promise<{ as_of: string; actors: { actor: { kind: string; id: string; name: string | null }; stances: StanceView[]; judgements: number; top_level: string | null; open_below_top: string[] }[] }> {
  const config = await relationsConfig(ctx);
  const asOf = lastDay(o.asOf ?? today());
  if (!asOf) throw new ValidationError([{ field: 'as_of', reason: 'not a date' }]);
  const rows = (await rowsOf(ctx, 'stances', { actorId: o.actorId })).filter((r) => (firstDay(r.as_of) ?? '') <= asOf);
  const names = await actorNames(ctx, rows.map((r) => ({ kind: r.actor_kind, id: r.actor_id })));
  const byActor = new Map<string, Row[]>();
  for (const r of rows) byActor.set(r.actor_id, [...(byActor.get(r.actor_id) ?? []), r]);
  const levelRank = (code: string | null) => (code ? (findEntry(config.engagementTiers, code)?.rank ?? findEntry(config.engagementScopes, code)?.rank ?? 0) : Infinity);
  const out = [];
  for (const [actorId, list] of byActor) {
    const groups = new Map<string, Row[]>();
    for (const r of list) {
      const key = `${r.level ?? ''}|${r.area ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    const stances: StanceView[] = [];
    for (const g of groups.values()) {
      g.sort((a, b) => (firstDay(b.as_of) ?? '').localeCompare(firstDay(a.as_of) ?? '') || String(b.created_at).localeCompare(String(a.created_at)));
      const [cur, prev] = g;
      const st = findEntry(config.stances, cur!.stance);
      stances.push({
        id: cur!.id,
        level: cur!.level,
        level_label: cur!.level ? labelOf(levels(config), cur!.level) : null,
        area: cur!.area,
        stance: cur!.stance,
        stance_label: labelOf(config.stances, cur!.stance),
        rank: st?.rank ?? null,
        as_of: cur!.as_of,
        reasons: cur!.reasons,
        previous: prev ? { stance: prev.stance, as_of: prev.as_of } : null,
      });
    }
    stances.sort((a, b) => levelRank(b.level) - levelRank(a.level) || (a.area ?? '').localeCompare(b.area ?? ''));
    // where doors are open even when the top is closed: levels judged more cooperative than the highest level judged
    const top = stances.find((x) => x.level !== null && x.rank !== null) ?? null;
    const openBelow = top ? stances.filter((x) => x !== top && x.level !== null && levelRank(x.level) < levelRank(top.level) && x.rank !== null && x.rank < top.rank!) : [];
    out.push({ actor: { kind: list[0]!.actor_kind, id: actorId, name: names.get(actorId) ?? null }, stances, judgements: list.length, top_level: top ? top.level : null, open_below_top: openBelow.map((x) => x.id) });
  }
  return { as_of: asOf, actors: out.sort((a, b) => (a.actor.name ?? a.actor.id).localeCompare(b.actor.name ?? b.actor.id)) };
}

// ---------------------------------------------------------------------------------------------
// Leverage and use of force
// ---------------------------------------------------------------------------------------------

export async function escalation(ctx: Ctx, o: { actorId?: string; asOf?: string } = {}): Promise<{ as_of: string | null; actors: (EscalationView & { actor_name: string | null; actor_kind: string | null })[] }> {
  const config = await relationsConfig(ctx);
  const rows = await rowsOf(ctx, 'leverage', { actorId: o.actorId });
  const kinds = new Map(rows.map((r) => [r.actor_id, r.actor_kind]));
  const names = await actorNames(ctx, rows.map((r) => ({ kind: r.actor_kind, id: r.actor_id })));
  const views = escalationByActor(
    rows.map((r) => ({ id: r.id, actorId: r.actor_id, date: r.occurred_on, tool: r.tool, endedOn: r.ended_on, summary: r.summary, coordinatedWith: r.partners, result: r.result })),
    config,
    { asOf: o.asOf },
  );
  return { as_of: o.asOf ?? null, actors: views.map((v) => ({ ...v, actor_kind: kinds.get(v.actorId) ?? null, actor_name: names.get(v.actorId) ?? null })) };
}

export async function forceFigures(ctx: Ctx, o: { from?: string; to?: string } = {}): Promise<UseOfForceFigures & { threats: number; civilians_killed: number; civilians_injured: number }> {
  const config = await relationsConfig(ctx);
  const rows = await rowsOf(ctx, 'force');
  const names = await actorNames(ctx, rows.map((r) => ({ kind: r.target_kind, id: r.target_id })));
  const records: (ForceRecord & Row)[] = rows.map((r) => ({
    id: r.id,
    date: r.occurred_on,
    level: r.level,
    targetType: r.target_type,
    targetActorId: r.target_id,
    targetName: r.target_id ? (names.get(r.target_id) ?? null) : null,
    targetDescription: r.target_description,
    area: r.area,
    place: r.place,
    summary: r.summary,
    casualties: r.target_casualties,
    threatOnly: r.threat_only,
    purpose: r.purpose,
    authority: r.authority,
    outcome: r.outcome,
    civiliansKilled: r.civilians_killed,
    civiliansInjured: r.civilians_injured,
    civilianHarm: r.civilian_harm,
  }));
  const figures = useOfForceFigures(records, config, o);
  const from = o.from ? firstDay(o.from) : null;
  const to = o.to ? lastDay(o.to) : null;
  const counted = records.filter((r) => {
    const d = firstDay(r.date);
    return d !== null && (!from || d >= from) && (!to || d <= to);
  });
  return {
    ...figures,
    threats: counted.filter((r) => r.threatOnly).length,
    civilians_killed: counted.reduce((s, r) => s + (Number(r.civiliansKilled) || 0), 0),
    civilians_injured: counted.reduce((s, r) => s + (Number(r.civiliansInjured) || 0), 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Search, notifications, export
// ---------------------------------------------------------------------------------------------

export interface RelationsHit {
  type: RelationsRecordType;
  id: string;
  label: string;
  detail: string;
  score: number;
}

/** Engagements, restrictions and commitments whose text resembles the query (only what the reader may see). */
export async function searchRelations(ctx: Ctx, query: string, limit = 20): Promise<RelationsHit[]> {
  requireRead(ctx);
  const key = searchKey(query);
  if (!key) return [];
  const config = await relationsConfig(ctx);
  const lang = ctx.actor.language;
  const tables: [Kind, string][] = [
    ['restrictions', 'relations_restrictions'],
    ['engagements', 'relations_engagements'],
    ['commitments', 'relations_commitments'],
  ];
  const hits: RelationsHit[] = [];
  await inTransaction(ctx, async (tx) => {
    await tx.q.query(`SELECT set_config('pg_trgm.word_similarity_threshold', '0.4', true)`);
    for (const [kind, table] of tables) {
      const params: unknown[] = [key, `%${key}%`];
      const f = readFilterSql(tx.actor, 'r', params.length);
      params.push(...f.params);
      const rows = (
        await tx.q.query<Row>(
          `SELECT r.*, GREATEST(word_similarity($1, r.search_text), CASE WHEN r.search_text LIKE $2 THEN 0.9 ELSE 0 END) AS score
             FROM ${table} r
            WHERE r.retracted_at IS NULL AND (r.search_text LIKE $2 OR $1 <% r.search_text) AND ${f.sql}
            ORDER BY score DESC, r.id LIMIT ${Math.max(1, Math.min(limit, 200))}`,
          params,
        )
      ).rows;
      for (const r of rows) {
        const score = Math.min(1, Number(r.score));
        if (kind === 'restrictions') hits.push({ type: T.restriction, id: r.id, label: `${labelOf(config.restrictionTypes, r.type)[lang]}${r.description ? `: ${short(r.description, 100)}` : ''}`, detail: [r.occurred_on, r.place].filter(Boolean).join(' · '), score });
        else if (kind === 'engagements') hits.push({ type: T.engagement, id: r.id, label: short(r.summary, 120)!, detail: [r.occurred_on, r.place, r.tier ? labelOf(config.engagementTiers, r.tier)[lang] : null].filter(Boolean).join(' · '), score });
        else hits.push({ type: T.commitment, id: r.id, label: short(r.summary, 120)!, detail: [labelOf(config.commitmentStatuses, r.status)[lang], r.due_on].filter(Boolean).join(' · '), score });
      }
    }
  });
  return hits.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, limit);
}

export interface RelationsNotice {
  kind: 'relations.commitment-overdue' | 'relations.commitment-due';
  id: string;
  summary: string | null;
  actor_id: string;
  actor_name: string | null;
  due_on: string;
  days: number;
  severity: 'info' | 'warning' | 'urgent';
}

/** Open commitments past their due date (warning, urgent after relations.policy urgentAfterDays) or due soon (info). */
export async function commitmentNotices(ctx: Ctx, asOf = today()): Promise<RelationsNotice[]> {
  const policy = await relationsPolicy(ctx);
  const { actors } = await openCommitments(ctx, { asOf });
  const out: RelationsNotice[] = [];
  for (const a of actors) {
    for (const c of a.open) {
      if (!c.dueOn) continue;
      const due = lastDay(c.dueOn)!;
      if (c.overdue) {
        out.push({ kind: 'relations.commitment-overdue', id: c.id, summary: c.summary, actor_id: a.actorId, actor_name: a.actor_name, due_on: c.dueOn, days: c.daysOverdue, severity: c.daysOverdue > policy.urgentAfterDays ? 'urgent' : 'warning' });
      } else {
        const left = dayNumber(due) - dayNumber(asOf);
        if (left <= policy.noticeDueWithinDays) out.push({ kind: 'relations.commitment-due', id: c.id, summary: c.summary, actor_id: a.actorId, actor_name: a.actor_name, due_on: c.dueOn, days: left, severity: 'info' });
      }
    }
  }
  return out.sort((a, b) => (a.kind === b.kind ? b.days - a.days : a.kind === 'relations.commitment-overdue' ? -1 : 1));
}

export interface UnreportedRestriction {
  id: string;
  type: string;
  label: { en: string; fr: string };
  occurred_on: string;
  days: number;
  actor_name: string | null;
}

/** Restrictions violating the agreement, not reported to headquarters relations.policy reportWithinDays after they began. */
export async function unreportedRestrictions(ctx: Ctx, asOf = today()): Promise<UnreportedRestriction[]> {
  const [config, policy] = [await relationsConfig(ctx), await relationsPolicy(ctx)];
  if (policy.reportWithinDays === null) return [];
  const rows = (await rowsOf(ctx, 'restrictions', { from: addDaysTo(asOf, -policy.noticeLookbackDays) })).filter((r) => {
    const start = firstDay(r.occurred_on);
    const violation = r.sofa_violation ?? findEntry(config.restrictionTypes, r.type)?.sofaViolation ?? false;
    return violation && !r.reported_to_hq_on && start !== null && dayNumber(asOf) - dayNumber(start) > policy.reportWithinDays!;
  });
  const names = await actorNames(ctx, rows.map((r) => ({ kind: r.actor_kind, id: r.actor_id })));
  return rows.map((r) => ({ id: r.id, type: r.type, label: labelOf(config.restrictionTypes, r.type), occurred_on: r.occurred_on, days: dayNumber(asOf) - dayNumber(firstDay(r.occurred_on)!), actor_name: r.actor_id ? (names.get(r.actor_id) ?? null) : null }));
}

/** Columns of each kind in exports (the record's own columns, without the search key). */
export const EXPORT_COLUMNS: Record<Kind, string[]> = {
  restrictions: ['id', 'occurred_on', 'end_date', 'duration_days', 'ongoing', 'place', 'area', 'scope', 'actor_kind', 'actor_id', 'actor_name', 'actor_description', 'type', 'severity', 'prevented', 'sofa_violation', 'description', 'affected_staff', 'resolution', 'resolved_on', 'reported_to_hq_on', 'reported_to_council_on'],
  engagements: ['id', 'occurred_on', 'place', 'area', 'tier', 'scope', 'actor_kind', 'actor_id', 'actor_name', 'mission_participants', 'counterpart_participants', 'topics', 'tone', 'outcome', 'summary', 'notes'],
  commitments: ['id', 'engagement_id', 'actor_kind', 'actor_id', 'actor_name', 'made_by', 'summary', 'made_on', 'due_on', 'status', 'status_changes', 'area', 'tier', 'scope', 'notes'],
  stances: ['id', 'actor_kind', 'actor_id', 'actor_name', 'level', 'area', 'as_of', 'stance', 'reasons'],
  cooperation: ['id', 'occurred_on', 'type', 'actor_kind', 'actor_id', 'actor_name', 'area', 'tier', 'scope', 'summary', 'notes'],
  leverage: ['id', 'actor_kind', 'actor_id', 'actor_name', 'tool', 'occurred_on', 'ended_on', 'partners', 'summary', 'result', 'notes'],
  force: ['id', 'occurred_on', 'place', 'area', 'level', 'target_type', 'target_kind', 'target_id', 'target_name', 'target_description', 'threat_only', 'purpose', 'authority', 'outcome', 'target_casualties', 'civilians_killed', 'civilians_injured', 'civilian_harm', 'summary'],
};
const CONVENTION_COLUMNS = ['sensitivity', 'compartments', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by'];

/** HXL hashtags of the export columns (the second header row); columns without one stay untagged. */
const HXL: Record<string, string> = {
  id: '#meta+id',
  occurred_on: '#date+occurred',
  made_on: '#date+made',
  as_of: '#date+reported',
  end_date: '#date+end',
  ended_on: '#date+end',
  due_on: '#date+due',
  resolved_on: '#date+resolved',
  area: '#adm1+code',
  place: '#loc+name',
  actor_name: '#org+name',
  target_name: '#group+name+target',
  type: '#event+type',
  level: '#indicator+level',
  description: '#description',
  summary: '#description',
  civilians_killed: '#affected+killed',
  civilians_injured: '#affected+injured',
  sensitivity: '#meta+sensitivity',
};

/** Every record of a kind the reader may see, as a table (header, then HXL hashtags), fields above their clearance left empty. */
export async function exportTable(ctx: Ctx, kindName: string): Promise<unknown[][]> {
  const kind = kindOf(kindName);
  const rows = await viewAll(ctx, await rowsOf(ctx, kind));
  const cols = [...EXPORT_COLUMNS[kind], ...CONVENTION_COLUMNS];
  const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? (v.every((x) => typeof x === 'string') ? v.join('; ') : JSON.stringify(v)) : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : v);
  return [cols, cols.map((c) => HXL[c] ?? ''), ...rows.map((r) => cols.map((c) => cell(r[c])))];
}

export async function exportJson(ctx: Ctx, kindName: string): Promise<{ kind: Kind; items: Row[] }> {
  const kind = kindOf(kindName);
  return { kind, items: await viewAll(ctx, await rowsOf(ctx, kind)) };
}

/**
 * Everything the relations record holds about one actor, as far as the reader may see it: its
 * restrictions, engagements, commitments (open ones first), stances, cooperation, leverage, uses of
 * force against it, and its consent index over the default span.
 */
export async function actorProfile(ctx: Ctx, ref: string, o: { asOf?: string } = {}) {
  requireRead(ctx);
  const actor = await resolveAnyActor(ctx, ref);
  const asOf = o.asOf ?? today();
  const f = { actorId: actor.id, to: asOf };
  const [restrictions, engagements, commitments, cooperation, leverage, force] = [
    await listRelations(ctx, 'restrictions', f),
    await listRelations(ctx, 'engagements', f),
    await listRelations(ctx, 'commitments', f),
    await listRelations(ctx, 'cooperation', f),
    await listRelations(ctx, 'leverage', f),
    await listRelations(ctx, 'force', f),
  ];
  const open = (await openCommitments(ctx, { asOf, actorId: actor.id })).actors[0] ?? null;
  const stances = (await stanceBoard(ctx, { actorId: actor.id, asOf })).actors[0] ?? null;
  const escalationView = (await escalation(ctx, { actorId: actor.id, asOf })).actors[0] ?? null;
  const consent = await consentIndex(ctx, { actor: actor.id, to: asOf });
  return {
    actor,
    as_of: asOf,
    stances: stances?.stances ?? [],
    open_below_top: stances?.open_below_top ?? [],
    consent: { values: consent.points.map((p) => ({ period: p.period, value: p.value })), flags: consent.flags, method: consent.method },
    commitments: { open: open?.open ?? [], overdue: open?.overdue ?? 0, closed: open?.closed ?? {}, records: commitments },
    restrictions,
    engagements,
    cooperation,
    leverage,
    escalation: escalationView ? { currentRung: escalationView.currentRung, highestRung: escalationView.highestRung } : null,
    force,
  };
}

/** The vocabularies of the domain, as configured (for forms and pickers). */
export async function vocabularies(ctx: Ctx): Promise<RelationsConfig> {
  requireRead(ctx);
  return relationsConfig(ctx);
}
