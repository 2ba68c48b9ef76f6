/** Types of the registry's records as stored, and the helpers its service and questions share. */
import type { z } from 'zod';
import { hasPermission, readFilterSql } from '../platform/access/policy.ts';
import { ForbiddenError, ValidationError } from '../platform/errors.ts';
import { getSetting } from '../platform/settings/settings.ts';
import type { Ctx, StoredRecord } from '../platform/store.ts';
import { type RankList, ranksSetting, type Vocabularies, vocabulariesSetting } from './config.ts';
import { classifyRole, type NameMatcher, nameMatcher, type RoleKind } from './names.ts';
import { SHORT_TYPES, TABLES, type RegistryRecordType } from './schema.ts';

// ---------------------------------------------------------------------------------------------
// Records as stored
// ---------------------------------------------------------------------------------------------

export interface Conventional extends StoredRecord {
  external_ids: Record<string, string>;
}
export interface DatedRow {
  start_date: string | null;
  start_exact: boolean;
  end_date: string | null;
  end_state: 'open' | 'ended' | 'exact';
  start_min: string | null;
  end_max: string | null;
}
export interface Unit extends Conventional, DatedRow {
  name: string;
  other_names: string[];
  kind: string;
  classifications: string[];
  placeholder: boolean;
  country: string | null;
  level: string | null;
  notes: string | null;
  search_text: string;
}
export interface Person extends Conventional {
  name: string;
  given_names: string | null;
  family_name: string | null;
  other_names: string[];
  original_script_names: string[];
  birth_date: string | null;
  gender: string | null;
  nationalities: string[];
  country: string | null;
  deceased: boolean | null;
  death_date: string | null;
  notes: string | null;
  search_text: string;
}
export interface Posting extends Conventional, DatedRow {
  person_id: string;
  unit_id: string;
  role: string | null;
  role_kind: string | null;
  rank: string | null;
  title: string | null;
  confidence: string | null;
  notes: string | null;
}
export interface Link extends Conventional, DatedRow {
  unit_id: string;
  related_unit_id: string;
  kind: 'parent' | 'member';
  relation_class: string | null;
  confidence: string | null;
  notes: string | null;
}
export interface Location extends Conventional {
  name: string;
  label: string | null;
  geo_type: string | null;
  origin: string | null;
  osm_id: string | null;
  country: string | null;
  admin_level: string | null;
  admin_levels: { level: number; name: string }[];
  area_keys: string[];
  notes: string | null;
}
export interface UnitLocation extends Conventional, DatedRow {
  unit_id: string;
  kind: 'site' | 'aoo';
  location_id: string | null;
  base_name: string | null;
  label: string | null;
  area_keys: string[];
  confidence: string | null;
  notes: string | null;
}
export interface Source extends Conventional {
  kind: string;
  title: string;
  author: string | null;
  publisher: string | null;
  published_date: string | null;
  url: string | null;
  archive_url: string | null;
  accessed_date: string | null;
  language: string | null;
  notes: string | null;
}
export interface Citation extends Conventional {
  record_type: string;
  record_id: string;
  field: string | null;
  source_id: string;
  page: string | null;
  excerpt: string | null;
  confidence: string | null;
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

export function requireRegistryRead(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'registry:read')) throw new ForbiddenError('this needs the permission registry:read');
}

/** Appends the access rule for a table alias to `params` and returns its SQL. */
export function readable(ctx: Ctx, alias: string, params: unknown[]): string {
  const f = readFilterSql(ctx.actor, alias, params.length);
  params.push(...f.params);
  return f.sql;
}

/** SQL: the dated fact under `alias` may hold on the day in parameter `p` (e.g. '$2'). */
export function validAtSql(alias: string, p: string): string {
  return `(${alias}.start_min IS NULL OR ${alias}.start_min <= ${p}::date) AND (${alias}.end_max IS NULL OR ${alias}.end_max >= ${p}::date)`;
}

export async function vocabularies(ctx: Ctx): Promise<Vocabularies> {
  return getSetting(ctx.q, vocabulariesSetting);
}

export async function rankList(ctx: Ctx): Promise<RankList> {
  return getSetting(ctx.q, ranksSetting);
}

export async function matcherOf(ctx: Ctx): Promise<NameMatcher> {
  return nameMatcher(await rankList(ctx));
}

/** Kind of a posting: its explicit role_kind when set, else read from its role text (in its unit, see classifyRole). */
export function postingRoleKind(p: { role: string | null; role_kind: string | null }, v: Vocabularies, unitName?: string | null): RoleKind {
  if (p.role_kind) {
    const r = v.roles.find((x) => x.code === p.role_kind);
    if (r) return classifyRole(r.patterns[0] ?? r.code, [r], unitName);
  }
  return classifyRole(p.role, v.roles, unitName);
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => ({ field: prefix + (i.path.map(String).join('.') || 'input'), reason: i.message })));
  return r.data;
}


/** A registry record type from a short or full name ('posting', 'registry-posting'). */
export function registryType(name: string): RegistryRecordType {
  const full = SHORT_TYPES[name] ?? (Object.keys(TABLES).includes(name) ? (name as RegistryRecordType) : null);
  if (!full) throw new ValidationError([{ field: 'type', reason: `unknown registry record type ${JSON.stringify(name)} (unit, person, posting, relation, location, unit-location, source, citation)` }]);
  return full;
}

