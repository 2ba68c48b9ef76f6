/** What the HRDDP service modules share: stored row types, configuration access, small helpers. */
import type { z } from 'zod';
import { hasPermission } from '../platform/access/policy.ts';
import { AppError, ForbiddenError, ValidationError } from '../platform/errors.ts';
import { getSetting, settingVersions } from '../platform/settings/settings.ts';
import type { Ctx, StoredRecord } from '../platform/store.ts';
import type { HrddpConfig, I18nText } from './config.ts';
import { configSetting, type MissionSettings, missionSetting, type MonitoringSettings, monitoringSetting } from './schema.ts';

export type Conventional = StoredRecord;

export interface RequestRow extends Conventional {
  reference: string;
  title: string;
  mission: string;
  requesting_component: string;
  requested_by: string | null;
  requested_on: string;
  support_kind: string;
  sub_kind: string | null;
  support_items: { kind: string; subKind?: string | null; subjects?: string[] }[];
  recipients: { unit_id: string; name: string; type: string }[];
  recipient_unit_ids: string[];
  operation_unit_id: string | null;
  participants: { person_id: string; name: string; role: 'commander' | 'participant'; unit_id: string | null }[];
  participant_person_ids: string[];
  start_date: string | null;
  end_date: string | null;
  place: string | null;
  value_amount: string | number | null;
  value_currency: string | null;
  details?: string | null;
  state: string;
  scope: { inScope: boolean; reasons: { code: string; en: string; fr: string }[]; checkedOn: string } | null;
  support_started_on: string | null;
  support_ended_on: string | null;
}

export interface ReviewRow extends Conventional {
  request_id: string;
  trigger_id: string;
  trigger_type: string;
  fact_type: string;
  fact_id: string;
  source_record_type: string | null;
  source_record_id: string | null;
  person_ids: string[];
  listed_person_ids: string[];
  description: I18nText;
  raised_at: string;
  raised_on: string;
  status: 'open' | 'triaged' | 'resolved';
  priority: string | null;
  triage_note: string | null;
  resolution: string | null;
  resolution_note: string | null;
  resolved_on: string | null;
}

export interface MeasureRow extends Conventional {
  request_id: string;
  type: string;
  description: string | null;
  owner: string;
  due_date: string;
  status: string;
  implemented_on: string | null;
  evidence: { text: string; date?: string; reference?: string; by: string }[];
  person_ids: string[];
  unit_ids: string[];
  is_condition: boolean;
}

export interface WaiverRow extends Conventional {
  request_id: string;
  person_ids: string[];
  review_id: string | null;
  reason: string;
  decision_body: string;
  decided_by: string;
  decided_on: string;
  valid_until: string | null;
  revoked_on: string | null;
}

export async function hrddpConfig(ctx: Ctx): Promise<HrddpConfig> {
  return getSetting(ctx.q, configSetting);
}

/** The current version number of the HRDDP configuration (0 while the default was never changed). */
export async function hrddpConfigVersion(ctx: Ctx): Promise<number> {
  const v = await settingVersions(ctx.q, configSetting.key);
  return v.length ? Number(v[v.length - 1]!.version) : 0;
}

export async function monitoringSettings(ctx: Ctx): Promise<MonitoringSettings> {
  return getSetting(ctx.q, monitoringSetting);
}

export async function missionSettings(ctx: Ctx): Promise<MissionSettings> {
  return getSetting(ctx.q, missionSetting);
}

export function requirePermission(ctx: Ctx, permission: string) {
  if (!hasPermission(ctx.actor, permission)) throw new ForbiddenError(`this needs the permission ${permission}`);
}

/**
 * The context the service writes with once it has itself decided that the actor may take the step
 * (the workflow configuration says who may move a request; the store only knows one permission per
 * record type). The actor's name, clearance and compartments are unchanged, so the audit trail names
 * the person and the access policy still applies.
 */
export function authorised(ctx: Ctx): Ctx {
  if (ctx.actor.kind === 'system') return ctx;
  return { ...ctx, actor: { ...ctx.actor, permissions: [...ctx.actor.permissions, 'hrddp:*'] } };
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => ({ field: prefix + (i.path.map(String).join('.') || 'input'), reason: i.message })));
  return r.data;
}

/** A refused step of the workflow: 409, every failing guard named (guard:<name>) in the actor's language. */
export function workflowRefusal(lang: 'en' | 'fr', errors: { code: string; guard?: string; en: string; fr: string }[]): AppError {
  const status = errors.some((e) => e.code === 'permission-denied') ? 403 : 409;
  return new AppError(
    status,
    status === 403 ? 'forbidden' : 'conflict',
    errors.map((e) => e[lang]).join('; '),
    errors.map((e) => ({ field: e.guard ? `guard:${e.guard}` : e.code, reason: e[lang] })),
  );
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** pg returns date columns as Date objects on some engines and strings on others: always 'YYYY-MM-DD'. */
export function dayOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}
