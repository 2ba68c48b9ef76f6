/**
 * The registry of host-state actors: the service other domains call (never the tables).
 *
 * Records (each with its own sensitivity and compartments, revisions and audit trail):
 *   unit (any organisation: security-force unit or command, ministry, civilian authority, court,
 *   prosecutor, armed group, joint operation or task force, peacekeeping contingent), person, posting
 *   (person in unit: role, rank, title), link (parent/child between units, or membership of a unit in a
 *   joint operation), location, unit-location (a unit's site or area of operations), source, citation
 *   (a source cited by any fact, with page, excerpt, confidence), sfm-incident (staged SFM incidents).
 * Every dated fact has start/end partial dates with their meaning (see intervals.ts); questions "at D"
 * take every fact that may hold on D (widest reading) and say whether it is `certain`.
 *
 * Reads (all filtered by the access policy in SQL; what the actor may not read is left out):
 *   getUnit(ctx, id): Unit | null                      getPerson(ctx, id): Person | null
 *   resolveUnit(ctx, ref) / resolvePerson(ctx, ref)    by id, SFM id or (unambiguous) name
 *   chainOfCommand(ctx, unitId, at): Chain             the unit, its parent, … up to the top at day `at`
 *                                                      ('YYYY-MM-DD'), each level with its commanders
 *   subordinates(ctx, unitId, at): string[]            ids of every unit under the unit at `at` (recursive)
 *   subordinateTree(ctx, unitId, at): TreeNode         the same as a tree, with commanders and members
 *   commandersAt(ctx, unitId, at): Commander[]         persons in a command posting of the unit at `at`
 *   postingsOfPerson(ctx, personId): CareerEntry[]     a person's postings over time, with units and sources
 *   unitsPersonCommanded(ctx, personId, at?)           units the person commanded (at `at`, or ever)
 *   unitsInArea(ctx, area, at): AreaEntry[]            units based or operating in an area (location id or
 *                                                      name, enclosing areas included) at `at`, with commanders
 *   searchActors(ctx, q, opts?): SearchHit[]           fuzzy search of units and persons over names and
 *                                                      aliases (accents, case, word order, ranks ignored)
 *   unitDossier(ctx, id) / personDossier(ctx, id)      everything the registry says, with sources
 *   citationsOf(ctx, recordType, ids)                  the sources of any records
 *   canBePerpetrator(ctx, unitId) / assertCanBePerpetrator(ctx, unitId)   placeholders never are
 *   listSfmIncidents(ctx, opts) / markSfmIncidentTaken(ctx, id, by, ref)  hand-over to the incidents domain
 * Writes (through the store; a patch that changes nothing writes nothing):
 *   createUnit / updateUnit, createPerson / updatePerson, createPosting / updatePosting,
 *   createLink / updateLink, createLocation / updateLocation, createUnitLocation / updateUnitLocation,
 *   createSource / updateSource, cite / updateCitation, retract(ctx, type, id, reason)
 *   importSfm(ctx, parsed, opts) in import-sfm.ts; exports in export.ts.
 */
import { type Level, levelRank } from '../platform/access/policy.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, listRecords, mustGetRecord, recordType, retractRecord, updateRecord, type UpdateOptions } from '../platform/store.ts';
import type { Vocabularies } from './config.ts';
import { type Citation, type Conventional, type Link, type Location, matcherOf, parseInput, type Person, registryType, type Posting, type Source, type Unit, type UnitLocation, vocabularies } from './common.ts';
import {
  type CitationInput,
  citationInput,
  type CitationPatch,
  citationPatch,
  type CiteInput,
  type LinkInput,
  linkInput,
  type LinkPatch,
  linkPatch,
  type LocationInput,
  locationInput,
  type LocationPatch,
  locationPatch,
  type PersonInput,
  personInput,
  type PersonPatch,
  personPatch,
  type PostingInput,
  postingInput,
  type PostingPatch,
  postingPatch,
  type SourceInput,
  sourceInput,
  type SourcePatch,
  sourcePatch,
  type UnitInput,
  unitInput,
  type UnitLocationInput,
  unitLocationInput,
  type UnitLocationPatch,
  unitLocationPatch,
  type UnitPatch,
  unitPatch,
} from './inputs.ts';
import { normaliseDated } from './intervals.ts';
import { areaKey, classificationCode, type NameMatcher, personNameKey, searchText, slugCode, unitNameKey } from './names.ts';
import { SHORT_TYPES, T, type RegistryRecordType } from './schema.ts';
import './messages.ts';

export * from './common.ts';
export * from './questions.ts';

const blank = (s: unknown): string | null => {
  if (s === null || s === undefined) return null;
  const t = String(s).trim();
  return t ? t : null;
};

/** Trimmed, without empties and without repeats (ignoring case); accent variants are kept (they help matching). */
function dedupeNames(list: readonly (string | null | undefined)[] | null | undefined, exclude: string[] = []): string[] {
  const k = (x: string) => x.trim().toLocaleLowerCase('fr');
  const seen = new Set(exclude.map(k));
  const out: string[] = [];
  for (const n of list ?? []) {
    const t = blank(n);
    if (!t || seen.has(k(t))) continue;
    seen.add(k(t));
    out.push(t);
  }
  return out;
}

function definedOnly<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function protectionOf(input: { sensitivity?: string; compartments?: string[] }): Record<string, unknown> {
  return definedOnly({ sensitivity: input.sensitivity, compartments: input.compartments });
}

async function live<T>(ctx: Ctx, type: RegistryRecordType, id: string | null | undefined, field: string): Promise<T & Conventional> {
  const r = id ? await getRecord<T & Conventional>(ctx, type, id) : null;
  if (!r || r.retracted_at) throw new ValidationError([{ field, reason: `no ${type.replace('registry-', '')} ${id ?? ''} (or it is retracted, or beyond your access)` }]);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

export interface BuildOptions {
  /** Refuse classifications not in the configured list (API and CLI); imports keep them with a warning. */
  strictClassifications?: boolean;
  /** Keep an end date before the start date (imports report it as a warning). */
  allowReversedDates?: boolean;
}

/** Columns of a unit from its input (normalised, validated, with derived columns). Pure but for the vocabularies. */
export function buildUnit(input: Partial<UnitInput> & { name: string }, v: Vocabularies, opts: BuildOptions = {}): Record<string, unknown> {
  const problems: { field: string; reason: string }[] = [];
  const kind = input.kind ?? 'unit';
  if (!v.organisationKinds.some((k) => k.code === kind)) problems.push({ field: 'kind', reason: `must be one of ${v.organisationKinds.map((k) => k.code).join(', ')}` });
  const level = blank(input.level);
  if (level && !v.levels.some((l) => l.code === level)) problems.push({ field: 'level', reason: `must be one of ${v.levels.map((l) => l.code).join(', ')}` });
  const classifications: string[] = [];
  for (const [i, c] of (input.classifications ?? []).entries()) {
    const code = classificationCode(c, v.classifications);
    if (!code && opts.strictClassifications !== false) problems.push({ field: `classifications.${i}`, reason: `"${c}" is not in the configured classifications (registry.vocabularies)` });
    const k = code ?? slugCode(c);
    if (!classifications.includes(k)) classifications.push(k);
  }
  const name = String(input.name).trim();
  if (!name) problems.push({ field: 'name', reason: 'a name is required' });
  if (problems.length) throw new ValidationError(problems);
  const other = dedupeNames(input.other_names, [name]);
  return {
    name,
    other_names: other,
    kind,
    classifications,
    placeholder: !!input.placeholder,
    country: blank(input.country)?.toLowerCase() ?? null,
    level,
    ...normaliseDated(input, '', { allowReversed: opts.allowReversedDates }),
    notes: blank(input.notes),
    search_text: searchText([name, ...other].map(unitNameKey)),
  };
}

async function hasLivePostings(ctx: Ctx, unitId: string): Promise<boolean> {
  return (await ctx.q.query('SELECT 1 FROM registry_postings WHERE unit_id = $1 AND retracted_at IS NULL LIMIT 1', [unitId])).rows.length > 0;
}

export async function createUnit(ctx: Ctx, input: UnitInput, opts: BuildOptions = {}): Promise<Unit> {
  const data = parseInput(unitInput, input);
  const row = buildUnit(data, await vocabularies(ctx), opts);
  return inTransaction(ctx, async (tx) => {
    const unit = await insertRecord<Unit>(tx, T.unit, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.unit, unit.id, data.sources);
    return unit;
  });
}

export async function updateUnit(ctx: Ctx, id: string, patch: UnitPatch, opts: UpdateOptions & BuildOptions = {}): Promise<{ record: Unit; changed: boolean }> {
  const data = parseInput(unitPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Unit>(tx, T.unit, id);
    const merged = { ...current, ...definedOnly(data) } as Partial<UnitInput> & { name: string };
    const row = buildUnit(merged, await vocabularies(tx), { strictClassifications: opts.strictClassifications ?? !sameList(current.classifications, merged.classifications) });
    if (row.placeholder && !current.placeholder && (await hasLivePostings(tx, id))) {
      throw new ValidationError([{ field: 'placeholder', reason: 'this unit holds postings; a placeholder unit holds none' }]);
    }
    const r = await updateRecord<Unit>(tx, T.unit, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.unit, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

function sameList(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

// ---------------------------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------------------------

export function buildPerson(input: Partial<PersonInput> & { name: string }, m: NameMatcher): Record<string, unknown> {
  const name = String(input.name).trim();
  const problems: { field: string; reason: string }[] = [];
  if (!name) problems.push({ field: 'name', reason: 'a name is required' });
  const dates: Record<string, string | null> = {};
  for (const f of ['birth_date', 'death_date'] as const) {
    const v = blank(input[f]);
    if (!v) {
      dates[f] = null;
      continue;
    }
    try {
      dates[f] = normaliseDated({ start_date: v }).start_date;
    } catch {
      problems.push({ field: f, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(v)}` });
    }
  }
  if (problems.length) throw new ValidationError(problems);
  const given = blank(input.given_names);
  const family = blank(input.family_name);
  const other = dedupeNames(input.other_names, [name]);
  const script = dedupeNames(input.original_script_names);
  const parts = given || family ? [[given, family].filter(Boolean).join(' ')] : [];
  return {
    name,
    given_names: given,
    family_name: family,
    other_names: other,
    original_script_names: script,
    birth_date: dates.birth_date,
    gender: blank(input.gender)?.toLowerCase() ?? null,
    nationalities: dedupeNames(input.nationalities).map((n) => n.toLowerCase()),
    country: blank(input.country)?.toLowerCase() ?? null,
    deceased: input.deceased ?? null,
    death_date: dates.death_date,
    notes: blank(input.notes),
    search_text: searchText([name, ...parts, ...other, ...script].map((n) => personNameKey(n, m))),
  };
}

export async function createPerson(ctx: Ctx, input: PersonInput): Promise<Person> {
  const data = parseInput(personInput, input);
  const row = buildPerson(data, await matcherOf(ctx));
  return inTransaction(ctx, async (tx) => {
    const p = await insertRecord<Person>(tx, T.person, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.person, p.id, data.sources);
    return p;
  });
}

export async function updatePerson(ctx: Ctx, id: string, patch: PersonPatch, opts: UpdateOptions = {}): Promise<{ record: Person; changed: boolean }> {
  const data = parseInput(personPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Person>(tx, T.person, id);
    const row = buildPerson({ ...current, ...definedOnly(data) } as PersonInput, await matcherOf(tx));
    const r = await updateRecord<Person>(tx, T.person, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.person, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Postings
// ---------------------------------------------------------------------------------------------

async function buildPosting(ctx: Ctx, input: Partial<PostingInput>, v: Vocabularies): Promise<Record<string, unknown>> {
  await live<Person>(ctx, T.person, input.person_id, 'person_id');
  const unit = await live<Unit>(ctx, T.unit, input.unit_id, 'unit_id');
  if (unit.placeholder) throw new ValidationError([{ field: 'unit_id', reason: `unit "${unit.name}" is a placeholder; placeholder units hold no postings` }]);
  const roleKind = blank(input.role_kind);
  if (roleKind && !v.roles.some((r) => r.code === roleKind)) throw new ValidationError([{ field: 'role_kind', reason: `must be one of ${v.roles.map((r) => r.code).join(', ')}` }]);
  return {
    person_id: input.person_id,
    unit_id: input.unit_id,
    role: blank(input.role),
    role_kind: roleKind,
    rank: blank(input.rank),
    title: blank(input.title),
    ...normaliseDated(input),
    confidence: input.confidence ?? null,
    notes: blank(input.notes),
  };
}

export async function createPosting(ctx: Ctx, input: PostingInput): Promise<Posting> {
  const data = parseInput(postingInput, input);
  return inTransaction(ctx, async (tx) => {
    const row = await buildPosting(tx, data, await vocabularies(tx));
    const p = await insertRecord<Posting>(tx, T.posting, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.posting, p.id, data.sources);
    return p;
  });
}

export async function updatePosting(ctx: Ctx, id: string, patch: PostingPatch, opts: UpdateOptions = {}): Promise<{ record: Posting; changed: boolean }> {
  const data = parseInput(postingPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Posting>(tx, T.posting, id);
    const row = await buildPosting(tx, { ...current, ...definedOnly(data) } as PostingInput, await vocabularies(tx));
    const r = await updateRecord<Posting>(tx, T.posting, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.posting, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Links between units (parent/child, membership)
// ---------------------------------------------------------------------------------------------

async function buildLink(ctx: Ctx, input: Partial<LinkInput>): Promise<Record<string, unknown>> {
  await live<Unit>(ctx, T.unit, input.unit_id, 'unit_id');
  await live<Unit>(ctx, T.unit, input.related_unit_id, 'related_unit_id');
  if (input.unit_id === input.related_unit_id) throw new ValidationError([{ field: 'related_unit_id', reason: 'a unit cannot be linked to itself' }]);
  if (input.kind !== 'parent' && input.kind !== 'member') throw new ValidationError([{ field: 'kind', reason: 'must be parent or member' }]);
  return {
    unit_id: input.unit_id,
    related_unit_id: input.related_unit_id,
    kind: input.kind,
    relation_class: blank(input.relation_class),
    ...normaliseDated(input),
    confidence: input.confidence ?? null,
    notes: blank(input.notes),
  };
}

export async function createLink(ctx: Ctx, input: LinkInput): Promise<Link> {
  const data = parseInput(linkInput, input);
  return inTransaction(ctx, async (tx) => {
    const row = await buildLink(tx, data);
    const l = await insertRecord<Link>(tx, T.link, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.link, l.id, data.sources);
    return l;
  });
}

export async function updateLink(ctx: Ctx, id: string, patch: LinkPatch, opts: UpdateOptions = {}): Promise<{ record: Link; changed: boolean }> {
  const data = parseInput(linkPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Link>(tx, T.link, id);
    const row = await buildLink(tx, { ...current, ...definedOnly(data) } as LinkInput);
    const r = await updateRecord<Link>(tx, T.link, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.link, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Locations, sites and areas of operations
// ---------------------------------------------------------------------------------------------

function keys(list: (string | null | undefined)[]): string[] {
  return [...new Set(list.map(areaKey).filter(Boolean))].sort();
}

export function buildLocation(input: Partial<LocationInput> & { name: string }): Record<string, unknown> {
  const name = String(input.name).trim();
  if (!name) throw new ValidationError([{ field: 'name', reason: 'a name is required' }]);
  const levels = [...(input.admin_levels ?? [])].sort((a, b) => a.level - b.level);
  return {
    name,
    label: blank(input.label),
    geo_type: blank(input.geo_type),
    origin: blank(input.origin),
    osm_id: blank(input.osm_id),
    country: blank(input.country)?.toLowerCase() ?? null,
    admin_level: blank(input.admin_level),
    admin_levels: levels,
    area_keys: keys([name, input.label, ...levels.map((l) => l.name)]),
    notes: blank(input.notes),
  };
}

export async function createLocation(ctx: Ctx, input: LocationInput): Promise<Location> {
  const data = parseInput(locationInput, input);
  return inTransaction(ctx, async (tx) => {
    const l = await insertRecord<Location>(tx, T.location, { ...buildLocation(data), external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.location, l.id, data.sources);
    return l;
  });
}

export async function updateLocation(ctx: Ctx, id: string, patch: LocationPatch, opts: UpdateOptions = {}): Promise<{ record: Location; changed: boolean }> {
  const data = parseInput(locationPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Location>(tx, T.location, id);
    const row = buildLocation({ ...current, ...definedOnly(data) } as LocationInput);
    const r = await updateRecord<Location>(tx, T.location, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.location, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

async function buildUnitLocation(ctx: Ctx, input: Partial<UnitLocationInput>): Promise<Record<string, unknown>> {
  await live<Unit>(ctx, T.unit, input.unit_id, 'unit_id');
  if (input.location_id) await live<Location>(ctx, T.location, input.location_id, 'location_id');
  if (input.kind !== 'site' && input.kind !== 'aoo') throw new ValidationError([{ field: 'kind', reason: 'must be site or aoo' }]);
  if (!input.location_id && !blank(input.base_name) && !blank(input.label)) throw new ValidationError([{ field: 'location_id', reason: 'give a location, a base name or a label' }]);
  return {
    unit_id: input.unit_id,
    kind: input.kind,
    location_id: input.location_id ?? null,
    base_name: blank(input.base_name),
    label: blank(input.label),
    area_keys: keys([input.base_name, input.label]),
    ...normaliseDated(input),
    confidence: input.confidence ?? null,
    notes: blank(input.notes),
  };
}

export async function createUnitLocation(ctx: Ctx, input: UnitLocationInput): Promise<UnitLocation> {
  const data = parseInput(unitLocationInput, input);
  return inTransaction(ctx, async (tx) => {
    const row = await buildUnitLocation(tx, data);
    const l = await insertRecord<UnitLocation>(tx, T.unitLocation, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data) });
    await citeAll(tx, T.unitLocation, l.id, data.sources);
    return l;
  });
}

export async function updateUnitLocation(ctx: Ctx, id: string, patch: UnitLocationPatch, opts: UpdateOptions = {}): Promise<{ record: UnitLocation; changed: boolean }> {
  const data = parseInput(unitLocationPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<UnitLocation>(tx, T.unitLocation, id);
    const row = await buildUnitLocation(tx, { ...current, ...definedOnly(data) } as UnitLocationInput);
    const r = await updateRecord<UnitLocation>(tx, T.unitLocation, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
    const cited = await citeAll(tx, T.unitLocation, id, data.sources);
    return { record: r.record, changed: r.changed || cited > 0 };
  });
}

// ---------------------------------------------------------------------------------------------
// Sources and citations
// ---------------------------------------------------------------------------------------------

function buildSource(input: Partial<SourceInput>, v: Vocabularies): Record<string, unknown> {
  const problems: { field: string; reason: string }[] = [];
  if (!v.sourceKinds.some((k) => k.code === input.kind)) problems.push({ field: 'kind', reason: `must be one of ${v.sourceKinds.map((k) => k.code).join(', ')}` });
  if (!blank(input.title)) problems.push({ field: 'title', reason: 'a title is required' });
  const dates: Record<string, string | null> = {};
  for (const f of ['published_date', 'accessed_date'] as const) {
    const val = blank(input[f]);
    try {
      dates[f] = val ? normaliseDated({ start_date: val }).start_date : null;
    } catch {
      problems.push({ field: f, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(val)}` });
    }
  }
  for (const f of ['url', 'archive_url'] as const) {
    const u = blank(input[f]);
    if (u && !/^(https?|ftp):\/\/\S+$/i.test(u)) problems.push({ field: f, reason: 'must be an http(s) address' });
  }
  if (problems.length) throw new ValidationError(problems);
  return {
    kind: input.kind,
    title: blank(input.title),
    author: blank(input.author),
    publisher: blank(input.publisher),
    published_date: dates.published_date,
    url: blank(input.url),
    archive_url: blank(input.archive_url),
    accessed_date: dates.accessed_date,
    language: blank(input.language),
    notes: blank(input.notes),
  };
}

/** Creates a source; without a sensitivity it gets its kind's default (an interview note is restricted). */
export async function createSource(ctx: Ctx, input: SourceInput): Promise<Source> {
  const data = parseInput(sourceInput, input);
  const v = await vocabularies(ctx);
  const row = buildSource(data, v);
  const sensitivity = data.sensitivity ?? v.sourceKinds.find((k) => k.code === data.kind)!.defaultSensitivity;
  return insertRecord<Source>(ctx, T.source, { ...row, external_ids: data.external_ids ?? {}, ...protectionOf(data), sensitivity });
}

export async function updateSource(ctx: Ctx, id: string, patch: SourcePatch, opts: UpdateOptions = {}): Promise<{ record: Source; changed: boolean }> {
  const data = parseInput(sourcePatch, patch);
  return inTransaction(ctx, async (tx) => {
    const current = await mustGetRecord<Source>(tx, T.source, id);
    const row = buildSource({ ...current, ...definedOnly(data) } as SourceInput, await vocabularies(tx));
    return updateRecord<Source>(tx, T.source, id, { ...row, ...definedOnly({ external_ids: data.external_ids }), ...protectionOf(data) }, opts);
  });
}

const higher = (a: string, b: string): string => (levelRank(a) >= levelRank(b) ? a : b);

/**
 * Cites a source for a record (any record type, registry or not) or one of its fields. Without a
 * sensitivity the citation gets the higher of the record's and the source's, and their compartments:
 * a page reference into an interview note is as sensitive as the note.
 */
export async function cite(ctx: Ctx, input: CitationInput): Promise<Citation> {
  const data = parseInput(citationInput, input);
  const type = SHORT_TYPES[data.record_type] ?? data.record_type;
  recordType(type);
  return inTransaction(ctx, async (tx) => {
    const record = await getRecord<Conventional>(tx, type, data.record_id);
    if (!record) throw new ValidationError([{ field: 'record_id', reason: `no ${type} ${data.record_id} (or beyond your access)` }]);
    const source = await live<Source>(tx, T.source, data.source_id, 'source_id');
    const sensitivity = data.sensitivity ?? (higher(record.sensitivity, source.sensitivity) as Level);
    const compartments = data.compartments ?? [...new Set([...(record.compartments ?? []), ...(source.compartments ?? [])])].sort();
    return insertRecord<Citation>(tx, T.citation, {
      record_type: type,
      record_id: data.record_id,
      field: blank(data.field),
      source_id: data.source_id,
      page: blank(data.page),
      excerpt: blank(data.excerpt),
      confidence: data.confidence ?? null,
      external_ids: {},
      sensitivity,
      compartments,
    });
  });
}

export async function updateCitation(ctx: Ctx, id: string, patch: CitationPatch, opts: UpdateOptions = {}): Promise<{ record: Citation; changed: boolean }> {
  const data = parseInput(citationPatch, patch);
  return updateRecord<Citation>(ctx, T.citation, id, { ...definedOnly({ page: data.page, excerpt: data.excerpt, confidence: data.confidence, field: data.field }), ...protectionOf(data) }, opts);
}

/** Adds the citations given with a fact; returns how many were added (an identical one is not repeated). */
async function citeAll(ctx: Ctx, type: RegistryRecordType, id: string, sources: CiteInput[] | undefined): Promise<number> {
  let n = 0;
  for (const s of sources ?? []) {
    const exists = (
      await ctx.q.query(
        `SELECT 1 FROM registry_citations WHERE record_type = $1 AND record_id = $2 AND source_id = $3 AND field IS NOT DISTINCT FROM $4
           AND page IS NOT DISTINCT FROM $5 AND excerpt IS NOT DISTINCT FROM $6 AND retracted_at IS NULL`,
        [type, id, s.source_id, blank(s.field), blank(s.page), blank(s.excerpt)],
      )
    ).rows.length;
    if (exists) continue;
    await cite(ctx, { ...s, record_type: type, record_id: id });
    n++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Retraction and plain reads
// ---------------------------------------------------------------------------------------------

/** Retracts any registry record (kept, with its reason, in its history). */
export async function retract(ctx: Ctx, type: string, id: string, reason: string): Promise<Record<string, unknown>> {
  return retractRecord(ctx, registryType(type), id, reason);
}

export async function getUnit(ctx: Ctx, id: string): Promise<Unit | null> {
  return getRecord<Unit>(ctx, T.unit, id);
}
export async function getPerson(ctx: Ctx, id: string): Promise<Person | null> {
  return getRecord<Person>(ctx, T.person, id);
}

/** One registry record of any type, as the actor may see it (NotFound otherwise). */
export async function getRegistryRecord(ctx: Ctx, type: string, id: string): Promise<Record<string, unknown>> {
  return mustGetRecord(ctx, registryType(type), id);
}

export interface ListFilter {
  limit?: number;
  offset?: number;
  includeRetracted?: boolean;
  /** Only records with this SFM id. */
  sfm?: string;
  country?: string;
  kind?: string;
  unitId?: string;
  personId?: string;
  relatedUnitId?: string;
  recordType?: string;
  recordId?: string;
  sourceId?: string;
}

/** Lists records of a registry type with simple filters, the access rule applied in SQL. */
export async function listRegistry(ctx: Ctx, type: string, f: ListFilter = {}): Promise<Record<string, unknown>[]> {
  const full = registryType(type);
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${params.length}`));
  };
  if (f.sfm) add(`r.external_ids ->> 'sfm' = ?`, f.sfm);
  if (f.country && [T.unit, T.person, T.location].includes(full as any)) add('r.country = ?', f.country.toLowerCase());
  if (f.kind && [T.unit, T.link, T.unitLocation, T.source].includes(full as any)) add('r.kind = ?', f.kind);
  if (f.unitId && [T.posting, T.link, T.unitLocation].includes(full as any)) add('r.unit_id = ?', f.unitId);
  if (f.personId && full === T.posting) add('r.person_id = ?', f.personId);
  if (f.relatedUnitId && full === T.link) add('r.related_unit_id = ?', f.relatedUnitId);
  if (f.recordType && full === T.citation) add('r.record_type = ?', SHORT_TYPES[f.recordType] ?? f.recordType);
  if (f.recordId && full === T.citation) add('r.record_id = ?', f.recordId);
  if (f.sourceId && full === T.citation) add('r.source_id = ?', f.sourceId);
  const order = [T.unit, T.person, T.location].includes(full as any) ? 'r.name, r.id' : full === T.source ? 'r.title, r.id' : 'r.created_at, r.id';
  return listRecords(ctx, full, { where: conds.join(' AND ') || undefined, params, orderBy: order, limit: Math.min(f.limit ?? 100, 1000), offset: f.offset, includeRetracted: f.includeRetracted });
}

// ---------------------------------------------------------------------------------------------
// Staged SFM incidents and perpetrators
// ---------------------------------------------------------------------------------------------

/** Whether a unit may be named as a perpetrator: it exists (for the actor) and is not a placeholder. */
export async function canBePerpetrator(ctx: Ctx, unitId: string): Promise<boolean> {
  const u = await getUnit(ctx, unitId);
  return !!u && !u.retracted_at && !u.placeholder;
}

export async function assertCanBePerpetrator(ctx: Ctx, unitId: string, field = 'unit_id'): Promise<void> {
  const u = await getUnit(ctx, unitId);
  if (!u || u.retracted_at) throw new NotFoundError(`unit ${unitId}`);
  if (u.placeholder) throw new ValidationError([{ field, reason: `unit "${u.name}" is a placeholder and cannot be a perpetrator` }]);
}

/** Incidents read from SFM workbooks and kept until the incidents domain takes them (untaken only by default). */
export async function listSfmIncidents(ctx: Ctx, opts: { includeTaken?: boolean; limit?: number; offset?: number } = {}): Promise<Record<string, any>[]> {
  return listRecords(ctx, T.sfmIncident, { where: opts.includeTaken ? undefined : 'r.taken_at IS NULL', orderBy: 'r.start_date NULLS LAST, r.id', limit: opts.limit ?? 1000, offset: opts.offset });
}

/** Marks a staged incident as taken over by another domain (`by`, e.g. 'incidents') under its reference there. */
export async function markSfmIncidentTaken(ctx: Ctx, id: string, by: string, ref: string): Promise<Record<string, any>> {
  return inTransaction(ctx, async (tx) => {
    const cur = await mustGetRecord<Record<string, any>>(tx, T.sfmIncident, id);
    if (cur.taken_at && cur.taken_by === by && cur.taken_ref === ref) return cur;
    return (await updateRecord(tx, T.sfmIncident, id, { taken_by: by, taken_ref: ref, taken_at: new Date().toISOString() }, { action: 'take' })).record;
  });
}
