/**
 * Name screening: the service other domains call (never the tables).
 *
 * Watchlists (screening_lists) hold entries (screening_entries): the UN Security Council Consolidated
 * List ('un'), FollowTheMoney imports ('ftm' or a code given at import), the mission's own list
 * ('mission') and the registry's implicit list ('registry': persons linked to grave violations). Every
 * change of a list's entries raises its content_version; the matcher index of a list is built once per
 * content version (and matching configuration) and kept in this process; earlier screenings are
 * re-run against the new version, and hits they did not have raise reviews.
 *
 * Reads:
 *   screenPerson(ctx, subject, opts?)          matches of one person, best first, with standing decisions
 *   watchlistedPersons(ctx, personIds)         mission-list entries linked to registry persons
 *   listLists(ctx) / listEntries(ctx, f) / getEntry(ctx, id)
 *   getScreening(ctx, id) / listScreenings(ctx) / matchDetail(ctx, screeningId, row, list, entryId)
 *   screeningCsv(ctx, id)                      the results as CSV
 *   listReviews(ctx, f) / pendingDecisions(ctx)   what waits for the human rights officers
 * Writes (through the store, audited):
 *   addMissionEntry / updateMissionEntry / delistEntry / relistEntry   the mission list
 *   syncRegistryList(ctx)                      the implicit list brought up to date (registry-list.ts says
 *                                              where its links come from); also before each screening
 *                                              that includes it, when its sources moved
 *   screenRoster(ctx, input)                   a roster screened and stored (the same roster again: re-run)
 *   adjudicate(ctx, screeningId, input) / adjudicateMatch(ctx, input)   human rights role only
 *   importUnList / importFtm in imports.ts
 * Every match shown is on an entry the actor may read; what the screener may not see is withheld and
 * raises a review for the human rights officers.
 */
import { createHash, randomUUID } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { type Actor, canRead, hasPermission, type Level, levelRank, LEVELS, readFilterSql, systemActor } from '../platform/access/policy.ts';
import type { Db } from '../platform/db/types.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Lang, t } from '../platform/i18n/i18n.ts';
import { getSetting } from '../platform/settings/settings.ts';
import { type Ctx, getRecord, inTransaction, insertRecord, insertRecords, listRecords, mustGetRecord, onRecordWrite, recordType, updateRecord } from '../platform/store.ts';
import type { ScreeningConfig } from './config.ts';
import { birthDateOf, changedFields, type DesiredEntry, type EntryRow, type EvidenceLink, recordNames, type StoredName, toWatchlistEntry } from './entries.ts';
import { explain } from './explain.ts';
import { genderCode, type Match, type MatchExplanation, WatchlistIndex } from './matcher.ts';
import { matchingParts, normaliseName } from './normalise.ts';
import { registryListEntries, sourceFingerprint } from './registry-list.ts';
import { rosterDate, type RosterRow, parseRosterCsv, rosterRowToQuery } from './roster.ts';
import { type Decision, DECISIONS, EVIDENCE_KINDS, MISSION_LIST, REGISTRY_LIST, T, type ListKind } from './schema.ts';
import { MATCHING_KEY, matchingSetting, POLICY_KEY, policySetting, type ScreeningPolicy } from './settings.ts';
import { toFieldProblems, type ParseProblem } from './problems.ts';
import './messages.ts';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type ScreeningExplanation =
  | { kind: 'name'; text: string; detail: MatchExplanation }
  | { kind: 'registry-link'; text: string; detail: { registry_person_id: string; via: 'registry_person_id' | 'evidence' } };

/** One match of a screened person with a list entry, with the standing decision on it (if any). */
export interface ScreeningMatch {
  list: string;
  entry_id: string;
  name: string;
  score: number;
  explanation: ScreeningExplanation;
  adjudication: Decision | null;
}

export interface Subject {
  name: string;
  birth_date?: string;
  nationality?: string;
  gender?: string;
  registry_person_id?: string;
}

export interface ListRow {
  id: string;
  code: string;
  kind: ListKind;
  label: Record<string, string>;
  source: string | null;
  source_date: string | null;
  content_version: number;
  entry_count: number;
  updated_at: string | Date;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const blank = (s: unknown): string | null => {
  if (s === null || s === undefined) return null;
  const v = String(s).trim();
  return v ? v : null;
};
const langOf = (ctx: Ctx): Lang => (ctx.actor.language === 'fr' ? 'fr' : 'en');
const sys = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('screening') });
const higher = (a: string, b: string): string => (levelRank(a) >= levelRank(b) ? a : b);

export async function policyOf(ctx: Ctx): Promise<ScreeningPolicy> {
  return getSetting(ctx.q, policySetting);
}

async function configOf(ctx: Ctx): Promise<{ config: ScreeningConfig; version: number }> {
  const config = await getSetting(ctx.q, matchingSetting);
  const v = (await ctx.q.query<{ v: number | null }>('SELECT max(version) AS v FROM settings WHERE key = $1', [MATCHING_KEY])).rows[0]?.v;
  return { config, version: Number(v ?? 0) };
}

// ---------------------------------------------------------------------------------------------
// Lists
// ---------------------------------------------------------------------------------------------

export function listLabel(code: string, kind: string): Record<'en' | 'fr', string> {
  if (kind === 'un-sanctions') return { en: t('en', 'screening:list.un'), fr: t('fr', 'screening:list.un') };
  if (kind === 'mission') return { en: t('en', 'screening:list.mission'), fr: t('fr', 'screening:list.mission') };
  if (kind === 'registry') return { en: t('en', 'screening:list.registry'), fr: t('fr', 'screening:list.registry') };
  return { en: t('en', 'screening:list.ftm', { code }), fr: t('fr', 'screening:list.ftm', { code }) };
}

async function findList(ctx: Ctx, code: string): Promise<ListRow | null> {
  return ((await ctx.q.query('SELECT * FROM screening_lists WHERE code = $1 AND retracted_at IS NULL', [code])).rows[0] as ListRow | undefined) ?? null;
}

/** The list of this code, created (by the caller) when it does not exist yet. */
export async function ensureList(ctx: Ctx, code: string, kind: ListKind): Promise<ListRow> {
  const found = await findList(ctx, code);
  if (found) {
    if (found.kind !== kind) throw new ValidationError([{ field: 'list', reason: t(langOf(ctx), 'screening:import.list-kind', { code, kind: found.kind }) }]);
    return found;
  }
  return insertRecord<ListRow>(ctx, T.list, { code, kind, label: listLabel(code, kind), content_version: 0, entry_count: 0, sensitivity: 'internal' });
}

export async function listLists(ctx: Ctx): Promise<(ListRow & { label_text: string })[]> {
  const rows = await listRecords<ListRow>(ctx, T.list, { orderBy: 'r.code' });
  return rows.map((r) => ({ ...r, label_text: r.label?.[langOf(ctx)] ?? r.code }));
}

// ---------------------------------------------------------------------------------------------
// The matcher index of each list, built once per list version and kept in this process
// ---------------------------------------------------------------------------------------------

interface EntryMeta {
  id: string;
  list: string;
  name: string;
  sensitivity: string;
  compartments: string[];
  registry_person_id: string | null;
}

interface CachedIndex {
  key: string;
  index: WatchlistIndex;
  meta: Map<string, EntryMeta>;
  version: number;
}

const indexCache = new WeakMap<Db, Map<string, CachedIndex>>();
let buildCount = 0;

/** How many list indexes this process has built (for tests and diagnostics). */
export function indexBuilds(): number {
  return buildCount;
}

async function listIndex(ctx: Ctx, list: ListRow, config: ScreeningConfig, configVersion: number): Promise<CachedIndex> {
  const key = `${list.id}|${list.content_version}|${new Date(list.updated_at).toISOString()}|${configVersion}`;
  let perDb = indexCache.get(ctx.db);
  if (!perDb) indexCache.set(ctx.db, (perDb = new Map()));
  const hit = perDb.get(list.code);
  if (hit && hit.key === key) return hit;
  const rows = (
    await ctx.q.query(
      `SELECT id, list_code, name, names, birth_dates, nationalities, gender, entry_type, reference, sensitivity, compartments, registry_person_id
         FROM screening_entries WHERE list_code = $1 AND status = 'listed' AND retracted_at IS NULL ORDER BY id`,
      [list.code],
    )
  ).rows as any[];
  const index = WatchlistIndex.build(rows.map(toWatchlistEntry), config);
  const meta = new Map<string, EntryMeta>(rows.map((r) => [r.id, { id: r.id, list: r.list_code, name: r.name, sensitivity: r.sensitivity, compartments: r.compartments ?? [], registry_person_id: r.registry_person_id }]));
  buildCount++;
  const built = { key, index, meta, version: list.content_version };
  // A version built inside a transaction that rolls back is never asked for again: its key holds that
  // transaction's time, which no committed version of the list has.
  perDb.set(list.code, built);
  return built;
}

interface Indexes {
  config: ScreeningConfig;
  lists: { list: ListRow; index: CachedIndex }[];
}

/**
 * The lists to screen against: the ones named (each must exist; 'registry' exists when the policy
 * enables it), or the policy's default (every list there is).
 */
export async function resolveLists(ctx: Ctx, requested: string[] | undefined | null, policy: ScreeningPolicy): Promise<string[]> {
  const known = (await ctx.q.query<{ code: string }>('SELECT code FROM screening_lists WHERE retracted_at IS NULL ORDER BY code')).rows.map((r) => r.code);
  const registry = policy.registryList.enabled;
  const avail = new Set([...known, ...(registry ? [REGISTRY_LIST] : []), MISSION_LIST]);
  const wanted = requested?.length ? requested : (policy.defaultLists ?? [...avail]);
  const out: string[] = [];
  const problems: { field: string; reason: string }[] = [];
  for (const raw of wanted) {
    const c = raw.trim().toLowerCase();
    if (!c) continue;
    if (!avail.has(c)) problems.push({ field: 'lists', reason: t(langOf(ctx), 'screening:error.unknown-list', { code: c, known: [...avail].sort().join(', ') }) });
    else if (!out.includes(c)) out.push(c);
  }
  if (problems.length) throw new ValidationError(problems);
  return out.sort();
}

async function indexesFor(ctx: Ctx, codes: string[], policy: ScreeningPolicy): Promise<Indexes> {
  if (codes.includes(REGISTRY_LIST) && policy.registryList.enabled && policy.registryList.syncBeforeScreening) await syncRegistryList(ctx);
  const { config, version } = await configOf(ctx);
  const lists: Indexes['lists'] = [];
  for (const code of codes) {
    const list = await findList(ctx, code);
    if (!list) continue; // the mission list before its first entry
    lists.push({ list, index: await listIndex(ctx, list, config, version) });
  }
  return { config, lists };
}

interface RawHit {
  match: Match;
  meta: EntryMeta;
}

function screenQuery(ix: Indexes, query: Parameters<WatchlistIndex['screen']>[0], threshold: number | undefined): RawHit[] {
  const out: RawHit[] = [];
  for (const { index } of ix.lists) {
    for (const m of index.index.screen(query, threshold === undefined ? {} : { threshold })) {
      const meta = index.meta.get(m.id);
      if (meta) out.push({ match: m, meta });
    }
  }
  return out.sort((a, b) => b.match.score - a.match.score || a.meta.id.localeCompare(b.meta.id));
}

function nameExplanation(m: Match, lang: Lang): ScreeningExplanation {
  return { kind: 'name', text: explain(m, lang), detail: m.explanation };
}

// ---------------------------------------------------------------------------------------------
// Adjudication keys: the same person written the same way (after normalisation), with the same birth date
// ---------------------------------------------------------------------------------------------

export function nameKey(name: string, config: ScreeningConfig): string {
  const parts = matchingParts(normaliseName(name, config));
  return (parts.length ? parts : [name.trim().toLowerCase()]).slice().sort().join(' ');
}

export function birthKey(birthDate: string | null | undefined): string {
  return birthDate ? (rosterDate(birthDate) ?? birthDate.trim()) : '';
}

interface StandingDecision {
  id: string;
  decision: Decision;
  decided_by: string;
  decided_at: string;
  note: string | null;
}

/** Decisions the actor may read, by `${list}|${entry}|${nameKey}|${birthKey}`. */
async function decisionsFor(ctx: Ctx, keys: { name_key: string; birth_key: string }[]): Promise<Map<string, StandingDecision>> {
  const out = new Map<string, StandingDecision>();
  if (!keys.length) return out;
  const params: unknown[] = [[...new Set(keys.map((k) => k.name_key))]];
  const f = readFilterSql(ctx.actor, 'a', params.length);
  params.push(...f.params);
  const rows = (
    await ctx.q.query(
      `SELECT id, list_code, entry_id, name_key, birth_key, decision, decided_by, decided_at, note FROM screening_adjudications a
        WHERE a.name_key = ANY($1::text[]) AND a.retracted_at IS NULL AND ${f.sql}`,
      params,
    )
  ).rows as any[];
  for (const r of rows) out.set(`${r.list_code}|${r.entry_id}|${r.name_key}|${r.birth_key}`, { id: r.id, decision: r.decision, decided_by: r.decided_by, decided_at: new Date(r.decided_at).toISOString(), note: r.note });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Screening one person (the due-diligence process calls this)
// ---------------------------------------------------------------------------------------------

/** Active mission-list entries linked to registry persons (as the entry's person, or as evidence), readable by the actor. */
async function linkedMissionEntries(ctx: Ctx, personIds: string[]): Promise<{ row: EntryRow; personId: string; via: 'registry_person_id' | 'evidence' }[]> {
  const ids = personIds.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!ids.length) return [];
  const params: unknown[] = [ids, MISSION_LIST];
  const f = readFilterSql(ctx.actor, 'e', params.length);
  params.push(...f.params);
  const rows = (
    await ctx.q.query(
      `SELECT e.* FROM screening_entries e
        WHERE e.list_code = $2 AND e.status = 'listed' AND e.retracted_at IS NULL AND ${f.sql}
          AND (e.registry_person_id = ANY($1::uuid[])
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(e.evidence) x WHERE x->>'kind' = 'registry-person' AND x->>'ref' = ANY($1::text[])))
        ORDER BY e.listed_at, e.id`,
      params,
    )
  ).rows as EntryRow[];
  const out: { row: EntryRow; personId: string; via: 'registry_person_id' | 'evidence' }[] = [];
  for (const r of rows) {
    const seen = new Set<string>();
    if (r.registry_person_id && ids.includes(r.registry_person_id)) {
      out.push({ row: r, personId: r.registry_person_id, via: 'registry_person_id' });
      seen.add(r.registry_person_id);
    }
    for (const ev of r.evidence ?? []) {
      if (ev.kind === 'registry-person' && ids.includes(ev.ref) && !seen.has(ev.ref)) {
        out.push({ row: r, personId: ev.ref, via: 'evidence' });
        seen.add(ev.ref);
      }
    }
  }
  return out;
}

function linkMatch(row: EntryRow, personId: string, via: 'registry_person_id' | 'evidence', lang: Lang): ScreeningMatch {
  return {
    list: MISSION_LIST,
    entry_id: row.id,
    name: row.name,
    score: 1,
    explanation: { kind: 'registry-link', text: t(lang, 'screening:explain.linked'), detail: { registry_person_id: personId, via } },
    adjudication: null,
  };
}

function subjectQuery(s: Subject, lang: Lang) {
  const q: { name: string; birthDate?: string; nationality?: string; gender?: string } = { name: s.name };
  const bd = blank(s.birth_date);
  if (bd) {
    const d = rosterDate(bd);
    if (!d) throw new ValidationError([{ field: 'birth_date', reason: t(lang, 'screening:error.not-a-date', { value: bd }) }]);
    q.birthDate = d;
  }
  if (blank(s.nationality)) q.nationality = blank(s.nationality)!;
  const g = blank(s.gender);
  if (g) {
    const code = genderCode(g);
    if (!code) throw new ValidationError([{ field: 'gender', reason: t(lang, 'screening:error.not-a-gender', { value: g }) }]);
    q.gender = code === 'm' ? 'male' : 'female';
  }
  return q;
}

/**
 * Screens one person against the lists (default: the policy's), best first. A registry person linked
 * on an active mission-list entry always matches it with score 1. Matches on entries the actor may not
 * read are left out. Each match carries the standing decision on the same person and entry.
 */
export async function screenPerson(ctx: Ctx, subject: Subject, opts: { lists?: string[]; threshold?: number } = {}): Promise<ScreeningMatch[]> {
  if (!hasPermission(ctx.actor, 'screening:read')) throw new ForbiddenError('this needs the permission screening:read');
  const name = blank(subject?.name);
  if (!name && !subject?.registry_person_id) throw new ValidationError([{ field: 'name', reason: t(langOf(ctx), 'screening:error.query') }]);
  const lang = langOf(ctx);
  const policy = await policyOf(ctx);
  const codes = await resolveLists(ctx, opts.lists, policy);
  const out: ScreeningMatch[] = [];
  if (subject.registry_person_id && codes.includes(MISSION_LIST)) {
    for (const l of await linkedMissionEntries(ctx, [subject.registry_person_id])) out.push(linkMatch(l.row, l.personId, l.via, lang));
  }
  const ix = await indexesFor(ctx, codes, policy);
  const query = name ? subjectQuery({ ...subject, name }, lang) : null;
  if (query) {
    for (const h of screenQuery(ix, query, opts.threshold)) {
      if (!canRead(ctx.actor, h.meta)) continue;
      if (out.some((m) => m.list === h.meta.list && m.entry_id === h.meta.id)) continue;
      out.push({ list: h.meta.list, entry_id: h.meta.id, name: h.match.name, score: h.match.score, explanation: nameExplanation(h.match, lang), adjudication: null });
    }
  }
  if (name && out.length) {
    const k = { name_key: nameKey(name, ix.config), birth_key: birthKey(query?.birthDate) };
    const dec = await decisionsFor(ctx, [k]);
    for (const m of out) m.adjudication = dec.get(`${m.list}|${m.entry_id}|${k.name_key}|${k.birth_key}`)?.decision ?? null;
  }
  return out.sort((a, b) => b.score - a.score || a.entry_id.localeCompare(b.entry_id));
}

/** For each registry person, the active mission-list entries linking it (score 1), readable by the actor. */
export async function watchlistedPersons(ctx: Ctx, personIds: string[]): Promise<Map<string, ScreeningMatch[]>> {
  if (!hasPermission(ctx.actor, 'screening:read')) throw new ForbiddenError('this needs the permission screening:read');
  const lang = langOf(ctx);
  const out = new Map<string, ScreeningMatch[]>();
  for (const l of await linkedMissionEntries(ctx, [...new Set(personIds)])) {
    const list = out.get(l.personId) ?? [];
    list.push(linkMatch(l.row, l.personId, l.via, lang));
    out.set(l.personId, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Entries: reading
// ---------------------------------------------------------------------------------------------

export interface EntryFilter {
  list?: string;
  status?: 'listed' | 'delisted';
  q?: string;
  registryPersonId?: string;
  limit?: number;
  offset?: number;
}

export async function listEntries(ctx: Ctx, f: EntryFilter = {}): Promise<EntryRow[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.list) add('r.list_code = ?', f.list);
  if (f.status) add('r.status = ?', f.status);
  if (f.registryPersonId) add('r.registry_person_id = ?::uuid', f.registryPersonId);
  if (f.q) add(`(r.name ILIKE ? OR r.names::text ILIKE ? OR r.reference ILIKE ?)`, `%${f.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  return listRecords<EntryRow>(ctx, T.entry, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.list_code, r.name, r.id', limit: Math.min(f.limit ?? 200, 5000), offset: f.offset });
}

export async function getEntry(ctx: Ctx, id: string): Promise<EntryRow> {
  return mustGetRecord<EntryRow>(ctx, T.entry, id);
}

// ---------------------------------------------------------------------------------------------
// Entries: writing, and what follows a list change
// ---------------------------------------------------------------------------------------------

export interface ListChange {
  list: string;
  created: number;
  updated: number;
  relisted: number;
  delisted: number;
  unchanged: number;
  version: number;
  rerun: RerunSummary;
}

export interface RerunSummary {
  screenings: number;
  hits: number;
  reviews: number;
}

const NO_RERUN: RerunSummary = { screenings: 0, hits: 0, reviews: 0 };

/**
 * Brings a list to what its source now holds: new entries listed, changed ones revised, entries no
 * longer there delisted (with the reason), delisted ones that came back listed again. Writes nothing
 * when nothing changed. Then the list version goes up and earlier screenings are re-run.
 */
export async function applyListContent(
  ctx: Ctx,
  list: { code: string; kind: ListKind; source?: string | null; sourceDate?: string | null },
  desired: DesiredEntry[],
  opts: { delistReason: string; sensitivity: Level; complete?: boolean },
): Promise<ListChange> {
  return inTransaction(ctx, async (tx) => {
    const l = await ensureList(tx, list.code, list.kind);
    const existing = new Map<string, EntryRow>(((await tx.q.query('SELECT * FROM screening_entries WHERE list_code = $1 AND retracted_at IS NULL', [list.code])).rows as EntryRow[]).map((r) => [r.external_id, r]));
    const counts = { created: 0, updated: 0, relisted: 0, delisted: 0, unchanged: 0 };
    const seen = new Set<string>();
    const inserts: Record<string, unknown>[] = [];
    for (const d of desired) {
      if (seen.has(d.external_id)) continue;
      seen.add(d.external_id);
      const cur = existing.get(d.external_id);
      const { sensitivity, compartments, ...fields } = d;
      if (!cur) {
        inserts.push({ ...fields, list_code: list.code, status: 'listed', listed_by: tx.actor.username, sensitivity: sensitivity ?? opts.sensitivity, compartments: compartments ?? [] });
        counts.created++;
        continue;
      }
      const changed = changedFields(cur as unknown as Record<string, unknown>, d);
      if (cur.status === 'delisted') {
        const patch: Record<string, unknown> = { ...fields, status: 'listed', listed_at: new Date().toISOString(), listed_by: tx.actor.username, delisted_at: null, delisted_by: null, delisting_reason: null };
        if (sensitivity !== undefined) Object.assign(patch, { sensitivity, compartments });
        await updateRecord(tx, T.entry, cur.id, patch, { action: 'relist' });
        counts.relisted++;
      } else if (changed.length) {
        const patch: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, (d as any)[k]]));
        await updateRecord(tx, T.entry, cur.id, patch);
        counts.updated++;
      } else counts.unchanged++;
    }
    await insertRecords(tx, T.entry, inserts, { action: 'list' });
    if (opts.complete !== false) {
      for (const cur of existing.values()) {
        if (seen.has(cur.external_id) || cur.status !== 'listed') continue;
        await updateRecord(tx, T.entry, cur.id, { status: 'delisted', delisted_at: new Date().toISOString(), delisted_by: tx.actor.username, delisting_reason: opts.delistReason }, { action: 'delist', reason: opts.delistReason });
        counts.delisted++;
      }
    }
    const changedAny = counts.created + counts.updated + counts.relisted + counts.delisted > 0;
    const meta: Record<string, unknown> = {};
    if (list.source !== undefined) meta.source = list.source;
    if (list.sourceDate !== undefined) meta.source_date = list.sourceDate;
    const version = changedAny ? l.content_version + 1 : l.content_version;
    if (changedAny) {
      meta.content_version = version;
      meta.entry_count = await countListed(tx, list.code);
    }
    if (Object.keys(meta).length) await updateRecord(tx, T.list, l.id, meta, { action: changedAny ? 'list-change' : 'update' });
    const rerun = changedAny ? await rerunAfterListChange(tx, list.code) : NO_RERUN;
    return { list: list.code, ...counts, version, rerun };
  });
}

async function countListed(ctx: Ctx, code: string): Promise<number> {
  return Number((await ctx.q.query<{ n: string }>(`SELECT count(*) AS n FROM screening_entries WHERE list_code = $1 AND status = 'listed' AND retracted_at IS NULL`, [code])).rows[0]!.n);
}

/** Raises the list's version after a change of one entry, and re-runs earlier screenings against it. */
async function touchList(tx: Ctx, code: string): Promise<RerunSummary> {
  const l = (await findList(tx, code))!;
  await updateRecord(sys(tx), T.list, l.id, { content_version: l.content_version + 1, entry_count: await countListed(tx, code) }, { action: 'list-change' });
  return rerunAfterListChange(tx, code);
}

/** The implicit list brought up to what the registry (and the incidents domain) now links to grave violations. */
export async function syncRegistryList(ctx: Ctx, opts: { force?: boolean } = {}): Promise<ListChange> {
  const s = sys(ctx);
  const list = await findList(s, REGISTRY_LIST);
  const last = syncedAt.get(ctx.db);
  const upToDate = () => ({ list: REGISTRY_LIST, created: 0, updated: 0, relisted: 0, delisted: 0, unchanged: list!.entry_count, version: list!.content_version, rerun: NO_RERUN });
  // No write of a source here since the last check, and that check is recent: nothing to look at.
  if (!opts.force && list && last && !sourcesWritten.has(ctx.db) && last.version === list.content_version && Date.now() - last.at < RECHECK_MS) return upToDate();
  sourcesWritten.delete(ctx.db);
  const fingerprint = await sourceFingerprint(s.q, POLICY_KEY);
  if (!opts.force && list && last?.key === `${fingerprint}#${list.content_version}`) {
    syncedAt.set(ctx.db, { ...last, at: Date.now() });
    return upToDate();
  }
  const policy = await policyOf(s);
  const desired = policy.registryList.enabled ? await registryListEntries(s, policy) : [];
  const r = await applyListContent(s, { code: REGISTRY_LIST, kind: 'registry' }, desired, { delistReason: t('en', 'screening:import.delisted-registry'), sensitivity: 'internal' });
  // the list's own writes do not touch the source tables, so the fingerprint still holds
  syncedAt.set(ctx.db, { key: `${fingerprint}#${r.version}`, version: r.version, at: Date.now() });
  return r;
}
const syncedAt = new WeakMap<Db, { key: string; version: number; at: number }>();
/** Writes by another process are seen through the fingerprint, looked at again after this long. */
const RECHECK_MS = 30_000;
const sourcesWritten = new WeakSet<Db>();
onRecordWrite(null, async (tx, w) => {
  if (w.type.startsWith('registry-') || w.type.startsWith('incident')) sourcesWritten.add(tx.db);
});

// -- the mission list -----------------------------------------------------------------------------

const evidenceSchema = z.object({ kind: z.enum(EVIDENCE_KINDS), ref: z.string().trim().min(1).max(500), note: z.string().max(2000).optional().nullable() });

export const missionEntryInput = z.object({
  registry_person_id: z.string().uuid().optional(),
  registry_unit_id: z.string().uuid().optional(),
  name: z.string().trim().min(1).max(500).optional(),
  entry_type: z.enum(['individual', 'entity']).optional(),
  aliases: z.array(z.string().trim().min(1).max(500)).max(100).optional(),
  low_quality_aliases: z.array(z.string().trim().min(1).max(500)).max(100).optional(),
  birth_date: z.string().max(20).optional(),
  nationalities: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  gender: z.string().max(20).optional(),
  reason: z.string().trim().min(1).max(10_000),
  evidence: z.array(evidenceSchema).max(200).optional(),
  sensitivity: z.enum(LEVELS).optional(),
  compartments: z.array(z.string().min(1).max(100)).max(20).optional(),
});
export type MissionEntryInput = z.infer<typeof missionEntryInput>;

export const missionEntryPatch = missionEntryInput.omit({ registry_person_id: true, registry_unit_id: true, entry_type: true }).partial();
export type MissionEntryPatch = z.infer<typeof missionEntryPatch>;

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(r.error.issues.map((i) => ({ field: i.path.join('.') || 'body', reason: i.message })));
  return r.data;
}

const EVIDENCE_TYPES: Record<string, string[]> = {
  'registry-person': ['registry-person'],
  'registry-unit': ['registry-unit'],
  'registry-posting': ['registry-posting'],
  'registry-source': ['registry-source'],
  incident: ['incident', 'registry-sfm-incident'],
  allegation: ['incident-allegation', 'allegation'],
};

function registered(type: string): boolean {
  try {
    recordType(type);
    return true;
  } catch {
    return false;
  }
}

/** Each evidence link must point at a record the actor can read (incidents: once that domain is there). */
async function checkEvidence(ctx: Ctx, evidence: EvidenceLink[]): Promise<EvidenceLink[]> {
  const problems: { field: string; reason: string }[] = [];
  const out: EvidenceLink[] = [];
  for (const [i, ev] of evidence.entries()) {
    const types = (EVIDENCE_TYPES[ev.kind] ?? []).filter(registered);
    if (types.length) {
      let found = false;
      for (const ty of types) if (/^[0-9a-f-]{36}$/i.test(ev.ref) && (await getRecord(ctx, ty, ev.ref).catch(() => null))) found = true;
      if (!found) problems.push({ field: `evidence.${i}.ref`, reason: t(langOf(ctx), 'screening:error.no-record', { kind: ev.kind, id: ev.ref }) });
    }
    out.push(ev.note ? { kind: ev.kind, ref: ev.ref, note: ev.note } : { kind: ev.kind, ref: ev.ref });
  }
  if (problems.length) throw new ValidationError(problems);
  return out;
}

/** Lists a person or unit (from the registry, or by name) on the mission's list of high-risk persons and units. */
export async function addMissionEntry(ctx: Ctx, input: MissionEntryInput): Promise<EntryRow> {
  const data = parse(missionEntryInput, input);
  const lang = langOf(ctx);
  const targets = [data.registry_person_id, data.registry_unit_id, data.name && !data.registry_person_id && !data.registry_unit_id ? data.name : undefined].filter(Boolean);
  if (targets.length !== 1) throw new ValidationError([{ field: 'registry_person_id', reason: t(lang, 'screening:error.listing-target') }]);
  const policy = await policyOf(ctx);
  return inTransaction(ctx, async (tx) => {
    let sensitivity: string = data.sensitivity ?? policy.sensitivity.mission;
    const compartments = new Set<string>(data.compartments ?? []);
    let names: StoredName[];
    let entryType: 'individual' | 'entity' = data.entry_type ?? 'individual';
    let birth = blank(data.birth_date);
    let nationalities = data.nationalities ?? [];
    let gender = blank(data.gender);
    // checked as given (problems name the caller's own positions), before the link to the record itself is added
    const evidence: EvidenceLink[] = await checkEvidence(tx, data.evidence ?? []);
    if (data.registry_person_id) {
      const p = await getRecord<any>(tx, 'registry-person', data.registry_person_id);
      if (!p || p.retracted_at) throw new ValidationError([{ field: 'registry_person_id', reason: t(lang, 'screening:error.no-person', { id: data.registry_person_id }) }]);
      names = recordNames(data.name ?? p.name, [...(data.name ? [p.name] : []), ...(p.other_names ?? []), ...(data.aliases ?? [])], p.original_script_names ?? [], data.low_quality_aliases ?? []);
      birth ??= p.birth_date;
      if (!nationalities.length) nationalities = p.nationalities ?? [];
      gender ??= p.gender;
      entryType = 'individual';
      sensitivity = higher(sensitivity, p.sensitivity); // never less protected than the person it names
      for (const c of p.compartments ?? []) compartments.add(c);
      if (!evidence.some((e) => e.kind === 'registry-person' && e.ref === p.id)) evidence.unshift({ kind: 'registry-person', ref: p.id });
    } else if (data.registry_unit_id) {
      const u = await getRecord<any>(tx, 'registry-unit', data.registry_unit_id);
      if (!u || u.retracted_at) throw new ValidationError([{ field: 'registry_unit_id', reason: t(lang, 'screening:error.no-unit', { id: data.registry_unit_id }) }]);
      names = recordNames(data.name ?? u.name, [...(data.name ? [u.name] : []), ...(u.other_names ?? []), ...(data.aliases ?? [])], [], data.low_quality_aliases ?? []);
      entryType = 'entity';
      sensitivity = higher(sensitivity, u.sensitivity);
      for (const c of u.compartments ?? []) compartments.add(c);
      if (!evidence.some((e) => e.kind === 'registry-unit' && e.ref === u.id)) evidence.unshift({ kind: 'registry-unit', ref: u.id });
    } else {
      names = recordNames(data.name!, data.aliases ?? [], [], data.low_quality_aliases ?? []);
    }
    if (birth && !rosterDate(birth)) throw new ValidationError([{ field: 'birth_date', reason: t(lang, 'screening:error.not-a-date', { value: birth }) }]);
    if (gender && !genderCode(gender)) throw new ValidationError([{ field: 'gender', reason: t(lang, 'screening:error.not-a-gender', { value: gender }) }]);
    const dup = (
      await tx.q.query(
        `SELECT id, name FROM screening_entries WHERE list_code = $1 AND status = 'listed' AND retracted_at IS NULL
           AND (($2::uuid IS NOT NULL AND registry_person_id = $2::uuid) OR ($3::uuid IS NOT NULL AND registry_unit_id = $3::uuid))`,
        [MISSION_LIST, data.registry_person_id ?? null, data.registry_unit_id ?? null],
      )
    ).rows[0] as { id: string; name: string } | undefined;
    if (dup) throw new ConflictError(t(lang, 'screening:error.already-listed', { name: dup.name, id: dup.id }));
    const checked = evidence;
    await ensureList(sys(tx), MISSION_LIST, 'mission');
    const id = randomUUID();
    const entry = await insertRecord<EntryRow>(
      tx,
      T.entry,
      {
        id,
        list_code: MISSION_LIST,
        external_id: id,
        entry_type: entryType,
        name: names[0]!.name,
        names,
        birth_dates: birthDateOf(birth ? rosterDate(birth) : null),
        nationalities,
        gender: gender ? (genderCode(gender) === 'm' ? 'male' : 'female') : null,
        status: 'listed',
        listed_by: tx.actor.username,
        reason: data.reason,
        evidence: checked,
        registry_person_id: data.registry_person_id ?? null,
        registry_unit_id: data.registry_unit_id ?? null,
        details: {},
        sensitivity,
        compartments: [...compartments].sort(),
      },
      { action: 'list', reason: data.reason },
    );
    const rerun = await touchList(tx, MISSION_LIST);
    return Object.assign(entry, { rerun });
  });
}

/**
 * A registry person's names change: the mission-list entries listing that person learn the new names
 * (earlier names are kept as aliases: the person may still be written so), in the same transaction.
 */
onRecordWrite(['registry-person'], async (tx, w) => {
  if (w.op !== 'update') return;
  const p = w.after;
  const rows = (await tx.q.query(`SELECT * FROM screening_entries WHERE list_code = $1 AND registry_person_id = $2 AND status = 'listed' AND retracted_at IS NULL`, [MISSION_LIST, w.id])).rows as EntryRow[];
  let changed = false;
  for (const e of rows) {
    const keep = e.names.filter((n) => n.quality !== 'low').map((n) => n.name);
    const low = e.names.filter((n) => n.quality === 'low').map((n) => n.name);
    const names = recordNames(p.name, [...(p.other_names ?? []), ...keep], p.original_script_names ?? [], low);
    const patch: Record<string, unknown> = { names, name: p.name };
    if (!e.birth_dates.length && p.birth_date) patch.birth_dates = birthDateOf(p.birth_date);
    if (!e.nationalities.length && p.nationalities?.length) patch.nationalities = p.nationalities;
    const r = await updateRecord(tx, T.entry, e.id, patch, { reason: 'registry person changed' });
    changed ||= r.changed;
  }
  if (changed) await touchList(tx, MISSION_LIST);
});

async function missionEntry(ctx: Ctx, id: string): Promise<EntryRow> {
  const e = await getRecord<EntryRow>(ctx, T.entry, id);
  if (!e || e.retracted_at) throw new NotFoundError(`screening entry ${id}`);
  if (e.list_code !== MISSION_LIST) throw new ValidationError([{ field: 'id', reason: t(langOf(ctx), 'screening:error.not-mission', { id }) }]);
  return e;
}

/** Changes the reason, evidence, names or protection of a mission-list entry (a revision). */
export async function updateMissionEntry(ctx: Ctx, id: string, patch: MissionEntryPatch, opts: { reason?: string; expectedVersion?: number } = {}): Promise<{ record: EntryRow; changed: boolean }> {
  const data = parse(missionEntryPatch, patch);
  return inTransaction(ctx, async (tx) => {
    const cur = await missionEntry(tx, id);
    const lang = langOf(tx);
    const p: Record<string, unknown> = {};
    if (data.reason !== undefined) p.reason = data.reason;
    if (data.evidence !== undefined) p.evidence = await checkEvidence(tx, data.evidence);
    if (data.name !== undefined || data.aliases !== undefined || data.low_quality_aliases !== undefined) {
      const oldAliases = cur.names.filter((n) => n.quality !== 'low' && n.form !== 'name').map((n) => n.name);
      const oldLow = cur.names.filter((n) => n.quality === 'low').map((n) => n.name);
      const names = recordNames(data.name ?? cur.name, data.aliases ?? oldAliases, [], data.low_quality_aliases ?? oldLow);
      p.names = names;
      p.name = names[0]!.name;
    }
    if (data.birth_date !== undefined) {
      const b = blank(data.birth_date);
      if (b && !rosterDate(b)) throw new ValidationError([{ field: 'birth_date', reason: t(lang, 'screening:error.not-a-date', { value: b }) }]);
      p.birth_dates = birthDateOf(b ? rosterDate(b) : null);
    }
    if (data.nationalities !== undefined) p.nationalities = data.nationalities;
    if (data.gender !== undefined) {
      const g = blank(data.gender);
      if (g && !genderCode(g)) throw new ValidationError([{ field: 'gender', reason: t(lang, 'screening:error.not-a-gender', { value: g }) }]);
      p.gender = g ? (genderCode(g) === 'm' ? 'male' : 'female') : null;
    }
    if (data.sensitivity !== undefined) p.sensitivity = data.sensitivity;
    if (data.compartments !== undefined) p.compartments = data.compartments;
    const r = await updateRecord<EntryRow>(tx, T.entry, id, p, { reason: opts.reason, expectedVersion: opts.expectedVersion });
    if (r.changed) await touchList(tx, MISSION_LIST);
    return r;
  });
}

/** Takes an entry off the mission list (kept, with who, when and why). */
export async function delistEntry(ctx: Ctx, id: string, reason: string): Promise<EntryRow> {
  const why = blank(reason);
  if (!why) throw new ValidationError([{ field: 'reason', reason: t(langOf(ctx), 'screening:error.reason') }]);
  return inTransaction(ctx, async (tx) => {
    const cur = await missionEntry(tx, id);
    if (cur.status !== 'listed') throw new ConflictError(t(langOf(tx), 'screening:error.not-listed', { id }));
    const r = await updateRecord<EntryRow>(tx, T.entry, id, { status: 'delisted', delisted_at: new Date().toISOString(), delisted_by: tx.actor.username, delisting_reason: why }, { action: 'delist', reason: why });
    await touchList(tx, MISSION_LIST);
    return r.record;
  });
}

export async function relistEntry(ctx: Ctx, id: string, reason: string): Promise<EntryRow> {
  const why = blank(reason);
  if (!why) throw new ValidationError([{ field: 'reason', reason: t(langOf(ctx), 'screening:error.reason') }]);
  return inTransaction(ctx, async (tx) => {
    const cur = await missionEntry(tx, id);
    if (cur.status !== 'delisted') throw new ConflictError(t(langOf(tx), 'screening:error.not-delisted', { id }));
    const r = await updateRecord<EntryRow>(tx, T.entry, id, { status: 'listed', listed_at: new Date().toISOString(), listed_by: tx.actor.username, delisted_at: null, delisted_by: null, delisting_reason: null, reason: why }, { action: 'relist', reason: why });
    await touchList(tx, MISSION_LIST);
    return r.record;
  });
}

// ---------------------------------------------------------------------------------------------
// Roster screening
// ---------------------------------------------------------------------------------------------

export interface StoredRow {
  row: number;
  line: number | null;
  name: string;
  birth_date: string | null;
  nationality: string | null;
  gender: string | null;
  unit: string | null;
  rank: string | null;
  extra: Record<string, string>;
}

export interface StoredMatch {
  list: string;
  id: string;
  name: string;
  score: number;
  explanation: MatchExplanation;
}

export interface StoredResult {
  row: number;
  matches: StoredMatch[];
}

export interface ScreeningRecord {
  id: string;
  title: string | null;
  source_kind: 'csv' | 'rows';
  file_name: string | null;
  roster_hash: string;
  lists: string[];
  threshold: number | null;
  rows: StoredRow[];
  results: StoredResult[];
  problems: ParseProblem[];
  row_count: number;
  rows_with_matches: number;
  match_count: number;
  list_versions: Record<string, number>;
  config_version: number;
  run_count: number;
  last_run_at: string;
  sensitivity: string;
  compartments: string[];
  created_by: string;
  created_at: string;
  version: number;
}

const rowInput = z.object({
  name: z.string().max(500),
  birth_date: z.string().max(40).optional().nullable(),
  nationality: z.string().max(100).optional().nullable(),
  gender: z.string().max(20).optional().nullable(),
  unit: z.string().max(500).optional().nullable(),
  rank: z.string().max(200).optional().nullable(),
});

export const screenRosterInput = z.object({
  csv: z.string().max(50_000_000).optional(),
  rows: z.array(rowInput).max(200_000).optional(),
  title: z.string().trim().max(500).optional(),
  file_name: z.string().trim().max(500).optional(),
  lists: z.array(z.string().min(1).max(40)).max(50).optional(),
  threshold: z.number().min(0.5).max(1).optional(),
  sensitivity: z.enum(LEVELS).optional(),
  compartments: z.array(z.string().min(1).max(100)).max(20).optional(),
  /** Screen the rows that can be read even when some cannot (rows without a name are left out). */
  partial: z.boolean().optional(),
});
export type ScreenRosterInput = z.infer<typeof screenRosterInput>;

function storedRows(parsed: RosterRow[]): StoredRow[] {
  return parsed.map((r, i) => ({ row: i + 1, line: r.line, name: r.name, birth_date: r.birthDate ?? null, nationality: r.nationality ?? null, gender: r.gender ?? null, unit: r.unit ?? null, rank: r.rank ?? null, extra: r.extra }));
}

function rowsFromInput(rows: z.infer<typeof rowInput>[], lang: Lang, partial: boolean): { rows: StoredRow[]; problems: ParseProblem[] } {
  const problems: { field: string; reason: string }[] = [];
  const out: StoredRow[] = [];
  rows.forEach((r, i) => {
    const name = blank(r.name);
    if (!name) {
      problems.push({ field: `rows.${i}.name`, reason: t(lang, 'screening:error.name-required') });
      return;
    }
    let birth: string | null = null;
    const b = blank(r.birth_date);
    if (b) {
      birth = rosterDate(b);
      if (!birth) problems.push({ field: `rows.${i}.birth_date`, reason: t(lang, 'screening:error.not-a-date', { value: b }) });
    }
    let gender: string | null = null;
    const g = blank(r.gender);
    if (g) {
      const code = genderCode(g);
      if (!code) problems.push({ field: `rows.${i}.gender`, reason: t(lang, 'screening:error.not-a-gender', { value: g }) });
      else gender = code === 'm' ? 'male' : 'female';
    }
    out.push({ row: out.length + 1, line: null, name, birth_date: birth, nationality: blank(r.nationality), gender, unit: blank(r.unit), rank: blank(r.rank), extra: {} });
  });
  if (problems.length && !partial) throw new ValidationError(problems);
  return { rows: out, problems: [] };
}

function rosterHash(rows: StoredRow[], lists: string[], threshold: number | null): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ lists, threshold }));
  for (const r of rows) h.update(`\n${JSON.stringify([r.name, r.birth_date, r.nationality, r.gender])}`);
  return h.digest('hex');
}

interface Computed {
  results: StoredResult[];
  withheld: { row: StoredRow; hit: RawHit }[];
  metas: Map<string, EntryMeta>;
  list_versions: Record<string, number>;
  config_version: number;
  rows_with_matches: number;
  match_count: number;
}

/** Screens stored rows; matches on entries above the record's own protection are withheld (never stored in it). */
async function compute(ctx: Ctx, rows: StoredRow[], lists: string[], threshold: number | null, record: { sensitivity: string; compartments: string[] }, viewer: Actor): Promise<Computed> {
  const policy = await policyOf(ctx);
  const ix = await indexesFor(ctx, lists, policy);
  const { version } = await configOf(ctx);
  const results: StoredResult[] = [];
  const withheld: Computed['withheld'] = [];
  const metas = new Map<string, EntryMeta>();
  let matchCount = 0;
  const fits = (m: EntryMeta) => levelRank(m.sensitivity) <= levelRank(record.sensitivity) && m.compartments.every((c) => record.compartments.includes(c)) && canRead(viewer, m);
  for (const r of rows) {
    const hits = screenQuery(ix, rosterRowToQuery({ line: r.line ?? 0, name: r.name, birthDate: r.birth_date ?? undefined, nationality: r.nationality ?? undefined, gender: (r.gender as any) ?? undefined, extra: {} }), threshold ?? undefined);
    const matches: StoredMatch[] = [];
    for (const h of hits) {
      if (!fits(h.meta)) {
        withheld.push({ row: r, hit: h });
        continue;
      }
      metas.set(h.meta.id, h.meta);
      matches.push({ list: h.meta.list, id: h.meta.id, name: h.match.name, score: round3(h.match.score), explanation: h.match.explanation });
    }
    if (matches.length) {
      results.push({ row: r.row, matches });
      matchCount += matches.length;
    }
  }
  return { results, withheld, metas, list_versions: Object.fromEntries(ix.lists.map((l) => [l.list.code, l.list.content_version])), config_version: version, rows_with_matches: results.length, match_count: matchCount };
}

/** Opens a review for a hit unless the same hit already has one open, or a decision stands on it. */
async function raiseReview(tx: Ctx, screening: { id: string }, row: StoredRow, hit: { list: string; id: string; name: string; score: number; sensitivity: string; compartments: string[] }, cause: 'list-change' | 'withheld', listVersion: number | null, config: ScreeningConfig, policy: ScreeningPolicy): Promise<boolean> {
  const nk = nameKey(row.name, config);
  const bk = birthKey(row.birth_date);
  const s = sys(tx);
  const decided = (await s.q.query('SELECT 1 FROM screening_adjudications WHERE list_code = $1 AND entry_id = $2 AND name_key = $3 AND birth_key = $4 AND retracted_at IS NULL', [hit.list, hit.id, nk, bk])).rows.length;
  if (decided) return false;
  const open = (await s.q.query(`SELECT 1 FROM screening_reviews WHERE screening_id = $1 AND row_no = $2 AND list_code = $3 AND entry_id = $4 AND status = 'open' AND retracted_at IS NULL`, [screening.id, row.row, hit.list, hit.id])).rows.length;
  if (open) return false;
  await insertRecord(s, T.review, {
    screening_id: screening.id,
    row_no: row.row,
    roster_name: row.name,
    birth_date: row.birth_date,
    name_key: nk,
    birth_key: bk,
    list_code: hit.list,
    entry_id: hit.id,
    entry_name: hit.name,
    score: hit.score,
    cause,
    list_version: listVersion,
    status: 'open',
    sensitivity: higher(policy.sensitivity.review, hit.sensitivity),
    compartments: [...new Set([...hit.compartments])].sort(),
  }, { action: 'raise' });
  return true;
}

async function recordWithheld(tx: Ctx, screening: { id: string }, c: Computed, policy: ScreeningPolicy, config: ScreeningConfig): Promise<number> {
  if (!policy.reviews.onWithheld) return 0;
  let n = 0;
  for (const w of c.withheld) {
    if (await raiseReview(tx, screening, w.row, { list: w.hit.meta.list, id: w.hit.meta.id, name: w.hit.match.name, score: round3(w.hit.match.score), sensitivity: w.hit.meta.sensitivity, compartments: w.hit.meta.compartments }, 'withheld', c.list_versions[w.hit.meta.list] ?? null, config, policy)) n++;
  }
  return n;
}

export interface ScreenRosterResult {
  screening: ScreeningView;
  withheld: number;
  rerun: boolean;
}

/** Screens a roster (CSV text or rows) and stores the screening; the same roster again re-runs the stored one. */
export async function screenRoster(ctx: Ctx, input: ScreenRosterInput): Promise<ScreenRosterResult> {
  const data = parse(screenRosterInput, input);
  if (!hasPermission(ctx.actor, 'screening:screen')) throw new ForbiddenError('this needs the permission screening:screen');
  const lang = langOf(ctx);
  if ((data.csv === undefined) === (data.rows === undefined)) throw new ValidationError([{ field: 'csv', reason: t(lang, 'screening:error.csv-or-rows') }]);
  let rows: StoredRow[];
  let problems: ParseProblem[] = [];
  if (data.csv !== undefined) {
    const parsed = parseRosterCsv(data.csv);
    const errors = parsed.problems.filter((p) => p.severity === 'error');
    const fatal = parsed.rows.length === 0 || (errors.length > 0 && !data.partial);
    if (fatal && errors.length) throw new ValidationError(toFieldProblems(errors, lang));
    rows = storedRows(parsed.rows);
    problems = parsed.problems;
  } else rows = rowsFromInput(data.rows!, lang, !!data.partial).rows;
  if (!rows.length) throw new ValidationError([{ field: data.csv !== undefined ? 'csv' : 'rows', reason: t(lang, 'screening:error.no-rows') }]);
  const policy = await policyOf(ctx);
  const sensitivity = data.sensitivity ?? policy.sensitivity.screening;
  if (levelRank(sensitivity) > levelRank(ctx.actor.clearance) && ctx.actor.kind !== 'system') {
    throw new ForbiddenError(t(lang, 'screening:error.clearance', { level: sensitivity, clearance: ctx.actor.clearance }));
  }
  const compartments = [...new Set(data.compartments ?? [])].sort();
  const lists = await resolveLists(ctx, data.lists, policy);
  const threshold = data.threshold ?? null;
  const hash = rosterHash(rows, lists, threshold);
  return inTransaction(ctx, async (tx) => {
    const params: unknown[] = [hash, sensitivity];
    const f = readFilterSql(tx.actor, 's', params.length);
    params.push(...f.params);
    const same = (await tx.q.query(`SELECT s.id FROM screenings s WHERE s.roster_hash = $1 AND s.sensitivity = $2 AND s.retracted_at IS NULL AND ${f.sql} ORDER BY s.created_at LIMIT 1`, params)).rows[0] as { id: string } | undefined;
    const { config } = await configOf(tx);
    if (same) {
      const prev = await mustGetRecord<ScreeningRecord>(tx, T.screening, same.id);
      const r = await rerun(tx, prev, { actor: tx, reason: null });
      return { screening: await getScreening(tx, same.id), withheld: r.withheld, rerun: true };
    }
    const c = await compute(tx, rows, lists, threshold, { sensitivity, compartments }, tx.actor);
    const rec = await insertRecord<ScreeningRecord>(tx, T.screening, {
      title: blank(data.title),
      source_kind: data.csv !== undefined ? 'csv' : 'rows',
      file_name: blank(data.file_name),
      roster_hash: hash,
      lists,
      threshold,
      rows,
      results: c.results,
      problems,
      row_count: rows.length,
      rows_with_matches: c.rows_with_matches,
      match_count: c.match_count,
      list_versions: c.list_versions,
      config_version: c.config_version,
      run_count: 1,
      sensitivity,
      compartments,
    });
    await recordWithheld(tx, rec, c, policy, config);
    return { screening: await getScreening(tx, rec.id), withheld: c.withheld.length, rerun: false };
  });
}

/**
 * Re-runs a stored screening against the lists as they are now. New hits (not in the previous
 * results, not yet decided) raise reviews when the re-run follows a list change.
 */
async function rerun(tx: Ctx, prev: ScreeningRecord, how: { actor: Ctx; reason: string | null; listChange?: string }): Promise<{ hits: number; reviews: number; withheld: number }> {
  const policy = await policyOf(tx);
  const { config } = await configOf(tx);
  // The re-run sees what the screening's protection allows (after a list change, the system re-runs it for everyone).
  const viewer = how.listChange ? systemActor('screening') : how.actor.actor;
  const c = await compute(tx, prev.rows, prev.lists, prev.threshold, { sensitivity: prev.sensitivity, compartments: prev.compartments ?? [] }, viewer);
  const before = new Set(prev.results.flatMap((r) => r.matches.map((m) => `${r.row}|${m.list}|${m.id}`)));
  const byRow = new Map(prev.rows.map((r) => [r.row, r]));
  let hits = 0;
  let reviews = 0;
  for (const r of c.results) {
    for (const m of r.matches) {
      if (before.has(`${r.row}|${m.list}|${m.id}`)) continue;
      hits++;
      if (how.listChange && policy.reviews.onNewHits) {
        const meta = c.metas.get(m.id)!;
        if (await raiseReview(tx, prev, byRow.get(r.row)!, { list: m.list, id: m.id, name: m.name, score: m.score, sensitivity: meta.sensitivity, compartments: meta.compartments }, 'list-change', c.list_versions[m.list] ?? null, config, policy)) reviews++;
      }
    }
  }
  reviews += await recordWithheld(tx, prev, c, policy, config);
  const writer = how.listChange ? sys(tx) : how.actor;
  await updateRecord(
    writer,
    T.screening,
    prev.id,
    { results: c.results, rows_with_matches: c.rows_with_matches, match_count: c.match_count, list_versions: c.list_versions, config_version: c.config_version, run_count: prev.run_count + 1, last_run_at: new Date().toISOString() },
    { action: 'rerun', reason: how.reason },
  );
  return { hits, reviews, withheld: c.withheld.length };
}

/** Re-runs every earlier screening that included the list. */
export async function rerunAfterListChange(tx: Ctx, code: string): Promise<RerunSummary> {
  const rows = (await tx.q.query(`SELECT * FROM screenings WHERE retracted_at IS NULL AND $1 = ANY(lists) ORDER BY created_at, id`, [code])).rows as ScreeningRecord[];
  const l = await findList(tx, code);
  const sum = { screenings: 0, hits: 0, reviews: 0 };
  for (const s of rows) {
    if ((s.list_versions?.[code] ?? -1) === l?.content_version) continue;
    const r = await rerun(tx, s, { actor: sys(tx), reason: `list ${code} changed (version ${l?.content_version ?? 0})`, listChange: code });
    sum.screenings++;
    sum.hits += r.hits;
    sum.reviews += r.reviews;
  }
  return sum;
}

/** Re-runs one screening now (the lists as they are). */
export async function rerunScreening(ctx: Ctx, id: string): Promise<ScreeningView> {
  return inTransaction(ctx, async (tx) => {
    const prev = await mustGetRecord<ScreeningRecord>(tx, T.screening, id);
    if (!hasPermission(tx.actor, 'screening:screen')) throw new ForbiddenError('this needs the permission screening:screen');
    await rerun(tx, prev, { actor: tx, reason: null });
    return getScreening(tx, id);
  });
}

// -- reading screenings --------------------------------------------------------------------------

export interface ViewMatch {
  list: string;
  id: string;
  name: string;
  score: number;
  explanation: ScreeningExplanation;
  adjudication: (StandingDecision & { note?: string | null }) | null;
}

export interface ViewRow extends StoredRow {
  matches: ViewMatch[];
}

export interface ScreeningView {
  id: string;
  title: string | null;
  file_name: string | null;
  lists: string[];
  threshold: number | null;
  row_count: number;
  rows_with_matches: number;
  match_count: number;
  list_versions: Record<string, number>;
  run_count: number;
  last_run_at: string;
  created_by: string;
  created_at: string;
  sensitivity: string;
  problems: ParseProblem[];
  rows: ViewRow[];
  open_reviews: number;
}

async function entryMetas(ctx: Ctx, ids: string[]): Promise<Map<string, { sensitivity: string; compartments: string[]; status: string }>> {
  if (!ids.length) return new Map();
  const rows = (await ctx.q.query('SELECT id, sensitivity, compartments, status, retracted_at FROM screening_entries WHERE id = ANY($1::uuid[])', [[...new Set(ids)]])).rows as any[];
  return new Map(rows.filter((r) => !r.retracted_at).map((r) => [r.id, { sensitivity: r.sensitivity, compartments: r.compartments ?? [], status: r.status }]));
}

/** A screening as the actor may see it: every row, with its matches on entries the actor may read and the standing decisions. */
export async function getScreening(ctx: Ctx, id: string, opts: { onlyMatches?: boolean } = {}): Promise<ScreeningView> {
  const s = await mustGetRecord<ScreeningRecord>(ctx, T.screening, id);
  const lang = langOf(ctx);
  const metas = await entryMetas(ctx, s.results.flatMap((r) => r.matches.map((m) => m.id)));
  const { config } = await configOf(ctx);
  const keyed = s.rows.map((r) => ({ name_key: nameKey(r.name, config), birth_key: birthKey(r.birth_date) }));
  const dec = await decisionsFor(ctx, keyed);
  const byRow = new Map(s.results.map((r) => [r.row, r.matches]));
  const rows: ViewRow[] = [];
  s.rows.forEach((r, i) => {
    const k = keyed[i]!;
    const matches: ViewMatch[] = [];
    for (const m of byRow.get(r.row) ?? []) {
      const meta = metas.get(m.id);
      if (!meta || !canRead(ctx.actor, meta)) continue;
      const asMatch = { list: m.list, id: m.id, name: m.name, score: m.score, explanation: m.explanation } as Match;
      matches.push({ list: m.list, id: m.id, name: m.name, score: m.score, explanation: nameExplanation(asMatch, lang), adjudication: dec.get(`${m.list}|${m.id}|${k.name_key}|${k.birth_key}`) ?? null });
    }
    if (!opts.onlyMatches || matches.length) rows.push({ ...r, matches });
  });
  const params: unknown[] = [id];
  const f = readFilterSql(ctx.actor, 'v', params.length);
  params.push(...f.params);
  const open = hasPermission(ctx.actor, 'screening:read')
    ? Number((await ctx.q.query<{ n: string }>(`SELECT count(*) AS n FROM screening_reviews v WHERE v.screening_id = $1 AND v.status = 'open' AND v.retracted_at IS NULL AND ${f.sql}`, params)).rows[0]!.n)
    : 0;
  return {
    id: s.id,
    title: s.title,
    file_name: s.file_name,
    lists: s.lists,
    threshold: s.threshold,
    row_count: s.row_count,
    rows_with_matches: rows.filter((r) => r.matches.length).length,
    match_count: rows.reduce((n, r) => n + r.matches.length, 0),
    list_versions: s.list_versions,
    run_count: s.run_count,
    last_run_at: new Date(s.last_run_at).toISOString(),
    created_by: s.created_by,
    created_at: new Date(s.created_at).toISOString(),
    sensitivity: s.sensitivity,
    problems: s.problems,
    rows,
    open_reviews: open,
  };
}

export async function listScreenings(ctx: Ctx, opts: { limit?: number; offset?: number } = {}): Promise<Record<string, unknown>[]> {
  const rows = (await listRecords<ScreeningRecord>(ctx, T.screening, { orderBy: 'r.created_at DESC, r.id', limit: Math.min(opts.limit ?? 100, 1000), offset: opts.offset })) as any[];
  return rows.map((s) => ({ id: s.id, title: s.title, file_name: s.file_name, lists: s.lists, threshold: s.threshold, row_count: s.row_count, rows_with_matches: s.rows_with_matches, match_count: s.match_count, run_count: s.run_count, last_run_at: s.last_run_at, created_by: s.created_by, created_at: s.created_at, sensitivity: s.sensitivity }));
}

/** One match of a screening with its full explanation (structured and worded), the entry and the standing decision. */
export async function matchDetail(ctx: Ctx, screeningId: string, row: number, list: string, entryId: string): Promise<{ row: StoredRow; match: ViewMatch; entry: EntryRow }> {
  const v = await getScreening(ctx, screeningId);
  const lang = langOf(ctx);
  const r = v.rows.find((x) => x.row === row);
  if (!r) throw new NotFoundError(t(lang, 'screening:error.no-such-row', { row }));
  const m = r.matches.find((x) => x.list === list && x.id === entryId);
  if (!m) throw new NotFoundError(t(lang, 'screening:error.no-such-match', { row, list, id: entryId }));
  const { matches: _m, ...rest } = r;
  return { row: rest, match: m, entry: await getEntry(ctx, entryId) };
}

/**
 * A screening's results as CSV, one line per match (a row without a match gets one line with empty
 * match columns), headers in the actor's language; the same access rules as the results view.
 */
export async function screeningCsv(ctx: Ctx, id: string): Promise<string> {
  const v = await getScreening(ctx, id);
  const lang = langOf(ctx);
  const head = ['row', 'name', 'birth_date', 'nationality', 'gender', 'unit', 'rank', 'list', 'entry_id', 'entry_name', 'score', 'decision'].map((k) => t(lang, `screening:csv.${k}`));
  const lines: unknown[][] = [];
  for (const r of v.rows) {
    const base = [r.row, r.name, r.birth_date, r.nationality, r.gender, r.unit, r.rank];
    if (!r.matches.length) lines.push([...base, '', '', '', '', '']);
    for (const m of r.matches) lines.push([...base, m.list, m.id, m.name, m.score, m.adjudication ? t(lang, `screening:decision.${m.adjudication.decision}`) : '']);
  }
  // a cell a spreadsheet would read as a formula is kept as text
  const cell = (x: unknown) => (typeof x === 'string' && /^[=+\-@\t\r]/.test(x) ? `'${x}` : x);
  return stringify([head, ...lines.map((l) => l.map(cell))]);
}

// ---------------------------------------------------------------------------------------------
// Adjudication
// ---------------------------------------------------------------------------------------------

export const adjudicationInput = z.object({
  row: z.number().int().min(1),
  list: z.string().min(1).max(40),
  entry_id: z.string().uuid(),
  decision: z.enum(DECISIONS),
  note: z.string().max(10_000).optional().nullable(),
});
export type AdjudicationInput = z.infer<typeof adjudicationInput>;

export interface MatchDecisionInput {
  name: string;
  birth_date?: string | null;
  list: string;
  entry_id: string;
  decision: Decision;
  note?: string | null;
  score?: number | null;
  screening_id?: string | null;
  row_no?: number | null;
}

function requireAdjudicate(ctx: Ctx) {
  if (!hasPermission(ctx.actor, 'screening:adjudicate')) throw new ForbiddenError('this needs the permission screening:adjudicate');
}

/**
 * Records the decision on a match of a person with a list entry (true match, false positive, needs
 * review), remembered for the same person (name as normalised, and birth date) and entry, and closes
 * the open reviews of that hit. Human rights role only; every decision is a revision in the audit trail.
 */
export async function adjudicateMatch(ctx: Ctx, input: MatchDecisionInput): Promise<Record<string, any>> {
  requireAdjudicate(ctx);
  if (!DECISIONS.includes(input.decision)) throw new ValidationError([{ field: 'decision', reason: `must be one of ${DECISIONS.join(', ')}` }]);
  const policy = await policyOf(ctx);
  return inTransaction(ctx, async (tx) => {
    const entry = await getRecord<EntryRow>(tx, T.entry, input.entry_id);
    if (!entry || entry.list_code !== input.list) throw new NotFoundError(`screening entry ${input.entry_id} of list ${input.list}`);
    const { config } = await configOf(tx);
    const nk = nameKey(input.name, config);
    const bk = birthKey(input.birth_date);
    const cur = (await tx.q.query('SELECT * FROM screening_adjudications WHERE list_code = $1 AND entry_id = $2 AND name_key = $3 AND birth_key = $4 AND retracted_at IS NULL', [input.list, input.entry_id, nk, bk])).rows[0] as any;
    const values = {
      decision: input.decision,
      note: blank(input.note),
      score: input.score ?? null,
      screening_id: input.screening_id ?? null,
      row_no: input.row_no ?? null,
      roster_name: input.name,
      birth_date: blank(input.birth_date),
      entry_name: entry.name,
      decided_by: tx.actor.username,
    };
    let adj: Record<string, any>;
    if (cur) {
      const r = await updateRecord(tx, T.adjudication, cur.id, { ...values, decided_at: new Date().toISOString() }, { action: 'adjudicate', reason: values.note });
      adj = r.record;
    } else {
      adj = await insertRecord(tx, T.adjudication, { ...values, list_code: input.list, entry_id: input.entry_id, name_key: nk, birth_key: bk, sensitivity: higher(policy.sensitivity.adjudication, entry.sensitivity), compartments: entry.compartments ?? [] }, { action: 'adjudicate', reason: values.note });
    }
    // "needs review" leaves the hit waiting: its reviews stay open
    const open = input.decision === 'needs-review' ? [] : ((await tx.q.query(`SELECT id FROM screening_reviews WHERE list_code = $1 AND entry_id = $2 AND name_key = $3 AND birth_key = $4 AND status = 'open' AND retracted_at IS NULL`, [input.list, input.entry_id, nk, bk])).rows as { id: string }[]);
    for (const r of open) await updateRecord(sys(tx), T.review, r.id, { status: 'closed', adjudication_id: adj.id, closed_at: new Date().toISOString(), closed_by: tx.actor.username }, { action: 'close', reason: input.decision });
    return { ...adj, reviews_closed: open.length };
  });
}

/** The decision on a match of a stored screening (the row's person and the entry). */
export async function adjudicate(ctx: Ctx, screeningId: string, input: AdjudicationInput): Promise<Record<string, any>> {
  requireAdjudicate(ctx);
  const data = parse(adjudicationInput, input);
  const lang = langOf(ctx);
  const s = await mustGetRecord<ScreeningRecord>(ctx, T.screening, screeningId);
  const row = s.rows.find((r) => r.row === data.row);
  if (!row) throw new ValidationError([{ field: 'row', reason: t(lang, 'screening:error.no-such-row', { row: data.row }) }]);
  let m: { score: number } | undefined = s.results.find((r) => r.row === data.row)?.matches.find((x) => x.list === data.list && x.id === data.entry_id);
  if (!m) {
    const params: unknown[] = [screeningId, data.row, data.list, data.entry_id];
    const f = readFilterSql(ctx.actor, 'v', params.length);
    params.push(...f.params);
    const rev = (await ctx.q.query(`SELECT score FROM screening_reviews v WHERE v.screening_id = $1 AND v.row_no = $2 AND v.list_code = $3 AND v.entry_id = $4 AND v.retracted_at IS NULL AND ${f.sql} LIMIT 1`, params)).rows[0] as any;
    if (rev) m = { score: Number(rev.score) };
  }
  if (!m) throw new ValidationError([{ field: 'entry_id', reason: t(lang, 'screening:error.no-such-match', { row: data.row, list: data.list, id: data.entry_id }) }]);
  return adjudicateMatch(ctx, { name: row.name, birth_date: row.birth_date, list: data.list, entry_id: data.entry_id, decision: data.decision, note: data.note, score: m.score, screening_id: screeningId, row_no: data.row });
}

// ---------------------------------------------------------------------------------------------
// Reviews
// ---------------------------------------------------------------------------------------------

export async function listReviews(ctx: Ctx, f: { status?: 'open' | 'closed'; screeningId?: string; limit?: number } = {}): Promise<Record<string, any>[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (f.status) {
    params.push(f.status);
    conds.push(`r.status = $${params.length}`);
  }
  if (f.screeningId) {
    params.push(f.screeningId);
    conds.push(`r.screening_id = $${params.length}::uuid`);
  }
  return listRecords(ctx, T.review, { where: conds.join(' AND ') || undefined, params, orderBy: 'r.created_at DESC, r.id', limit: Math.min(f.limit ?? 200, 2000) });
}

/** Decisions "needs review" the actor may read: matches waiting for a closer look. */
export async function pendingDecisions(ctx: Ctx, limit = 200): Promise<Record<string, any>[]> {
  return listRecords(ctx, T.adjudication, { where: `r.decision = 'needs-review'`, orderBy: 'r.decided_at DESC, r.id', limit });
}

export { type Decision } from './schema.ts';
