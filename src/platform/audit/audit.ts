/** The audit trail on the database: append inside the writer's transaction, verify the whole chain. */
import type { Db, Queryable } from '../db/types.ts';
import { type AuditContent, entryHash, toJsonValue } from './chain.ts';

export interface AuditEntryInput {
  actor: string;
  action: string;
  recordType: string;
  recordId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEntry extends AuditContent {
  prev_hash: string;
  hash: string;
}

/**
 * Appends one entry. Must run inside the transaction that makes the change, so the change and its
 * audit entry commit or fail together. The head row lock serialises writers so the chain stays linear.
 */
export async function appendAudit(tx: Queryable, input: AuditEntryInput): Promise<AuditEntry> {
  const head = (await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')).rows[0];
  if (!head) throw new Error('audit head missing: the database was not migrated');
  const content: AuditContent = {
    seq: Number(head.seq) + 1,
    at: new Date().toISOString(),
    actor: input.actor,
    action: input.action,
    record_type: input.recordType,
    record_id: input.recordId,
    before: toJsonValue(input.before ?? null),
    after: toJsonValue(input.after ?? null),
    reason: input.reason ?? null,
  };
  const hash = entryHash(content, head.hash);
  await tx.query(
    `INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, before, after, reason, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11)`,
    [content.seq, content.at, content.actor, content.action, content.record_type, content.record_id, JSON.stringify(content.before), JSON.stringify(content.after), content.reason, head.hash, hash],
  );
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [content.seq, hash]);
  return { ...content, prev_hash: head.hash, hash };
}

/**
 * Appends several entries at once (imports): one head lock, one insert per chunk, one head update.
 * The chain is the same as appending them one by one, in the order given.
 */
export async function appendAuditMany(tx: Queryable, inputs: AuditEntryInput[], chunk = 500): Promise<AuditEntry[]> {
  if (!inputs.length) return [];
  const head = (await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE')).rows[0];
  if (!head) throw new Error('audit head missing: the database was not migrated');
  let seq = Number(head.seq);
  let prev = head.hash;
  const out: AuditEntry[] = [];
  for (const input of inputs) {
    const content: AuditContent = {
      seq: ++seq,
      at: new Date().toISOString(),
      actor: input.actor,
      action: input.action,
      record_type: input.recordType,
      record_id: input.recordId,
      before: toJsonValue(input.before ?? null),
      after: toJsonValue(input.after ?? null),
      reason: input.reason ?? null,
    };
    const hash = entryHash(content, prev);
    out.push({ ...content, prev_hash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < out.length; i += chunk) {
    const part = out.slice(i, i + chunk);
    const params: unknown[] = [];
    const values = part.map((e) => {
      params.push(e.seq, e.at, e.actor, e.action, e.record_type, e.record_id, JSON.stringify(e.before), JSON.stringify(e.after), e.reason, e.prev_hash, e.hash);
      const b = params.length - 11;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}::jsonb, $${b + 8}::jsonb, $${b + 9}, $${b + 10}, $${b + 11})`;
    });
    await tx.query(`INSERT INTO audit_log (seq, at, actor, action, record_type, record_id, before, after, reason, prev_hash, hash) VALUES ${values.join(', ')}`, params);
  }
  await tx.query('UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1', [seq, prev]);
  return out;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  headSeq: number;
  firstBad?: { seq: number; reason: string };
}

function rowToContent(r: any): AuditContent {
  return {
    seq: Number(r.seq),
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    record_type: r.record_type,
    record_id: r.record_id,
    before: r.before ?? null,
    after: r.after ?? null,
    reason: r.reason ?? null,
  };
}

/** Walks the chain in order and names the first entry whose hash or link does not match. */
export async function verifyAudit(db: Db, batch = 5000): Promise<VerifyResult> {
  let prev = 'genesis';
  let expectedSeq = 1;
  let checked = 0;
  const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1')).rows[0]!;
  for (;;) {
    const rows = (await db.query('SELECT * FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2', [expectedSeq, batch])).rows;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return { ok: false, checked, headSeq: Number(head.seq), firstBad: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } };
      if (r.prev_hash !== prev) return { ok: false, checked, headSeq: Number(head.seq), firstBad: { seq, reason: 'its link to the previous entry does not match' } };
      if (entryHash(rowToContent(r), prev) !== r.hash) return { ok: false, checked, headSeq: Number(head.seq), firstBad: { seq, reason: 'its content does not match its hash' } };
      prev = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < batch) break;
  }
  if (checked !== Number(head.seq) || prev !== head.hash) {
    return { ok: false, checked, headSeq: Number(head.seq), firstBad: { seq: checked + 1, reason: 'the chain ends before the recorded head (entries removed)' } };
  }
  return { ok: true, checked, headSeq: Number(head.seq) };
}

export async function recordHistory(db: Queryable, recordType: string, recordId: string): Promise<AuditEntry[]> {
  const rows = (await db.query('SELECT * FROM audit_log WHERE record_type = $1 AND record_id = $2 ORDER BY seq', [recordType, recordId])).rows;
  return rows.map((r) => ({ ...rowToContent(r), prev_hash: r.prev_hash, hash: r.hash }));
}
