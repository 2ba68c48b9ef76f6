/**
 * Exports of the registry, each limited to what the actor may read (records, links whose two ends
 * are readable, citations of readable sources):
 *
 * - `popolo`: Popolo-style JSON (persons, organizations, memberships = postings, areas), with the
 *   registry's dated unit links, sites and areas of operations, and sources as documented extensions;
 * - `csv`: flat tables (units, persons, postings, relations, sites, locations, sources, citations);
 * - `sfm`: the Security Force Monitor research-workbook layout (formats.md §1), one CSV per sheet,
 *   which the SFM importer reads back (importing an export of imported data changes nothing).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { ValidationError } from '../platform/errors.ts';
import type { Ctx } from '../platform/store.ts';
import { type Citation, type Link, type Location, type Person, type Posting, readable, requireRegistryRead, type Source, type Unit, type UnitLocation, vocabularies } from './common.ts';
import { postingRoleKind } from './common.ts';

export const EXPORT_FORMATS = ['popolo', 'csv', 'sfm'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const CSV_TABLES = ['units', 'persons', 'postings', 'relations', 'sites', 'locations', 'sources', 'citations'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

type Row = Record<string, any>;

/** Everything the actor may read, live records only. */
export interface Snapshot {
  units: Unit[];
  persons: Person[];
  postings: Posting[];
  links: Link[];
  locations: Location[];
  unitLocations: UnitLocation[];
  sources: Source[];
  citations: Citation[];
  incidents: Row[];
}

async function all<R>(ctx: Ctx, table: string, order: string): Promise<R[]> {
  const params: unknown[] = [];
  return (await ctx.q.query<R>(`SELECT r.* FROM ${table} r WHERE r.retracted_at IS NULL AND ${readable(ctx, 'r', params)} ORDER BY ${order}`, params)).rows;
}

export async function snapshot(ctx: Ctx): Promise<Snapshot> {
  requireRegistryRead(ctx);
  const units = await all<Unit>(ctx, 'registry_units', 'r.name, r.id');
  const persons = await all<Person>(ctx, 'registry_persons', 'r.name, r.id');
  const unitIds = new Set(units.map((u) => u.id));
  const personIds = new Set(persons.map((p) => p.id));
  const postings = (await all<Posting>(ctx, 'registry_postings', 'r.start_min NULLS FIRST, r.id')).filter((p) => unitIds.has(p.unit_id) && personIds.has(p.person_id));
  const links = (await all<Link>(ctx, 'registry_unit_links', 'r.start_min NULLS FIRST, r.id')).filter((l) => unitIds.has(l.unit_id) && unitIds.has(l.related_unit_id));
  const locations = await all<Location>(ctx, 'registry_locations', 'r.name, r.id');
  const unitLocations = (await all<UnitLocation>(ctx, 'registry_unit_locations', 'r.start_min NULLS FIRST, r.id')).filter((l) => unitIds.has(l.unit_id));
  const sources = await all<Source>(ctx, 'registry_sources', 'r.title, r.id');
  const sourceIds = new Set(sources.map((s) => s.id));
  const incidents = await all<Row>(ctx, 'registry_sfm_incidents', 'r.start_date NULLS LAST, r.id');
  const readableRecords = new Set([...unitIds, ...personIds, ...postings.map((p) => p.id), ...links.map((l) => l.id), ...locations.map((l) => l.id), ...unitLocations.map((l) => l.id), ...incidents.map((i) => i.id)]);
  const citations = (await all<Citation>(ctx, 'registry_citations', 'r.record_type, r.record_id, r.field NULLS FIRST, r.id')).filter((c) => sourceIds.has(c.source_id) && readableRecords.has(c.record_id));
  return { units, persons, postings, links, locations, unitLocations, sources, citations, incidents };
}

function citationIndex(s: Snapshot) {
  const bySource = new Map(s.sources.map((x) => [x.id, x]));
  const byRecord = new Map<string, Citation[]>();
  for (const c of s.citations) {
    const list = byRecord.get(c.record_id) ?? [];
    list.push(c);
    byRecord.set(c.record_id, list);
  }
  return { bySource, byRecord };
}

// ---------------------------------------------------------------------------------------------
// Popolo
// ---------------------------------------------------------------------------------------------

/** Popolo-style JSON of the registry. Extensions are prefixed with nothing but documented under `meta.extensions`. */
export async function exportPopolo(ctx: Ctx): Promise<Record<string, unknown>> {
  const s = await snapshot(ctx);
  const v = await vocabularies(ctx);
  const { bySource, byRecord } = citationIndex(s);
  const sourcesOf = (id: string) =>
    (byRecord.get(id) ?? []).map((c) => {
      const src = bySource.get(c.source_id)!;
      return { source_id: c.source_id, url: src.url ?? src.archive_url ?? null, note: src.title, field: c.field, page: c.page, excerpt: c.excerpt, confidence: c.confidence };
    });
  const identifiers = (ext: Record<string, string> | null | undefined) => Object.entries(ext ?? {}).filter(([scheme]) => !scheme.startsWith('sfm_')).map(([scheme, identifier]) => ({ scheme, identifier }));
  const unitName = new Map(s.units.map((u) => [u.id, u.name]));
  return {
    meta: {
      format: 'popolo',
      generator: 'pocdesk registry',
      generated_at: new Date().toISOString(),
      extensions: {
        'organizations[].placeholder': 'a stand-in for an unknown unit bridging a gap in a hierarchy; holds no postings',
        'memberships[].rank/role_kind/command': 'rank at the time, kind of role, and whether it heads the unit',
        '*.start_exact/end_state': 'start_exact: the start is a founding/beginning, not a first citation; end_state: open (still true as far as known), ended (at an unknown date after end_date), exact',
        relations: 'dated links between organizations: parent (object_id commands subject_id) or member (subject_id is a member of object_id, a joint operation)',
        sites: 'dated sites (bases) and areas of operations of organizations',
        sources: 'documents cited; each record lists its citations in sources[]',
      },
    },
    persons: s.persons.map((p) => ({
      id: p.id,
      name: p.name,
      given_name: p.given_names ?? undefined,
      family_name: p.family_name ?? undefined,
      other_names: [...p.other_names.map((n) => ({ name: n })), ...p.original_script_names.map((n) => ({ name: n, note: 'original script' }))],
      birth_date: p.birth_date ?? undefined,
      death_date: p.death_date ?? undefined,
      gender: p.gender ?? undefined,
      national_identity: p.nationalities.join(', ') || undefined,
      identifiers: identifiers(p.external_ids),
      sensitivity: p.sensitivity,
      sources: sourcesOf(p.id),
    })),
    organizations: s.units.map((u) => ({
      id: u.id,
      name: u.name,
      other_names: u.other_names.map((n) => ({ name: n })),
      classification: u.kind,
      classifications: u.classifications,
      placeholder: u.placeholder,
      country: u.country ?? undefined,
      level: u.level ?? undefined,
      founding_date: u.start_exact ? (u.start_date ?? undefined) : undefined,
      dissolution_date: u.end_state === 'exact' ? (u.end_date ?? undefined) : undefined,
      start_date: u.start_date ?? undefined,
      start_exact: u.start_exact,
      end_date: u.end_date ?? undefined,
      end_state: u.end_state,
      identifiers: identifiers(u.external_ids),
      sensitivity: u.sensitivity,
      sources: sourcesOf(u.id),
    })),
    memberships: s.postings.map((p) => {
      const kind = postingRoleKind(p, v, unitName.get(p.unit_id));
      return {
        id: p.id,
        person_id: p.person_id,
        organization_id: p.unit_id,
        role: p.role ?? undefined,
        label: p.title ?? undefined,
        rank: p.rank ?? undefined,
        role_kind: kind.code,
        command: kind.command,
        start_date: p.start_date ?? undefined,
        start_exact: p.start_exact,
        end_date: p.end_date ?? undefined,
        end_state: p.end_state,
        confidence: p.confidence ?? undefined,
        identifiers: identifiers(p.external_ids),
        sensitivity: p.sensitivity,
        sources: sourcesOf(p.id),
      };
    }),
    relations: s.links.map((l) => ({
      id: l.id,
      subject_id: l.unit_id,
      object_id: l.related_unit_id,
      classification: l.kind,
      relation_class: l.relation_class ?? undefined,
      start_date: l.start_date ?? undefined,
      start_exact: l.start_exact,
      end_date: l.end_date ?? undefined,
      end_state: l.end_state,
      confidence: l.confidence ?? undefined,
      sensitivity: l.sensitivity,
      sources: sourcesOf(l.id),
    })),
    areas: s.locations.map((l) => ({
      id: l.id,
      name: l.name,
      classification: l.geo_type ?? undefined,
      identifiers: [...identifiers(l.external_ids), ...(l.osm_id ? [{ scheme: l.origin ?? 'osm', identifier: l.osm_id }] : [])],
      country: l.country ?? undefined,
      admin_levels: l.admin_levels,
      sensitivity: l.sensitivity,
    })),
    sites: s.unitLocations.map((l) => ({
      id: l.id,
      organization_id: l.unit_id,
      classification: l.kind,
      area_id: l.location_id ?? undefined,
      name: l.base_name ?? l.label ?? undefined,
      start_date: l.start_date ?? undefined,
      start_exact: l.start_exact,
      end_date: l.end_date ?? undefined,
      end_state: l.end_state,
      confidence: l.confidence ?? undefined,
      sensitivity: l.sensitivity,
      sources: sourcesOf(l.id),
    })),
    sources: s.sources.map((x) => ({
      id: x.id,
      kind: x.kind,
      title: x.title,
      author: x.author ?? undefined,
      publisher: x.publisher ?? undefined,
      published_date: x.published_date ?? undefined,
      url: x.url ?? undefined,
      archive_url: x.archive_url ?? undefined,
      accessed_date: x.accessed_date ?? undefined,
      identifiers: identifiers(x.external_ids),
      sensitivity: x.sensitivity,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Flat CSV tables
// ---------------------------------------------------------------------------------------------

const list = (a: string[] | null | undefined) => (a ?? []).join('; ');

/** One flat table as rows (the first row is the header). */
export async function exportCsvTable(ctx: Ctx, table: CsvTable, snap?: Snapshot): Promise<string[][]> {
  if (!CSV_TABLES.includes(table)) throw new ValidationError([{ field: 'table', reason: `must be one of ${CSV_TABLES.join(', ')}` }]);
  const s = snap ?? (await snapshot(ctx));
  const v = await vocabularies(ctx);
  const unitName = new Map(s.units.map((u) => [u.id, u.name]));
  const personName = new Map(s.persons.map((p) => [p.id, p.name]));
  const dated = ['start_date', 'start_exact', 'end_date', 'end_state'];
  const d = (r: Row) => [r.start_date ?? '', r.start_exact ? 'Y' : 'N', r.end_date ?? '', r.end_state];
  const sfm = (r: Row) => r.external_ids?.sfm ?? '';
  switch (table) {
    case 'units':
      return [
        ['id', 'sfm_id', 'name', 'other_names', 'kind', 'classifications', 'placeholder', 'country', 'level', ...dated, 'sensitivity'],
        ...s.units.map((u) => [u.id, sfm(u), u.name, list(u.other_names), u.kind, list(u.classifications), u.placeholder ? 'Y' : 'N', u.country ?? '', u.level ?? '', ...d(u), u.sensitivity]),
      ];
    case 'persons':
      return [
        ['id', 'sfm_id', 'name', 'given_names', 'family_name', 'other_names', 'original_script_names', 'birth_date', 'gender', 'nationalities', 'country', 'sensitivity'],
        ...s.persons.map((p) => [p.id, sfm(p), p.name, p.given_names ?? '', p.family_name ?? '', list(p.other_names), list(p.original_script_names), p.birth_date ?? '', p.gender ?? '', list(p.nationalities), p.country ?? '', p.sensitivity]),
      ];
    case 'postings':
      return [
        ['id', 'person_id', 'person', 'unit_id', 'unit', 'role', 'role_kind', 'command', 'rank', 'title', ...dated, 'confidence', 'sensitivity'],
        ...s.postings.map((p) => {
          const k = postingRoleKind(p, v, unitName.get(p.unit_id));
          return [p.id, p.person_id, personName.get(p.person_id) ?? '', p.unit_id, unitName.get(p.unit_id) ?? '', p.role ?? '', k.code, k.command, p.rank ?? '', p.title ?? '', ...d(p), p.confidence ?? '', p.sensitivity];
        }),
      ];
    case 'relations':
      return [
        ['id', 'unit_id', 'unit', 'kind', 'related_unit_id', 'related_unit', 'relation_class', ...dated, 'confidence', 'sensitivity'],
        ...s.links.map((l) => [l.id, l.unit_id, unitName.get(l.unit_id) ?? '', l.kind, l.related_unit_id, unitName.get(l.related_unit_id) ?? '', l.relation_class ?? '', ...d(l), l.confidence ?? '', l.sensitivity]),
      ];
    case 'sites':
      return [
        ['id', 'unit_id', 'unit', 'kind', 'location_id', 'base_name', 'label', ...dated, 'confidence', 'sensitivity'],
        ...s.unitLocations.map((l) => [l.id, l.unit_id, unitName.get(l.unit_id) ?? '', l.kind, l.location_id ?? '', l.base_name ?? '', l.label ?? '', ...d(l), l.confidence ?? '', l.sensitivity]),
      ];
    case 'locations':
      return [
        ['id', 'sfm_id', 'name', 'geo_type', 'origin', 'osm_id', 'country', 'admin_level', 'enclosing_areas', 'sensitivity'],
        ...s.locations.map((l) => [l.id, sfm(l), l.name, l.geo_type ?? '', l.origin ?? '', l.osm_id ?? '', l.country ?? '', l.admin_level ?? '', (l.admin_levels ?? []).map((a) => a.name).join('; '), l.sensitivity]),
      ];
    case 'sources':
      return [
        ['id', 'sfm_id', 'kind', 'title', 'author', 'publisher', 'published_date', 'url', 'archive_url', 'accessed_date', 'sensitivity'],
        ...s.sources.map((x) => [x.id, sfm(x), x.kind, x.title, x.author ?? '', x.publisher ?? '', x.published_date ?? '', x.url ?? '', x.archive_url ?? '', x.accessed_date ?? '', x.sensitivity]),
      ];
    case 'citations':
      return [
        ['id', 'record_type', 'record_id', 'field', 'source_id', 'page', 'excerpt', 'confidence', 'sensitivity'],
        ...s.citations.map((c) => [c.id, c.record_type, c.record_id, c.field ?? '', c.source_id, c.page ?? '', c.excerpt ?? '', c.confidence ?? '', c.sensitivity]),
      ];
  }
}

export function toCsv(rows: unknown[][]): string {
  return stringify(rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))));
}

// ---------------------------------------------------------------------------------------------
// SFM research-workbook layout
// ---------------------------------------------------------------------------------------------

export interface Sheet {
  name: string;
  columns: string[];
  rows: Record<string, string>[];
}

const OPEN_FLAG: Record<string, string> = { open: 'Y', ended: 'N', exact: 'E' };
const CONF: Record<string, string> = { low: 'Low', medium: 'Medium', high: 'High' };

const UNIT_COLUMNS = [
  'unit:id:admin', 'unit:name', 'unit:name:source', 'unit:name:confidence', 'unit:other_names', 'unit:other_names:source', 'unit:other_names:confidence',
  'unit:classification', 'unit:classification:source', 'unit:classification:confidence', 'unit:country', 'unit:country:source', 'unit:country:confidence',
  'unit:first_cited_date', 'unit:first_cited_date:source', 'unit:first_cited_date:confidence', 'unit:first_cited_date_start',
  'unit:last_cited_date', 'unit:last_cited_date:source', 'unit:last_cited_date:confidence', 'unit:last_cited_date_open',
  'unit:relation_type', 'unit:related_unit_id:admin', 'unit:related_unit', 'unit:related_unit:source', 'unit:related_unit:confidence',
  'unit:related_unit_class', 'unit:related_unit_class:source', 'unit:related_unit_class:confidence',
  'unit:related_unit_first_cited_date', 'unit:related_unit_first_cited_date:source', 'unit:related_unit_first_cited_date:confidence', 'unit:related_unit_first_cited_date_start',
  'unit:related_unit_last_cited_date', 'unit:related_unit_last_cited_date:source', 'unit:related_unit_last_cited_date:confidence', 'unit:related_unit_open',
  'unit:location_type', 'unit:base_name', 'unit:base_name:source', 'unit:base_name:confidence', 'unit:location', 'unit:location:source', 'unit:location:confidence',
  'unit:location_first_cited_date', 'unit:location_first_cited_date:source', 'unit:location_first_cited_date:confidence', 'unit:location_first_cited_date_founding',
  'unit:location_last_cited_date', 'unit:location_last_cited_date:source', 'unit:location_last_cited_date:confidence', 'unit:location_open', 'unit:notes:admin',
];
const PERSON_COLUMNS = [
  'person:id:admin', 'person:name', 'person:name:source', 'person:name:confidence', 'person:other_names', 'person:other_names:source', 'person:other_names:confidence',
  'person:country', 'person:country:source', 'person:country:confidence', 'person:posting_unit_id:admin', 'person:posting_unit_name', 'person:posting:source', 'person:posting:confidence',
  'person:posting_role', 'person:posting_role:source', 'person:posting_role:confidence', 'person:posting_title', 'person:posting_title:source', 'person:posting_title:confidence',
  'person:posting_rank', 'person:posting_rank:source', 'person:posting_rank:confidence',
  'person:posting_first_cited_date', 'person:posting_first_cited_date:source', 'person:posting_first_cited_date:confidence', 'person:posting_first_cited_date_start',
  'person:posting_last_cited_date', 'person:posting_last_cited_date:source', 'person:posting_last_cited_date:confidence', 'person:posting_last_cited_date_end', 'person:notes:admin',
];
const EXTRA_COLUMNS = [
  'person_extra:id:admin', 'person_extra:name', 'person_extra:gender', 'person_extra:gender:source', 'person_extra:gender:confidence',
  'person_extra:date_of_birth', 'person_extra:date_of_birth:source', 'person_extra:date_of_birth:confidence',
  'person_extra:deceased', 'person_extra:deceased:source', 'person_extra:deceased:confidence',
  'person_extra:date_of_death', 'person_extra:date_of_death:source', 'person_extra:date_of_death:confidence',
];
const LOCATION_COLUMNS = [
  'location:id:admin', 'location:humane_id:admin', 'location:name', 'location:geo_type', 'location:origin', 'location:id', 'location:country', 'location:admin_level',
  ...Array.from({ length: 11 }, (_, i) => `location:admin_level_${i}`),
];
const INCIDENT_COLUMNS = [
  'incident:id:admin', 'incident:start_date', 'incident:end_date', 'incident:pub_date', 'incident:update_date', 'incident:location_description', 'incident:location',
  'incident:violation_type', 'incident:violation_description', 'incident:perpetrator_person_id:admin', 'incident:perpetrator_person_name',
  'incident:perpetrator_unit_id:admin', 'incident:perpetrator_unit_name', 'incident:perpetrator_classification', 'incident:all:source',
];

/** The registry in the SFM research-workbook layout: sheets `<cc>_units`, `<cc>_persons`… (bare names when no country). */
export async function exportSfmSheets(ctx: Ctx): Promise<Sheet[]> {
  const s = await snapshot(ctx);
  const v = await vocabularies(ctx);
  const { bySource, byRecord } = citationIndex(s);
  const sfmSource = (id: string) => bySource.get(id)?.external_ids?.sfm ?? id;
  /** Sources and confidence of one field of a record, as SFM columns. */
  const ev = (recordId: string, field: string | null, prefix: string, fallbackConfidence?: string | null): Record<string, string> => {
    const cs = (byRecord.get(recordId) ?? []).filter((c) => c.field === field);
    const conf = cs.map((c) => c.confidence).find(Boolean) ?? fallbackConfidence ?? null;
    return { [`${prefix}:source`]: [...new Set(cs.map((c) => sfmSource(c.source_id)))].join(';'), [`${prefix}:confidence`]: conf ? CONF[conf]! : '' };
  };
  const unitSfm = new Map(s.units.map((u) => [u.id, u.external_ids?.sfm ?? u.id]));
  const personSfm = new Map(s.persons.map((p) => [p.id, p.external_ids?.sfm ?? p.id]));
  const locationById = new Map(s.locations.map((l) => [l.id, l]));
  const locationSfm = (l: Location) => l.external_ids?.sfm ?? l.id;
  const unitById = new Map(s.units.map((u) => [u.id, u]));
  const sheets = new Map<string, Sheet>();
  /** Records go back to the sheet they were imported from (external_ids.sfm_scope), else to their country's. */
  const scope = (r: { external_ids?: Record<string, string> | null; country?: string | null }) => (typeof r.external_ids?.sfm_scope === 'string' ? r.external_ids.sfm_scope : (r.country ?? null));
  const sheet = (kind: string, country: string | null, columns: string[]) => {
    const name = country && /^[a-z]{2}$/.test(country) ? `${country}_${kind}` : kind;
    let sh = sheets.get(name);
    if (!sh) sheets.set(name, (sh = { name, columns, rows: [] }));
    return sh;
  };
  const classLabel = (code: string) => v.classifications.find((c) => c.code === code)?.label.en ?? code;

  for (const u of s.units) {
    const sh = sheet('units', scope(u), UNIT_COLUMNS);
    const id = unitSfm.get(u.id)!;
    const classes = [...(u.placeholder ? ['Placeholder'] : []), ...u.classifications.map(classLabel)];
    sh.rows.push({
      'unit:id:admin': id,
      'unit:name': u.name,
      ...ev(u.id, 'name', 'unit:name'),
      'unit:other_names': u.other_names.join(';'),
      ...ev(u.id, 'other_names', 'unit:other_names'),
      'unit:classification': classes.join(';'),
      ...ev(u.id, 'classifications', 'unit:classification'),
      'unit:country': u.country ?? '',
      ...ev(u.id, 'country', 'unit:country'),
      'unit:first_cited_date': u.start_date ?? '',
      ...ev(u.id, 'start_date', 'unit:first_cited_date'),
      'unit:first_cited_date_start': u.start_exact ? 'Y' : 'N',
      'unit:last_cited_date': u.end_date ?? '',
      ...ev(u.id, 'end_date', 'unit:last_cited_date'),
      'unit:last_cited_date_open': OPEN_FLAG[u.end_state] ?? '',
      'unit:notes:admin': u.notes ?? '',
    });
    for (const l of s.links.filter((x) => x.unit_id === u.id)) {
      sh.rows.push({
        'unit:id:admin': id,
        'unit:name': u.name,
        'unit:relation_type': l.kind === 'parent' ? 'child' : 'member',
        'unit:related_unit_id:admin': unitSfm.get(l.related_unit_id)!,
        'unit:related_unit': unitById.get(l.related_unit_id)?.name ?? '',
        ...ev(l.id, 'related_unit_id', 'unit:related_unit', l.confidence),
        'unit:related_unit_class': l.relation_class ?? '',
        ...ev(l.id, 'relation_class', 'unit:related_unit_class'),
        'unit:related_unit_first_cited_date': l.start_date ?? '',
        ...ev(l.id, 'start_date', 'unit:related_unit_first_cited_date'),
        'unit:related_unit_first_cited_date_start': l.start_exact ? 'Y' : 'N',
        'unit:related_unit_last_cited_date': l.end_date ?? '',
        ...ev(l.id, 'end_date', 'unit:related_unit_last_cited_date'),
        'unit:related_unit_open': OPEN_FLAG[l.end_state] ?? '',
      });
    }
    for (const l of s.unitLocations.filter((x) => x.unit_id === u.id)) {
      const loc = l.location_id ? locationById.get(l.location_id) : undefined;
      const label = l.label ?? (loc ? `${loc.name} ${locationSfm(loc)}` : '');
      sh.rows.push({
        'unit:id:admin': id,
        'unit:name': u.name,
        'unit:location_type': l.kind,
        'unit:base_name': l.base_name ?? '',
        ...ev(l.id, 'base_name', 'unit:base_name'),
        'unit:location': label,
        ...ev(l.id, 'location_id', 'unit:location', l.confidence),
        'unit:location_first_cited_date': l.start_date ?? '',
        ...ev(l.id, 'start_date', 'unit:location_first_cited_date'),
        'unit:location_first_cited_date_founding': l.start_exact ? 'Y' : 'N',
        'unit:location_last_cited_date': l.end_date ?? '',
        ...ev(l.id, 'end_date', 'unit:location_last_cited_date'),
        'unit:location_open': OPEN_FLAG[l.end_state] ?? '',
      });
    }
  }

  for (const p of s.persons) {
    const sh = sheet('persons', scope(p), PERSON_COLUMNS);
    const id = personSfm.get(p.id)!;
    const identity = {
      'person:id:admin': id,
      'person:name': p.name,
      ...ev(p.id, 'name', 'person:name'),
      'person:other_names': p.other_names.join(';'),
      ...ev(p.id, 'other_names', 'person:other_names'),
      'person:country': p.country ?? '',
      ...ev(p.id, 'country', 'person:country'),
      'person:notes:admin': p.notes ?? '',
    };
    const posts = s.postings.filter((x) => x.person_id === p.id);
    if (!posts.length) sh.rows.push(identity);
    for (const x of posts) {
      sh.rows.push({
        ...identity,
        'person:posting_unit_id:admin': unitSfm.get(x.unit_id)!,
        'person:posting_unit_name': unitById.get(x.unit_id)?.name ?? '',
        ...ev(x.id, 'unit_id', 'person:posting', x.confidence),
        'person:posting_role': x.role ?? '',
        ...ev(x.id, 'role', 'person:posting_role'),
        'person:posting_title': x.title ?? '',
        ...ev(x.id, 'title', 'person:posting_title'),
        'person:posting_rank': x.rank ?? '',
        ...ev(x.id, 'rank', 'person:posting_rank'),
        'person:posting_first_cited_date': x.start_date ?? '',
        ...ev(x.id, 'start_date', 'person:posting_first_cited_date'),
        'person:posting_first_cited_date_start': x.start_exact ? 'Y' : 'N',
        'person:posting_last_cited_date': x.end_date ?? '',
        ...ev(x.id, 'end_date', 'person:posting_last_cited_date'),
        'person:posting_last_cited_date_end': x.end_state === 'exact' ? 'Y' : 'N',
      });
    }
    const bio = ['gender', 'birth_date', 'deceased', 'death_date'];
    if (p.gender || p.birth_date || p.deceased !== null || p.death_date || (byRecord.get(p.id) ?? []).some((c) => bio.includes(c.field ?? ''))) {
      sheet('persons_extra', scope(p), EXTRA_COLUMNS).rows.push({
        'person_extra:id:admin': id,
        'person_extra:name': p.name,
        'person_extra:gender': p.gender ? p.gender[0]!.toUpperCase() + p.gender.slice(1) : '',
        ...ev(p.id, 'gender', 'person_extra:gender'),
        'person_extra:date_of_birth': p.birth_date ?? '',
        ...ev(p.id, 'birth_date', 'person_extra:date_of_birth'),
        'person_extra:deceased': p.deceased === null ? '' : p.deceased ? 'Y' : 'N',
        ...ev(p.id, 'deceased', 'person_extra:deceased'),
        'person_extra:date_of_death': p.death_date ?? '',
        ...ev(p.id, 'death_date', 'person_extra:date_of_death'),
      });
    }
  }

  for (const l of s.locations) {
    const levels: Record<string, string> = {};
    for (const a of l.admin_levels ?? []) levels[`location:admin_level_${a.level}`] = a.name;
    sheet('locations', scope(l), LOCATION_COLUMNS).rows.push({
      'location:id:admin': locationSfm(l),
      'location:humane_id:admin': l.label ?? '',
      'location:name': l.name,
      'location:geo_type': l.geo_type ?? '',
      'location:origin': l.origin ?? '',
      'location:id': l.osm_id ?? '',
      'location:country': l.country ?? '',
      'location:admin_level': l.admin_level ?? '',
      ...levels,
    });
  }

  for (const i of s.incidents) {
    const refs = (list: { sfm: string | null; id: string | null; name: string | null }[], map: Map<string, string>) => ({
      ids: list.map((r) => r.sfm ?? (r.id ? (map.get(r.id) ?? r.id) : '')).join(';'),
      names: list.map((r) => r.name ?? '').join(';'),
    });
    const persons = refs(i.perpetrator_persons ?? [], personSfm);
    const units = refs(i.perpetrator_units ?? [], unitSfm);
    const sources = [...new Set((byRecord.get(i.id) ?? []).map((c) => sfmSource(c.source_id)))].join(';');
    sheet('incidents', scope(i), INCIDENT_COLUMNS).rows.push({
      'incident:id:admin': i.external_ids?.sfm ?? i.id,
      'incident:start_date': i.start_date ?? '',
      'incident:end_date': i.end_date ?? '',
      'incident:pub_date': i.pub_date ?? '',
      'incident:update_date': i.update_date ?? '',
      'incident:location_description': i.location_description ?? '',
      'incident:location': i.location_label ?? '',
      'incident:violation_type': i.violation_type ?? (i.violation_types ?? []).join(';'),
      'incident:violation_description': i.description ?? '',
      'incident:perpetrator_person_id:admin': persons.ids.replace(/^;+$/, ''),
      'incident:perpetrator_person_name': persons.names.replace(/^;+$/, ''),
      'incident:perpetrator_unit_id:admin': units.ids.replace(/^;+$/, ''),
      'incident:perpetrator_unit_name': units.names.replace(/^;+$/, ''),
      'incident:perpetrator_classification': (i.perpetrator_classifications ?? []).join(';'),
      'incident:all:source': sources,
    });
  }
  return [...sheets.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function sheetToCsv(sh: Sheet): string {
  return toCsv([sh.columns, ...sh.rows.map((r) => sh.columns.map((c) => r[c] ?? ''))]);
}

/** Writes an export to disk: popolo → one JSON file; csv and sfm → one CSV per table or sheet in a folder. */
export async function writeExport(ctx: Ctx, format: ExportFormat, out: string): Promise<{ format: ExportFormat; files: string[] }> {
  if (format === 'popolo') {
    await writeFile(out, JSON.stringify(await exportPopolo(ctx), null, 2) + '\n');
    return { format, files: [out] };
  }
  await mkdir(out, { recursive: true });
  const files: string[] = [];
  if (format === 'csv') {
    const snap = await snapshot(ctx);
    for (const table of CSV_TABLES) {
      const f = join(out, `${table}.csv`);
      await writeFile(f, toCsv(await exportCsvTable(ctx, table, snap)));
      files.push(f);
    }
  } else {
    for (const sh of await exportSfmSheets(ctx)) {
      const f = join(out, `${sh.name}.csv`);
      await writeFile(f, sheetToCsv(sh));
      files.push(f);
    }
  }
  return { format, files };
}

