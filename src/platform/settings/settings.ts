/**
 * Policy-owned configuration as data: role permissions, vocabularies, criteria, thresholds, templates.
 * Each setting has a schema and a default; administrators change it through the API or the CLI; every
 * version is kept and every change goes into the audit trail.
 */
import type { z } from 'zod';
import { hasPermission } from '../access/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import type { Queryable } from '../db/types.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';
import { type Ctx, inTransaction } from '../store.ts';

export interface SettingDefinition<T = unknown> {
  key: string;
  label: { en: string; fr: string };
  description?: { en: string; fr: string };
  schema: z.ZodType<T>;
  defaultValue: T;
}

const definitions = new Map<string, SettingDefinition<any>>();

export function defineSetting<T>(def: SettingDefinition<T>): SettingDefinition<T> {
  definitions.set(def.key, def);
  return def;
}

export function settingDefinitions(): SettingDefinition[] {
  return [...definitions.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function definition(key: string): SettingDefinition {
  const d = definitions.get(key);
  if (!d) throw new NotFoundError(`setting ${key}`);
  return d;
}

export interface SettingVersion {
  key: string;
  version: number;
  value: unknown;
  changed_by: string;
  changed_at: string;
  comment: string | null;
}

/** The current value (the default when never changed). Reading configuration needs no permission. */
export async function getSetting<T>(q: Queryable, def: SettingDefinition<T> | string): Promise<T> {
  const d = typeof def === 'string' ? definition(def) : def;
  const row = (await q.query<{ value: T }>('SELECT value FROM settings WHERE key = $1 ORDER BY version DESC LIMIT 1', [d.key])).rows[0];
  return (row ? row.value : d.defaultValue) as T;
}

export async function settingVersions(q: Queryable, key: string): Promise<SettingVersion[]> {
  definition(key);
  return (await q.query<SettingVersion>('SELECT key, version, value, changed_by, changed_at, comment FROM settings WHERE key = $1 ORDER BY version', [key])).rows;
}

/** Validates and stores a new version; refuses values that do not fit the setting's schema, naming the path. */
export async function setSetting(ctx: Ctx, key: string, value: unknown, comment?: string): Promise<SettingVersion> {
  if (!hasPermission(ctx.actor, 'settings:manage')) throw new ForbiddenError('changing configuration needs the permission settings:manage');
  const d = definition(key);
  const parsed = d.schema.safeParse(value);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: ['value', ...i.path.map(String)].join('.'), reason: i.message })));
  }
  return inTransaction(ctx, async (tx) => {
    await tx.q.query('SELECT pg_advisory_xact_lock(7001002)');
    const prev = (await tx.q.query<{ version: number; value: unknown }>('SELECT version, value FROM settings WHERE key = $1 ORDER BY version DESC LIMIT 1', [key])).rows[0];
    const version = (prev ? Number(prev.version) : 0) + 1;
    const row = (
      await tx.q.query<SettingVersion>(
        'INSERT INTO settings (key, version, value, changed_by, comment) VALUES ($1, $2, $3::jsonb, $4, $5) RETURNING key, version, value, changed_by, changed_at, comment',
        [key, version, JSON.stringify(parsed.data), ctx.actor.username, comment ?? null],
      )
    ).rows[0]!;
    await appendAudit(tx.q, { actor: ctx.actor.username, action: 'settings.update', recordType: 'setting', recordId: key, before: prev ? prev.value : d.defaultValue, after: parsed.data, reason: comment ?? null });
    return row;
  });
}
