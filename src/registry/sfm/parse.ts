/**
 * Parser of the Security Force Monitor (WhoWasInCommand) research workbook.
 *
 * `parseSfmWorkbook(path)` reads an .xlsx file or a folder of per-sheet CSV files and hands the sheets
 * to `parseSfmSheets`, which does all the work without I/O: it recognises the `<cc>_units`,
 * `<cc>_persons`, `<cc>_persons_extra`, `<cc>_incidents` and `<cc>_locations` sheets (several
 * countries may be present; notes, scratch and source sheets are ignored), merges the one-fact-per-row
 * units and persons sheets back into units and persons, and returns dated relations, locations and
 * postings, incidents and locations, with the sources and confidence of each value and every problem
 * found (sheet, row, column). Nothing is stored here: the registry service does that.
 */
import { normaliseHeader, cellToString, mergeList, uuidAtEnd, isUuid } from './cells.ts';
import { RowReader, foldKey, normaliseId, rankKey, type ProblemSink } from './fields.ts';
import { readSfmSheets } from './read.ts';
import type {
  SfmEvidence,
  SfmIncident,
  SfmLocation,
  SfmLocationType,
  SfmOpenState,
  SfmParseResult,
  SfmPerson,
  SfmPersonExtra,
  SfmPosting,
  SfmProblem,
  SfmRef,
  SfmRelationType,
  SfmSheetInput,
  SfmSheetKind,
  SfmSheetSummary,
  SfmUnit,
  SfmUnitLocation,
  SfmUnitRelation,
} from './types.ts';

export type * from './types.ts';

/**
 * Reads an SFM research workbook (.xlsx, a folder of CSVs named after the sheets such as
 * `ml_units.csv`, or a single such CSV) and parses it. Problems in the data are returned, not thrown;
 * only an unreadable path throws.
 */
export async function parseSfmWorkbook(path: string): Promise<SfmParseResult> {
  return parseSfmSheets(await readSfmSheets(path));
}

const SHEET_NAME = /^(?:([a-z]{2})_)?(units|persons_extra|persons|incidents|locations)$/;

/** Which research sheet a sheet (or CSV file base) name is: `ml_units` → units of `ml`; null for other sheets. */
export function classifySheet(name: string): { kind: SfmSheetKind; country: string | null } | null {
  const m = SHEET_NAME.exec(name.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  if (!m) return null;
  return { kind: m[2] as SfmSheetKind, country: m[1] ?? null };
}

const REQUIRED_ID: Record<SfmSheetKind, string[]> = {
  units: ['unit:id:admin'],
  persons: ['person:id:admin'],
  persons_extra: ['person_extra:id:admin', 'person:id:admin'],
  incidents: ['incident:id:admin'],
  locations: ['location:id:admin'],
};

interface PreparedSheet {
  index: number;
  name: string;
  kind: SfmSheetKind;
  rows: RowReader[];
}

const emptyEvidence = (): SfmEvidence => ({ sources: [], confidence: null });

/** Merges `b` into `a` (sources united, first confidence kept); reports a confidence conflict. */
function mergeEvidence(a: SfmEvidence, b: SfmEvidence): boolean {
  mergeList(a.sources, b.sources);
  if (b.confidence === null) return false;
  if (a.confidence === null) {
    a.confidence = b.confidence;
    return false;
  }
  return a.confidence !== b.confidence;
}

/** First value of a field across repeated rows, with a warning when a later row says otherwise. */
class ScalarMerger {
  private seen = new Map<string, { value: string; row: number; sheet: string }>();
  constructor(
    private readonly entity: string,
    private readonly id: string,
  ) {}

  take(key: string, value: string | null, r: RowReader, column: string, label: string): string | null {
    const prev = this.seen.get(key);
    if (value === null || value === '') return prev?.value ?? null;
    if (!prev) {
      this.seen.set(key, { value, row: r.row, sheet: r.sheet });
      return value;
    }
    if (prev.value !== value) {
      const where = prev.sheet === r.sheet ? `row ${prev.row}` : `${prev.sheet} row ${prev.row}`;
      r.problem(column, `${this.entity}.conflict`, `${this.entity} ${this.id}: ${label} is "${value}" here but "${prev.value}" on ${where}; kept "${prev.value}"`, 'warning');
    }
    return prev.value;
  }
}

const flagText = (b: boolean | null) => (b === null ? null : b ? 'Y' : 'N');

/** Lookup by folded name or other name, for rows that name a record without its id. */
class NameIndex {
  private map = new Map<string, Set<string>>();
  add(id: string, ...names: (string | null)[]) {
    for (const n of names) {
      const k = foldKey(n);
      if (!k) continue;
      if (!this.map.has(k)) this.map.set(k, new Set());
      this.map.get(k)!.add(id);
    }
  }
  /** The id when exactly one record has the name. */
  unique(name: string | null): string | null {
    const k = foldKey(name);
    const ids = k ? this.map.get(k) : undefined;
    return ids && ids.size === 1 ? [...ids][0]! : null;
  }
  knows(id: string, name: string | null): boolean {
    const k = foldKey(name);
    return !k || (this.map.get(k)?.has(id) ?? false);
  }
}

interface UnitAcc {
  unit: SfmUnit;
  merger: ScalarMerger;
  classificationRow: { row: number; sheet: string; set: string } | null;
}

interface RelationDraft {
  r: RowReader;
  unitId: string;
  typeRaw: string | null;
  relatedId: string;
  relatedName: string | null;
  relationClass: string | null;
  firstCited: string | null;
  firstCitedIsStart: boolean | null;
  lastCited: string | null;
  lastCitedOpen: SfmOpenState | null;
  evidence: SfmUnitRelation['evidence'];
}

interface LocationDraft {
  r: RowReader;
  unitId: string;
  typeRaw: string | null;
  baseName: string | null;
  label: string | null;
  firstCited: string | null;
  firstCitedIsFounding: boolean | null;
  lastCited: string | null;
  lastCitedOpen: SfmOpenState | null;
  evidence: SfmUnitLocation['evidence'];
}

const DATE_COLS = (prefix: string) => ({
  first: `${prefix}first_cited_date`,
  last: `${prefix}last_cited_date`,
});

/**
 * Parses the sheets of an SFM research workbook. `rows` are records keyed by the header row's column
 * names (row 1); values may be text or raw cell values (numbers, Dates, rich text). The spreadsheet
 * row number of `rows[i]` is `i + 2`; keep empty rows in place so that reported rows stay right.
 */
export function parseSfmSheets(sheets: SfmSheetInput[]): SfmParseResult {
  const problems: SfmProblem[] = [];
  const sink: ProblemSink = (p) => problems.push(p);
  const prepared: PreparedSheet[] = [];
  const summaries: SfmSheetSummary[] = [];
  const ignoredSheets: string[] = [];

  sheets.forEach((sheet, index) => {
    const cls = classifySheet(sheet.name);
    if (!cls) {
      ignoredSheets.push(sheet.name);
      return;
    }
    const columns = new Set<string>();
    const rows: RowReader[] = [];
    sheet.rows.forEach((raw, i) => {
      const cells = new Map<string, string>();
      for (const [k, v] of Object.entries(raw ?? {})) {
        const key = normaliseHeader(k);
        if (!key) continue;
        columns.add(key);
        const text = cellToString(v);
        if (text && !cells.get(key)) cells.set(key, text);
      }
      // rows that hold nothing but bookkeeping (a status or an owner pre-filled down the sheet) are empty
      const substantive = [...cells.keys()].some((k) => !k.endsWith(':admin') || k.endsWith(':id:admin'));
      if (substantive) rows.push(new RowReader(sheet.name, i + 2, cells, sink));
    });
    const required = REQUIRED_ID[cls.kind];
    if (rows.length > 0 && !required.some((c) => columns.has(c))) {
      sink({ sheet: sheet.name, row: 1, column: required[0]!, code: 'sheet.missing_column', message: `the ${cls.kind} sheet has no ${required.join(' or ')} column; sheet not read`, severity: 'error' });
      summaries.push({ name: sheet.name, kind: cls.kind, country: cls.country, rows: rows.length });
      return;
    }
    summaries.push({ name: sheet.name, kind: cls.kind, country: cls.country, rows: rows.length });
    prepared.push({ index, name: sheet.name, kind: cls.kind, rows });
  });
  const of = (kind: SfmSheetKind) => prepared.filter((s) => s.kind === kind);
  if (summaries.length === 0) {
    sink({ sheet: '', row: 0, column: '', code: 'workbook.no_research_sheets', message: `no <cc>_units, <cc>_persons, <cc>_persons_extra, <cc>_incidents or <cc>_locations sheet found (sheets: ${sheets.map((s) => s.name).join(', ') || 'none'})`, severity: 'error' });
  }

  // ---- units (one row per fact) -------------------------------------------------------------
  const unitAccs = new Map<string, UnitAcc>();
  const relationDrafts: RelationDraft[] = [];
  const locationDrafts: LocationDraft[] = [];
  for (const sheet of of('units')) {
    for (const r of sheet.rows) {
      const id = r.id('unit:id:admin');
      if (!id) {
        r.problem('unit:id:admin', 'unit.missing_id', 'row has no unit:id:admin; row not read', 'error');
        continue;
      }
      let acc = unitAccs.get(id);
      if (!acc) {
        if (!isUuid(id)) r.problem('unit:id:admin', 'id.not_uuid', `unit id "${id}" is not a UUID`, 'warning');
        acc = {
          unit: {
            id, name: '', otherNames: [], classifications: [], placeholder: false, country: null,
            firstCited: null, firstCitedIsFounding: null, lastCited: null, lastCitedOpen: null, notes: [],
            evidence: { name: emptyEvidence(), otherNames: emptyEvidence(), classifications: emptyEvidence(), country: emptyEvidence(), firstCited: emptyEvidence(), lastCited: emptyEvidence() },
            where: { sheet: sheet.name, rows: [] },
          },
          merger: new ScalarMerger('unit', id),
          classificationRow: null,
        };
        unitAccs.set(id, acc);
      }
      readUnitRow(r, acc, relationDrafts, locationDrafts);
    }
  }
  const units = [...unitAccs.values()].map((a) => a.unit);
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitNames = new NameIndex();
  for (const u of units) {
    unitNames.add(u.id, u.name, ...u.otherNames);
    if (!u.name) {
      const acc = unitAccs.get(u.id)!;
      sink({ sheet: acc.unit.where.sheet, row: acc.unit.where.rows[0]!, column: 'unit:name', code: 'unit.missing_name', message: `unit ${u.id} has no name on any row`, severity: 'error' });
    }
  }

  // ---- locations sheet -------------------------------------------------------------------------
  const locations: SfmLocation[] = [];
  const locationById = new Map<string, SfmLocation>();
  for (const sheet of of('locations')) {
    for (const r of sheet.rows) {
      const loc = readLocationRow(r);
      if (!loc) continue;
      if (locationById.has(loc.id)) {
        const prev = locationById.get(loc.id)!;
        r.problem('location:id:admin', 'location.duplicate', `location ${loc.id} is already on ${prev.where.sheet} row ${prev.where.rows[0]}; this row was not read`, 'warning');
        continue;
      }
      locationById.set(loc.id, loc);
      locations.push(loc);
    }
  }
  const haveLocationSheet = of('locations').length > 0;

  // ---- unit relations and unit locations --------------------------------------------------------
  const unitRelations = resolveRelations(relationDrafts, unitById, unitNames);
  const unitLocations = resolveUnitLocations(locationDrafts, haveLocationSheet ? locationById : null);

  // ---- persons (one row per posting) ------------------------------------------------------------
  const personAccs = new Map<string, { person: SfmPerson; merger: ScalarMerger }>();
  const postingDrafts: { r: RowReader; posting: SfmPosting; unitIdRaw: string }[] = [];
  for (const sheet of of('persons')) {
    for (const r of sheet.rows) {
      const id = r.id('person:id:admin');
      if (!id) {
        r.problem('person:id:admin', 'person.missing_id', 'row has no person:id:admin; row not read', 'error');
        continue;
      }
      let acc = personAccs.get(id);
      if (!acc) {
        if (!isUuid(id)) r.problem('person:id:admin', 'id.not_uuid', `person id "${id}" is not a UUID`, 'warning');
        acc = {
          person: { id, name: '', otherNames: [], country: null, notes: [], evidence: { name: emptyEvidence(), otherNames: emptyEvidence(), country: emptyEvidence() }, extra: null, where: { sheet: sheet.name, rows: [] } },
          merger: new ScalarMerger('person', id),
        };
        personAccs.set(id, acc);
      }
      const draft = readPersonRow(r, acc.person, acc.merger);
      if (draft) postingDrafts.push(draft);
    }
  }
  const persons = [...personAccs.values()].map((a) => a.person);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const personNames = new NameIndex();
  for (const p of persons) {
    personNames.add(p.id, p.name, ...p.otherNames);
    if (!p.name) sink({ sheet: p.where.sheet, row: p.where.rows[0]!, column: 'person:name', code: 'person.missing_name', message: `person ${p.id} has no name on any row`, severity: 'error' });
  }
  const postings = resolvePostings(postingDrafts, unitById, unitNames);

  // ---- persons_extra ------------------------------------------------------------------------------
  const extraMergers = new Map<string, ScalarMerger>();
  for (const sheet of of('persons_extra')) {
    for (const r of sheet.rows) readPersonExtraRow(r, personById, extraMergers);
  }

  // ---- incidents ----------------------------------------------------------------------------------
  const incidents: SfmIncident[] = [];
  const incidentMergers = new Map<string, { incident: SfmIncident; merger: ScalarMerger }>();
  for (const sheet of of('incidents')) {
    for (const r of sheet.rows) {
      const inc = readIncidentRow(r, { unitById, unitNames, personById, personNames, locationById: haveLocationSheet ? locationById : null });
      if (!inc) continue;
      const prev = incidentMergers.get(inc.id);
      if (!prev) {
        const merger = new ScalarMerger('incident', inc.id);
        for (const [k, col] of INCIDENT_SCALARS) merger.take(k, inc[k] as string | null, r, col, k);
        incidentMergers.set(inc.id, { incident: inc, merger });
        incidents.push(inc);
        continue;
      }
      // a repeated incident id: one more perpetrator or source; scalars must agree
      for (const [k, col] of INCIDENT_SCALARS) {
        const v = prev.merger.take(k, inc[k] as string | null, r, col, k);
        (prev.incident as unknown as Record<string, unknown>)[k] = v;
      }
      mergeList(prev.incident.violationTypes, inc.violationTypes);
      mergeList(prev.incident.perpetratorClassifications, inc.perpetratorClassifications);
      mergeList(prev.incident.sources, inc.sources);
      mergeRefs(prev.incident.perpetratorPersons, inc.perpetratorPersons);
      mergeRefs(prev.incident.perpetratorUnits, inc.perpetratorUnits);
      prev.incident.where.rows.push(r.row);
    }
  }

  // ---- sources --------------------------------------------------------------------------------------
  const sourceSet = new Set<string>();
  const addEv = (e: SfmEvidence) => e.sources.forEach((s) => sourceSet.add(s));
  for (const u of units) Object.values(u.evidence).forEach(addEv);
  for (const x of unitRelations) x.sources.forEach((s) => sourceSet.add(s));
  for (const x of unitLocations) x.sources.forEach((s) => sourceSet.add(s));
  for (const p of persons) {
    Object.values(p.evidence).forEach(addEv);
    if (p.extra) Object.values(p.extra.evidence).forEach(addEv);
  }
  for (const x of postings) x.sources.forEach((s) => sourceSet.add(s));
  for (const x of incidents) x.sources.forEach((s) => sourceSet.add(s));

  const sheetOrder = new Map(sheets.map((s, i) => [s.name, i]));
  const sorted = problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (sheetOrder.get(a.p.sheet) ?? 0) - (sheetOrder.get(b.p.sheet) ?? 0) || a.p.row - b.p.row || a.i - b.i)
    .map((x) => x.p);

  return {
    units,
    unitRelations,
    unitLocations,
    persons,
    postings,
    incidents,
    locations,
    sources: [...sourceSet].sort(),
    problems: sorted,
    sheets: summaries,
    ignoredSheets,
  };
}

// ---------------------------------------------------------------------------------------------------
// units

function readUnitRow(r: RowReader, acc: UnitAcc, relations: RelationDraft[], locations: LocationDraft[]): void {
  const u = acc.unit;
  const m = acc.merger;
  u.where.rows.push(r.row);

  u.name = m.take('name', r.text('unit:name'), r, 'unit:name', 'name') ?? '';
  mergeList(u.otherNames, r.list('unit:other_names'), true);
  u.otherNames = u.otherNames.filter((n) => lower(n) !== lower(u.name));
  const classes = r.list('unit:classification');
  if (classes.length) {
    const set = classes.map((c) => c.toLowerCase()).sort().join(';');
    if (acc.classificationRow && acc.classificationRow.set !== set) {
      const prev = acc.classificationRow;
      r.problem('unit:classification', 'unit.conflict', `unit ${u.id}: classification is "${classes.join(';')}" here but "${u.classifications.join(';')}" on ${prev.sheet === r.sheet ? '' : prev.sheet + ' '}row ${prev.row}; both kept`, 'warning');
    }
    acc.classificationRow ??= { row: r.row, sheet: r.sheet, set };
    mergeList(u.classifications, classes, true);
    u.placeholder = u.classifications.some((c) => c.toLowerCase() === 'placeholder');
  }
  const country = r.text('unit:country');
  u.country = m.take('country', country ? country.toLowerCase() : null, r, 'unit:country', 'country');

  const { first, last } = DATE_COLS('unit:');
  const rowFirst = r.date(first);
  const rowLast = r.date(last);
  r.checkRange(rowFirst, rowLast, last);
  u.firstCited = m.take('firstCited', rowFirst, r, first, 'first cited date');
  u.firstCitedIsFounding = toBool(m.take('firstCitedIsFounding', flagText(r.yesNo(`${first}_start`, `${first}_founding`)), r, r.col(`${first}_start`, `${first}_founding`), 'founding flag'));
  u.lastCited = m.take('lastCited', rowLast, r, last, 'last cited date');
  u.lastCitedOpen = m.take('lastCitedOpen', r.openState(`${last}_open`), r, `${last}_open`, 'open flag') as SfmOpenState | null;

  const note = r.text('unit:notes:admin');
  if (note) mergeList(u.notes, [note]);

  const ev = u.evidence;
  const conflicts = [
    mergeEvidence(ev.name, r.evidence('unit:name')) && 'unit:name',
    mergeEvidence(ev.otherNames, r.evidence('unit:other_names')) && 'unit:other_names',
    mergeEvidence(ev.classifications, r.evidence('unit:classification')) && 'unit:classification',
    mergeEvidence(ev.country, r.evidence('unit:country')) && 'unit:country',
    mergeEvidence(ev.firstCited, r.evidence(first)) && first,
    mergeEvidence(ev.lastCited, r.evidence(last)) && last,
  ];
  for (const c of conflicts) {
    if (c) r.problem(`${c}:confidence`, 'unit.conflict', `unit ${u.id}: confidence of ${c} differs from an earlier row; kept the earlier one`, 'warning');
  }

  // at most one relation per row
  const typeRaw = r.text('unit:relation_type');
  const relatedId = r.id('unit:related_unit_id:admin');
  const relatedName = r.text('unit:related_unit');
  if (typeRaw || relatedId || relatedName) {
    const rp = 'unit:related_unit_';
    const rf = `${rp}first_cited_date`;
    const rl = `${rp}last_cited_date`;
    const d: RelationDraft = {
      r, unitId: u.id, typeRaw, relatedId, relatedName,
      relationClass: r.text('unit:related_unit_class'),
      firstCited: r.date(rf),
      firstCitedIsStart: r.yesNo(`${rf}_start`),
      lastCited: r.date(rl),
      lastCitedOpen: r.openState('unit:related_unit_open', `${rl}_open`),
      evidence: {
        relatedUnit: r.evidence('unit:related_unit', 'unit:relation_type'),
        relationClass: r.evidence('unit:related_unit_class'),
        firstCited: r.evidence(rf),
        lastCited: r.evidence(rl),
      },
    };
    r.checkRange(d.firstCited, d.lastCited, rl);
    relations.push(d);
  }

  // at most one location per row
  const locType = r.text('unit:location_type');
  const label = r.text('unit:location');
  const baseName = r.text('unit:base_name');
  if (locType || label || baseName) {
    const lf = 'unit:location_first_cited_date';
    const ll = 'unit:location_last_cited_date';
    const d: LocationDraft = {
      r, unitId: u.id, typeRaw: locType, baseName, label,
      firstCited: r.date(lf),
      firstCitedIsFounding: r.yesNo(`${lf}_founding`, `${lf}_start`),
      lastCited: r.date(ll),
      lastCitedOpen: r.openState('unit:location_open', `${ll}_open`),
      evidence: {
        location: r.evidence('unit:location', 'unit:location_type'),
        baseName: r.evidence('unit:base_name'),
        firstCited: r.evidence(lf),
        lastCited: r.evidence(ll),
      },
    };
    r.checkRange(d.firstCited, d.lastCited, ll);
    locations.push(d);
  }
}

/** Other names equal to the canonical name up to case are dropped; other spellings are kept (they help screening). */
const lower = (s: string) => s.toLocaleLowerCase('fr');

function toBool(s: string | null): boolean | null {
  return s === null ? null : s === 'Y';
}

function relationType(raw: string | null): SfmRelationType | null | 'missing' {
  if (!raw) return 'missing';
  const v = raw.trim().toLowerCase();
  if (['child', 'parent', 'subordinate', 'hierarchy'].includes(v)) return 'child';
  if (['member', 'members', 'membership'].includes(v)) return 'member';
  return null;
}

function unionSources(...evs: SfmEvidence[]): string[] {
  const out: string[] = [];
  for (const e of evs) mergeList(out, e.sources);
  return out;
}

function resolveRelations(drafts: RelationDraft[], unitById: Map<string, SfmUnit>, names: NameIndex): SfmUnitRelation[] {
  const out: SfmUnitRelation[] = [];
  const byContent = new Map<string, SfmUnitRelation>();
  const keyCount = new Map<string, number>();
  for (const d of drafts) {
    const { r } = d;
    let type = relationType(d.typeRaw);
    if (type === null) {
      r.problem('unit:relation_type', 'relation.invalid_type', `relation type must be child or member, not "${d.typeRaw}"; relation not read`, 'error');
      continue;
    }
    if (type === 'missing') {
      r.problem('unit:relation_type', 'relation.missing_type', 'a related unit is given without unit:relation_type; read as child (parent unit)', 'warning');
      type = 'child';
    }
    let relatedId = d.relatedId;
    if (!relatedId) {
      const byName = names.unique(d.relatedName);
      if (!byName) {
        r.problem('unit:related_unit_id:admin', 'relation.missing_related_id', `related unit "${d.relatedName ?? ''}" has no unit:related_unit_id:admin${d.relatedName ? ' and its name matches no single unit' : ''}; relation not read`, 'error');
        continue;
      }
      r.problem('unit:related_unit_id:admin', 'relation.resolved_by_name', `related unit "${d.relatedName}" has no id; linked by name to unit ${byName}`, 'warning');
      relatedId = byName;
    }
    const related = unitById.get(relatedId);
    if (!related) {
      r.problem('unit:related_unit_id:admin', 'relation.unknown_unit', `related unit ${relatedId}${d.relatedName ? ` ("${d.relatedName}")` : ''} is not in any units sheet; relation not read`, 'error');
      continue;
    }
    if (relatedId === d.unitId) {
      r.problem('unit:related_unit_id:admin', 'relation.self', 'a unit cannot be related to itself; relation not read', 'error');
      continue;
    }
    if (d.relatedName && !names.knows(relatedId, d.relatedName)) {
      r.problem('unit:related_unit', 'unit.name_mismatch', `"${d.relatedName}" is not a name of unit ${relatedId} ("${related.name}")`, 'warning');
    }
    const content = [d.unitId, type, relatedId, d.relationClass, d.firstCited, d.firstCitedIsStart, d.lastCited, d.lastCitedOpen].join('|');
    const same = byContent.get(content);
    if (same) {
      mergeEvidence(same.evidence.relatedUnit, d.evidence.relatedUnit);
      mergeEvidence(same.evidence.relationClass, d.evidence.relationClass);
      mergeEvidence(same.evidence.firstCited, d.evidence.firstCited);
      mergeEvidence(same.evidence.lastCited, d.evidence.lastCited);
      same.sources = unionSources(same.evidence.relatedUnit, same.evidence.relationClass, same.evidence.firstCited, same.evidence.lastCited);
      same.confidence = same.evidence.relatedUnit.confidence;
      if (d.relatedName && !same.relatedUnitName) same.relatedUnitName = d.relatedName;
      same.where.rows.push(r.row);
      continue;
    }
    const natural = [d.unitId, type, relatedId, d.firstCited ?? ''].join('|');
    const n = (keyCount.get(natural) ?? 0) + 1;
    keyCount.set(natural, n);
    if (n > 1) {
      r.problem('unit:related_unit_id:admin', 'relation.conflict', `another row gives the same ${type} relation to ${relatedId} from ${d.firstCited ?? 'an unknown date'} with different details; both kept`, 'warning');
    }
    const rel: SfmUnitRelation = {
      key: n > 1 ? `${natural}#${n}` : natural,
      unitId: d.unitId,
      type,
      relatedUnitId: relatedId,
      relatedUnitName: d.relatedName,
      relationClass: d.relationClass,
      firstCited: d.firstCited,
      firstCitedIsStart: d.firstCitedIsStart,
      lastCited: d.lastCited,
      lastCitedOpen: d.lastCitedOpen,
      sources: unionSources(d.evidence.relatedUnit, d.evidence.relationClass, d.evidence.firstCited, d.evidence.lastCited),
      confidence: d.evidence.relatedUnit.confidence,
      evidence: d.evidence,
      where: { sheet: r.sheet, rows: [r.row] },
    };
    byContent.set(content, rel);
    out.push(rel);
  }
  return out;
}

function locationType(raw: string | null): SfmLocationType | null | 'missing' {
  if (!raw) return 'missing';
  const v = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (['site', 'base'].includes(v)) return 'site';
  if (['aoo', 'area', 'area_of_operations', 'area_ops'].includes(v)) return 'aoo';
  return null;
}

function resolveUnitLocations(drafts: LocationDraft[], locationById: Map<string, SfmLocation> | null): SfmUnitLocation[] {
  const out: SfmUnitLocation[] = [];
  const byContent = new Map<string, SfmUnitLocation>();
  const keyCount = new Map<string, number>();
  for (const d of drafts) {
    const { r } = d;
    let type = locationType(d.typeRaw);
    if (type === null) {
      r.problem('unit:location_type', 'location.invalid_type', `location type must be site or aoo, not "${d.typeRaw}"; location not read`, 'error');
      continue;
    }
    if (type === 'missing') {
      if (!d.baseName) {
        r.problem('unit:location_type', 'location.missing_type', 'a location is given without unit:location_type (site or aoo); location not read', 'error');
        continue;
      }
      r.problem('unit:location_type', 'location.missing_type', 'a base name is given without unit:location_type; read as a site', 'warning');
      type = 'site';
    }
    const locationId = uuidAtEnd(d.label);
    if (d.label && !locationId) {
      r.problem('unit:location', 'location.label_without_id', `location "${d.label}" does not end with a location id; kept as text`, 'warning');
    } else if (locationId && locationById && !locationById.has(locationId)) {
      r.problem('unit:location', 'location.unknown', `location ${locationId} is not in any locations sheet`, 'warning');
    }
    const content = [d.unitId, type, locationId ?? d.label, d.baseName, d.firstCited, d.firstCitedIsFounding, d.lastCited, d.lastCitedOpen].join('|');
    const same = byContent.get(content);
    if (same) {
      for (const k of ['location', 'baseName', 'firstCited', 'lastCited'] as const) mergeEvidence(same.evidence[k], d.evidence[k]);
      same.sources = unionSources(...Object.values(same.evidence));
      same.confidence = same.evidence.location.confidence;
      same.where.rows.push(r.row);
      continue;
    }
    const natural = [d.unitId, type, locationId ?? d.label ?? d.baseName ?? '', d.firstCited ?? ''].join('|');
    const n = (keyCount.get(natural) ?? 0) + 1;
    keyCount.set(natural, n);
    const loc: SfmUnitLocation = {
      key: n > 1 ? `${natural}#${n}` : natural,
      unitId: d.unitId,
      type,
      baseName: d.baseName,
      locationLabel: d.label,
      locationId,
      firstCited: d.firstCited,
      firstCitedIsFounding: d.firstCitedIsFounding,
      lastCited: d.lastCited,
      lastCitedOpen: d.lastCitedOpen,
      sources: unionSources(...Object.values(d.evidence)),
      confidence: d.evidence.location.confidence,
      evidence: d.evidence,
      where: { sheet: r.sheet, rows: [r.row] },
    };
    byContent.set(content, loc);
    out.push(loc);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// locations sheet

function readLocationRow(r: RowReader): SfmLocation | null {
  const id = r.id('location:id:admin');
  if (!id) {
    r.problem('location:id:admin', 'location.missing_id', 'row has no location:id:admin; row not read', 'error');
    return null;
  }
  if (!isUuid(id)) r.problem('location:id:admin', 'id.not_uuid', `location id "${id}" is not a UUID`, 'warning');
  const name = r.text('location:name');
  if (!name) r.problem('location:name', 'location.missing_name', `location ${id} has no name`, 'error');
  const adminLevels: { level: number; name: string }[] = [];
  for (let level = 0; level <= 10; level++) {
    const v = r.text(`location:admin_level_${level}`);
    if (v) adminLevels.push({ level, name: v });
  }
  const country = r.text('location:country');
  return {
    id,
    name: name ?? '',
    label: r.text('location:humane_id:admin'),
    geoType: r.text('location:geo_type'),
    origin: r.text('location:origin'),
    osmId: r.text('location:id'),
    country: country ? country.toLowerCase() : null,
    adminLevel: r.text('location:admin_level'),
    adminLevels,
    where: { sheet: r.sheet, rows: [r.row] },
  };
}

// ---------------------------------------------------------------------------------------------------
// persons and postings

function readPersonRow(r: RowReader, p: SfmPerson, m: ScalarMerger): { r: RowReader; posting: SfmPosting; unitIdRaw: string } | null {
  p.where.rows.push(r.row);
  p.name = m.take('name', r.text('person:name'), r, 'person:name', 'name') ?? '';
  mergeList(p.otherNames, r.list('person:other_names'), true);
  p.otherNames = p.otherNames.filter((n) => lower(n) !== lower(p.name));
  const country = r.text('person:country');
  p.country = m.take('country', country ? country.toLowerCase() : null, r, 'person:country', 'country');
  const note = r.text('person:notes:admin');
  if (note) mergeList(p.notes, [note]);
  mergeEvidence(p.evidence.name, r.evidence('person:name'));
  mergeEvidence(p.evidence.otherNames, r.evidence('person:other_names'));
  mergeEvidence(p.evidence.country, r.evidence('person:country'));

  const unitIdRaw = r.id('person:posting_unit_id:admin');
  const unitName = r.text('person:posting_unit_name', 'person:posting_unit', 'person:posting');
  const role = r.text('person:posting_role');
  const title = r.text('person:posting_title');
  const rank = r.text('person:posting_rank');
  const f = 'person:posting_first_cited_date';
  const l = 'person:posting_last_cited_date';
  const firstCited = r.date(f);
  const lastCited = r.date(l);
  const firstCitedIsStart = r.yesNo(`${f}_start`);
  const lastCitedIsEnd = r.yesNo(`${l}_end`);
  if (!unitIdRaw && !unitName) {
    if (role || title || rank || firstCited || lastCited) {
      r.problem('person:posting_unit_id:admin', 'posting.missing_unit', 'posting details are given without a unit; posting not read', 'error');
    }
    return null;
  }
  r.checkRange(firstCited, lastCited, l);
  const evidence: SfmPosting['evidence'] = {
    unit: r.evidence('person:posting', 'person:posting_unit_name', 'person:posting_unit'),
    role: r.evidence('person:posting_role'),
    title: r.evidence('person:posting_title'),
    rank: r.evidence('person:posting_rank'),
    firstCited: r.evidence(f),
    lastCited: r.evidence(l),
  };
  return {
    r,
    unitIdRaw,
    posting: {
      key: '',
      personId: p.id,
      unitId: unitIdRaw,
      unitName,
      role,
      title,
      rank,
      rankKey: rankKey(rank),
      firstCited,
      firstCitedIsStart,
      lastCited,
      lastCitedIsEnd,
      sources: unionSources(...Object.values(evidence)),
      confidence: evidence.unit.confidence,
      evidence,
      where: { sheet: r.sheet, rows: [r.row] },
    },
  };
}

function resolvePostings(drafts: { r: RowReader; posting: SfmPosting; unitIdRaw: string }[], unitById: Map<string, SfmUnit>, names: NameIndex): SfmPosting[] {
  const out: SfmPosting[] = [];
  const byContent = new Map<string, SfmPosting>();
  const keyCount = new Map<string, number>();
  for (const { r, posting: p, unitIdRaw } of drafts) {
    let unitId = unitIdRaw;
    if (!unitId) {
      const byName = names.unique(p.unitName);
      if (!byName) {
        r.problem('person:posting_unit_id:admin', 'posting.missing_unit_id', `posting unit "${p.unitName}" has no person:posting_unit_id:admin and its name matches no single unit; posting not read`, 'error');
        continue;
      }
      r.problem('person:posting_unit_id:admin', 'posting.resolved_by_name', `posting unit "${p.unitName}" has no id; linked by name to unit ${byName}`, 'warning');
      unitId = byName;
    }
    const unit = unitById.get(unitId);
    if (!unit) {
      r.problem('person:posting_unit_id:admin', 'posting.unknown_unit', `posting unit ${unitId}${p.unitName ? ` ("${p.unitName}")` : ''} is not in any units sheet; posting not read`, 'error');
      continue;
    }
    if (unit.placeholder) {
      r.problem('person:posting_unit_id:admin', 'posting.placeholder_unit', `unit ${unitId} ("${unit.name}") is a Placeholder; placeholders hold no postings; posting not read`, 'error');
      continue;
    }
    if (p.unitName && !names.knows(unitId, p.unitName)) {
      r.problem('person:posting_unit_name', 'unit.name_mismatch', `"${p.unitName}" is not a name of unit ${unitId} ("${unit.name}")`, 'warning');
    }
    p.unitId = unitId;
    const content = [p.personId, unitId, p.role, p.title, p.rank, p.firstCited, p.firstCitedIsStart, p.lastCited, p.lastCitedIsEnd].join('|');
    const same = byContent.get(content);
    if (same) {
      for (const k of Object.keys(same.evidence) as (keyof SfmPosting['evidence'])[]) mergeEvidence(same.evidence[k], p.evidence[k]);
      same.sources = unionSources(...Object.values(same.evidence));
      same.where.rows.push(r.row);
      continue;
    }
    const natural = [p.personId, unitId, foldKey(p.role) ?? '', p.firstCited ?? ''].join('|');
    const n = (keyCount.get(natural) ?? 0) + 1;
    keyCount.set(natural, n);
    p.key = n > 1 ? `${natural}#${n}` : natural;
    byContent.set(content, p);
    out.push(p);
  }
  return out;
}

function readPersonExtraRow(r: RowReader, personById: Map<string, SfmPerson>, mergers: Map<string, ScalarMerger>): void {
  const id = normaliseId(r.text('person_extra:id:admin', 'person:id:admin'));
  const idCol = r.col('person_extra:id:admin', 'person:id:admin');
  if (!id) {
    r.problem(idCol, 'person.missing_id', 'row has no person id; row not read', 'error');
    return;
  }
  const person = personById.get(id);
  if (!person) {
    r.problem(idCol, 'person_extra.unknown_person', `person ${id} is not in any persons sheet; row not read`, 'error');
    return;
  }
  const name = r.text('person_extra:name', 'person:name');
  if (name && foldKey(name) !== foldKey(person.name) && !person.otherNames.some((n) => foldKey(n) === foldKey(name))) {
    r.problem(r.col('person_extra:name', 'person:name'), 'person.name_mismatch', `"${name}" is not a name of person ${id} ("${person.name}")`, 'warning');
  }
  const ex: SfmPersonExtra = person.extra ?? {
    gender: null, dateOfBirth: null, deceased: null, dateOfDeath: null, accountType: null, accountId: null,
    externalLinkDescription: null, mediaDescription: null, notes: [],
    evidence: { gender: emptyEvidence(), dateOfBirth: emptyEvidence(), deceased: emptyEvidence(), dateOfDeath: emptyEvidence(), account: emptyEvidence(), externalLink: emptyEvidence(), media: emptyEvidence() },
    where: { sheet: r.sheet, rows: [] },
  };
  person.extra = ex;
  ex.where.rows.push(r.row);
  let m = mergers.get(id);
  if (!m) mergers.set(id, (m = new ScalarMerger('person', id)));
  const dod = r.col('person_extra:date_of_death', 'person_extra:deceased_date');
  ex.gender = m.take('gender', r.text('person_extra:gender'), r, 'person_extra:gender', 'gender');
  ex.dateOfBirth = m.take('dateOfBirth', r.date('person_extra:date_of_birth'), r, 'person_extra:date_of_birth', 'date of birth');
  ex.dateOfDeath = m.take('dateOfDeath', r.date(dod), r, dod, 'date of death');
  ex.deceased = r.yesNo('person_extra:deceased') ?? ex.deceased;
  ex.accountType = r.text('person_extra:account_type') ?? ex.accountType;
  ex.accountId = r.text('person_extra:account_id') ?? ex.accountId;
  ex.externalLinkDescription = r.text('person_extra:external_link_description') ?? ex.externalLinkDescription;
  ex.mediaDescription = r.text('person_extra:media_desc', 'person_extra:media_description') ?? ex.mediaDescription;
  const note = r.text('person_extra:notes:admin', 'person_extra:notes');
  if (note) mergeList(ex.notes, [note]);
  mergeEvidence(ex.evidence.gender, r.evidence('person_extra:gender'));
  mergeEvidence(ex.evidence.dateOfBirth, r.evidence('person_extra:date_of_birth'));
  mergeEvidence(ex.evidence.deceased, r.evidence('person_extra:deceased'));
  mergeEvidence(ex.evidence.dateOfDeath, r.evidence('person_extra:date_of_death', 'person_extra:deceased_date'));
  mergeEvidence(ex.evidence.account, r.evidence('person_extra:account'));
  // the published layout spells these both ways: external_link:source and external_link_source
  const link = r.evidence('person_extra:external_link');
  mergeList(link.sources, r.list('person_extra:external_link_source'));
  link.confidence ??= r.confidence('person_extra:external_link_confidence');
  mergeEvidence(ex.evidence.externalLink, link);
  mergeEvidence(ex.evidence.media, r.evidence('person_extra:media'));
}

// ---------------------------------------------------------------------------------------------------
// incidents

const INCIDENT_SCALARS: [keyof SfmIncident, string][] = [
  ['startDate', 'incident:start_date'],
  ['endDate', 'incident:end_date'],
  ['pubDate', 'incident:pub_date'],
  ['updateDate', 'incident:update_date'],
  ['locationDescription', 'incident:location_description'],
  ['locationLabel', 'incident:location'],
  ['violationType', 'incident:violation_type'],
  ['description', 'incident:violation_description'],
];

function mergeRefs(into: SfmRef[], more: SfmRef[]): void {
  for (const m of more) {
    if (!into.some((x) => x.id === m.id && foldKey(x.name) === foldKey(m.name))) into.push(m);
  }
}

interface IncidentContext {
  unitById: Map<string, SfmUnit>;
  unitNames: NameIndex;
  personById: Map<string, SfmPerson>;
  personNames: NameIndex;
  locationById: Map<string, SfmLocation> | null;
}

function pairRefs(r: RowReader, idCol: string, nameCols: string[], what: string): SfmRef[] {
  const ids = r.list(idCol).map(normaliseId);
  const nameCol = r.col(...nameCols);
  const names = r.list(nameCol);
  if (ids.length && names.length && ids.length !== names.length) {
    r.problem(idCol, 'incident.perpetrator_mismatch', `${ids.length} ${what} id(s) but ${names.length} name(s) in ${nameCol}; paired in order`, 'warning');
  }
  const n = Math.max(ids.length, names.length);
  const out: SfmRef[] = [];
  for (let i = 0; i < n; i++) out.push({ id: ids[i] ?? null, name: names[i] ?? null });
  return out;
}

function readIncidentRow(r: RowReader, ctx: IncidentContext): SfmIncident | null {
  const id = r.id('incident:id:admin');
  if (!id) {
    r.problem('incident:id:admin', 'incident.missing_id', 'row has no incident:id:admin; row not read', 'error');
    return null;
  }
  const startDate = r.date('incident:start_date');
  const endDate = r.date('incident:end_date');
  r.checkRange(startDate, endDate, 'incident:end_date');
  const locationLabel = r.text('incident:location');
  const locationId = uuidAtEnd(locationLabel);
  if (locationId && ctx.locationById && !ctx.locationById.has(locationId)) {
    r.problem('incident:location', 'location.unknown', `location ${locationId} is not in any locations sheet`, 'warning');
  }

  const units: SfmRef[] = [];
  for (const ref of pairRefs(r, 'incident:perpetrator_unit_id:admin', ['incident:perpetrator_unit_name', 'incident:perpetrator_unit'], 'unit')) {
    if (!ref.id) {
      const byName = ctx.unitNames.unique(ref.name);
      if (byName) {
        r.problem('incident:perpetrator_unit_id:admin', 'incident.resolved_by_name', `perpetrator unit "${ref.name}" has no id; linked by name to unit ${byName}`, 'warning');
        ref.id = byName;
      }
    }
    if (ref.id) {
      const unit = ctx.unitById.get(ref.id);
      if (!unit) {
        r.problem('incident:perpetrator_unit_id:admin', 'incident.unknown_unit', `perpetrator unit ${ref.id}${ref.name ? ` ("${ref.name}")` : ''} is not in any units sheet; kept as a name only`, 'error');
        ref.id = null;
      } else if (unit.placeholder) {
        r.problem('incident:perpetrator_unit_id:admin', 'incident.placeholder_unit', `unit ${ref.id} ("${unit.name}") is a Placeholder and cannot be a perpetrator; attribution not read`, 'error');
        continue;
      } else if (ref.name && !ctx.unitNames.knows(ref.id, ref.name)) {
        r.problem(r.col('incident:perpetrator_unit_name', 'incident:perpetrator_unit'), 'unit.name_mismatch', `"${ref.name}" is not a name of unit ${ref.id} ("${unit.name}")`, 'warning');
      }
    }
    mergeRefs(units, [ref]);
  }

  const persons: SfmRef[] = [];
  for (const ref of pairRefs(r, 'incident:perpetrator_person_id:admin', ['incident:perpetrator_person_name', 'incident:perpetrator_name'], 'person')) {
    if (!ref.id) {
      const byName = ctx.personNames.unique(ref.name);
      if (byName) {
        r.problem('incident:perpetrator_person_id:admin', 'incident.resolved_by_name', `perpetrator "${ref.name}" has no id; linked by name to person ${byName}`, 'warning');
        ref.id = byName;
      }
    }
    if (ref.id) {
      const person = ctx.personById.get(ref.id);
      if (!person) {
        r.problem('incident:perpetrator_person_id:admin', 'incident.unknown_person', `perpetrator ${ref.id}${ref.name ? ` ("${ref.name}")` : ''} is not in any persons sheet; kept as a name only`, 'error');
        ref.id = null;
      } else if (ref.name && !ctx.personNames.knows(ref.id, ref.name)) {
        r.problem(r.col('incident:perpetrator_person_name', 'incident:perpetrator_name'), 'person.name_mismatch', `"${ref.name}" is not a name of person ${ref.id} ("${person.name}")`, 'warning');
      }
    }
    mergeRefs(persons, [ref]);
  }

  const sources: string[] = [];
  for (const col of r.cells.keys()) {
    if (col.endsWith(':source') || col.endsWith(':sources')) mergeList(sources, r.list(col).map(normaliseId));
  }
  const violationType = r.text('incident:violation_type');
  return {
    id,
    startDate,
    endDate,
    pubDate: r.date('incident:pub_date'),
    updateDate: r.date('incident:update_date'),
    locationDescription: r.text('incident:location_description'),
    locationLabel,
    locationId,
    violationType,
    violationTypes: r.list('incident:violation_type'),
    description: r.text('incident:violation_description'),
    perpetratorPersons: persons,
    perpetratorUnits: units,
    perpetratorClassifications: r.list('incident:perpetrator_classification'),
    sources,
    where: { sheet: r.sheet, rows: [r.row] },
  };
}
