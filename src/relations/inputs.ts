/**
 * Inputs of the relations service (API bodies, CLI --data), as zod schemas: they validate requests and
 * feed the OpenAPI document. Codes (types, levels, topics, statuses…) are checked against the
 * relations.config setting by the service, which names the field of an unknown code.
 */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { parsePartialDate } from '../platform/dates.ts';
import { codeSchema } from './config.ts';

export const dateSchema = z
  .string()
  .trim()
  .max(40)
  .refine((s) => parsePartialDate(s) !== null, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
const optDate = dateSchema.nullable().optional();
const text = (max = 4000) => z.string().trim().max(max);
const optText = (max = 4000) => text(max).nullable().optional();
/** A registry actor: its id, SFM id or name (resolved through the registry service). */
const actorRef = z.string().trim().min(1).max(500).nullable().optional();
const code = codeSchema;
const optCode = codeSchema.nullable().optional();
const area = z.string().trim().max(60).nullable().optional();
const count = z.number().int().min(0).max(1_000_000).nullable().optional();

const protection = { sensitivity: levelSchema.optional(), compartments: z.array(z.string().min(1).max(100)).max(50).optional() };
const actor = { actor_unit: actorRef, actor_person: actorRef };

export const restrictionInput = z.object({
  occurred_on: dateSchema,
  end_date: optDate,
  duration_days: z.number().min(0).max(100_000).nullable().optional(),
  ongoing: z.boolean().optional(),
  place: optText(500),
  area,
  scope: optCode,
  ...actor,
  /** Who imposed it when the actor is not (yet) in the registry: "soldiers at the Kilo 5 checkpoint". */
  actor_description: optText(1000),
  type: code,
  severity: z.number().min(0).max(10).nullable().optional(),
  prevented: z.array(code).max(50).optional(),
  sofa_violation: z.boolean().nullable().optional(),
  description: optText(),
  affected_staff: optText(2000),
  resolution: optText(),
  resolved_on: optDate,
  reported_to_hq_on: optDate,
  reported_to_council_on: optDate,
  ...protection,
});
export type RestrictionInput = z.infer<typeof restrictionInput>;
export const restrictionPatch = restrictionInput.partial();

const missionParticipant = z.object({ name: text(300).min(1), role: optText(300) });
const counterpartParticipant = z.object({
  name: optText(300),
  role: optText(300),
  /** A registry person or unit (id, SFM id or name). */
  person: actorRef,
  unit: actorRef,
});

const commitmentFields = {
  ...actor,
  made_by: optText(300),
  summary: text().min(1),
  due_on: optDate,
  notes: optText(),
};

export const engagementInput = z.object({
  occurred_on: dateSchema,
  place: optText(500),
  area,
  tier: optCode,
  scope: optCode,
  ...actor,
  mission_participants: z.array(missionParticipant).max(100).optional(),
  counterpart_participants: z.array(counterpartParticipant).max(100).optional(),
  topics: z.array(code).max(50).optional(),
  tone: optCode,
  outcome: optCode,
  summary: text().min(1),
  notes: optText(),
  /** Commitments made in the meeting, created with it (the meeting's actor, date, level and area by default). */
  commitments: z.array(z.object(commitmentFields)).max(100).optional(),
  ...protection,
});
export type EngagementInput = z.infer<typeof engagementInput>;
export const engagementPatch = engagementInput.omit({ commitments: true }).partial();

export const commitmentInput = z.object({
  engagement_id: z.string().uuid().nullable().optional(),
  ...commitmentFields,
  made_on: optDate,
  area,
  tier: optCode,
  scope: optCode,
  ...protection,
});
export type CommitmentInput = z.infer<typeof commitmentInput>;
export const commitmentPatch = commitmentInput.partial();

export const statusInput = z.object({
  status: code,
  /** When the status was established (default today). */
  date: dateSchema.optional(),
  note: optText(2000),
});
export type StatusInput = z.infer<typeof statusInput>;

export const stanceInput = z.object({
  ...actor,
  /** An engagement tier or scope code (strategic, local…); none: the actor as a whole. */
  level: optCode,
  area,
  as_of: dateSchema,
  stance: code,
  reasons: text().min(1),
  ...protection,
});
export type StanceInput = z.infer<typeof stanceInput>;
export const stancePatch = stanceInput.partial();

export const cooperationInput = z.object({
  occurred_on: dateSchema,
  type: code,
  ...actor,
  area,
  tier: optCode,
  scope: optCode,
  summary: optText(),
  notes: optText(),
  ...protection,
});
export type CooperationInput = z.infer<typeof cooperationInput>;
export const cooperationPatch = cooperationInput.partial();

export const leverageInput = z.object({
  ...actor,
  tool: code,
  occurred_on: dateSchema,
  ended_on: optDate,
  /** Who it was coordinated with: other UN actors, embassies, regional organisations. */
  partners: z.array(text(300).min(1)).max(50).optional(),
  summary: text().min(1),
  result: optText(),
  notes: optText(),
  ...protection,
});
export type LeverageInput = z.infer<typeof leverageInput>;
export const leveragePatch = leverageInput.partial();

export const forceInput = z.object({
  occurred_on: dateSchema,
  place: optText(500),
  area,
  level: code,
  target_type: code,
  target_unit: actorRef,
  target_person: actorRef,
  target_description: optText(1000),
  /** A threat of force, not its use. */
  threat_only: z.boolean().optional(),
  purpose: text().min(1),
  authority: optText(500),
  outcome: optText(),
  target_casualties: count,
  civilians_killed: count,
  civilians_injured: count,
  civilian_harm: optText(),
  summary: optText(),
  ...protection,
});
export type ForceInput = z.infer<typeof forceInput>;
export const forcePatch = forceInput.partial();

export const retractInput = z.object({ reason: z.string().trim().min(1).max(2000) });
