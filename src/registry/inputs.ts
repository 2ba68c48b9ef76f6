/** Payloads of the registry's write operations: one zod schema each, shared by the API, the CLI and the service. */
import { z } from 'zod';
import { levelSchema } from '../platform/access/policy.ts';
import { END_STATES } from './intervals.ts';

const text = z.string().trim().min(1).max(2000);
const optText = z.string().trim().max(20000).nullable().optional();
const names = z.array(z.string().trim().min(1).max(500)).max(500);
const partialDate = z.string().trim().max(40).nullable().optional();
const uuid = z.string().uuid();
export const confidenceSchema = z.enum(['low', 'medium', 'high']);

const protection = {
  sensitivity: levelSchema.optional(),
  compartments: z.array(z.string().min(1)).optional(),
};

const dated = {
  start_date: partialDate,
  /** true: the start date is the founding / beginning; false: only the first citation. */
  start_exact: z.boolean().optional(),
  end_date: partialDate,
  end_state: z.enum(END_STATES).optional(),
};

const externalIds = z.record(z.string().min(1).max(40), z.string().max(400)).optional();

/** A citation given together with a fact: the source, with a page or excerpt. */
export const citeInput = z.object({
  source_id: uuid,
  field: z.string().trim().min(1).max(100).nullable().optional(),
  page: optText,
  excerpt: optText,
  confidence: confidenceSchema.nullable().optional(),
});
export type CiteInput = z.infer<typeof citeInput>;
const sources = { sources: z.array(citeInput).max(200).optional() };

export const unitInput = z.object({
  name: text,
  other_names: names.optional(),
  kind: z.string().min(1).max(60).optional(),
  classifications: z.array(z.string().min(1).max(60)).max(50).optional(),
  placeholder: z.boolean().optional(),
  country: z.string().trim().max(60).nullable().optional(),
  level: z.string().trim().max(60).nullable().optional(),
  ...dated,
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type UnitInput = z.infer<typeof unitInput>;
export const unitPatch = unitInput.partial();
export type UnitPatch = z.infer<typeof unitPatch>;

export const personInput = z.object({
  name: text,
  given_names: optText,
  family_name: optText,
  other_names: names.optional(),
  original_script_names: names.optional(),
  birth_date: partialDate,
  gender: z.string().trim().max(60).nullable().optional(),
  nationalities: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  country: z.string().trim().max(60).nullable().optional(),
  deceased: z.boolean().nullable().optional(),
  death_date: partialDate,
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type PersonInput = z.infer<typeof personInput>;
export const personPatch = personInput.partial();
export type PersonPatch = z.infer<typeof personPatch>;

export const postingInput = z.object({
  person_id: uuid,
  unit_id: uuid,
  role: optText,
  /** A registry.vocabularies role code; when absent the kind is read from the role text. */
  role_kind: z.string().min(1).max(60).nullable().optional(),
  rank: optText,
  title: optText,
  ...dated,
  confidence: confidenceSchema.nullable().optional(),
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type PostingInput = z.infer<typeof postingInput>;
export const postingPatch = postingInput.partial();
export type PostingPatch = z.infer<typeof postingPatch>;

export const linkInput = z.object({
  unit_id: uuid,
  related_unit_id: uuid,
  /** parent: related_unit_id commands unit_id; member: unit_id is a member of related_unit_id (joint operation, task force). */
  kind: z.enum(['parent', 'member']),
  relation_class: optText,
  ...dated,
  confidence: confidenceSchema.nullable().optional(),
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type LinkInput = z.infer<typeof linkInput>;
export const linkPatch = linkInput.partial();
export type LinkPatch = z.infer<typeof linkPatch>;

export const locationInput = z.object({
  name: text,
  label: optText,
  geo_type: optText,
  origin: optText,
  osm_id: optText,
  country: z.string().trim().max(60).nullable().optional(),
  admin_level: optText,
  admin_levels: z.array(z.object({ level: z.number().int(), name: z.string().min(1) })).max(20).optional(),
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type LocationInput = z.infer<typeof locationInput>;
export const locationPatch = locationInput.partial();
export type LocationPatch = z.infer<typeof locationPatch>;

export const unitLocationInput = z.object({
  unit_id: uuid,
  /** site: a base; aoo: an area of operations. */
  kind: z.enum(['site', 'aoo']),
  location_id: uuid.nullable().optional(),
  base_name: optText,
  label: optText,
  ...dated,
  confidence: confidenceSchema.nullable().optional(),
  notes: optText,
  external_ids: externalIds,
  ...protection,
  ...sources,
});
export type UnitLocationInput = z.infer<typeof unitLocationInput>;
export const unitLocationPatch = unitLocationInput.partial();
export type UnitLocationPatch = z.infer<typeof unitLocationPatch>;

export const sourceInput = z.object({
  kind: z.string().min(1).max(60),
  title: text,
  author: optText,
  publisher: optText,
  published_date: partialDate,
  url: z.string().trim().max(4000).nullable().optional(),
  archive_url: z.string().trim().max(4000).nullable().optional(),
  accessed_date: partialDate,
  language: z.string().trim().max(20).nullable().optional(),
  notes: optText,
  external_ids: externalIds,
  ...protection,
});
export type SourceInput = z.infer<typeof sourceInput>;
export const sourcePatch = sourceInput.partial();
export type SourcePatch = z.infer<typeof sourcePatch>;

export const citationInput = citeInput.extend({
  /** Record type ('registry-posting', or a short name such as 'posting'; other domains' types too). */
  record_type: z.string().min(1).max(60),
  record_id: uuid,
  ...protection,
});
export type CitationInput = z.infer<typeof citationInput>;
export const citationPatch = z.object({ page: optText, excerpt: optText, confidence: confidenceSchema.nullable().optional(), field: z.string().max(100).nullable().optional(), ...protection });
export type CitationPatch = z.infer<typeof citationPatch>;

export const retractInput = z.object({ reason: z.string().trim().min(1).max(2000) });
