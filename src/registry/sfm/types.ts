/**
 * What the Security Force Monitor (WhoWasInCommand) research workbook parser returns.
 *
 * The workbook records facts, not entities: one units row per fact about a unit, one persons row per
 * posting. The parser merges the rows back into units and persons, keeps every relation, location and
 * posting as its own dated record, and attaches to each value the sources and confidence the
 * researchers gave it. Dates are partial-date text ('2015', '2015-03', '2015-03-20'): never more
 * precise than the workbook.
 *
 * Problems never throw: each is reported with the sheet, the spreadsheet row (header = 1) and the
 * column. Severity `error`: the row breaks the workbook's rules and what could not be read is left out
 * (a field left empty, a link or a whole record dropped, as the message says). `warning`: taken in,
 * but a researcher should look (conflicting repeated values, a link resolved by name, …).
 */

/** Confidence a researcher gave a value. */
export type SfmConfidence = 'low' | 'medium' | 'high';

/**
 * Meaning of a last-cited date, from the `_open` column:
 * `ongoing` (`Y`): assumed still true after the last citation;
 * `ended` (`N`): no longer assumed true, but the end date is unknown (the last citation is a lower bound);
 * `exact_end` (`E`): the last-cited date is the exact end.
 */
export type SfmOpenState = 'ongoing' | 'ended' | 'exact_end';

/** Sources and confidence of one value. `sources` are the source ids, as written, deduplicated. */
export interface SfmEvidence {
  sources: string[];
  confidence: SfmConfidence | null;
}

/** Where a record came from: sheet name and spreadsheet row numbers (header = 1). */
export interface SfmWhere {
  sheet: string;
  rows: number[];
}

export type SfmSheetKind = 'units' | 'persons' | 'persons_extra' | 'incidents' | 'locations';

export interface SfmUnit {
  /** `unit:id:admin`, the stable UUID. */
  id: string;
  name: string;
  /** `unit:other_names`, split on `;`, deduplicated ignoring case; the canonical name itself (ignoring case) left out. */
  otherNames: string[];
  /** `unit:classification`, split on `;`, as written (e.g. ['Gendarmerie', 'Military']). */
  classifications: string[];
  /** True when a classification is `Placeholder`: a stand-in for an unknown unit bridging a gap. */
  placeholder: boolean;
  /** ISO 3166 alpha-2, lower case (the workbook's `unit:country`). */
  country: string | null;
  firstCited: string | null;
  /** `unit:first_cited_date_start`: true = the date is the unit's founding; null when not given. */
  firstCitedIsFounding: boolean | null;
  lastCited: string | null;
  lastCitedOpen: SfmOpenState | null;
  /** `unit:notes:admin`, deduplicated. Bookkeeping; not for publication. */
  notes: string[];
  evidence: {
    name: SfmEvidence;
    otherNames: SfmEvidence;
    classifications: SfmEvidence;
    country: SfmEvidence;
    firstCited: SfmEvidence;
    lastCited: SfmEvidence;
  };
  where: SfmWhere;
}

export type SfmRelationType = 'child' | 'member';

/**
 * A dated relation from `unitId` to `relatedUnitId`: `child` = unitId is immediately subordinate to
 * relatedUnitId (command hierarchy); `member` = unitId is a member of relatedUnitId (joint task force,
 * operation, peacekeeping mission): membership, not command.
 */
export interface SfmUnitRelation {
  /** Natural key, stable across re-imports while unit, type, related unit and first date do not change. */
  key: string;
  unitId: string;
  type: SfmRelationType;
  relatedUnitId: string;
  /** The related unit's name as written on the row. */
  relatedUnitName: string | null;
  /** `unit:related_unit_class`: Command, Administrative, Informal (free text). */
  relationClass: string | null;
  firstCited: string | null;
  /** `unit:related_unit_first_cited_date_start`: true = the relation began on that date. */
  firstCitedIsStart: boolean | null;
  lastCited: string | null;
  lastCitedOpen: SfmOpenState | null;
  /** Union of the relation's source ids (related unit, class and both dates). */
  sources: string[];
  /** Confidence of the relation itself (`unit:related_unit:confidence`). */
  confidence: SfmConfidence | null;
  evidence: { relatedUnit: SfmEvidence; relationClass: SfmEvidence; firstCited: SfmEvidence; lastCited: SfmEvidence };
  where: SfmWhere;
}

export type SfmLocationType = 'site' | 'aoo';

/** A unit's site (base, camp, post) or area of operations, dated. */
export interface SfmUnitLocation {
  /** Natural key: unit, type, location (id or label) and first date. */
  key: string;
  unitId: string;
  type: SfmLocationType;
  baseName: string | null;
  /** `unit:location` as written, e.g. 'Mbéto (osm, point) 5c2…'. */
  locationLabel: string | null;
  /** The UUID at the end of the label (a `location:id:admin`), lower case; null when the label has none. */
  locationId: string | null;
  firstCited: string | null;
  /** `unit:location_first_cited_date_founding` (or `_start`): true = the site was founded on that date. */
  firstCitedIsFounding: boolean | null;
  lastCited: string | null;
  lastCitedOpen: SfmOpenState | null;
  sources: string[];
  confidence: SfmConfidence | null;
  evidence: { location: SfmEvidence; baseName: SfmEvidence; firstCited: SfmEvidence; lastCited: SfmEvidence };
  where: SfmWhere;
}

/** `<cc>_persons_extra`: biographical data, one row per person (merged if repeated). */
export interface SfmPersonExtra {
  gender: string | null;
  dateOfBirth: string | null;
  deceased: boolean | null;
  dateOfDeath: string | null;
  accountType: string | null;
  accountId: string | null;
  externalLinkDescription: string | null;
  mediaDescription: string | null;
  notes: string[];
  evidence: { gender: SfmEvidence; dateOfBirth: SfmEvidence; deceased: SfmEvidence; dateOfDeath: SfmEvidence; account: SfmEvidence; externalLink: SfmEvidence; media: SfmEvidence };
  where: SfmWhere;
}

export interface SfmPerson {
  /** `person:id:admin`, the stable UUID. */
  id: string;
  name: string;
  otherNames: string[];
  country: string | null;
  notes: string[];
  evidence: { name: SfmEvidence; otherNames: SfmEvidence; country: SfmEvidence };
  /** From the persons_extra sheet, when it has a row for this person. */
  extra: SfmPersonExtra | null;
  where: SfmWhere;
}

/** One posting of a person in a unit (one persons row). */
export interface SfmPosting {
  /** Natural key: person, unit, role (normalised) and first date; `#2`… appended for true duplicates. */
  key: string;
  personId: string;
  unitId: string;
  /** The unit's name as written on the row. */
  unitName: string | null;
  /** e.g. 'Commander', "Chef d'Etat-major", 'adjoint au commandant'. */
  role: string | null;
  title: string | null;
  /** Rank as the source wrote it (accents and case kept), e.g. 'Colonel-Major'. */
  rank: string | null;
  /** Rank folded for comparison: lower case, accents removed, hyphens and spaces folded ('colonel major'). */
  rankKey: string | null;
  firstCited: string | null;
  /** `person:posting_first_cited_date_start`: true = the posting began on that date. */
  firstCitedIsStart: boolean | null;
  lastCited: string | null;
  /** `person:posting_last_cited_date_end`: true = the posting ended on that date. */
  lastCitedIsEnd: boolean | null;
  /** Union of the row's posting source ids (unit, role, title, rank, dates). */
  sources: string[];
  /** Confidence of the posting itself (`person:posting:confidence` or `person:posting_unit_name:confidence`). */
  confidence: SfmConfidence | null;
  evidence: { unit: SfmEvidence; role: SfmEvidence; title: SfmEvidence; rank: SfmEvidence; firstCited: SfmEvidence; lastCited: SfmEvidence };
  where: SfmWhere;
}

/** A perpetrator reference of an incident; `id` null when the workbook named it without a usable id. */
export interface SfmRef {
  id: string | null;
  name: string | null;
}

export interface SfmIncident {
  id: string;
  startDate: string | null;
  endDate: string | null;
  pubDate: string | null;
  updateDate: string | null;
  locationDescription: string | null;
  /** `incident:location` as written (usually a location label ending in its UUID). */
  locationLabel: string | null;
  locationId: string | null;
  /** `incident:violation_type` as written (free text, often French). */
  violationType: string | null;
  /** The same, split on `;`. */
  violationTypes: string[];
  description: string | null;
  /** `incident:perpetrator_person_id:admin` / `_name`, split on `;` and paired by position. */
  perpetratorPersons: SfmRef[];
  /** `incident:perpetrator_unit_id:admin` / `_name`, split on `;` and paired by position. */
  perpetratorUnits: SfmRef[];
  /** `incident:perpetrator_classification`, split on `;` (often only a branch: 'Military'). */
  perpetratorClassifications: string[];
  /** `incident:all:source` plus any per-column source. */
  sources: string[];
  where: SfmWhere;
}

export interface SfmLocation {
  /** `location:id:admin`, the UUID unit and incident location labels end with. */
  id: string;
  name: string;
  /** `location:humane_id:admin` when present (the label other sheets use). */
  label: string | null;
  geoType: string | null;
  origin: string | null;
  /** `location:id`: the id in the origin (OpenStreetMap id), kept as text. */
  osmId: string | null;
  country: string | null;
  adminLevel: string | null;
  /** `location:admin_level_2` … `_10`: labels of the enclosing areas, by level. */
  adminLevels: { level: number; name: string }[];
  where: SfmWhere;
}

export type SfmSeverity = 'error' | 'warning';

export interface SfmProblem {
  /** Sheet name; '' for a problem of the whole workbook. */
  sheet: string;
  /** Spreadsheet row number, header = 1; 0 for a problem of the whole workbook. */
  row: number;
  /** Column name as in the header ('' when the problem concerns the whole row or sheet). */
  column: string;
  /** Stable code for translation and filtering, e.g. 'date.unparseable', 'relation.unknown_unit'. */
  code: string;
  message: string;
  severity: SfmSeverity;
}

/** A sheet as read (the parser's input). Values may be strings or raw exceljs cell values. */
export interface SfmSheetInput {
  name: string;
  rows: Record<string, unknown>[];
}

export interface SfmSheetSummary {
  name: string;
  kind: SfmSheetKind;
  /** The `<cc>` prefix of the sheet name, lower case; null for a bare name such as `units`. */
  country: string | null;
  /** Non-empty data rows. */
  rows: number;
}

export interface SfmParseResult {
  units: SfmUnit[];
  unitRelations: SfmUnitRelation[];
  unitLocations: SfmUnitLocation[];
  persons: SfmPerson[];
  postings: SfmPosting[];
  incidents: SfmIncident[];
  locations: SfmLocation[];
  /** Every source id referenced anywhere, sorted. */
  sources: string[];
  problems: SfmProblem[];
  /** Sheets read, in input order. */
  sheets: SfmSheetSummary[];
  /** Sheets present but not part of the research data (notes, scratch, sources…). */
  ignoredSheets: string[];
}
