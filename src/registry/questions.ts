/**
 * The questions the registry answers: chain of command at a date, subordinate tree, commanders, a
 * person's career, who commanded the units in an area, fuzzy search, dossiers. Every query applies the
 * access rule in SQL to each table it reads, so what the actor may not read is simply absent.
 */
import { isUuid } from './sfm/cells.ts';
import { earliestDay, parsePartialDate } from '../platform/dates.ts';
import { NotFoundError, ValidationError } from '../platform/errors.ts';
import { type Ctx, getRecord, inTransaction } from '../platform/store.ts';
import type { RankList, Vocabularies } from './config.ts';
import {
  type Link,
  type Location,
  matcherOf,
  type Person,
  rankList,
  type Posting,
  postingRoleKind,
  readable,
  requireRegistryRead,
  type Unit,
  type UnitLocation,
  validAtSql,
  vocabularies as vocabularySetting,
} from './common.ts';

/** The vocabularies with the rank list, as the views need them. */
type Vocab = Vocabularies & { ranks: RankList };
async function vocabularies(ctx: Ctx): Promise<Vocab> {
  return { ...(await vocabularySetting(ctx)), ranks: await rankList(ctx) };
}
import { chronological, parseDay, preferAt, type Validity, validityAt } from './intervals.ts';
import { areaKey, type CommandLevel, nameScore, personNameKey, rankCode, unitNameKey } from './names.ts';
import { T } from './schema.ts';

const MAX_DEPTH = 64;

// ---------------------------------------------------------------------------------------------
// Views
// ---------------------------------------------------------------------------------------------

export interface UnitSummary {
  id: string;
  name: string;
  other_names: string[];
  kind: string;
  classifications: string[];
  placeholder: boolean;
  country: string | null;
  level: string | null;
  sensitivity: string;
}

export function unitSummary(u: Unit): UnitSummary {
  return {
    id: u.id,
    name: u.name,
    other_names: u.other_names ?? [],
    kind: u.kind,
    classifications: u.classifications ?? [],
    placeholder: !!u.placeholder,
    country: u.country,
    level: u.level,
    sensitivity: u.sensitivity,
  };
}

export interface PersonSummary {
  id: string;
  name: string;
  other_names: string[];
  sensitivity: string;
}

function personSummary(p: Person): PersonSummary {
  return { id: p.id, name: p.name, other_names: p.other_names ?? [], sensitivity: p.sensitivity };
}

/** A source as cited by one record: the source, the page or excerpt, the fields it supports. */
export interface SourceRef {
  source_id: string;
  kind: string;
  title: string;
  url: string | null;
  archive_url: string | null;
  published_date: string | null;
  page: string | null;
  excerpt: string | null;
  /** Highest confidence stated for this source on this record. */
  confidence: string | null;
  /** Fields of the record the source supports ('*' = the whole record). */
  fields: string[];
}

export interface DatedView {
  start_date: string | null;
  start_exact: boolean;
  end_date: string | null;
  end_state: string;
}

function datedView(r: DatedView): DatedView {
  return { start_date: r.start_date, start_exact: !!r.start_exact, end_date: r.end_date, end_state: r.end_state };
}

export interface PostingView extends DatedView {
  posting_id: string;
  role: string | null;
  role_kind: string;
  /** What the role is in the unit: its head (commander, director), a deputy, or neither. */
  command: CommandLevel;
  rank: string | null;
  /** The configured rank the written rank stands for (registry.ranks), e.g. 'colonel-major' for 'Colonel Major'. */
  rank_code: string | null;
  title: string | null;
  confidence: string | null;
  sensitivity: string;
  sources: SourceRef[];
  /** At the date asked: whether the posting certainly held (present only in answers about a date). */
  certain?: boolean;
}

export interface Commander extends PostingView {
  person: PersonSummary;
  certain: boolean;
}

export interface LinkView extends DatedView {
  link_id: string;
  kind: 'parent' | 'member';
  relation_class: string | null;
  confidence: string | null;
  sensitivity: string;
  /** The unit at the other end of the link. */
  unit: UnitSummary;
  sources: SourceRef[];
  certain?: boolean;
}

const CONF_RANK: Record<string, number> = { low: 1, medium: 2, high: 3 };

/** Sources of records (any record type), grouped by record; citations and sources the actor may not read are left out. */
export async function citationsOf(ctx: Ctx, recordType: string, ids: string[]): Promise<Map<string, SourceRef[]>> {
  requireRegistryRead(ctx);
  const out = new Map<string, SourceRef[]>();
  const unique = [...new Set(ids)].filter(isUuid);
  if (!unique.length) return out;
  const params: unknown[] = [recordType, unique];
  const rows = (
    await ctx.q.query<any>(
      `SELECT c.record_id, c.field, c.page, c.excerpt, c.confidence, s.id AS source_id, s.kind, s.title, s.url, s.archive_url, s.published_date
         FROM registry_citations c JOIN registry_sources s ON s.id = c.source_id
        WHERE c.record_type = $1 AND c.record_id = ANY($2::uuid[]) AND c.retracted_at IS NULL AND s.retracted_at IS NULL
          AND ${readable(ctx, 'c', params)} AND ${readable(ctx, 's', params)}
        ORDER BY s.title, s.id, c.page NULLS FIRST, c.field NULLS FIRST`,
      params,
    )
  ).rows;
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    let ref = list.find((x) => x.source_id === r.source_id && x.page === r.page && x.excerpt === r.excerpt);
    if (!ref) {
      ref = { source_id: r.source_id, kind: r.kind, title: r.title, url: r.url, archive_url: r.archive_url, published_date: r.published_date, page: r.page, excerpt: r.excerpt, confidence: null, fields: [] };
      list.push(ref);
    }
    const f = r.field ?? '*';
    if (!ref.fields.includes(f)) ref.fields.push(f);
    if (r.confidence && (CONF_RANK[r.confidence] ?? 0) > (CONF_RANK[ref.confidence ?? ''] ?? 0)) ref.confidence = r.confidence;
    out.set(r.record_id, list);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Building blocks: links and postings
// ---------------------------------------------------------------------------------------------

type LinkRow = Link & { other: Unit };

/**
 * Links of a kind touching units: direction 'up' gives the links from the units to the units above
 * them (their parents, or the operations they are members of); 'down' the links from units below
 * (children, or members). `day` null = at any time.
 */
async function links(ctx: Ctx, ids: string[], kind: 'parent' | 'member', dir: 'up' | 'down', day: string | null): Promise<LinkRow[]> {
  if (!ids.length) return [];
  const self = dir === 'up' ? 'unit_id' : 'related_unit_id';
  const other = dir === 'up' ? 'related_unit_id' : 'unit_id';
  const params: unknown[] = [ids, kind];
  let when = '';
  if (day) {
    params.push(day);
    when = `AND ${validAtSql('l', `$${params.length}`)}`;
  }
  return (
    await ctx.q.query<LinkRow>(
      `SELECT l.*, to_jsonb(u) AS other FROM registry_unit_links l JOIN registry_units u ON u.id = l.${other}
        WHERE l.${self} = ANY($1::uuid[]) AND l.kind = $2 AND l.retracted_at IS NULL AND u.retracted_at IS NULL ${when}
          AND ${readable(ctx, 'l', params)} AND ${readable(ctx, 'u', params)}
        ORDER BY l.start_min NULLS FIRST, u.name, l.id`,
      params,
    )
  ).rows;
}

function linkView(l: LinkRow, sources: Map<string, SourceRef[]>, day: string | null): LinkView {
  return {
    link_id: l.id,
    kind: l.kind,
    relation_class: l.relation_class,
    ...datedView(l),
    confidence: l.confidence,
    sensitivity: l.sensitivity,
    unit: unitSummary(l.other),
    sources: sources.get(l.id) ?? [],
    ...(day ? { certain: validityAt(l, day).certain } : {}),
  };
}

type PostingRow = Posting & { person: Person; unit: Unit };

/** Postings of units (or of a person), with their person and unit, that may hold on `day` (any time when null). */
async function postings(ctx: Ctx, where: { unitIds?: string[]; personId?: string }, day: string | null): Promise<PostingRow[]> {
  const params: unknown[] = [];
  const conds = ['p.retracted_at IS NULL', 'per.retracted_at IS NULL', 'u.retracted_at IS NULL'];
  if (where.unitIds) {
    if (!where.unitIds.length) return [];
    params.push(where.unitIds);
    conds.push(`p.unit_id = ANY($${params.length}::uuid[])`);
  }
  if (where.personId) {
    params.push(where.personId);
    conds.push(`p.person_id = $${params.length}`);
  }
  if (day) {
    params.push(day);
    conds.push(validAtSql('p', `$${params.length}`));
  }
  conds.push(readable(ctx, 'p', params), readable(ctx, 'per', params), readable(ctx, 'u', params));
  return (
    await ctx.q.query<PostingRow>(
      `SELECT p.*, to_jsonb(per) AS person, to_jsonb(u) AS unit
         FROM registry_postings p JOIN registry_persons per ON per.id = p.person_id JOIN registry_units u ON u.id = p.unit_id
        WHERE ${conds.join(' AND ')}
        ORDER BY p.start_min NULLS FIRST, p.end_max NULLS LAST, per.name, p.id`,
      params,
    )
  ).rows;
}

function postingView(p: Posting & { unit: Unit }, v: Vocab, sources: Map<string, SourceRef[]>, day: string | null): PostingView {
  const kind = postingRoleKind(p, v, p.unit?.name);
  return {
    posting_id: p.id,
    role: p.role,
    role_kind: kind.code,
    command: kind.command,
    rank: p.rank,
    rank_code: rankCode(p.rank, v.ranks),
    title: p.title,
    ...datedView(p),
    confidence: p.confidence,
    sensitivity: p.sensitivity,
    sources: sources.get(p.id) ?? [],
    ...(day ? { certain: validityAt(p, day).certain } : {}),
  };
}

export interface CommandStaff {
  /** Heads of the unit (commander, director…) on the day. */
  commanders: Commander[];
  /** Their deputies on the day. */
  deputies: Commander[];
}

/** Heads and deputies of several units on a day, by unit (placeholders hold no postings). */
async function commandByUnit(ctx: Ctx, unitIds: string[], day: string, v: Vocab): Promise<Map<string, CommandStaff>> {
  const rows = (await postings(ctx, { unitIds }, day)).filter((p) => !p.unit.placeholder && postingRoleKind(p, v, p.unit.name).command !== 'none');
  const sources = await citationsOf(ctx, T.posting, rows.map((r) => r.id));
  const out = new Map<string, CommandStaff>();
  for (const p of rows) {
    const c: Commander = { ...postingView(p, v, sources, day), person: personSummary(p.person), certain: validityAt(p, day).certain };
    const staff = out.get(p.unit_id) ?? { commanders: [], deputies: [] };
    (c.command === 'head' ? staff.commanders : staff.deputies).push(c);
    out.set(p.unit_id, staff);
  }
  const order = (a: Commander, b: Commander) => Number(b.certain) - Number(a.certain) || (b.start_date ?? '').localeCompare(a.start_date ?? '') || a.person.name.localeCompare(b.person.name);
  for (const staff of out.values()) {
    staff.commanders.sort(order);
    staff.deputies.sort(order);
  }
  return out;
}

const NO_STAFF: CommandStaff = { commanders: [], deputies: [] };

async function liveUnit(ctx: Ctx, id: string): Promise<Unit> {
  requireRegistryRead(ctx);
  const u = isUuid(id) ? await getRecord<Unit>(ctx, T.unit, id) : null;
  if (!u || u.retracted_at) throw new NotFoundError(`unit ${id}`);
  return u;
}

async function livePerson(ctx: Ctx, id: string): Promise<Person> {
  requireRegistryRead(ctx);
  const p = isUuid(id) ? await getRecord<Person>(ctx, T.person, id) : null;
  if (!p || p.retracted_at) throw new NotFoundError(`person ${id}`);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Chain of command, subordinates, commanders
// ---------------------------------------------------------------------------------------------

export interface ChainLevel {
  unit: UnitSummary;
  /** Whether the unit itself existed on the day (from its own dates). */
  unit_exists: Validity;
  /** Persons heading the unit on the day (none for a placeholder). */
  commanders: Commander[];
  /** Their deputies on the day. */
  deputies: Commander[];
  /** The link to the next level up; null at the top. */
  parent_link: LinkView | null;
  /** Other parents that may also hold on the day (overlapping imprecise dates); the chain follows parent_link. */
  other_parents: LinkView[];
  /** Joint operations or task forces the unit is a member of on the day (membership, not command). */
  member_of: LinkView[];
}

export interface Chain {
  unit_id: string;
  at: string;
  /** levels[0] is the unit asked about; the last is the top of the hierarchy known on the day. */
  levels: ChainLevel[];
  /** True when the hierarchy loops back on itself on the day (the chain stops before repeating). */
  cycle: boolean;
}

/** The unit, its parent, its parent's parent… up to the top, on day `at`, with the commanders of each. */
export async function chainOfCommand(ctx: Ctx, unitId: string, at: string): Promise<Chain> {
  const day = parseDay(at);
  const start = await liveUnit(ctx, unitId);
  const v = await vocabularies(ctx);
  const path: { unit: Unit; chosen: LinkRow | null; others: LinkRow[] }[] = [];
  const visited = new Set<string>([start.id]);
  let cycle = false;
  let current: Unit = start;
  for (;;) {
    const candidates = preferAt((await links(ctx, [current.id], 'parent', 'up', day)).map((l) => ({ ...l, validity: validityAt(l, day) })));
    const chosen = candidates[0] ?? null;
    path.push({ unit: current, chosen, others: candidates.slice(1) });
    if (!chosen) break;
    if (visited.has(chosen.related_unit_id) || path.length >= MAX_DEPTH) {
      cycle = visited.has(chosen.related_unit_id);
      break;
    }
    visited.add(chosen.related_unit_id);
    current = chosen.other;
  }
  const ids = path.map((p) => p.unit.id);
  const command = await commandByUnit(ctx, ids, day, v);
  const memberships = await links(ctx, ids, 'member', 'up', day);
  const linkIds = [...path.flatMap((p) => [p.chosen, ...p.others].filter(Boolean).map((l) => l!.id)), ...memberships.map((m) => m.id)];
  const sources = await citationsOf(ctx, T.link, linkIds);
  return {
    unit_id: start.id,
    at: day,
    cycle,
    levels: path.map((p) => ({
      unit: unitSummary(p.unit),
      unit_exists: validityAt(p.unit, day),
      commanders: (command.get(p.unit.id) ?? NO_STAFF).commanders,
      deputies: (command.get(p.unit.id) ?? NO_STAFF).deputies,
      parent_link: p.chosen ? linkView(p.chosen, sources, day) : null,
      other_parents: p.others.map((o) => linkView(o, sources, day)),
      member_of: memberships.filter((m) => m.unit_id === p.unit.id).map((m) => linkView(m, sources, day)),
    })),
  };
}

/** Ids of every unit under `unitId` on day `at` (children, their children…), nearest first. */
export async function subordinates(ctx: Ctx, unitId: string, at: string): Promise<string[]> {
  const day = parseDay(at);
  const root = await liveUnit(ctx, unitId);
  const seen = new Set<string>([root.id]);
  const out: string[] = [];
  let frontier = [root.id];
  for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
    const next: string[] = [];
    for (const l of await links(ctx, frontier, 'parent', 'down', day)) {
      if (seen.has(l.unit_id)) continue;
      seen.add(l.unit_id);
      out.push(l.unit_id);
      next.push(l.unit_id);
    }
    frontier = next;
  }
  return out;
}

/**
 * Ids of every unit that was under `unitId` at some time (children at any date, their children…):
 * a cheap pre-selection before asking `subordinates` at a date (used by the incidents domain).
 */
export async function subordinatesEver(ctx: Ctx, unitId: string): Promise<string[]> {
  const root = await liveUnit(ctx, unitId);
  const seen = new Set<string>([root.id]);
  const out: string[] = [];
  let frontier = [root.id];
  for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
    const next: string[] = [];
    for (const l of await links(ctx, frontier, 'parent', 'down', null)) {
      if (seen.has(l.unit_id)) continue;
      seen.add(l.unit_id);
      out.push(l.unit_id);
      next.push(l.unit_id);
    }
    frontier = next;
  }
  return out;
}

export interface TreeNode {
  unit: UnitSummary;
  /** The link from this unit to its parent in the tree (null at the root). */
  link: LinkView | null;
  commanders: Commander[];
  deputies: Commander[];
  /** Units under this one on the day. */
  children: TreeNode[];
  /** Units that are members of this one (a joint operation) on the day: not under its command. */
  members: LinkView[];
}

/** The subordinate tree of a unit on day `at`, each node with its commanders and members. */
export async function subordinateTree(ctx: Ctx, unitId: string, at: string): Promise<TreeNode> {
  const day = parseDay(at);
  const root = await liveUnit(ctx, unitId);
  const v = await vocabularies(ctx);
  const nodes = new Map<string, TreeNode>();
  const rootNode: TreeNode = { unit: unitSummary(root), link: null, commanders: [], deputies: [], children: [], members: [] };
  nodes.set(root.id, rootNode);
  const allLinks: LinkRow[] = [];
  let frontier = [root.id];
  for (let depth = 0; frontier.length && depth < MAX_DEPTH; depth++) {
    const found = await links(ctx, frontier, 'parent', 'down', day);
    const byChild = new Map<string, (LinkRow & { validity: Validity })[]>();
    for (const l of found) {
      if (nodes.has(l.unit_id)) continue;
      const list = byChild.get(l.unit_id) ?? [];
      list.push({ ...l, validity: validityAt(l, day) });
      byChild.set(l.unit_id, list);
    }
    const next: string[] = [];
    for (const [childId, list] of byChild) {
      const l = preferAt(list)[0]!;
      allLinks.push(l);
      const node: TreeNode = { unit: unitSummary(l.other), link: null, commanders: [], deputies: [], children: [], members: [] };
      (node as any)._link = l;
      nodes.set(childId, node);
      nodes.get(l.related_unit_id)!.children.push(node);
      next.push(childId);
    }
    frontier = next;
  }
  const ids = [...nodes.keys()];
  const command = await commandByUnit(ctx, ids, day, v);
  const members = await links(ctx, ids, 'member', 'down', day);
  const sources = await citationsOf(ctx, T.link, [...allLinks.map((l) => l.id), ...members.map((m) => m.id)]);
  for (const [id, node] of nodes) {
    const l = (node as any)._link as LinkRow | undefined;
    delete (node as any)._link;
    if (l) node.link = linkView(l, sources, day);
    node.commanders = (command.get(id) ?? NO_STAFF).commanders;
    node.deputies = (command.get(id) ?? NO_STAFF).deputies;
    node.members = members.filter((m) => m.related_unit_id === id).map((m) => linkView(m, sources, day));
    node.children.sort((a, b) => a.unit.name.localeCompare(b.unit.name));
  }
  return rootNode;
}

/** Persons heading the unit on day `at` (with `deputies: true`, their deputies after them), with sources. */
export async function commandersAt(ctx: Ctx, unitId: string, at: string, opts: { deputies?: boolean } = {}): Promise<Commander[]> {
  const day = parseDay(at);
  const u = await liveUnit(ctx, unitId);
  const staff = (await commandByUnit(ctx, [u.id], day, await vocabularies(ctx))).get(u.id) ?? NO_STAFF;
  return opts.deputies ? [...staff.commanders, ...staff.deputies] : staff.commanders;
}

// ---------------------------------------------------------------------------------------------
// Persons: career, units commanded
// ---------------------------------------------------------------------------------------------

export interface CareerEntry extends PostingView {
  unit: UnitSummary;
}

/** A person's postings over time (earliest first), each with its unit and sources. */
export async function postingsOfPerson(ctx: Ctx, personId: string): Promise<CareerEntry[]> {
  const person = await livePerson(ctx, personId);
  const v = await vocabularies(ctx);
  const rows = chronological(await postings(ctx, { personId: person.id }, null));
  const sources = await citationsOf(ctx, T.posting, rows.map((r) => r.id));
  return rows.map((p) => ({ ...postingView(p, v, sources, null), unit: unitSummary(p.unit) }));
}

/**
 * Units the person headed (with `deputies: true`, or was deputy head of): on day `at` when given, else
 * ever (earliest first).
 */
export async function unitsPersonCommanded(ctx: Ctx, personId: string, at?: string | null, opts: { deputies?: boolean } = {}): Promise<{ unit: UnitSummary; posting: PostingView }[]> {
  const day = at ? parseDay(at) : null;
  const person = await livePerson(ctx, personId);
  const v = await vocabularies(ctx);
  const rows = chronological(await postings(ctx, { personId: person.id }, day)).filter((p) => {
    const c = postingRoleKind(p, v, p.unit.name).command;
    return c === 'head' || (opts.deputies === true && c === 'deputy');
  });
  const sources = await citationsOf(ctx, T.posting, rows.map((r) => r.id));
  return rows.map((p) => ({ unit: unitSummary(p.unit), posting: postingView(p, v, sources, day) }));
}

// ---------------------------------------------------------------------------------------------
// Areas
// ---------------------------------------------------------------------------------------------

export interface AreaPresence extends DatedView {
  unit_location_id: string;
  kind: 'site' | 'aoo';
  base_name: string | null;
  label: string | null;
  location: { id: string; name: string; admin_levels: { level: number; name: string }[] } | null;
  confidence: string | null;
  /** At the date asked: whether the site or area certainly held (absent in dossiers). */
  certain?: boolean;
  sources: SourceRef[];
}

export interface AreaEntry {
  unit: UnitSummary;
  presence: AreaPresence[];
  commanders: Commander[];
  deputies: Commander[];
}

/**
 * Units with a site (base) or area of operations in an area on day `at`, and who commanded them. The
 * area is a location id or a place name: it matches the location itself, any location inside it (by
 * its enclosing administrative areas), and sites or areas recorded only by name. A name matches as
 * whole words, accents and case ignored ('Mbali' finds 'Préfecture de la Mbali' and what lies in it).
 * Units that no longer existed on the day (by their own dates) are left out.
 */
export async function unitsInArea(ctx: Ctx, area: string, at: string): Promise<{ area: string; at: string; keys: string[]; units: AreaEntry[] }> {
  requireRegistryRead(ctx);
  const day = parseDay(at);
  const ids: string[] = [];
  const areaKeys: string[] = [];
  if (isUuid(area)) {
    const loc = await getRecord<Location>(ctx, T.location, area);
    if (!loc || loc.retracted_at) throw new NotFoundError(`location ${area}`);
    ids.push(loc.id);
    areaKeys.push(areaKey(loc.name));
  } else {
    const k = areaKey(area);
    if (!k) throw new ValidationError([{ field: 'area', reason: 'name an area or give a location id' }]);
    areaKeys.push(k);
  }
  const params: unknown[] = [day, areaKeys, ids, areaKeys.map((k) => `% ${k} %`)];
  const rows = (
    await ctx.q.query<UnitLocation & { unit: Unit; location: Location | null }>(
      `SELECT ul.*, to_jsonb(u) AS unit, CASE WHEN l.id IS NULL THEN NULL ELSE to_jsonb(l) END AS location
         FROM registry_unit_locations ul
         JOIN registry_units u ON u.id = ul.unit_id
         LEFT JOIN registry_locations l ON l.id = ul.location_id AND l.retracted_at IS NULL AND ${readable(ctx, 'l', params)}
        WHERE ul.retracted_at IS NULL AND u.retracted_at IS NULL AND ${validAtSql('ul', '$1')} AND ${validAtSql('u', '$1')}
          AND (ul.location_id = ANY($3::uuid[])
               OR EXISTS (SELECT 1 FROM unnest(ul.area_keys || COALESCE(l.area_keys, '{}'::text[])) k WHERE k = ANY($2::text[]) OR (' ' || k || ' ') LIKE ANY($4::text[])))
          AND ${readable(ctx, 'ul', params)} AND ${readable(ctx, 'u', params)}
        ORDER BY u.name, ul.start_min NULLS FIRST, ul.id`,
      params,
    )
  ).rows;
  return { area, at: day, keys: areaKeys, units: await areaEntries(ctx, rows, day) };
}

function presenceView(r: UnitLocation & { location: Location | null }, sources: Map<string, SourceRef[]>, day: string | null): AreaPresence {
  return {
    unit_location_id: r.id,
    kind: r.kind,
    base_name: r.base_name,
    label: r.label,
    location: r.location ? { id: r.location.id, name: r.location.name, admin_levels: r.location.admin_levels ?? [] } : null,
    ...datedView(r),
    confidence: r.confidence,
    ...(day ? { certain: validityAt(r, day).certain } : {}),
    sources: sources.get(r.id) ?? [],
  };
}

async function areaEntries(ctx: Ctx, rows: (UnitLocation & { unit: Unit; location: Location | null })[], day: string): Promise<AreaEntry[]> {
  const v = await vocabularies(ctx);
  const unitIds = [...new Set(rows.map((r) => r.unit_id))];
  const command = await commandByUnit(ctx, unitIds, day, v);
  const sources = await citationsOf(ctx, T.unitLocation, rows.map((r) => r.id));
  const byUnit = new Map<string, AreaEntry>();
  for (const r of rows) {
    let e = byUnit.get(r.unit_id);
    if (!e) {
      const staff = command.get(r.unit_id) ?? NO_STAFF;
      e = { unit: unitSummary(r.unit), presence: [], commanders: staff.commanders, deputies: staff.deputies };
      byUnit.set(r.unit_id, e);
    }
    e.presence.push(presenceView(r, sources, day));
  }
  return [...byUnit.values()];
}

// ---------------------------------------------------------------------------------------------
// Search and references
// ---------------------------------------------------------------------------------------------

export interface SearchHit {
  type: 'unit' | 'person';
  id: string;
  name: string;
  /** The name or alias that matched best. */
  matched: string;
  score: number;
  country: string | null;
  placeholder?: boolean;
  sensitivity: string;
}

export interface SearchOptions {
  types?: ('unit' | 'person')[];
  limit?: number;
  /** Lowest score kept (0..1; default 0.5). */
  threshold?: number;
}

/**
 * Fuzzy search over the names and aliases of units and persons: accents, case, punctuation and word
 * order are ignored, and ranks and titles (registry.ranks) are stripped from person names. Candidates
 * come from the trigram index; each is then scored against each of its names.
 */
export async function searchActors(ctx: Ctx, q: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
  requireRegistryRead(ctx);
  const types = opts.types ?? ['unit', 'person'];
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const threshold = opts.threshold ?? 0.5;
  const m = await matcherOf(ctx);
  const pk = personNameKey(q, m);
  const uk = unitNameKey(q);
  if (!pk && !uk) return [];
  const hits: SearchHit[] = [];
  await inTransaction(ctx, async (tx) => {
    await tx.q.query(`SELECT set_config('pg_trgm.word_similarity_threshold', '0.3', true)`);
    const candidates = async (table: string, key: string) => {
      const params: unknown[] = [key];
      return (
        await tx.q.query<any>(
          `SELECT r.* FROM ${table} r WHERE r.retracted_at IS NULL AND $1 <% r.search_text AND ${readable(tx, 'r', params)}
            ORDER BY word_similarity($1, r.search_text) DESC, r.name LIMIT 500`,
          params,
        )
      ).rows;
    };
    if (types.includes('person') && pk) {
      for (const p of (await candidates('registry_persons', pk)) as Person[]) {
        const names = [p.name, ...(p.given_names || p.family_name ? [[p.given_names, p.family_name].filter(Boolean).join(' ')] : []), ...(p.other_names ?? []), ...(p.original_script_names ?? [])];
        let best = { score: 0, matched: p.name };
        for (const n of names) {
          const s = nameScore(pk, personNameKey(n, m));
          if (s > best.score) best = { score: s, matched: n };
        }
        if (best.score >= threshold) hits.push({ type: 'person', id: p.id, name: p.name, matched: best.matched, score: best.score, country: p.country, sensitivity: p.sensitivity });
      }
    }
    if (types.includes('unit') && uk) {
      for (const u of (await candidates('registry_units', uk)) as Unit[]) {
        let best = { score: 0, matched: u.name };
        for (const n of [u.name, ...(u.other_names ?? [])]) {
          const s = nameScore(uk, unitNameKey(n));
          if (s > best.score) best = { score: s, matched: n };
        }
        if (best.score >= threshold) hits.push({ type: 'unit', id: u.id, name: u.name, matched: best.matched, score: best.score, country: u.country, placeholder: !!u.placeholder, sensitivity: u.sensitivity });
      }
    }
  });
  return hits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name)).slice(0, limit);
}

async function bySfmId<R>(ctx: Ctx, table: string, ref: string): Promise<R[]> {
  const params: unknown[] = [ref.toLowerCase(), ref];
  return (await ctx.q.query<R>(`SELECT r.* FROM ${table} r WHERE (r.external_ids ->> 'sfm' = $1 OR r.external_ids ->> 'sfm' = $2) AND r.retracted_at IS NULL AND ${readable(ctx, 'r', params)}`, params)).rows;
}

async function resolve<R extends { id: string; name: string }>(ctx: Ctx, type: 'unit' | 'person', ref: string): Promise<R> {
  requireRegistryRead(ctx);
  const r = String(ref ?? '').trim();
  if (!r) throw new ValidationError([{ field: type, reason: `name a ${type} or give its id` }]);
  const table = type === 'unit' ? 'registry_units' : 'registry_persons';
  if (isUuid(r)) {
    const rec = await getRecord<R & { retracted_at: string | null }>(ctx, type === 'unit' ? T.unit : T.person, r);
    if (rec && !rec.retracted_at) return rec;
  }
  const ext = await bySfmId<R>(ctx, table, r);
  if (ext.length === 1) return ext[0]!;
  const hits = await searchActors(ctx, r, { types: [type], limit: 10, threshold: 0.5 });
  const exact = hits.filter((h) => h.score === 1);
  const pick = exact.length === 1 ? exact[0] : exact.length === 0 && hits.length && hits[0]!.score >= 0.85 && (hits.length === 1 || hits[1]!.score < hits[0]!.score - 0.1) ? hits[0] : null;
  if (pick) return (await getRecord<R>(ctx, type === 'unit' ? T.unit : T.person, pick.id))!;
  const list = (exact.length ? exact : hits).slice(0, 5).map((h) => `${h.name} (${h.id})`).join('; ');
  if (exact.length > 1) throw new ValidationError([{ field: type, reason: `several ${type}s are named "${r}": ${list}; give the id` }]);
  throw new NotFoundError(`${type} "${r}"${list ? ` (did you mean: ${list})` : ''}`);
}

/** A unit from an id, an SFM id or a name (exact, or an unambiguous close match). */
export async function resolveUnit(ctx: Ctx, ref: string): Promise<Unit> {
  return resolve<Unit>(ctx, 'unit', ref);
}

/** A person from an id, an SFM id or a name (ranks ignored; exact, or an unambiguous close match). */
export async function resolvePerson(ctx: Ctx, ref: string): Promise<Person> {
  return resolve<Person>(ctx, 'person', ref);
}

// ---------------------------------------------------------------------------------------------
// Dossiers
// ---------------------------------------------------------------------------------------------

export interface IncidentRef {
  id: string;
  sfm_id: string | null;
  start_date: string | null;
  end_date: string | null;
  violation_types: string[];
  location: string | null;
  description: string | null;
  sensitivity: string;
  sources: SourceRef[];
}

async function stagedIncidents(ctx: Ctx, column: 'perpetrator_units' | 'perpetrator_persons', ids: string[]): Promise<(IncidentRef & { refs: string[] })[]> {
  if (!ids.length) return [];
  const params: unknown[] = [ids];
  const rows = (
    await ctx.q.query<any>(
      `SELECT r.*, ARRAY(SELECT e ->> 'id' FROM jsonb_array_elements(r.${column}) e WHERE e ->> 'id' IS NOT NULL) AS refs
         FROM registry_sfm_incidents r
        WHERE r.retracted_at IS NULL AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.${column}) e WHERE e ->> 'id' = ANY($1::text[]))
          AND ${readable(ctx, 'r', params)}
        ORDER BY r.start_date NULLS LAST, r.id`,
      params,
    )
  ).rows;
  const sources = await citationsOf(ctx, T.sfmIncident, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    sfm_id: r.external_ids?.sfm ?? null,
    start_date: r.start_date,
    end_date: r.end_date,
    violation_types: r.violation_types ?? [],
    location: r.location_description ?? r.location_label ?? null,
    description: r.description,
    sensitivity: r.sensitivity,
    sources: sources.get(r.id) ?? [],
    refs: r.refs ?? [],
  }));
}

export interface UnitDossier {
  type: 'unit';
  unit: Unit;
  sources: SourceRef[];
  /** Every parent link over time. */
  parents: LinkView[];
  /** Every child link over time. */
  children: LinkView[];
  /** Joint operations the unit was a member of. */
  member_of: LinkView[];
  /** Units that were members of this one. */
  members: LinkView[];
  locations: AreaPresence[];
  postings: (PostingView & { person: PersonSummary })[];
  incidents: IncidentRef[];
}

/** Everything the registry says about a unit, with sources, as far as the actor may read it. */
export async function unitDossier(ctx: Ctx, id: string): Promise<UnitDossier> {
  const unit = await liveUnit(ctx, id);
  const v = await vocabularies(ctx);
  const [parents, children, memberOf, members] = await Promise.all([
    links(ctx, [unit.id], 'parent', 'up', null),
    links(ctx, [unit.id], 'parent', 'down', null),
    links(ctx, [unit.id], 'member', 'up', null),
    links(ctx, [unit.id], 'member', 'down', null),
  ]);
  const allLinks = [...parents, ...children, ...memberOf, ...members];
  const linkSources = await citationsOf(ctx, T.link, allLinks.map((l) => l.id));
  const posts = chronological(await postings(ctx, { unitIds: [unit.id] }, null));
  const postSources = await citationsOf(ctx, T.posting, posts.map((p) => p.id));
  const params: unknown[] = [unit.id];
  const locRows = (
    await ctx.q.query<UnitLocation & { unit: Unit; location: Location | null }>(
      `SELECT ul.*, to_jsonb(u) AS unit, CASE WHEN l.id IS NULL THEN NULL ELSE to_jsonb(l) END AS location
         FROM registry_unit_locations ul JOIN registry_units u ON u.id = ul.unit_id
         LEFT JOIN registry_locations l ON l.id = ul.location_id AND l.retracted_at IS NULL AND ${readable(ctx, 'l', params)}
        WHERE ul.unit_id = $1 AND ul.retracted_at IS NULL AND ${readable(ctx, 'ul', params)}
        ORDER BY ul.start_min NULLS FIRST, ul.id`,
      params,
    )
  ).rows;
  const locSources = await citationsOf(ctx, T.unitLocation, locRows.map((r) => r.id));
  const incidents = (await stagedIncidents(ctx, 'perpetrator_units', [unit.id])).map(({ refs: _r, ...i }) => i);
  return {
    type: 'unit',
    unit,
    sources: (await citationsOf(ctx, T.unit, [unit.id])).get(unit.id) ?? [],
    parents: parents.map((l) => linkView(l, linkSources, null)),
    children: children.map((l) => linkView(l, linkSources, null)),
    member_of: memberOf.map((l) => linkView(l, linkSources, null)),
    members: members.map((l) => linkView(l, linkSources, null)),
    locations: locRows.map((r) => presenceView(r, locSources, null)),
    postings: posts.map((p) => ({ ...postingView(p, v, postSources, null), person: personSummary(p.person) })),
    incidents,
  };
}

export interface PersonDossier {
  type: 'person';
  person: Person;
  sources: SourceRef[];
  /** Postings over time: appointments and removals are postings; the person's record follows them. */
  career: CareerEntry[];
  /** Incidents naming the person as a perpetrator. */
  incidents: IncidentRef[];
  /**
   * Incidents attributed to a unit the person commanded at the time (the unit itself or a unit under
   * it on the incident's first day): command responsibility follows the person from post to post.
   */
  incidents_under_command: (IncidentRef & { unit: UnitSummary; commanded_unit: UnitSummary; posting_id: string })[];
}

/** Everything the registry says about a person, with sources, as far as the actor may read it. */
export async function personDossier(ctx: Ctx, id: string): Promise<PersonDossier> {
  const person = await livePerson(ctx, id);
  const v = await vocabularies(ctx);
  const career = await postingsOfPerson(ctx, person.id);
  const incidents = (await stagedIncidents(ctx, 'perpetrator_persons', [person.id])).map(({ refs: _r, ...i }) => i);
  const commandPosts = career.filter((c) => c.command === 'head');
  const underCommand: PersonDossier['incidents_under_command'] = [];
  if (commandPosts.length) {
    const params: unknown[] = [];
    const staged = (
      await ctx.q.query<any>(
        `SELECT r.id FROM registry_sfm_incidents r WHERE r.retracted_at IS NULL AND jsonb_array_length(r.perpetrator_units) > 0 AND r.start_date IS NOT NULL
            AND ${readable(ctx, 'r', params)} ORDER BY r.start_date LIMIT 5000`,
        params,
      )
    ).rows.map((r) => r.id as string);
    const all = await stagedIncidentsByIds(ctx, staged);
    for (const inc of all) {
      const d = parsePartialDate(inc.start_date);
      if (!d) continue;
      const day = earliestDay(d);
      for (const unitId of inc.refs) {
        const above = await ancestorsAt(ctx, unitId, day);
        for (const post of commandPosts) {
          if (!validityAt(post, day).valid) continue;
          const hit = above.find((u) => u.id === post.unit.id);
          if (hit) {
            const { refs: _r, ...rest } = inc;
            underCommand.push({ ...rest, unit: above[0]!, commanded_unit: post.unit, posting_id: post.posting_id });
          }
        }
      }
    }
  }
  void v;
  return {
    type: 'person',
    person,
    sources: (await citationsOf(ctx, T.person, [person.id])).get(person.id) ?? [],
    career,
    incidents,
    incidents_under_command: underCommand,
  };
}

async function stagedIncidentsByIds(ctx: Ctx, ids: string[]): Promise<(IncidentRef & { refs: string[] })[]> {
  if (!ids.length) return [];
  const params: unknown[] = [ids];
  const rows = (
    await ctx.q.query<any>(
      `SELECT r.*, ARRAY(SELECT e ->> 'id' FROM jsonb_array_elements(r.perpetrator_units) e WHERE e ->> 'id' IS NOT NULL) AS refs
         FROM registry_sfm_incidents r WHERE r.id = ANY($1::uuid[]) AND ${readable(ctx, 'r', params)} ORDER BY r.start_date, r.id`,
      params,
    )
  ).rows;
  const sources = await citationsOf(ctx, T.sfmIncident, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    sfm_id: r.external_ids?.sfm ?? null,
    start_date: r.start_date,
    end_date: r.end_date,
    violation_types: r.violation_types ?? [],
    location: r.location_description ?? r.location_label ?? null,
    description: r.description,
    sensitivity: r.sensitivity,
    sources: sources.get(r.id) ?? [],
    refs: r.refs ?? [],
  }));
}

/** The unit and the units above it on a day (as summaries, the unit first); empty when the unit is out of reach. */
async function ancestorsAt(ctx: Ctx, unitId: string, day: string): Promise<UnitSummary[]> {
  const u = isUuid(unitId) ? await getRecord<Unit>(ctx, T.unit, unitId) : null;
  if (!u || u.retracted_at) return [];
  const out = [unitSummary(u)];
  const seen = new Set([u.id]);
  let current = u.id;
  for (let i = 0; i < MAX_DEPTH; i++) {
    const next = preferAt((await links(ctx, [current], 'parent', 'up', day)).map((l) => ({ ...l, validity: validityAt(l, day) })))[0];
    if (!next || seen.has(next.related_unit_id)) break;
    seen.add(next.related_unit_id);
    out.push(unitSummary(next.other));
    current = next.related_unit_id;
  }
  return out;
}
