/** Helpers the protection services share: settings, input parsing, registry links, times and text. */
import type { z } from 'zod';
import { hasPermission, type Level, levelRank } from '../platform/access/policy.ts';
import { normalisePartialDate } from '../platform/dates.ts';
import { type FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { getSetting } from '../platform/settings/settings.ts';
import { type Ctx, listRecords } from '../platform/store.ts';
import { getPerson, getRegistryRecord, getUnit } from '../registry/service.ts';
import { findEntry, type ProtectionConfig, type VocabEntry } from './config.ts';
import { type Operations, operationsSetting, protectionConfigSetting } from './schema.ts';

export async function protectionConfig(ctx: Ctx): Promise<ProtectionConfig> {
  return getSetting(ctx.q, protectionConfigSetting);
}

export async function operations(ctx: Ctx): Promise<Operations> {
  return getSetting(ctx.q, operationsSetting);
}

export function requireRead(ctx: Ctx): void {
  if (!hasPermission(ctx.actor, 'protection:read')) throw new ForbiddenError('this needs the permission protection:read');
}

export function requireWrite(ctx: Ctx, permission = 'protection:write'): void {
  if (!hasPermission(ctx.actor, permission)) throw new ForbiddenError(`this needs the permission ${permission}`);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'input', reason: i.message })));
  return r.data;
}

export const blank = (s: unknown): string | null => {
  if (s === null || s === undefined) return null;
  const t = String(s).trim();
  return t ? t : null;
};

export function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function protectionOf(input: { sensitivity?: string; compartments?: string[] }): Record<string, unknown> {
  return definedOnly({ sensitivity: input.sensitivity, compartments: input.compartments });
}

/** Lower case, accents and punctuation removed: the text search works on this. */
export function fold(parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => !!p && !!p.trim())
    .join(' ')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Checks a code against a vocabulary, adding a problem naming the field when it is not in it. */
export function checkCode(problems: FieldProblem[], vocab: readonly VocabEntry[], code: string | null | undefined, field: string, what: string): void {
  if (code === null || code === undefined || code === '') return;
  if (!findEntry(vocab, code)) problems.push({ field, reason: `"${code}" is not ${what} (${vocab.map((v) => v.code).join(', ')})` });
}

export function throwIf(problems: FieldProblem[]): void {
  if (problems.length) throw new ValidationError(problems);
}

/** A partial date (YYYY, YYYY-MM, YYYY-MM-DD) normalised, or a problem naming the field. */
export function partialDate(problems: FieldProblem[], value: string | null | undefined, field: string): string | null {
  const v = blank(value);
  if (!v) return null;
  try {
    return normalisePartialDate(v);
  } catch {
    problems.push({ field, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(v)}` });
    return null;
  }
}

/** A registry unit, person or location the actor may read, not retracted; else a problem naming the field. */
export async function registryLink(ctx: Ctx, problems: FieldProblem[], type: 'unit' | 'person' | 'location', id: string | null | undefined, field: string): Promise<{ id: string; name: string } | null> {
  if (!id) return null;
  let rec: { id: string; name: string; retracted_at: string | null } | null = null;
  try {
    rec = type === 'unit' ? await getUnit(ctx, id) : type === 'person' ? await getPerson(ctx, id) : ((await getRegistryRecord(ctx, 'location', id)) as any);
  } catch (e) {
    if (!(e instanceof NotFoundError)) throw e;
    rec = null;
  }
  if (!rec || rec.retracted_at) {
    problems.push({ field, reason: `no registry ${type} ${id} (or it is retracted, or beyond your access)` });
    return null;
  }
  return { id: rec.id, name: rec.name };
}

/** The name of a registry record for a view: null when it is out of the reader's reach (never an error). */
export async function registryName(ctx: Ctx, type: 'unit' | 'person', id: string | null | undefined): Promise<{ id: string; name: string } | null> {
  if (!id || !hasPermission(ctx.actor, 'registry:read')) return null;
  return registryLink(ctx, [], type, id, type);
}

/** Now, written with the given offset from UTC (minutes), e.g. 2026-12-01T08:15:00+02:00. */
export function nowWithOffset(offsetMinutes: number, now = Date.now()): string {
  const local = new Date(now + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Tolerance for clocks that run a little ahead when a step is said to have happened "now". */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export function notInFuture(problems: FieldProblem[], instant: number, field: string, now = Date.now()): void {
  if (instant > now + FUTURE_TOLERANCE_MS) problems.push({ field, reason: 'is in the future' });
}

export const higherLevel = (a: string, b: string): Level => (levelRank(a) >= levelRank(b) ? a : b) as Level;

/**
 * Records of a type whose folded search text holds the query or resembles it (trigram word
 * similarity), best first, through the access policy. Empty when the query folds to nothing.
 */
export async function textSearch<R extends { search_text: string }>(ctx: Ctx, type: string, q: string, limit: number, tieBreak = 'r.id'): Promise<{ key: string; rows: R[] }> {
  requireRead(ctx);
  const key = fold([q]);
  if (!key) return { key, rows: [] };
  const rows = await listRecords<R>(ctx, type, {
    where: `(r.search_text LIKE $2 OR word_similarity($1, r.search_text) >= 0.4)`,
    params: [key, `%${key}%`],
    orderBy: `word_similarity($1, r.search_text) DESC, ${tieBreak}`,
    limit,
  });
  return { key, rows };
}
