/** Inputs of the protection service (zod): the API validates with them and they feed the OpenAPI document. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';

const text = (max = 2000) => z.string().trim().max(max);
const opt = (max = 2000) => text(max).nullable().optional();
const uuid = z.string().uuid();
const code = z.string().trim().min(1).max(100);
const codes = z.array(code).max(50);
const protection = { sensitivity: levelSchema.optional(), compartments: z.array(z.string().min(1).max(100)).max(20).optional() };
/** Partial date of a source: YYYY, YYYY-MM or YYYY-MM-DD (checked by the service). */
const partialDate = z.string().trim().max(10);
/** Date and time with its offset, e.g. 2019-03-04T22:15:00+02:00 (checked by the service). */
const timestamp = z.string().trim().max(40);

export const callerInput = z
  .object({
    name: opt(300),
    phone: opt(100),
    relationship: opt(300),
    community: opt(300),
    callback_consent: z.boolean().nullable().optional(),
    notes: opt(),
    ...protection,
  })
  .strict();
export type CallerInput = z.infer<typeof callerInput>;

const alertFields = {
  channel: code,
  threat_type: code,
  area_code: opt(40),
  area_name: opt(300),
  place: opt(500),
  location_id: uuid.nullable().optional(),
  threatened_population: opt(1000),
  population_estimate: z.number().int().min(0).nullable().optional(),
  suspected_actor: opt(500),
  suspected_unit_id: uuid.nullable().optional(),
  suspected_person_id: uuid.nullable().optional(),
  summary: opt(5000),
  priority: code.nullable().optional(),
};

export const alertInput = z
  .object({
    received_at: timestamp,
    received_by: opt(200),
    ...alertFields,
    note: opt(),
    caller: callerInput.optional(),
    ...protection,
  })
  .strict();
export type AlertInput = z.infer<typeof alertInput>;

export const alertPatch = z.object({ ...alertFields, channel: code.optional(), threat_type: code.optional(), ...protection }).partial().strict();
export type AlertPatch = z.infer<typeof alertPatch>;

export const transitionInput = z
  .object({ to: code, at: timestamp.optional(), note: opt(), priority: code.optional(), verification: code.optional(), expected_version: z.number().int().positive().optional() })
  .strict();
export type TransitionInput = z.infer<typeof transitionInput>;

export const responseInput = z
  .object({ type: code, at: timestamp.optional(), reason: opt(), note: opt(), unit_id: opt(200), expected_version: z.number().int().positive().optional() })
  .strict();
export type ResponseInput = z.infer<typeof responseInput>;

export const mergeInput = z.object({ duplicate_id: uuid, at: timestamp.optional(), note: opt() }).strict();
export type MergeInput = z.infer<typeof mergeInput>;

export const alertFilter = z.object({
  state: code.optional(),
  threat_type: code.optional(),
  channel: code.optional(),
  priority: code.optional(),
  area: text(40).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional(),
  unanswered: z.enum(['true', 'false']).optional(),
  include_merged: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type AlertFilter = z.infer<typeof alertFilter>;

export const figuresQuery = z.object({
  group_by: z.enum(['area', 'period', 'threat_type']).default('area'),
  step: z.enum(['month', 'week']).optional(),
  from: alertFilter.shape.from,
  to: alertFilter.shape.to,
  area_prefix_length: z.coerce.number().int().min(1).max(40).optional(),
  threat_type: code.optional(),
  channel: code.optional(),
});
export type FiguresQuery = z.infer<typeof figuresQuery>;

// Threats and activities ----------------------------------------------------------------------

const threatFields = {
  title: text(500).min(1),
  threat_type: code,
  actor: opt(500),
  actor_unit_id: uuid.nullable().optional(),
  threatened_population: opt(1000),
  area_code: opt(40),
  area_name: opt(300),
  place: opt(500),
  likelihood: code,
  impact: code,
  tiers: codes.optional(),
  phase: code.nullable().optional(),
  status: code.optional(),
  summary: opt(5000),
};
export const threatInput = z.object({ ...threatFields, ...protection }).strict();
export type ThreatInput = z.infer<typeof threatInput>;
export const threatPatch = z.object({ ...threatFields, ...protection }).partial().strict();
export type ThreatPatch = z.infer<typeof threatPatch>;

const activityFields = {
  title: text(500).min(1),
  kind: code.nullable().optional(),
  tiers: codes.optional(),
  phase: code.nullable().optional(),
  start_date: partialDate.nullable().optional(),
  end_date: partialDate.nullable().optional(),
  responsible: opt(300),
  status: opt(100),
  notes: opt(5000),
};
export const activityInput = z.object({ ...activityFields, ...protection }).strict();
export type ActivityInput = z.infer<typeof activityInput>;
export const activityPatch = z.object({ ...activityFields, ...protection }).partial().strict();
export type ActivityPatch = z.infer<typeof activityPatch>;

export const threatFilter = z.object({
  tier: code.optional(),
  phase: code.optional(),
  area: text(40).optional(),
  band: code.optional(),
  status: code.optional(),
  all: z.enum(['true', 'false']).optional(),
});
export type ThreatFilter = z.infer<typeof threatFilter>;

// Justice --------------------------------------------------------------------------------------

export const defendantInput = z
  .object({
    person_id: uuid.nullable().optional(),
    name: opt(300),
    crime_date: partialDate.nullable().optional(),
    affiliation: code.nullable().optional(),
    rank_at_crime: opt(200),
    charges: z.array(text(300).min(1)).max(50).optional(),
    outcome: code.nullable().optional(),
    outcome_on: partialDate.nullable().optional(),
    sentence: opt(1000),
    notes: opt(5000),
    ...protection,
  })
  .strict();
export type DefendantInput = z.infer<typeof defendantInput>;
export const defendantPatch = defendantInput.partial();
export type DefendantPatch = z.infer<typeof defendantPatch>;

const supportItem = z.object({ kind: code, on: partialDate, description: opt(2000) }).strict();
const caseFields = {
  title: text(500).min(1),
  court_type: code,
  court_name: opt(300),
  court_unit_id: uuid.nullable().optional(),
  area_code: opt(40),
  place: opt(500),
  crime_date: partialDate.nullable().optional(),
  opened_on: partialDate.nullable().optional(),
  incident_ids: z.array(uuid).max(200).optional(),
  summary: opt(5000),
};
export const caseInput = z
  .object({
    ...caseFields,
    stage: code.optional(),
    stage_on: partialDate.optional(),
    support: z.array(supportItem).max(100).optional(),
    defendants: z.array(defendantInput).max(500).optional(),
    ...protection,
  })
  .strict();
export type CaseInput = z.infer<typeof caseInput>;
export const casePatch = z.object({ ...caseFields, ...protection }).partial().strict();
export type CasePatch = z.infer<typeof casePatch>;
export const stageInput = z.object({ stage: code, on: partialDate, note: opt() }).strict();
export type StageInput = z.infer<typeof stageInput>;
export const supportInput = supportItem;
export type SupportInput = z.infer<typeof supportInput>;
export const justiceFiguresQuery = z.object({ court_type: z.union([code, z.array(code)]).optional() });

// Capacity building and projects -------------------------------------------------------------

const projectFields = {
  title: text(500).min(1),
  kind: code,
  recipient_unit_ids: z.array(uuid).max(200).optional(),
  recipient_institutions: z.array(text(300).min(1)).max(100).optional(),
  start_date: partialDate,
  end_date: partialDate.nullable().optional(),
  place: opt(500),
  area_codes: z.array(text(40).min(1)).max(50).optional(),
  cost: z.number().min(0).nullable().optional(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, 'a currency code such as USD').nullable().optional(),
  participants: z.number().int().min(0).nullable().optional(),
  summary: opt(5000),
};
export const projectInput = z.object({ ...projectFields, ...protection }).strict();
export type ProjectInput = z.infer<typeof projectInput>;
export const projectPatch = z.object({ ...projectFields, ...protection }).partial().strict();
export type ProjectPatch = z.infer<typeof projectPatch>;
export const outcomeQuery = z.object({
  window_days: z.coerce.number().int().min(1).max(3650).optional(),
  as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').optional(),
});

export const retractInput = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

/** Fields of the incident an alert becomes (the incidents domain's input); what is left out comes from the alert. */
export const alertIncidentInput = z.record(z.string(), z.unknown());
