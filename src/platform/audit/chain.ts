/** Pure part of the audit trail: canonical JSON and the hash that chains one entry to the previous. */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export interface AuditContent {
  seq: number;
  at: string; // ISO timestamp, millisecond precision
  actor: string;
  action: string;
  record_type: string;
  record_id: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export function entryHash(content: AuditContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

/** Turns a row into plain JSON values (Dates to ISO strings), as jsonb will give it back. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
