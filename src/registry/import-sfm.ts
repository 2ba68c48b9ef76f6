/**
 * Import of a Security Force Monitor research workbook into the registry. The parser (sfm/parse.ts)
 * reads the workbook; this module writes what it read through the store, in one transaction:
 *
 * - every record keeps its SFM id in `external_ids.sfm` (units, persons, locations, incidents: the
 *   workbook's UUID; postings, relations, sites: the parser's natural key), so re-importing the same
 *   file finds every record and, the patch changing nothing, writes nothing;
 * - an updated workbook applies its differences as revisions of the same records; a posting, relation
 *   or site whose first date changed is matched by person/unit/role (unit/type/other end) and revised;
 *   what the workbook no longer has is retracted (units, persons, locations, incidents read before
 *   from a sheet of the same kind and country as one in this workbook, `external_ids.sfm_scope`; the
 *   links of the units and persons; citations), but only when the import has no errors;
 * - every value's sources become citations (field by field, with the researchers' confidence) of
 *   source records created on first sight (`SFM source <id>`; complete them in the registry);
 * - SFM incidents are kept in the registry's staging table until the incidents domain takes them;
 * - problems come back by sheet, row and column; with an error nothing is committed unless `partial`.
 */
import { type Actor, canRead, hasPermission, type Level, levelRank } from '../platform/access/policy.ts';
import { AppError, ForbiddenError, ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { type Ctx, inTransaction, insertRecord, retractRecord, updateRecord } from '../platform/store.ts';
import type { Vocabularies } from './config.ts';
import { matcherOf, vocabularies } from './common.ts';
import { type EndState, normaliseDated } from './intervals.ts';
import { areaKey, classificationCode, type NameMatcher, slugCode } from './names.ts';
import { T, type RegistryRecordType } from './schema.ts';
import { buildLocation, buildPerson, buildUnit } from './service.ts';
import { parseSfmSheets, parseSfmWorkbook } from './sfm/parse.ts';
import type { SfmEvidence, SfmOpenState, SfmParseResult, SfmProblem, SfmSheetInput } from './sfm/types.ts';

export interface ImportOptions {
  /** Commit what could be read even when there are errors (default: an error commits nothing). */
  partial?: boolean;
  /** Sensitivity of records created by the import (default internal). Existing records keep theirs. */
  sensitivity?: Level;
  compartments?: string[];
  /** Language of the import's own problem messages (default: the actor's). */
  lang?: Lang;
}

export type ImportProblem = SfmProblem;

export interface ImportCounts {
  units: number;
  persons: number;
  postings: number;
  relations: number;
  locations: number;
  incidents: number;
}

export interface ImportResult extends ImportCounts {
  problems: ImportProblem[];
  /** False when errors stopped the import (nothing was written). */
  committed: boolean;
  /** Writes made: records created, revised, retracted; records found unchanged. */
  changes: { created: number; updated: number; unchanged: number; retracted: number };
}

const ZERO: ImportCounts = { units: 0, persons: 0, postings: 0, relations: 0, locations: 0, incidents: 0 };

/** Reads a workbook (.xlsx, a folder of per-sheet CSVs, one CSV) and imports it. */
export async function importSfmFile(ctx: Ctx, path: string, opts: ImportOptions = {}): Promise<ImportResult> {
  requireWrite(ctx);
  let parsed: SfmParseResult;
  try {
    parsed = await parseSfmWorkbook(path);
  } catch (e) {
    throw new ValidationError([{ field: 'file', reason: `${path}: ${(e as Error).message}` }], 'the workbook cannot be read');
  }
  return importSfm(ctx, parsed, opts);
}

/** Imports sheets given as rows (the API's upload form). */
export async function importSfmSheets(ctx: Ctx, sheets: SfmSheetInput[], opts: ImportOptions = {}): Promise<ImportResult> {
  requireWrite(ctx);
  return importSfm(ctx, parseSfmSheets(sheets), opts);
}

function requireWrite(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'registry:write')) throw new ForbiddenError('importing into the registry needs the permission registry:write');
}

class Aborted extends Error {}

/** Imports a parsed workbook. See the module comment. */
export async function importSfm(ctx: Ctx, parsed: SfmParseResult, opts: ImportOptions = {}): Promise<ImportResult> {
  requireWrite(ctx);
  const problems: ImportProblem[] = [...parsed.problems];
  const hasErrors = () => problems.some((p) => p.severity === 'error');
  const fail = (): ImportResult => ({ ...ZERO, problems, committed: false, changes: { created: 0, updated: 0, unchanged: 0, retracted: 0 } });
  if (hasErrors() && !opts.partial) return fail();
  const v = await vocabularies(ctx);
  const m = await matcherOf(ctx);
  let result: ImportResult | null = null;
  try {
    await inTransaction(ctx, async (tx) => {
      const run = new ImportRun(tx, parsed, opts, v, m, problems);
      const counts = await run.apply();
      if (hasErrors() && !opts.partial) throw new Aborted();
      result = { ...counts, problems, committed: true, changes: run.changes };
    });
  } catch (e) {
    if (e instanceof Aborted) return fail();
    throw e;
  }
  return result!;
}

const OPEN: Record<SfmOpenState, EndState> = { ongoing: 'open', ended: 'ended', exact_end: 'exact' };

function endState(last: string | null, open: SfmOpenState | null): EndState {
  if (open === 'exact_end' && !last) return 'ended';
  if (open) return OPEN[open];
  return last ? 'ended' : 'open';
}

type Row = Record<string, any>;

/** Natural keys of links are 'a|b|c|first date' (maybe '#n'): the part that stays when a first date is corrected. */
const keyPrefix = (key: string) => key.split('|').slice(0, 3).join('|');

interface Where {
  sheet: string;
  rows: number[];
}

interface Desired {
  field: string | null;
  source: string;
  confidence: string | null;
}

class ImportRun {
  readonly changes = { created: 0, updated: 0, unchanged: 0, retracted: 0 };
  private existing = new Map<RegistryRecordType, Map<string, Row>>();
  /** Keys met in this workbook, by type (for retractions and fallback matching). */
  private seen = new Map<RegistryRecordType, Set<string>>();
  private claimed = new Set<string>();
  private sourceIds = new Map<string, string>();
  private sourceRows = new Map<string, Row>();
  private ids = { unit: new Map<string, string>(), person: new Map<string, string>(), location: new Map<string, string>() };
  private rows = new Map<string, Row>();
  private citations: { type: RegistryRecordType; id: string; desired: Desired[]; where: Where }[] = [];
  private readonly sensitivity: Level;
  private readonly compartments: string[];
  private readonly lang: Lang;

  constructor(
    private readonly ctx: Ctx,
    private readonly parsed: SfmParseResult,
    opts: ImportOptions,
    private readonly v: Vocabularies,
    private readonly m: NameMatcher,
    private readonly problems: ImportProblem[],
  ) {
    this.sensitivity = opts.sensitivity ?? 'internal';
    this.compartments = opts.compartments ?? [];
    this.lang = opts.lang ?? ctx.actor.language;
  }

  private get actor(): Actor {
    return this.ctx.actor;
  }

  private problem(where: Where, column: string, code: string, key: string, vars: Record<string, unknown>, severity: 'error' | 'warning') {
    this.problems.push({ sheet: where.sheet, row: where.rows[0] ?? 0, column, code, message: t(this.lang, `registry:import.${key}`, vars), severity });
  }

  /** Existing records of a type that carry an SFM id, by that id (whatever the actor may read: refused below). */
  private async load(type: RegistryRecordType, table: string) {
    const rows = (await this.ctx.q.query<Row>(`SELECT * FROM ${table} WHERE external_ids ->> 'sfm' IS NOT NULL`)).rows;
    this.existing.set(type, new Map(rows.map((r) => [r.external_ids.sfm as string, r])));
    this.seen.set(type, new Set());
  }

  async apply(): Promise<ImportCounts> {
    await this.load(T.source, 'registry_sources');
    await this.load(T.location, 'registry_locations');
    await this.load(T.unit, 'registry_units');
    await this.load(T.person, 'registry_persons');
    await this.load(T.link, 'registry_unit_links');
    await this.load(T.unitLocation, 'registry_unit_locations');
    await this.load(T.posting, 'registry_postings');
    await this.load(T.sfmIncident, 'registry_sfm_incidents');
    const counts = { ...ZERO };

    for (const id of this.parsed.sources) await this.source(id);
    for (const l of this.parsed.locations) {
      await this.guard(l.where, async () => {
        const row = buildLocation({ name: l.name || l.label || l.id, label: l.label, geo_type: l.geoType, origin: l.origin, osm_id: l.osmId, country: l.country, admin_level: l.adminLevel, admin_levels: l.adminLevels });
        const r = await this.upsert(T.location, l.id, row, l.where, undefined, { sfm_scope: this.scopeOf(l.where) });
        if (r) {
          this.ids.location.set(l.id, r.id);
          counts.locations++;
        }
      });
    }
    for (const u of this.parsed.units) {
      await this.guard(u.where, async () => {
        const written = u.classifications.filter((c) => c.trim().toLowerCase() !== 'placeholder');
        const codes: string[] = [];
        for (const c of written) {
          const code = classificationCode(c, this.v.classifications);
          if (!code) this.problem(u.where, 'unit:classification', 'unknown_classification', 'unknown-classification', { value: c, code: slugCode(c) }, 'warning');
          codes.push(code ?? slugCode(c));
        }
        const kind = codes.map((c) => this.v.classifications.find((x) => x.code === c)?.kind).find((k) => k && this.v.organisationKinds.some((o) => o.code === k)) ?? 'unit';
        const row = (current?: Row) => {
          const built = buildUnit(
            {
              name: u.name || u.id,
              other_names: u.otherNames,
              kind: current && kind === 'unit' ? current.kind : kind,
              classifications: codes,
              placeholder: u.placeholder,
              country: u.country,
              level: current?.level ?? null,
              start_date: u.firstCited,
              start_exact: u.firstCitedIsFounding === true,
              end_date: u.lastCited,
              end_state: endState(u.lastCited, u.lastCitedOpen),
              notes: u.notes.join('\n') || current?.notes || null,
            },
            this.v,
            { strictClassifications: false, allowReversedDates: true },
          );
          return built;
        };
        const r = await this.upsert(T.unit, u.id, row, u.where, undefined, { sfm_scope: this.scopeOf(u.where) });
        if (!r) return;
        this.ids.unit.set(u.id, r.id);
        counts.units++;
        const ev = u.evidence;
        this.cite(T.unit, r.id, u.where, [
          ['name', ev.name],
          ['other_names', ev.otherNames],
          ['classifications', ev.classifications],
          ['country', ev.country],
          ['start_date', ev.firstCited],
          ['end_date', ev.lastCited],
        ]);
      });
    }
    for (const p of this.parsed.persons) {
      await this.guard(p.where, async () => {
        const x = p.extra;
        // fields the workbook does not hold (name parts, original script, nationality; biography when it
        // has no persons_extra row) keep what the registry has
        const row = (current?: Row) =>
          buildPerson(
            {
              name: p.name || p.id,
              given_names: current?.given_names ?? null,
              family_name: current?.family_name ?? null,
              other_names: p.otherNames,
              original_script_names: current?.original_script_names ?? [],
              nationalities: current?.nationalities ?? [],
              country: p.country,
              gender: x ? x.gender : (current?.gender ?? null),
              birth_date: x ? x.dateOfBirth : (current?.birth_date ?? null),
              deceased: x ? x.deceased : (current?.deceased ?? null),
              death_date: x ? x.dateOfDeath : (current?.death_date ?? null),
              notes: [...p.notes, ...(x?.notes ?? [])].join('\n') || current?.notes || null,
            },
            this.m,
          );
        const r = await this.upsert(T.person, p.id, row, p.where, undefined, { sfm_scope: this.scopeOf(p.where) });
        if (!r) return;
        this.ids.person.set(p.id, r.id);
        counts.persons++;
        const evs: [string, SfmEvidence][] = [
          ['name', p.evidence.name],
          ['other_names', p.evidence.otherNames],
          ['country', p.evidence.country],
        ];
        if (x) evs.push(['gender', x.evidence.gender], ['birth_date', x.evidence.dateOfBirth], ['deceased', x.evidence.deceased], ['death_date', x.evidence.dateOfDeath]);
        this.cite(T.person, r.id, p.where, evs);
      });
    }
    for (const rel of this.parsed.unitRelations) {
      await this.guard(rel.where, async () => {
        const unitId = this.ids.unit.get(rel.unitId);
        const relatedId = this.ids.unit.get(rel.relatedUnitId);
        if (!unitId || !relatedId) {
          this.problem(rel.where, 'unit:related_unit_id:admin', 'relation.not_imported', 'link-not-imported', { unit: rel.unitId, related: rel.relatedUnitId }, 'error');
          return;
        }
        const row = {
          unit_id: unitId,
          related_unit_id: relatedId,
          kind: rel.type === 'child' ? 'parent' : 'member',
          relation_class: rel.relationClass,
          ...normaliseDated({ start_date: rel.firstCited, start_exact: rel.firstCitedIsStart === true, end_date: rel.lastCited, end_state: endState(rel.lastCited, rel.lastCitedOpen) }, '', { allowReversed: true }),
          confidence: rel.confidence,
          notes: null,
        };
        const r = await this.upsert(T.link, rel.key, row, rel.where, (e) => e.unit_id === unitId && e.related_unit_id === relatedId && e.kind === row.kind);
        if (!r) return;
        counts.relations++;
        const ev = rel.evidence;
        this.cite(T.link, r.id, rel.where, [
          ['related_unit_id', { sources: ev.relatedUnit.sources, confidence: ev.relatedUnit.confidence ?? rel.confidence }],
          ['relation_class', ev.relationClass],
          ['start_date', ev.firstCited],
          ['end_date', ev.lastCited],
        ]);
      });
    }
    for (const ul of this.parsed.unitLocations) {
      await this.guard(ul.where, async () => {
        const unitId = this.ids.unit.get(ul.unitId);
        if (!unitId) {
          this.problem(ul.where, 'unit:location', 'location.not_imported', 'site-not-imported', { unit: ul.unitId }, 'error');
          return;
        }
        const locationId = ul.locationId ? (this.ids.location.get(ul.locationId) ?? this.existing.get(T.location)!.get(ul.locationId)?.id ?? null) : null;
        const row = {
          unit_id: unitId,
          kind: ul.type,
          location_id: locationId,
          base_name: ul.baseName,
          label: ul.locationLabel,
          area_keys: [...new Set([areaKey(ul.baseName), areaKey(ul.locationLabel)].filter(Boolean))].sort(),
          ...normaliseDated({ start_date: ul.firstCited, start_exact: ul.firstCitedIsFounding === true, end_date: ul.lastCited, end_state: endState(ul.lastCited, ul.lastCitedOpen) }, '', { allowReversed: true }),
          confidence: ul.confidence,
          notes: null,
        };
        const r = await this.upsert(T.unitLocation, ul.key, row, ul.where, (e) => e.unit_id === unitId && e.kind === ul.type && (e.location_id ?? e.label) === (locationId ?? ul.locationLabel));
        if (!r) return;
        const ev = ul.evidence;
        this.cite(T.unitLocation, r.id, ul.where, [
          ['location_id', { sources: ev.location.sources, confidence: ev.location.confidence ?? ul.confidence }],
          ['base_name', ev.baseName],
          ['start_date', ev.firstCited],
          ['end_date', ev.lastCited],
        ]);
      });
    }
    for (const p of this.parsed.postings) {
      await this.guard(p.where, async () => {
        const personId = this.ids.person.get(p.personId);
        const unitId = this.ids.unit.get(p.unitId);
        if (!personId || !unitId) {
          this.problem(p.where, 'person:posting_unit_id:admin', 'posting.not_imported', 'posting-not-imported', { person: p.personId, unit: p.unitId }, 'error');
          return;
        }
        const unit = this.rows.get(unitId);
        if (unit?.placeholder) {
          this.problem(p.where, 'person:posting_unit_id:admin', 'posting.placeholder_unit', 'posting-placeholder', { unit: unit.name }, 'error');
          return;
        }
        const row = {
          person_id: personId,
          unit_id: unitId,
          role: p.role,
          rank: p.rank,
          title: p.title,
          ...normaliseDated(
            { start_date: p.firstCited, start_exact: p.firstCitedIsStart === true, end_date: p.lastCited, end_state: p.lastCitedIsEnd ? (p.lastCited ? 'exact' : 'ended') : p.lastCited ? 'ended' : 'open' },
            '',
            { allowReversed: true },
          ),
          confidence: p.confidence,
        };
        const roleKey = (s: string | null) => (s ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
        const r = await this.upsert(T.posting, p.key, row, p.where, (e) => e.person_id === personId && e.unit_id === unitId && roleKey(e.role) === roleKey(p.role));
        if (!r) return;
        counts.postings++;
        const ev = p.evidence;
        this.cite(T.posting, r.id, p.where, [
          ['unit_id', { sources: ev.unit.sources, confidence: ev.unit.confidence ?? p.confidence }],
          ['role', ev.role],
          ['title', ev.title],
          ['rank', ev.rank],
          ['start_date', ev.firstCited],
          ['end_date', ev.lastCited],
        ]);
      });
    }
    for (const inc of this.parsed.incidents) {
      await this.guard(inc.where, async () => {
        const refs = (list: { id: string | null; name: string | null }[], map: Map<string, string>) => list.map((x) => ({ sfm: x.id, id: x.id ? (map.get(x.id) ?? null) : null, name: x.name }));
        const row = {
          start_date: inc.startDate,
          end_date: inc.endDate,
          pub_date: inc.pubDate,
          update_date: inc.updateDate,
          location_description: inc.locationDescription,
          location_label: inc.locationLabel,
          location_id: inc.locationId ? (this.ids.location.get(inc.locationId) ?? null) : null,
          violation_type: inc.violationType,
          violation_types: inc.violationTypes,
          description: inc.description,
          perpetrator_persons: refs(inc.perpetratorPersons, this.ids.person),
          perpetrator_units: refs(inc.perpetratorUnits, this.ids.unit),
          perpetrator_classifications: inc.perpetratorClassifications,
        };
        const r = await this.upsert(T.sfmIncident, inc.id, row, inc.where, undefined, { sfm_scope: this.scopeOf(inc.where) });
        if (!r) return;
        counts.incidents++;
        this.cite(T.sfmIncident, r.id, inc.where, [[null, { sources: inc.sources, confidence: null }]]);
      });
    }
    await this.syncCitations();
    if (!this.problems.some((p) => p.severity === 'error')) await this.retractAbsent();
    return counts;
  }

  /** The registry source for an SFM source id, created on first sight. */
  private async source(sfmId: string): Promise<string | null> {
    const known = this.sourceIds.get(sfmId);
    if (known) return known;
    const existing = this.existing.get(T.source)!.get(sfmId);
    let row: Row;
    if (existing) row = existing;
    else {
      row = await insertRecord(this.ctx, T.source, {
        kind: 'document',
        title: `SFM source ${sfmId}`,
        notes: t(this.lang, 'registry:import.source-note'),
        external_ids: { sfm: sfmId },
        sensitivity: this.sensitivity,
        compartments: this.compartments,
      });
      this.changes.created++;
      this.existing.get(T.source)!.set(sfmId, row);
    }
    this.sourceIds.set(sfmId, row.id);
    this.sourceRows.set(row.id, row);
    return row.id;
  }

  /**
   * Creates or revises the record with this SFM key. `fallback` finds an existing record whose key
   * changed (its first date was corrected) among those this workbook no longer names.
   */
  /**
   * Writes one record; a record the registry refuses (its rules, not the database) becomes an error at
   * its row instead of stopping the import.
   */
  private async guard(where: Where, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      this.problems.push({ sheet: where.sheet, row: where.rows[0] ?? 0, column: e.problems[0]?.field ?? '', code: 'record.refused', message: e.message, severity: 'error' });
    }
  }

  /** The country prefix of the sheet a record was read from ('xf' for xf_units; '' for a bare sheet name). */
  private scopeOf(where: Where): string {
    return this.parsed.sheets.find((s) => s.name === where.sheet)?.country ?? '';
  }

  private async upsert(
    type: RegistryRecordType,
    key: string,
    build: Row | ((current?: Row) => Row),
    where: Where,
    fallback?: (e: Row) => boolean,
    ext: Record<string, string> = {},
  ): Promise<Row | null> {
    const byKey = this.existing.get(type)!;
    this.seen.get(type)!.add(key);
    let current = byKey.get(key);
    if (current && this.claimed.has(current.id)) return this.rows.get(current.id) ?? null;
    if (!current && fallback) {
      const currentKeys = this.allKeys(type);
      current = (this.byPrefix(type).get(keyPrefix(key)) ?? []).find(([k, e]) => !currentKeys.has(k) && !this.claimed.has(e.id) && !e.retracted_at && fallback(e))?.[1];
    }
    if (current) {
      this.claimed.add(current.id);
      if (!canRead(this.actor, current as any)) {
        this.problem(where, '', 'record.out_of_reach', 'out-of-reach', { key }, 'error');
        return null;
      }
      if (current.retracted_at) {
        this.problem(where, '', 'record.retracted', 'retracted', { key }, 'warning');
        this.rows.set(current.id, current);
        return current;
      }
      const row = typeof build === 'function' ? build(current) : build;
      const { record, changed } = await updateRecord(this.ctx, type, current.id, { ...row, external_ids: { ...(current.external_ids ?? {}), sfm: key, ...ext } }, { reason: 'SFM import' });
      if (changed) this.changes.updated++;
      else this.changes.unchanged++;
      this.rows.set(record.id, record);
      return record;
    }
    const row = typeof build === 'function' ? build() : build;
    const created = await insertRecord(this.ctx, type, { ...row, external_ids: { sfm: key, ...ext }, sensitivity: this.sensitivity, compartments: this.compartments }, { reason: 'SFM import' });
    this.changes.created++;
    this.rows.set(created.id, created);
    return created;
  }

  private prefixCache = new Map<RegistryRecordType, Map<string, [string, Row][]>>();
  /** Existing records of a type by the first three parts of their key (unit|type|other end, person|unit|role). */
  private byPrefix(type: RegistryRecordType): Map<string, [string, Row][]> {
    let m = this.prefixCache.get(type);
    if (m) return m;
    m = new Map();
    for (const [k, e] of this.existing.get(type)!) {
      const p = keyPrefix(k);
      const list = m.get(p) ?? [];
      list.push([k, e]);
      m.set(p, list);
    }
    this.prefixCache.set(type, m);
    return m;
  }

  private keyCache = new Map<RegistryRecordType, Set<string>>();
  /** Every key of a type in this workbook (computed once). */
  private allKeys(type: RegistryRecordType): Set<string> {
    let s = this.keyCache.get(type);
    if (s) return s;
    const p = this.parsed;
    const list =
      type === T.posting ? p.postings.map((x) => x.key) : type === T.link ? p.unitRelations.map((x) => x.key) : type === T.unitLocation ? p.unitLocations.map((x) => x.key) : [];
    s = new Set(list);
    this.keyCache.set(type, s);
    return s;
  }

  private cite(type: RegistryRecordType, id: string, where: Where, evidence: [string | null, SfmEvidence][]) {
    const desired: Desired[] = [];
    for (const [field, ev] of evidence) {
      for (const source of ev.sources) {
        if (!desired.some((d) => d.field === field && d.source === source)) desired.push({ field, source, confidence: ev.confidence });
      }
    }
    this.citations.push({ type, id, desired, where });
  }

  /** Citations from the workbook's evidence: created, their confidence revised, or retracted when gone. */
  private async syncCitations() {
    const ids = this.citations.map((c) => c.id);
    if (!ids.length) return;
    const existing = (
      await this.ctx.q.query<Row>(`SELECT * FROM registry_citations WHERE record_id = ANY($1::uuid[]) AND external_ids ->> 'sfm' IS NOT NULL AND retracted_at IS NULL`, [ids])
    ).rows;
    const key = (type: string, id: string, field: string | null, sourceId: string) => `${type}|${id}|${field ?? ''}|${sourceId}`;
    const byKey = new Map(existing.map((c) => [key(c.record_type, c.record_id, c.field, c.source_id), c]));
    const wanted = new Set<string>();
    for (const c of this.citations) {
      const record = this.rows.get(c.id);
      if (!record || record.retracted_at) continue;
      for (const d of c.desired) {
        const sourceId = await this.source(d.source);
        if (!sourceId) continue;
        const k = key(c.type, c.id, d.field, sourceId);
        if (wanted.has(k)) continue;
        wanted.add(k);
        const cur = byKey.get(k);
        if (cur) {
          if (!canRead(this.actor, cur as any)) continue;
          const { changed } = await updateRecord(this.ctx, T.citation, cur.id, { confidence: d.confidence }, { reason: 'SFM import' });
          if (changed) this.changes.updated++;
          continue;
        }
        const source = this.sourceRows.get(sourceId)!;
        const sensitivity = levelRank(source.sensitivity) > levelRank(record.sensitivity) ? source.sensitivity : record.sensitivity;
        const compartments = [...new Set([...(record.compartments ?? []), ...(source.compartments ?? [])])].sort();
        if (!canRead(this.actor, { sensitivity, compartments })) continue;
        await insertRecord(this.ctx, T.citation, { record_type: c.type, record_id: c.id, field: d.field, source_id: sourceId, page: null, excerpt: null, confidence: d.confidence, external_ids: { sfm: d.source }, sensitivity, compartments }, { reason: 'SFM import' });
        this.changes.created++;
      }
    }
    if (this.problems.some((p) => p.severity === 'error')) return;
    for (const [k, c] of byKey) {
      if (wanted.has(k) || !canRead(this.actor, c as any)) continue;
      await retractRecord(this.ctx, T.citation, c.id, t(this.lang, 'registry:import.gone'));
      this.changes.retracted++;
    }
  }

  /**
   * What the workbook no longer has. Units, persons, locations and incidents: those read before from a
   * sheet of the same kind and country prefix present in this workbook (a sheet left out says nothing).
   * Postings, relations and sites: those of the units and persons read now or just retracted.
   */
  private async retractAbsent() {
    const gone = t(this.lang, 'registry:import.gone');
    const retracted = new Set<string>();
    const kinds: [RegistryRecordType, string][] = [
      [T.unit, 'units'],
      [T.person, 'persons'],
      [T.location, 'locations'],
      [T.sfmIncident, 'incidents'],
    ];
    for (const [type, kind] of kinds) {
      const scopes = new Set(this.parsed.sheets.filter((s) => s.kind === kind).map((s) => s.country ?? ''));
      const seen = this.seen.get(type)!;
      for (const [k, r] of this.existing.get(type)!) {
        const scope = r.external_ids?.sfm_scope;
        if (typeof scope !== 'string' || !scopes.has(scope) || seen.has(k) || this.claimed.has(r.id) || r.retracted_at || !canRead(this.actor, r as any)) continue;
        await retractRecord(this.ctx, type, r.id, gone);
        retracted.add(r.id);
        this.changes.retracted++;
      }
    }
    const persons = new Set([...this.ids.person.values(), ...retracted]);
    const units = new Set([...this.ids.unit.values(), ...retracted]);
    const owned: [RegistryRecordType, (r: Row) => boolean][] = [
      [T.posting, (r) => persons.has(r.person_id)],
      [T.link, (r) => units.has(r.unit_id)],
      [T.unitLocation, (r) => units.has(r.unit_id)],
    ];
    for (const [type, mine] of owned) {
      const seen = this.seen.get(type)!;
      for (const [k, r] of this.existing.get(type)!) {
        if (seen.has(k) || this.claimed.has(r.id) || r.retracted_at || !mine(r) || !canRead(this.actor, r as any)) continue;
        await retractRecord(this.ctx, type, r.id, gone);
        this.changes.retracted++;
      }
    }
  }
}
