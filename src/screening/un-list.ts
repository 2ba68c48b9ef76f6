/**
 * Parser for the UN Security Council Consolidated List (XML): individuals and entities with their
 * names, original-script names, aliases (good and low quality kept apart), dates and places of birth,
 * nationalities and documents. DATAID is the stable id. Elements may appear once, several times or
 * empty; every form is accepted and anything unusable is reported with its line and element.
 *
 * Pure module: takes the XML text, returns typed records and problems.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parsePartialDate } from '../platform/dates.ts';
import type { BirthDate, NameQuality, WatchlistEntry } from './matcher.ts';
import { problem, type ParseProblem } from './problems.ts';

export type UnBirthDate = BirthDate & { note?: string };

export interface UnAlias {
  name: string;
  /** Individuals: 'good' or 'low'; entities: 'aka' (also known as) or 'fka' (formerly known as). */
  quality: 'good' | 'low' | 'aka' | 'fka' | 'unknown';
  note?: string;
  dateOfBirth?: string;
  cityOfBirth?: string;
  countryOfBirth?: string;
}

export interface UnPlace {
  street?: string;
  city?: string;
  stateProvince?: string;
  zipCode?: string;
  country?: string;
  note?: string;
}

export interface UnDocument {
  type?: string;
  type2?: string;
  number?: string;
  issuingCountry?: string;
  countryOfIssue?: string;
  cityOfIssue?: string;
  dateOfIssue?: string;
  note?: string;
}

export interface UnIndividual {
  dataId: string;
  versionNum?: string;
  referenceNumber?: string;
  unListType?: string;
  listedOn?: string;
  firstName?: string;
  secondName?: string;
  thirdName?: string;
  fourthName?: string;
  /** FIRST_NAME … FOURTH_NAME joined with spaces. */
  name: string;
  nameOriginalScript?: string;
  gender?: string;
  comments?: string;
  titles: string[];
  designations: string[];
  nationalities: string[];
  aliases: UnAlias[];
  birthDates: UnBirthDate[];
  placesOfBirth: UnPlace[];
  addresses: UnPlace[];
  documents: UnDocument[];
  lastDayUpdated: string[];
  line?: number;
}

export interface UnEntity {
  dataId: string;
  versionNum?: string;
  referenceNumber?: string;
  unListType?: string;
  listedOn?: string;
  name: string;
  nameOriginalScript?: string;
  comments?: string;
  aliases: UnAlias[];
  addresses: UnPlace[];
  lastDayUpdated: string[];
  line?: number;
}

export interface UnConsolidatedList {
  dateGenerated?: string;
  individuals: UnIndividual[];
  entities: UnEntity[];
  problems: ParseProblem[];
}

const REPEATED = new Set([
  'INDIVIDUAL', 'ENTITY', 'VALUE', 'INDIVIDUAL_ALIAS', 'ENTITY_ALIAS', 'INDIVIDUAL_DATE_OF_BIRTH',
  'INDIVIDUAL_PLACE_OF_BIRTH', 'INDIVIDUAL_DOCUMENT', 'INDIVIDUAL_ADDRESS', 'ENTITY_ADDRESS', 'NATIONALITY',
  'TITLE', 'DESIGNATION', 'LAST_DAY_UPDATED', 'LIST_TYPE',
]);

type Node = Record<string, unknown>;

function asNode(x: unknown): Node | null {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Node) : null;
}

function list(x: unknown): unknown[] {
  if (x === undefined || x === null) return [];
  return Array.isArray(x) ? x : [x];
}

function text(x: unknown): string | undefined {
  if (x === undefined || x === null) return undefined;
  if (typeof x === 'string' || typeof x === 'number') {
    const s = String(x).replace(/\s+/g, ' ').trim();
    return s || undefined;
  }
  const n = asNode(x);
  if (n && '#text' in n) return text(n['#text']);
  return undefined;
}

/** The VALUE children of a wrapper element (NATIONALITY, TITLE, DESIGNATION…), however many wrappers. */
function values(x: unknown): string[] {
  const out: string[] = [];
  for (const w of list(x)) {
    const n = asNode(w);
    if (!n) continue;
    for (const v of list(n.VALUE)) {
      const s = text(v);
      if (s) out.push(s);
    }
  }
  return out;
}

function place(n: Node): UnPlace | null {
  const p: UnPlace = {};
  const set = (k: keyof UnPlace, tag: string) => {
    const v = text(n[tag]);
    if (v) p[k] = v;
  };
  set('street', 'STREET');
  set('city', 'CITY');
  set('stateProvince', 'STATE_PROVINCE');
  set('zipCode', 'ZIP_CODE');
  set('country', 'COUNTRY');
  set('note', 'NOTE');
  return Object.keys(p).length ? p : null;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };

/** "Nov. 1973" → "1973-11"; "Between Aug. and Sep. 1977" → "1977"; otherwise null. */
function dateFromNote(note: string): string | null {
  if (/hijri/i.test(note)) return null;
  const years = note.match(/\b(1[89]\d\d|20\d\d)\b/g);
  if (!years || years.length !== 1) return null;
  const months = [...note.toLowerCase().matchAll(/\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?/g)];
  if (months.length === 1) return `${years[0]}-${String(MONTHS[months[0]![1]!]).padStart(2, '0')}`;
  return years[0]!;
}

function birthDate(n: Node, where: string, line: number | undefined, problems: ParseProblem[]): UnBirthDate | null {
  const type = (text(n.TYPE_OF_DATE) ?? '').toUpperCase();
  const dateText = text(n.DATE);
  const yearText = text(n.YEAR);
  const fromText = text(n.FROM_YEAR);
  const toText = text(n.TO_YEAR);
  const note = text(n.NOTE);
  const withNote = <T extends UnBirthDate>(d: T): T => (note ? { ...d, note } : d);
  const bad = (code: string, params: Record<string, string>) => {
    problems.push(problem(code, params, { line, element: where, severity: 'warning' }));
    return null;
  };
  const year = (s: string | undefined) => (s && /^\d{4}$/.test(s) ? Number(s) : null);
  if (!type && !dateText && !yearText && !fromText && !toText && !note) return null; // empty element
  if (type === 'BETWEEN' || (fromText && toText)) {
    const from = year(fromText);
    const to = year(toText);
    if (from === null || to === null) return bad('un.dob-between', { from: fromText ?? '—', to: toText ?? '—' });
    return withNote({ type: 'between', from, to });
  }
  const approximate = type === 'APPROXIMATELY';
  if (type && type !== 'EXACT' && !approximate) problems.push(problem('un.dob-type', { value: JSON.stringify(type) }, { line, element: where, severity: 'warning' }));
  if (dateText) {
    const p = parsePartialDate(dateText);
    if (!p) return bad('un.dob-date', { value: JSON.stringify(dateText) });
    const iso = dateText.slice(0, 10);
    return approximate ? withNote({ type: 'approximately', year: p.year, date: iso }) : withNote({ type: 'exact', date: iso });
  }
  if (yearText) {
    const y = year(yearText);
    if (y === null) return bad('un.dob-year', { value: JSON.stringify(yearText) });
    return approximate ? withNote({ type: 'approximately', year: y }) : withNote({ type: 'year', year: y });
  }
  if (note) {
    const d = dateFromNote(note);
    if (!d) return bad('un.dob-note', { value: JSON.stringify(note) });
    const p = parsePartialDate(d)!;
    if (approximate) return { type: 'approximately', year: p.year, ...(p.month ? { date: d } : {}), note };
    return p.month ? { type: 'exact', date: d, note } : { type: 'year', year: p.year, note };
  }
  return null; // a bare TYPE_OF_DATE with nothing else
}

function aliases(x: unknown, entity: boolean, where: string, line: number | undefined, problems: ParseProblem[]): UnAlias[] {
  const out: UnAlias[] = [];
  let k = 0;
  for (const a of list(x)) {
    k++;
    const n = asNode(a);
    if (!n) continue;
    const name = text(n.ALIAS_NAME);
    const q = (text(n.QUALITY) ?? '').toLowerCase();
    if (!name) {
      if (q) problems.push(problem('un.alias-no-name', {}, { line, element: `${where}/${entity ? 'ENTITY' : 'INDIVIDUAL'}_ALIAS[${k}]`, severity: 'warning' }));
      continue;
    }
    let quality: UnAlias['quality'];
    if (q === 'good') quality = 'good';
    else if (q === 'low') quality = 'low';
    else if (q === 'a.k.a.' || q === 'aka') quality = 'aka';
    else if (q === 'f.k.a.' || q === 'fka') quality = 'fka';
    else quality = 'unknown';
    const alias: UnAlias = { name, quality };
    const note = text(n.NOTE);
    if (note) alias.note = note;
    const dob = text(n.DATE_OF_BIRTH);
    if (dob) alias.dateOfBirth = dob;
    const city = text(n.CITY_OF_BIRTH);
    if (city) alias.cityOfBirth = city;
    const country = text(n.COUNTRY_OF_BIRTH);
    if (country) alias.countryOfBirth = country;
    out.push(alias);
  }
  return out;
}

/** Line (1-based) of each occurrence of `<TAG>` or `<TAG …>`, in document order. */
function lineStarts(xml: string, tag: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`<${tag}[\\s>/]`, 'g');
  let line = 1;
  let pos = 0;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    for (let i = pos; i < m.index; i++) if (xml.charCodeAt(i) === 10) line++;
    pos = m.index;
    out.push(line);
  }
  return out;
}

/** Parses the consolidated list. Never throws on content; a document that is not XML yields one problem. */
export function parseUnConsolidatedList(input: string | Buffer): UnConsolidatedList {
  const xml = typeof input === 'string' ? input : input.toString('utf8');
  const problems: ParseProblem[] = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    problems.push(problem('xml.malformed', { detail: valid.err.msg }, { line: valid.err.line, severity: 'error' }));
    return { individuals: [], entities: [], problems };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => REPEATED.has(name),
  });
  const doc = asNode(parser.parse(xml));
  const root = asNode(doc?.CONSOLIDATED_LIST);
  if (!root) {
    problems.push(problem('un.not-list', {}, { line: 1, severity: 'error' }));
    return { individuals: [], entities: [], problems };
  }
  const dateGenerated = text(root['@dateGenerated']);
  const indLines = lineStarts(xml, 'INDIVIDUAL');
  const entLines = lineStarts(xml, 'ENTITY');

  const individuals: UnIndividual[] = [];
  const seen = new Set<string>();
  list(asNode(root.INDIVIDUALS)?.INDIVIDUAL).forEach((raw, i) => {
    const n = asNode(raw);
    const line = indLines[i];
    if (!n) return;
    const dataId = text(n.DATAID);
    const where = `INDIVIDUAL[${dataId ? `DATAID=${dataId}` : i + 1}]`;
    if (!dataId) {
      problems.push(problem('un.no-dataid', { kind: 'INDIVIDUAL' }, { line, element: where, severity: 'error' }));
      return;
    }
    if (seen.has(dataId)) problems.push(problem('un.duplicate-dataid', { id: dataId }, { line, element: where, severity: 'warning' }));
    seen.add(dataId);
    const firstName = text(n.FIRST_NAME);
    const secondName = text(n.SECOND_NAME);
    const thirdName = text(n.THIRD_NAME);
    const fourthName = text(n.FOURTH_NAME);
    const name = [firstName, secondName, thirdName, fourthName].filter(Boolean).join(' ');
    const nameOriginalScript = text(n.NAME_ORIGINAL_SCRIPT);
    if (!name && !nameOriginalScript) {
      problems.push(problem('un.no-name', {}, { line, element: where, severity: 'error' }));
      return;
    }
    const birthDates: UnBirthDate[] = [];
    list(n.INDIVIDUAL_DATE_OF_BIRTH).forEach((d, k) => {
      const dn = asNode(d);
      if (!dn) return;
      const b = birthDate(dn, `${where}/INDIVIDUAL_DATE_OF_BIRTH[${k + 1}]`, line, problems);
      if (b) birthDates.push(b);
    });
    const ind: UnIndividual = {
      dataId,
      name,
      titles: values(n.TITLE),
      designations: values(n.DESIGNATION),
      nationalities: values(n.NATIONALITY).filter((v) => v.toLowerCase() !== 'na'),
      aliases: aliases(n.INDIVIDUAL_ALIAS, false, where, line, problems),
      birthDates,
      placesOfBirth: list(n.INDIVIDUAL_PLACE_OF_BIRTH).map(asNode).filter((x): x is Node => !!x).map(place).filter((x): x is UnPlace => !!x),
      addresses: list(n.INDIVIDUAL_ADDRESS).map(asNode).filter((x): x is Node => !!x).map(place).filter((x): x is UnPlace => !!x),
      documents: list(n.INDIVIDUAL_DOCUMENT).map(asNode).filter((x): x is Node => !!x).map(document).filter((x): x is UnDocument => !!x),
      lastDayUpdated: values(n.LAST_DAY_UPDATED),
    };
    if (line !== undefined) ind.line = line;
    const opt = { versionNum: text(n.VERSIONNUM), referenceNumber: text(n.REFERENCE_NUMBER), unListType: text(n.UN_LIST_TYPE), listedOn: text(n.LISTED_ON), firstName, secondName, thirdName, fourthName, nameOriginalScript, gender: text(n.GENDER), comments: text(n.COMMENTS1) };
    for (const [k, v] of Object.entries(opt)) if (v !== undefined) (ind as unknown as Record<string, unknown>)[k] = v;
    individuals.push(ind);
  });

  const entities: UnEntity[] = [];
  list(asNode(root.ENTITIES)?.ENTITY).forEach((raw, i) => {
    const n = asNode(raw);
    const line = entLines[i];
    if (!n) return;
    const dataId = text(n.DATAID);
    const where = `ENTITY[${dataId ? `DATAID=${dataId}` : i + 1}]`;
    if (!dataId) {
      problems.push(problem('un.no-dataid', { kind: 'ENTITY' }, { line, element: where, severity: 'error' }));
      return;
    }
    if (seen.has(dataId)) problems.push(problem('un.duplicate-dataid', { id: dataId }, { line, element: where, severity: 'warning' }));
    seen.add(dataId);
    const name = text(n.FIRST_NAME);
    if (!name) {
      problems.push(problem('un.entity-no-name', {}, { line, element: where, severity: 'error' }));
      return;
    }
    const ent: UnEntity = {
      dataId,
      name,
      aliases: aliases(n.ENTITY_ALIAS, true, where, line, problems),
      addresses: list(n.ENTITY_ADDRESS).map(asNode).filter((x): x is Node => !!x).map(place).filter((x): x is UnPlace => !!x),
      lastDayUpdated: values(n.LAST_DAY_UPDATED),
    };
    if (line !== undefined) ent.line = line;
    const opt = { versionNum: text(n.VERSIONNUM), referenceNumber: text(n.REFERENCE_NUMBER), unListType: text(n.UN_LIST_TYPE), listedOn: text(n.LISTED_ON), nameOriginalScript: text(n.NAME_ORIGINAL_SCRIPT), comments: text(n.COMMENTS1) };
    for (const [k, v] of Object.entries(opt)) if (v !== undefined) (ent as unknown as Record<string, unknown>)[k] = v;
    entities.push(ent);
  });

  const result: UnConsolidatedList = { individuals, entities, problems };
  if (dateGenerated) result.dateGenerated = dateGenerated;
  return result;
}

function document(n: Node): UnDocument | null {
  const d: UnDocument = {};
  const set = (k: keyof UnDocument, tag: string) => {
    const v = text(n[tag]);
    if (v) d[k] = v;
  };
  set('type', 'TYPE_OF_DOCUMENT');
  set('type2', 'TYPE_OF_DOCUMENT2');
  set('number', 'NUMBER');
  set('issuingCountry', 'ISSUING_COUNTRY');
  set('countryOfIssue', 'COUNTRY_OF_ISSUE');
  set('cityOfIssue', 'CITY_OF_ISSUE');
  set('dateOfIssue', 'DATE_OF_ISSUE');
  set('note', 'NOTE');
  return Object.keys(d).length ? d : null;
}

/** An alias field may hold several names separated by semicolons ("Zolqadr; Zolkadr"). */
function splitNames(s: string): string[] {
  return s.split(/\s*;\s*/).map((x) => x.trim()).filter(Boolean);
}

function aliasQuality(q: UnAlias['quality']): NameQuality {
  return q === 'low' ? 'low' : 'good';
}

/** Watchlist entries (individuals then entities) for the matcher. */
export function unToWatchlistEntries(parsed: UnConsolidatedList, list = 'un-sc'): WatchlistEntry[] {
  const out: WatchlistEntry[] = [];
  for (const ind of parsed.individuals) {
    const names: WatchlistEntry['names'] = [];
    if (ind.name) names.push({ name: ind.name, quality: 'primary' });
    if (ind.nameOriginalScript) names.push({ name: ind.nameOriginalScript, quality: ind.name ? 'good' : 'primary' });
    for (const a of ind.aliases) for (const nm of splitNames(a.name)) names.push({ name: nm, quality: aliasQuality(a.quality) });
    const birthDates: BirthDate[] = ind.birthDates.map(stripNote);
    for (const a of ind.aliases) {
      if (a.dateOfBirth && parsePartialDate(a.dateOfBirth)) birthDates.push({ type: 'exact', date: a.dateOfBirth.slice(0, 10) });
    }
    const e: WatchlistEntry = { list, id: ind.dataId, names, type: 'individual' };
    if (ind.referenceNumber) e.reference = ind.referenceNumber;
    if (birthDates.length) e.birthDates = birthDates;
    if (ind.nationalities.length) e.nationalities = ind.nationalities;
    if (ind.gender) e.gender = ind.gender;
    out.push(e);
  }
  for (const ent of parsed.entities) {
    const names: WatchlistEntry['names'] = [{ name: ent.name, quality: 'primary' }];
    if (ent.nameOriginalScript) names.push({ name: ent.nameOriginalScript, quality: 'good' });
    for (const a of ent.aliases) for (const nm of splitNames(a.name)) names.push({ name: nm, quality: aliasQuality(a.quality) });
    const e: WatchlistEntry = { list, id: ent.dataId, names, type: 'entity' };
    if (ent.referenceNumber) e.reference = ent.referenceNumber;
    out.push(e);
  }
  return out;
}

function stripNote(d: UnBirthDate): BirthDate {
  const { note: _note, ...rest } = d;
  return rest as BirthDate;
}
