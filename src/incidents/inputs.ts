/** Input schemas (zod) of the incidents service, shared by the API (they feed the OpenAPI document) and the CLI. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';

const text = (max = 2000) => z.string().trim().max(max);
const partialDate = z.string().trim().regex(/^\d{4}(-\d{1,2}(-\d{1,2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
const uuid = z.string().uuid();
export const confidenceSchema = z.enum(['low', 'medium', 'high']);
const protection = { sensitivity: levelSchema.optional(), compartments: z.array(z.string().min(1)).optional() };

export const actInput = z.object({
  act_type: z.string().min(1),
  /** Victims of this act, when counted act by act. */
  victims: z.number().int().min(0).nullable().optional(),
  description: text().nullable().optional(),
});
export type ActInput = z.infer<typeof actInput>;

export const victimCountInput = z.object({ sex: z.string().min(1), age_group: z.string().min(1), count: z.number().int().min(0) });
export type VictimCountInput = z.infer<typeof victimCountInput>;

export const perpetratorInput = z.object({
  unit_id: uuid.nullable().optional(),
  person_id: uuid.nullable().optional(),
  /** Required when neither a unit nor a person is known. */
  perpetrator_type: z.string().min(1).nullable().optional(),
  actor_name: text(500).nullable().optional(),
  involvement: z.string().min(1).default('direct-perpetrator'),
  confidence: confidenceSchema.default('medium'),
  notes: text().nullable().optional(),
  external_ids: z.record(z.string(), z.string()).optional(),
  ...protection,
});
export type PerpetratorInput = z.input<typeof perpetratorInput>;
export const perpetratorPatch = perpetratorInput.partial().extend({ involvement: z.string().min(1).optional(), confidence: confidenceSchema.optional() });
export type PerpetratorPatch = z.input<typeof perpetratorPatch>;

export const namedVictimInput = z.object({
  name: text(500).min(1),
  sex: z.string().min(1).nullable().optional(),
  age: z.number().int().min(0).max(130).nullable().optional(),
  age_group: z.string().min(1).nullable().optional(),
  act_types: z.array(z.string().min(1)).optional(),
  notes: text().nullable().optional(),
  ...protection,
});
export type NamedVictimInput = z.input<typeof namedVictimInput>;

export const sourceInput = z.object({
  kind: z.string().min(1),
  title: text(1000).min(1),
  reference: text(1000).nullable().optional(),
  publisher: text(1000).nullable().optional(),
  published_date: partialDate.nullable().optional(),
  url: z.string().trim().url().max(2000).nullable().optional(),
  /** Who the source is (a witness's name): restricted. */
  identity: text(500).nullable().optional(),
  contact: text(500).nullable().optional(),
  reliability: z.string().max(60).nullable().optional(),
  registry_source_id: uuid.nullable().optional(),
  notes: text().nullable().optional(),
  external_ids: z.record(z.string(), z.string()).optional(),
  ...protection,
});
export type SourceInput = z.input<typeof sourceInput>;

const incidentFields = {
  summary: text(1000).min(1),
  description: text(20000).nullable().optional(),
  date: partialDate,
  /** Last day (partial date) when the incident lasted or is dated by a range. */
  end_date: partialDate.nullable().optional(),
  /** Defaults to the precision of `date`; 'week' when the source knows only the week. */
  date_precision: z.enum(['day', 'week', 'month', 'year']).optional(),
  country: text(200).nullable().optional(),
  country_code: text(10).nullable().optional(),
  admin1: text(300).nullable().optional(),
  admin1_code: text(40).nullable().optional(),
  admin2: text(300).nullable().optional(),
  admin2_code: text(40).nullable().optional(),
  location: text(500).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  /** How precisely the place is known: 'exact', 'near', 'admin2', 'admin1', 'country' (free text kept as given). */
  location_precision: text(60).nullable().optional(),
  acts: z.array(actInput).min(1),
  victims: z.array(victimCountInput).optional(),
  fatalities: z.number().int().min(0).nullable().optional(),
  injured: z.number().int().min(0).nullable().optional(),
  flags: z.array(z.string().min(1)).optional(),
  event_type: text(300).nullable().optional(),
  sub_event_type: text(300).nullable().optional(),
  external_ids: z.record(z.string(), z.string()).optional(),
  ...protection,
};

export const incidentInput = z.object({
  ...incidentFields,
  verification_status: z.string().min(1).optional(),
  source: z.string().regex(/^[a-z0-9-]+$/).max(40).optional(),
  source_event_id: text(200).nullable().optional(),
  perpetrators: z.array(perpetratorInput).optional(),
  named_victims: z.array(namedVictimInput).optional(),
  sources: z.array(sourceInput).optional(),
});
export type IncidentInput = z.input<typeof incidentInput>;

export const incidentPatch = z.object(incidentFields).partial().extend({
  verification_status: z.string().min(1).optional(),
  /** Required when the patch changes the verification status. */
  verification_reason: text().optional(),
});
export type IncidentPatch = z.input<typeof incidentPatch>;

export const verificationInput = z.object({ status: z.string().min(1), reason: text().min(1) });
export const overrideInput = z.object({
  /** true or false overrides the rules; null removes the override (the rules' outcome applies again). */
  grave: z.boolean().nullable(),
  categories: z.array(z.string().min(1)).optional(),
  reason: text().min(1),
});
export type OverrideInput = z.input<typeof overrideInput>;

export const actorMappingInput = z.object({
  source: z.enum(['acled', 'ucdp', 'any']).default('any'),
  actor_name: text(500).min(1),
  unit_id: uuid.nullable().optional(),
  person_id: uuid.nullable().optional(),
  perpetrator_type: z.string().min(1).nullable().optional(),
  /** Deliberately not a registry organisation (a generic "Unidentified armed group"). */
  ignored: z.boolean().optional(),
  notes: text().nullable().optional(),
});
export type ActorMappingInput = z.input<typeof actorMappingInput>;
