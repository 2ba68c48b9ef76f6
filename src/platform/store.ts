/**
 * The one write path. Every domain record is created, changed and retracted here, in a transaction
 * that also appends the audit entry (who, when, which record, before and after), so no write can skip
 * the trail, and every change is a readable revision. Reads go through the access policy here too.
 *
 * Record tables follow one convention (see the platform migration): id uuid, sensitivity,
 * compartments, retracted_at/_reason, version, created_at/_by, updated_at/_by.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, canRead, hasPermission, type Level, LEVELS, levelRank, readFilterSql, redactFields, systemActor } from './access/policy.ts';
import { appendAudit, appendAuditMany, recordHistory } from './audit/audit.ts';
import { canonicalJson, toJsonValue } from './audit/chain.ts';
import type { Db, Queryable } from './db/types.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from './errors.ts';

export interface RecordType {
  /** Name used in the audit trail and the history API (e.g. 'unit'). */
  name: string;
  table: string;
  /** Permission needed to write; read needs `${domain}:read`. */
  domain: string;
  writePermission?: string;
  readPermission?: string;
  /** Columns of type jsonb (serialised explicitly so arrays are not taken for SQL arrays). */
  json?: string[];
  /** Fields more sensitive than the record itself (removed for actors below that level). */
  fieldSensitivity?: Record<string, Level>;
  /** Fields never written to the audit trail (secrets). */
  auditOmit?: string[];
  defaultSensitivity?: Level;
}

const recordTypes = new Map<string, RecordType>();

/** A committed-with-the-write change, as handed to write hooks. */
export interface RecordWrite {
  type: string;
  op: 'create' | 'update' | 'retract';
  id: string;
  before: Record<string, any> | null;
  after: Record<string, any>;
  /** Who made the write. */
  by: string;
}

export type WriteHook = (tx: Ctx, write: RecordWrite) => Promise<void>;
const writeHooks: { types: Set<string> | null; hook: WriteHook }[] = [];

/**
 * Lets a domain react to another's writes (a new allegation against a supported unit raises a review)
 * inside the same transaction: the reaction commits or rolls back with the write that caused it.
 * Hooks get the open transaction with the system as actor (a reaction must not depend on the
 * writer's permissions, nor leak what the writer may not see) and must query only through it.
 * Pass null for every type.
 */
export function onRecordWrite(types: string[] | null, hook: WriteHook): () => void {
  const entry = { types: types ? new Set(types) : null, hook };
  writeHooks.push(entry);
  return () => {
    const i = writeHooks.indexOf(entry);
    if (i >= 0) writeHooks.splice(i, 1);
  };
}

async function runWriteHooks(tx: Ctx, write: Omit<RecordWrite, 'by'>) {
  const hooks = writeHooks.filter((h) => !h.types || h.types.has(write.type));
  if (!hooks.length) return;
  const sys: Ctx = { ...tx, actor: systemActor() };
  for (const h of hooks) await h.hook(sys, { ...write, by: tx.actor.username });
}

export function defineRecordType(t: RecordType): RecordType {
  recordTypes.set(t.name, t);
  return t;
}

export function recordType(name: string): RecordType {
  const t = recordTypes.get(name);
  if (!t) throw new NotFoundError(`record type ${name}`);
  return t;
}

export function allRecordTypes(): RecordType[] {
  return [...recordTypes.values()];
}

/** The conventional columns every record table carries (see DEVELOPERS.md), as read back. */
export interface StoredRecord {
  id: string;
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

/** What every service call carries: the database (or the open transaction) and who is acting. */
export interface Ctx {
  db: Db;
  q: Queryable;
  actor: Actor;
  inTx: boolean;
}

export function context(db: Db, actor: Actor): Ctx {
  return { db, q: db, actor, inTx: false };
}

/** Runs fn in one transaction (or in the caller's, when already inside one). */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  if (ctx.inTx) return fn(ctx);
  return ctx.db.transaction((q) => fn({ ...ctx, q, inTx: true }));
}

const IDENT = /^[a-z_][a-z0-9_]*$/;
function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`invalid SQL identifier ${name}`);
  return name;
}

const CONVENTION = new Set(['id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'retracted_at', 'retracted_reason']);

function snapshot(t: RecordType, row: Record<string, unknown> | null): unknown {
  if (!row) return null;
  const out: Record<string, unknown> = { ...row };
  for (const f of t.auditOmit ?? []) if (f in out) out[f] = out[f] == null ? null : '[secret]';
  return toJsonValue(out);
}

function param(t: RecordType, col: string, v: unknown, params: unknown[]): string {
  if (t.json?.includes(col)) {
    params.push(v === undefined || v === null ? null : JSON.stringify(v));
    return `$${params.length}::jsonb`;
  }
  params.push(v === undefined ? null : v);
  return `$${params.length}`;
}

function checkProtection(actor: Actor, sensitivity: unknown, compartments: unknown) {
  if (!LEVELS.includes(sensitivity as Level)) throw new ValidationError([{ field: 'sensitivity', reason: `must be one of ${LEVELS.join(', ')}` }]);
  if (actor.kind === 'system') return;
  if (levelRank(String(sensitivity)) > levelRank(actor.clearance)) throw new ForbiddenError(`you cannot file a record above your own clearance (${actor.clearance})`);
  const comps = (compartments as string[] | undefined) ?? [];
  const missing = comps.filter((c) => !actor.compartments.includes(c));
  if (missing.length) throw new ForbiddenError(`you are not a member of the compartment ${missing.join(', ')}`);
}

function requireWrite(ctx: Ctx, t: RecordType) {
  const perm = t.writePermission ?? `${t.domain}:write`;
  if (!hasPermission(ctx.actor, perm)) throw new ForbiddenError(`this needs the permission ${perm}`);
}

export interface WriteOptions {
  /** Audit action name (default create/update/retract). */
  action?: string;
  reason?: string | null;
}

export async function insertRecord<T = Record<string, any>>(ctx: Ctx, typeName: string, values: Record<string, unknown>, opts: WriteOptions = {}): Promise<T> {
  const t = recordType(typeName);
  requireWrite(ctx, t);
  const sensitivity = values.sensitivity ?? t.defaultSensitivity ?? 'internal';
  const compartments = (values.compartments as string[] | undefined) ?? [];
  checkProtection(ctx.actor, sensitivity, compartments);
  const row: Record<string, unknown> = { ...values, id: values.id ?? randomUUID(), sensitivity, compartments, created_by: ctx.actor.username, updated_by: ctx.actor.username };
  delete row.version;
  const cols = Object.keys(row).filter((k) => row[k] !== undefined);
  const params: unknown[] = [];
  const placeholders = cols.map((c) => param(t, c, row[c], params));
  return inTransaction(ctx, async (tx) => {
    const inserted = (await tx.q.query(`INSERT INTO ${ident(t.table)} (${cols.map(ident).join(', ')}) VALUES (${placeholders.join(', ')}) RETURNING *`, params)).rows[0]!;
    await appendAudit(tx.q, { actor: ctx.actor.username, action: opts.action ?? 'create', recordType: t.name, recordId: String(inserted.id), after: snapshot(t, inserted), reason: opts.reason });
    await runWriteHooks(tx, { type: t.name, op: 'create', id: String(inserted.id), before: null, after: inserted });
    return inserted as T;
  });
}

/**
 * Inserts several records of one type with few statements (imports of thousands of rows): the same
 * checks, defaults and audit entries as insertRecord one by one, in the order given; write hooks run
 * for each record after its chunk is inserted, in the same transaction. A column a row leaves out
 * takes its default.
 */
export async function insertRecords<T = Record<string, any>>(ctx: Ctx, typeName: string, rows: Record<string, unknown>[], opts: WriteOptions & { chunk?: number } = {}): Promise<T[]> {
  const t = recordType(typeName);
  requireWrite(ctx, t);
  if (!rows.length) return [];
  const prepared = rows.map((values) => {
    const sensitivity = values.sensitivity ?? t.defaultSensitivity ?? 'internal';
    const compartments = (values.compartments as string[] | undefined) ?? [];
    checkProtection(ctx.actor, sensitivity, compartments);
    const row: Record<string, unknown> = { ...values, id: values.id ?? randomUUID(), sensitivity, compartments, created_by: ctx.actor.username, updated_by: ctx.actor.username };
    delete row.version;
    return row;
  });
  const cols = [...new Set(prepared.flatMap((r) => Object.keys(r).filter((k) => r[k] !== undefined)))];
  const size = Math.max(1, Math.min(opts.chunk ?? 200, Math.floor(30_000 / cols.length)));
  return inTransaction(ctx, async (tx) => {
    const out: T[] = [];
    for (let i = 0; i < prepared.length; i += size) {
      const part = prepared.slice(i, i + size);
      const params: unknown[] = [];
      const values = part.map((r) => `(${cols.map((c) => (r[c] === undefined ? 'DEFAULT' : param(t, c, r[c], params))).join(', ')})`);
      const inserted = (await tx.q.query(`INSERT INTO ${ident(t.table)} (${cols.map(ident).join(', ')}) VALUES ${values.join(', ')} RETURNING *`, params)).rows;
      const byId = new Map(inserted.map((r) => [String(r.id), r]));
      const ordered = part.map((r) => byId.get(String(r.id))!);
      await appendAuditMany(tx.q, ordered.map((r) => ({ actor: ctx.actor.username, action: opts.action ?? 'create', recordType: t.name, recordId: String(r.id), after: snapshot(t, r), reason: opts.reason })));
      for (const r of ordered) await runWriteHooks(tx, { type: t.name, op: 'create', id: String(r.id), before: null, after: r });
      out.push(...(ordered as T[]));
    }
    return out;
  });
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(toJsonValue(a ?? null)) === canonicalJson(toJsonValue(b ?? null));
}

export interface UpdateOptions extends WriteOptions {
  /** Optimistic concurrency: refuse when the record moved on since the caller read it. */
  expectedVersion?: number;
}

/**
 * Applies a patch. Fields equal to the stored ones are not a change: a patch that changes nothing
 * writes nothing (re-importing the same file leaves no trace). Returns the record and whether it changed.
 */
export async function updateRecord<T = Record<string, any>>(ctx: Ctx, typeName: string, id: string, patch: Record<string, unknown>, opts: UpdateOptions = {}): Promise<{ record: T; changed: boolean }> {
  const t = recordType(typeName);
  requireWrite(ctx, t);
  return inTransaction(ctx, async (tx) => {
    const current = (await tx.q.query(`SELECT * FROM ${ident(t.table)} WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!current || !canRead(ctx.actor, current as any)) throw new NotFoundError(`${t.name} ${id}`);
    if (opts.expectedVersion !== undefined && Number(current.version) !== opts.expectedVersion) {
      throw new ConflictError(`${t.name} ${id} was changed by ${current.updated_by} (now version ${current.version}, you had ${opts.expectedVersion}); reload and try again`);
    }
    const changes = Object.entries(patch).filter(([k, v]) => v !== undefined && !CONVENTION.has(k) && !same(current[k], v));
    if (changes.length === 0) return { record: current as T, changed: false };
    const next = { ...current, ...Object.fromEntries(changes) };
    checkProtection(ctx.actor, next.sensitivity, next.compartments);
    const params: unknown[] = [];
    const sets = changes.map(([k, v]) => `${ident(k)} = ${param(t, k, v, params)}`);
    params.push(ctx.actor.username, id);
    const updated = (
      await tx.q.query(
        `UPDATE ${ident(t.table)} SET ${sets.join(', ')}, version = version + 1, updated_at = now(), updated_by = $${params.length - 1} WHERE id = $${params.length} RETURNING *`,
        params,
      )
    ).rows[0]!;
    await appendAudit(tx.q, { actor: ctx.actor.username, action: opts.action ?? 'update', recordType: t.name, recordId: id, before: snapshot(t, current), after: snapshot(t, updated), reason: opts.reason });
    await runWriteHooks(tx, { type: t.name, op: 'update', id, before: current, after: updated });
    return { record: updated as T, changed: true };
  });
}

/** Nothing is hard-deleted: retraction is a state, with its reason, kept in the history. */
export async function retractRecord<T = Record<string, any>>(ctx: Ctx, typeName: string, id: string, reason: string): Promise<T> {
  if (!reason || !reason.trim()) throw new ValidationError([{ field: 'reason', reason: 'a reason is required to retract a record' }]);
  const t = recordType(typeName);
  requireWrite(ctx, t);
  return inTransaction(ctx, async (tx) => {
    const current = (await tx.q.query(`SELECT * FROM ${ident(t.table)} WHERE id = $1 FOR UPDATE`, [id])).rows[0];
    if (!current || !canRead(ctx.actor, current as any)) throw new NotFoundError(`${t.name} ${id}`);
    if (current.retracted_at) throw new ConflictError(`${t.name} ${id} is already retracted`);
    const updated = (
      await tx.q.query(`UPDATE ${ident(t.table)} SET retracted_at = now(), retracted_reason = $1, version = version + 1, updated_at = now(), updated_by = $2 WHERE id = $3 RETURNING *`, [reason, ctx.actor.username, id])
    ).rows[0]!;
    await appendAudit(tx.q, { actor: ctx.actor.username, action: 'retract', recordType: t.name, recordId: id, before: snapshot(t, current), after: snapshot(t, updated), reason });
    await runWriteHooks(tx, { type: t.name, op: 'retract', id, before: current, after: updated });
    return updated as T;
  });
}

function requireRead(ctx: Ctx, t: RecordType) {
  const perm = t.readPermission ?? `${t.domain}:read`;
  if (!hasPermission(ctx.actor, perm)) throw new ForbiddenError(`this needs the permission ${perm}`);
}

/** One record as the actor may see it, or null when it does not exist or is out of the actor's reach. */
export async function getRecord<T = Record<string, any>>(ctx: Ctx, typeName: string, id: string): Promise<T | null> {
  const t = recordType(typeName);
  requireRead(ctx, t);
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = (await ctx.q.query(`SELECT * FROM ${ident(t.table)} WHERE id = $1`, [id])).rows[0];
  if (!row || !canRead(ctx.actor, row as any)) return null;
  return redactFields(ctx.actor, row, t.fieldSensitivity) as T;
}

export async function mustGetRecord<T = Record<string, any>>(ctx: Ctx, typeName: string, id: string): Promise<T> {
  const r = await getRecord<T>(ctx, typeName, id);
  if (!r) throw new NotFoundError(`${typeName} ${id}`);
  return r;
}

export interface ListOptions {
  /** Extra SQL condition over alias r, with $1.. parameters. */
  where?: string;
  params?: unknown[];
  orderBy?: string;
  limit?: number;
  offset?: number;
  includeRetracted?: boolean;
}

/** Records of a type the actor may read, with the access rule applied in SQL. */
export async function listRecords<T = Record<string, any>>(ctx: Ctx, typeName: string, opts: ListOptions = {}): Promise<T[]> {
  const t = recordType(typeName);
  requireRead(ctx, t);
  const params = [...(opts.params ?? [])];
  const filter = readFilterSql(ctx.actor, 'r', params.length);
  params.push(...filter.params);
  const conds = [filter.sql];
  if (opts.where) conds.push(`(${opts.where})`);
  if (!opts.includeRetracted) conds.push('r.retracted_at IS NULL');
  let sql = `SELECT r.* FROM ${ident(t.table)} r WHERE ${conds.join(' AND ')} ORDER BY ${opts.orderBy ?? 'r.created_at, r.id'}`;
  if (opts.limit !== undefined) sql += ` LIMIT ${Math.max(0, Math.floor(opts.limit))}`;
  if (opts.offset !== undefined) sql += ` OFFSET ${Math.max(0, Math.floor(opts.offset))}`;
  const rows = (await ctx.q.query(sql, params)).rows;
  return rows.map((r) => redactFields(ctx.actor, r, t.fieldSensitivity) as T);
}

export interface Revision {
  seq: number;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  /** Fields that differ between before and after. */
  changed: string[];
}

/** Every revision of a record, each snapshot filtered by the same access rules as the record. */
export async function recordRevisions(ctx: Ctx, typeName: string, id: string): Promise<Revision[]> {
  const t = recordType(typeName);
  const current = await getRecord(ctx, typeName, id);
  if (!current) throw new NotFoundError(`${typeName} ${id}`);
  const view = (snap: any) => {
    if (!snap) return null;
    if (!canRead(ctx.actor, snap)) return { redacted: true };
    return redactFields(ctx.actor, snap, t.fieldSensitivity);
  };
  return (await recordHistory(ctx.q, t.name, id)).map((e) => {
    const before = view(e.before) as Record<string, unknown> | null;
    const after = view(e.after) as Record<string, unknown> | null;
    const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
    const changed = [...keys].filter((k) => !['version', 'updated_at', 'updated_by'].includes(k) && !same(before?.[k], after?.[k]));
    return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, reason: e.reason, before, after, changed };
  });
}
