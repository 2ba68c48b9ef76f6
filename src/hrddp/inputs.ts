/** Payloads of the HRDDP write operations: one zod schema each, shared by the API, the CLI and the service. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { LETTER_KINDS } from './config.ts';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const text = z.string().trim().min(1).max(2000);
const optText = z.string().trim().max(20000).nullable().optional();
const uuid = z.string().uuid();
const protection = { sensitivity: levelSchema.optional(), compartments: z.array(z.string().min(1).max(100)).max(50).optional() };
const localised = z.union([z.string().min(1).max(4000), z.object({ en: z.string().min(1).max(4000), fr: z.string().min(1).max(4000) })]);

export const supportItemInput = z.object({
  kind: z.string().min(1).max(80),
  sub_kind: z.string().min(1).max(80).nullable().optional(),
  subjects: z.array(z.string().min(1).max(80)).max(50).optional(),
});

export const requestInput = z.object({
  title: text,
  reference: z.string().trim().min(1).max(200).optional(),
  mission: z.string().trim().min(1).max(200).optional(),
  requesting_component: z.string().min(1).max(80),
  requested_on: day.optional(),
  support: z.array(supportItemInput).min(1).max(50),
  /** Registry organisations receiving the support, with their type (config.scope.recipientTypes). */
  recipients: z.array(z.object({ unit_id: uuid, type: z.string().min(1).max(80) })).min(1).max(200),
  /** The joint operation (a registry organisation) the support serves. */
  operation_unit_id: uuid.nullable().optional(),
  /** Named commanders and participants of a joint operation. */
  participants: z.array(z.object({ person_id: uuid, role: z.enum(['commander', 'participant']).default('participant'), unit_id: uuid.nullable().optional() })).max(500).optional(),
  start_date: day.nullable().optional(),
  end_date: day.nullable().optional(),
  place: optText,
  value_amount: z.number().nonnegative().nullable().optional(),
  value_currency: z.string().trim().max(10).nullable().optional(),
  /** Narrative of the request (restricted: visible only to cleared roles). */
  details: optText,
  ...protection,
});
export type RequestInput = z.infer<typeof requestInput>;
export const requestPatch = requestInput.partial();
export type RequestPatch = z.infer<typeof requestPatch>;

export const transitionInput = z.object({
  to: z.string().min(1).max(80),
  reason: z.string().trim().max(4000).optional(),
  date: day.optional(),
  /** When leaving the review state: the review this closes and its resolution. */
  review_id: uuid.optional(),
  resolution: z.string().min(1).max(80).optional(),
});
export type TransitionInput = z.infer<typeof transitionInput>;

export const planInput = z.object({ title: text, content: z.string().min(1).max(200000), ...protection });

export const assessmentInput = z.object({
  assessed_on: day.optional(),
  /** Assessor's choices for the assessor-entered criteria, by criterion id. */
  inputs: z.record(z.string().min(1), z.object({ option: z.string().min(1).max(80), note: z.string().max(4000).optional() })).optional(),
});
export const assessmentUpdate = z.object({
  inputs: assessmentInput.shape.inputs,
  override: z.object({ level: z.string().min(1).max(80), justification: z.string().min(1).max(8000) }).nullable().optional(),
  complete: z.boolean().optional(),
  /** Day the assessment is completed (default today). */
  completed_on: day.optional(),
});

export const measureInput = z.object({
  type: z.string().min(1).max(80),
  description: optText,
  owner: text,
  due_date: day.optional(),
  person_ids: z.array(uuid).max(100).optional(),
  unit_ids: z.array(uuid).max(100).optional(),
  is_condition: z.boolean().optional(),
  ...protection,
});
export const measureUpdate = z.object({
  status: z.string().min(1).max(80).optional(),
  implemented_on: day.nullable().optional(),
  owner: text.optional(),
  due_date: day.optional(),
  description: optText,
  evidence: z.object({ text: z.string().trim().min(1).max(8000), date: day.optional(), reference: z.string().max(400).optional() }).optional(),
});

export const waiverInput = z.object({
  person_ids: z.array(uuid).max(100).default([]),
  review_id: uuid.optional(),
  reason: z.string().trim().min(1).max(8000),
  decided_on: day.optional(),
  valid_until: day.nullable().optional(),
});

export const letterInput = z.object({
  kind: z.enum(LETTER_KINDS),
  lang: z.enum(['en', 'fr']),
  date: day,
  reference: z.string().max(200).optional(),
  recipient: z.object({
    name: text,
    title: z.string().max(400).optional(),
    organisation: z.string().max(400).optional(),
    address: z.array(z.string().max(400)).max(10).optional(),
    salutation: localised.optional(),
  }),
  support: localised.optional(),
  concerns: z.array(z.object({ text: localised, date: z.string().max(40).optional(), reference: z.string().max(200).optional() })).max(100).optional(),
  conditions: z.array(z.object({ text: localised, dueDate: day.optional() })).max(100).optional(),
  /** Deadline day set by the letter; defaults to the configured deadline of the notice step. */
  deadline: day.optional(),
  effective_date: day.optional(),
  ...protection,
});
export type LetterInput = z.infer<typeof letterInput>;
export const letterDates = z.object({ sent_on: day.nullable().optional(), acknowledged_on: day.nullable().optional() });

export const triageInput = z.object({ priority: z.string().min(1).max(80), note: z.string().trim().max(8000).optional() });
export const resolveInput = z.object({
  resolution: z.string().min(1).max(80),
  note: z.string().trim().max(8000).optional(),
  date: day.optional(),
});

export const suspensionInput = z.object({
  scope: z.enum(['request', 'operation', 'unit']),
  request_id: uuid.optional(),
  operation_unit_id: uuid.optional(),
  unit_id: uuid.optional(),
  include_sub_units: z.boolean().optional(),
  from_date: day.optional(),
  reason: z.string().trim().min(1).max(8000),
  review_id: uuid.optional(),
});
export const liftInput = z.object({
  lifted_on: day.optional(),
  reason: z.string().trim().min(1).max(8000),
  conditions: z.array(z.object({ text: z.string().trim().min(1).max(4000), measure_id: uuid.optional() })).max(50).default([]),
});

export const listingInput = z.object({
  person_id: uuid,
  list: z.string().min(1).max(80),
  since: day,
  until: day.nullable().optional(),
  reason: optText,
  ...protection,
});

export const committeeInput = z.object({
  name: text,
  force: z.string().min(1).max(80),
  chair: z.string().max(400).optional(),
  secretariat: z.string().max(400).optional(),
  members: z.array(z.object({ name: text, role: z.string().max(400).optional(), organisation: z.string().max(400).optional() })).max(100).default([]),
});
export const sessionInput = z.object({
  held_on: day,
  members_present: z.array(z.string().min(1).max(400)).max(100).default([]),
  cases: z
    .array(z.object({ incident_id: z.string().max(100).optional(), unit_id: uuid.optional(), person_id: uuid.optional(), summary: text, answer: z.string().max(8000).optional() }))
    .max(200)
    .default([]),
  notes: optText,
  ...protection,
});
export const actionInput = z.object({
  kind: z.enum(['disciplinary', 'judicial']),
  description: text,
  incident_id: z.string().max(100).optional(),
  person_id: uuid.optional(),
  unit_id: uuid.optional(),
  responsible: z.string().max(400).optional(),
  due_date: day.optional(),
});
export const actionUpdate = z.object({
  status: z.enum(['recommended', 'ongoing', 'completed', 'abandoned']),
  completed_on: day.optional(),
  note: z.string().trim().min(1).max(8000),
  date: day.optional(),
});

export const complianceQuery = z.object({
  as_of: day.optional(),
  period: z.enum(['month', 'quarter', 'year']).default('quarter'),
  group_by: z.string().max(100).optional(),
  from: day.optional(),
  to: day.optional(),
});
