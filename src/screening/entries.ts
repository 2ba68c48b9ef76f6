/**
 * Watchlist entries as stored (screening_entries) and as the matcher reads them, with the builders
 * that turn a UN list record, a FollowTheMoney entity or a registry person into the stored columns.
 * Pure module (no I/O).
 */
import { parsePartialDate } from '../platform/dates.ts';
import { canonicalJson, toJsonValue } from '../platform/audit/chain.ts';
import type { FtmEntity } from './ftm.ts';
import type { BirthDate, NameQuality, WatchlistEntry } from './matcher.ts';
import type { UnBirthDate, UnEntity, UnIndividual } from './un-list.ts';

export type NameForm = 'name' | 'original-script' | 'alias' | 'aka' | 'fka' | 'weak-alias' | 'previous-name';

export interface StoredName {
  name: string;
  quality: NameQuality;
  form: NameForm;
  /** A date of birth given with this alias only (UN list). */
  date_of_birth?: string;
  note?: string;
}

export type StoredBirthDate = BirthDate & { note?: string };

export interface EvidenceLink {
  kind: string;
  ref: string;
  note?: string | null;
}

/** The columns of an entry that come from its source (compared on re-import: equal means unchanged). */
export interface DesiredEntry {
  external_id: string;
  entry_type: 'individual' | 'entity';
  name: string;
  names: StoredName[];
  birth_dates: StoredBirthDate[];
  nationalities: string[];
  gender: string | null;
  reference: string | null;
  regime: string | null;
  listed_on: string | null;
  reason: string | null;
  evidence: EvidenceLink[];
  registry_person_id: string | null;
  registry_unit_id: string | null;
  details: Record<string, unknown>;
  /** Only for derived lists (registry): the protection follows the records it comes from. */
  sensitivity?: string;
  compartments?: string[];
}

export const SOURCE_FIELDS = [
  'entry_type', 'name', 'names', 'birth_dates', 'nationalities', 'gender', 'reference', 'regime', 'listed_on', 'reason', 'evidence',
  'registry_person_id', 'registry_unit_id', 'details',
] as const;

export interface EntryRow extends Omit<DesiredEntry, 'sensitivity' | 'compartments'> {
  id: string;
  list_code: string;
  status: 'listed' | 'delisted';
  listed_at: string;
  listed_by: string;
  delisted_at: string | null;
  delisted_by: string | null;
  delisting_reason: string | null;
  sensitivity: string;
  compartments: string[];
  retracted_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(toJsonValue(a ?? null)) === canonicalJson(toJsonValue(b ?? null));
}

/** The source fields that differ between what is stored and what the source now says. */
export function changedFields(stored: Record<string, unknown>, desired: DesiredEntry): string[] {
  const out: string[] = SOURCE_FIELDS.filter((k) => !sameValue(stored[k], desired[k]));
  if (desired.sensitivity !== undefined && stored.sensitivity !== desired.sensitivity) out.push('sensitivity');
  if (desired.compartments !== undefined && !sameValue([...((stored.compartments as string[]) ?? [])].sort(), [...desired.compartments].sort())) out.push('compartments');
  return out;
}

function splitNames(s: string): string[] {
  return s.split(/\s*;\s*/).map((x) => x.trim()).filter(Boolean);
}

function clean<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0))) as T;
}

function unBase(x: UnIndividual | UnEntity) {
  return { reference: x.referenceNumber ?? null, regime: x.unListType ?? null, listed_on: x.listedOn ?? null };
}

/** A UN list individual as stored: good and low-quality aliases kept apart, every date-of-birth form. */
export function unIndividualEntry(ind: UnIndividual): DesiredEntry {
  const names: StoredName[] = [];
  if (ind.name) names.push({ name: ind.name, quality: 'primary', form: 'name' });
  if (ind.nameOriginalScript) names.push({ name: ind.nameOriginalScript, quality: ind.name ? 'good' : 'primary', form: 'original-script' });
  for (const a of ind.aliases) {
    for (const nm of splitNames(a.name)) {
      const n: StoredName = { name: nm, quality: a.quality === 'low' ? 'low' : 'good', form: a.quality === 'low' ? 'weak-alias' : 'alias' };
      if (a.dateOfBirth) n.date_of_birth = a.dateOfBirth;
      if (a.note) n.note = a.note;
      names.push(n);
    }
  }
  return {
    external_id: ind.dataId,
    entry_type: 'individual',
    name: ind.name || ind.nameOriginalScript || ind.dataId,
    names,
    birth_dates: ind.birthDates as StoredBirthDate[],
    nationalities: ind.nationalities,
    gender: ind.gender ?? null,
    ...unBase(ind),
    reason: null,
    evidence: [],
    registry_person_id: null,
    registry_unit_id: null,
    details: clean({
      version: ind.versionNum,
      first_name: ind.firstName,
      second_name: ind.secondName,
      third_name: ind.thirdName,
      fourth_name: ind.fourthName,
      comments: ind.comments,
      titles: ind.titles,
      designations: ind.designations,
      places_of_birth: ind.placesOfBirth,
      addresses: ind.addresses,
      documents: ind.documents,
      last_day_updated: ind.lastDayUpdated,
    }),
  };
}

export function unEntityEntry(ent: UnEntity): DesiredEntry {
  const names: StoredName[] = [{ name: ent.name, quality: 'primary', form: 'name' }];
  if (ent.nameOriginalScript) names.push({ name: ent.nameOriginalScript, quality: 'good', form: 'original-script' });
  for (const a of ent.aliases) {
    const form: NameForm = a.quality === 'fka' ? 'fka' : a.quality === 'low' ? 'weak-alias' : 'aka';
    for (const nm of splitNames(a.name)) names.push(clean({ name: nm, quality: a.quality === 'low' ? 'low' : 'good', form, note: a.note }) as StoredName);
  }
  return {
    external_id: ent.dataId,
    entry_type: 'entity',
    name: ent.name,
    names,
    birth_dates: [],
    nationalities: [],
    gender: null,
    ...unBase(ent),
    reason: null,
    evidence: [],
    registry_person_id: null,
    registry_unit_id: null,
    details: clean({ version: ent.versionNum, comments: ent.comments, addresses: ent.addresses, last_day_updated: ent.lastDayUpdated }),
  };
}

export function ftmEntry(e: FtmEntity): DesiredEntry {
  const names: StoredName[] = [];
  e.names.forEach((n, i) => names.push({ name: n, quality: i === 0 ? 'primary' : 'good', form: 'name' }));
  for (const n of e.aliases) names.push({ name: n, quality: names.length ? 'good' : 'primary', form: 'alias' });
  for (const n of e.previousNames) names.push({ name: n, quality: names.length ? 'good' : 'primary', form: 'previous-name' });
  for (const n of e.weakAliases) names.push({ name: n, quality: names.length ? 'low' : 'primary', form: 'weak-alias' });
  return {
    external_id: e.id,
    entry_type: e.type,
    name: names[0]!.name,
    names,
    birth_dates: e.birthDates.map((d): StoredBirthDate => ({ type: 'exact', date: d })),
    nationalities: e.nationalities,
    gender: e.gender ?? null,
    reference: null,
    regime: null,
    listed_on: null,
    reason: null,
    evidence: [],
    registry_person_id: null,
    registry_unit_id: null,
    details: clean({ schema: e.schema, positions: e.positions, topics: e.topics, datasets: e.datasets }),
  };
}

/** A birth date as a person record or a roster gives it ('1971', '1971-03-04') in the stored form. */
export function birthDateOf(value: string | null | undefined): StoredBirthDate[] {
  const d = value ? parsePartialDate(value) : null;
  if (!d) return [];
  return d.month === undefined ? [{ type: 'year', year: d.year }] : [{ type: 'exact', date: value!.slice(0, 10) }];
}

/** Names of a registry person or unit: the name, other names as aliases, original-script names. */
export function recordNames(name: string, other: string[] = [], script: string[] = [], lowQuality: string[] = []): StoredName[] {
  const seen = new Set<string>();
  const out: StoredName[] = [];
  const add = (n: string, quality: NameQuality, form: NameForm) => {
    const k = n.trim().toLowerCase();
    if (!k || seen.has(k)) return;
    seen.add(k);
    out.push({ name: n.trim(), quality, form });
  };
  add(name, 'primary', 'name');
  for (const n of other) add(n, 'good', 'alias');
  for (const n of script) add(n, 'good', 'original-script');
  for (const n of lowQuality) add(n, 'low', 'weak-alias');
  return out;
}

function stripNote(d: StoredBirthDate): BirthDate {
  const { note: _note, ...rest } = d;
  return rest as BirthDate;
}

/** The matcher's view of a stored entry (its id is the entry's record id). */
export function toWatchlistEntry(row: Pick<EntryRow, 'id' | 'list_code' | 'names' | 'birth_dates' | 'nationalities' | 'gender' | 'entry_type' | 'reference'>): WatchlistEntry {
  const names = (row.names ?? []).map((n) => ({ name: n.name, quality: n.quality }));
  const birthDates: BirthDate[] = (row.birth_dates ?? []).map(stripNote);
  for (const n of row.names ?? []) if (n.date_of_birth && parsePartialDate(n.date_of_birth)) birthDates.push({ type: 'exact', date: n.date_of_birth.slice(0, 10) });
  const e: WatchlistEntry = { list: row.list_code, id: row.id, names, type: row.entry_type };
  if (birthDates.length) e.birthDates = birthDates;
  if (row.nationalities?.length) e.nationalities = row.nationalities;
  if (row.gender) e.gender = row.gender;
  if (row.reference) e.reference = row.reference;
  return e;
}
