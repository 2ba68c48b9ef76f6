/**
 * The screening matcher: an in-memory index over watchlist names and a scoring function that aligns
 * name parts, order-independently and with typo tolerance.
 *
 * Index. Every name form of every entry is normalised once. Its parts go into a dictionary (integer
 * ids); each dictionary part gets its orthographic form, a deletion neighbourhood (of its canonical
 * and folded forms, and of the written variants of its equivalence class) and a consonant skeleton,
 * for finding near spellings. Name forms are posted under every unordered pair of their parts, one-part
 * names under their part, in open-addressing tables over typed arrays. A query expands each of its
 * parts into the dictionary parts it resembles (cached per distinct part), then looks up only the
 * pairs of those expansions, so a 100,000-name roster never meets most of the watchlist. A name form
 * the blocking skips cannot reach a name score above `blockingCeiling()` (0.82 by default); below
 * that threshold the index falls back to single-part postings.
 *
 * Score. Parts are aligned greedily by similarity (1 for the same canonical part, less for spelling
 * differences and typos, a weak match for a part a little beyond the edit budget, `similarity.initial`
 * for an initial; a part written joined on one side may match two on the other). With weights w (1,
 * less for a matched very common part or an initial), score = Σ sim·(w_query + w_entry) / (Σ matched
 * weights + Σ unmatched penalties), where an unmatched part counts 1 (an initial: its weight), only
 * `weights.droppedPart` of it when all parts of one side matched (at least two of them): a dropped
 * middle name or an added given name costs little, a different family name costs a lot. The first
 * alignment uses the similarities found when the query was prepared; a name that could still reach
 * the threshold is completed by comparing its left-over parts. The name score is multiplied by the
 * quality factor of the name form (low-quality aliases weigh less), then birth date, nationality and
 * gender move it up or down when both sides have them.
 *
 * Pure module (no I/O); the index holds no reference to a database. An index is not safe for
 * concurrent use from several threads (it keeps per-query scratch arrays); build one per worker.
 */
import type { ScreeningConfig } from './config.ts';
import { countryCode } from './countries.ts';
import { compileNormaliser, normaliseName, type NameToken, type NormalisedName, type StrippedTerm } from './normalise.ts';
import { bagBoundJoined, ortho, partSimilarity, skeleton, type PartMatchKind, type PartSimilarity } from './similarity.ts';
import { parsePartialDate, type PartialDate } from '../platform/dates.ts';

export type NameQuality = 'primary' | 'good' | 'low';

/** A date of birth as a watchlist states it. Dates are partial ISO dates ('1971', '1971-03', '1971-03-04'). */
export type BirthDate =
  | { type: 'exact'; date: string }
  | { type: 'year'; year: number }
  | { type: 'approximately'; year: number; date?: string }
  | { type: 'between'; from: number; to: number };

export interface WatchlistEntry {
  list: string;
  id: string;
  names: { name: string; quality: NameQuality }[];
  birthDates?: BirthDate[];
  nationalities?: string[];
  gender?: string;
  /** Individual or entity, when known. */
  type?: 'individual' | 'entity';
  /** The list's own reference for display ("CDi.001"). */
  reference?: string;
}

export interface ScreeningQuery {
  name: string;
  /** Partial ISO date: '1971', '1971-03' or '1971-03-04'. */
  birthDate?: string | null;
  nationality?: string | null;
  gender?: string | null;
}

export interface ScreenOptions {
  /** Defaults to the configuration's threshold. */
  threshold?: number;
  /** Only these lists. */
  lists?: string[];
  /** Defaults to the configuration's maxResults. */
  limit?: number;
  /** Score every name form instead of using the blocking index: slow, for audits and tests. */
  exhaustive?: boolean;
}

export type AlignmentKind = PartMatchKind | 'missing-in-query' | 'extra-in-query';

export interface PartAlignment {
  /** The query part as written (null for an entry part the query lacks). */
  query: string | null;
  /** The entry part as written (null for a query part the entry lacks). */
  entry: string | null;
  /** Canonical forms compared. */
  queryCanonical: string | null;
  entryCanonical: string | null;
  kind: AlignmentKind;
  similarity: number;
  /** Weighted edit distance, for typos. */
  distance?: number;
  /** For unmatched parts: the share of its weight that counted against the score (droppedPart or 1). */
  penalty?: number;
  /** The part is very common, so it weighs less. */
  common?: boolean;
  /** One side wrote as one part what the other wrote as two ("Kyongsu" / "Kyong Su"). */
  joined?: boolean;
}

export interface Adjustment {
  factor: 'birthDate' | 'nationality' | 'gender';
  outcome: 'same-day' | 'same-month' | 'same-year' | 'within-range' | 'close' | 'match' | 'mismatch';
  delta: number;
  query: string;
  entry: string;
}

export interface MatchExplanation {
  query: { name: string; parts: string[]; stripped: StrippedTerm[]; particles: string[] };
  entry: { name: string; quality: NameQuality; parts: string[]; stripped: StrippedTerm[]; particles: string[] };
  alignments: PartAlignment[];
  nameScore: number;
  qualityFactor: number;
  adjustments: Adjustment[];
  score: number;
  threshold: number;
}

export interface Match {
  list: string;
  id: string;
  /** The matched name form, as the watchlist writes it. */
  name: string;
  score: number;
  explanation: MatchExplanation;
}

// ---------------------------------------------------------------------------------------------

const PAIR_BASE = 4194304; // 2^22 dictionary parts at most
const MAX_SLOTS = 16;
const MAX_NAME_PARTS = 30;
const MAX_PAIR_PARTS = 12;
/** A part posted under at most this many names counts as rare (see the fallback in screen()). */
const RARE_POSTINGS = 16;
const QUALITY_CODE: Record<NameQuality, number> = { primary: 0, good: 1, low: 2 };
const QUALITY_OF: NameQuality[] = ['primary', 'good', 'low'];
/** Similarity of an initial against the same initial. */
const INITIAL_INITIAL = 0.9;

/** 32-bit FNV-1a of s with the character at `skip` left out (-1: none). */
function hashSkip(s: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    if (i === skip) continue;
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function pushTo(map: Map<number, number[]>, key: number, value: number): void {
  const a = map.get(key);
  if (a) {
    if (a[a.length - 1] !== value) a.push(value);
  } else map.set(key, [value]);
}

/**
 * Postings under integer pair keys (a, b < 2^22) in an open-addressing table over typed arrays: no
 * boxed keys, no allocation on lookup. `find` returns the slot (or -1); `start`/`length` locate its
 * name ids in `data`.
 */
class Postings {
  readonly data: Int32Array;
  readonly start: Int32Array;
  readonly length: Int32Array;
  private readonly keyA: Int32Array;
  private readonly keyB: Int32Array;
  private readonly mask: number;
  readonly size: number;

  constructor(map: Map<number, number[]>) {
    let cap = 16;
    while (cap < map.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.size = map.size;
    this.keyA = new Int32Array(cap).fill(-1);
    this.keyB = new Int32Array(cap);
    this.start = new Int32Array(cap);
    this.length = new Int32Array(cap);
    let total = 0;
    for (const v of map.values()) total += v.length;
    this.data = new Int32Array(total);
    let off = 0;
    for (const [key, v] of map) {
      const a = Math.floor(key / PAIR_BASE);
      const b = key - a * PAIR_BASE;
      let h = Postings.hash(a, b) & this.mask;
      while (this.keyA[h] !== -1) h = (h + 1) & this.mask;
      this.keyA[h] = a;
      this.keyB[h] = b;
      this.start[h] = off;
      this.length[h] = v.length;
      this.data.set(v, off);
      off += v.length;
    }
  }

  private static hash(a: number, b: number): number {
    let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ b;
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    return (h ^ (h >>> 12)) >>> 0;
  }

  find(a: number, b: number): number {
    let h = Postings.hash(a, b) & this.mask;
    for (;;) {
      const ka = this.keyA[h]!;
      if (ka === -1) return -1;
      if (ka === a && this.keyB[h] === b) return h;
      h = (h + 1) & this.mask;
    }
  }
}

function freeze(map: Map<number, number[]>): Map<number, Int32Array> {
  const out = new Map<number, Int32Array>();
  for (const [k, v] of map) out.set(k, Int32Array.from(v));
  return out;
}

interface BirthRange {
  date: PartialDate | null;
  from: number;
  to: number;
  approximate: boolean;
  label: string;
}

function birthRanges(dates: BirthDate[] | undefined): BirthRange[] {
  const out: BirthRange[] = [];
  for (const d of dates ?? []) {
    if (d.type === 'exact') {
      const p = parsePartialDate(d.date);
      if (p) out.push({ date: p, from: p.year, to: p.year, approximate: false, label: d.date });
    } else if (d.type === 'year') {
      out.push({ date: { year: d.year }, from: d.year, to: d.year, approximate: false, label: String(d.year) });
    } else if (d.type === 'approximately') {
      const p = d.date ? parsePartialDate(d.date) : null;
      out.push({ date: p, from: d.year, to: d.year, approximate: true, label: `~${d.date ?? d.year}` });
    } else if (d.type === 'between') {
      out.push({ date: null, from: Math.min(d.from, d.to), to: Math.max(d.from, d.to), approximate: false, label: `${d.from}–${d.to}` });
    }
  }
  return out;
}

/** Canonical gender: 'm', 'f' or null. */
export function genderCode(value: string | null | undefined): 'm' | 'f' | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  if (['m', 'male', 'man', 'h', 'homme', 'masculin', 'masculine'].includes(v)) return 'm';
  if (['f', 'female', 'woman', 'femme', 'féminin', 'feminin', 'féminine', 'feminine'].includes(v)) return 'f';
  return null;
}

/** Birth-date adjustment of a query date against an entry's dates (best outcome), or null when either side has none. */
export function birthDateAdjustment(config: ScreeningConfig, query: string | null | undefined, entryDates: BirthDate[] | undefined): Adjustment | null {
  const q = parsePartialDate(query ?? null);
  const ranges = birthRanges(entryDates);
  if (!q || ranges.length === 0) return null;
  const a = config.adjustments.birthDate;
  let best: Adjustment | null = null;
  for (const r of ranges) {
    let outcome: Adjustment['outcome'];
    let delta: number;
    if (r.date && !r.approximate && r.date.year === q.year) {
      if (r.date.month !== undefined && q.month !== undefined && r.date.month !== q.month) {
        outcome = 'close';
        delta = 0;
      } else if (r.date.month !== undefined && q.month !== undefined) {
        if (r.date.day !== undefined && q.day !== undefined) {
          outcome = r.date.day === q.day ? 'same-day' : 'close';
          delta = r.date.day === q.day ? a.sameDay : 0;
        } else {
          outcome = 'same-month';
          delta = a.sameMonth;
        }
      } else {
        outcome = 'same-year';
        delta = a.sameYear;
      }
    } else {
      const slack = r.approximate ? a.approximateYears : 0;
      const lo = r.from - slack;
      const hi = r.to + slack;
      if (q.year >= lo && q.year <= hi) {
        outcome = r.from === r.to && !r.approximate ? 'same-year' : 'within-range';
        delta = a.sameYear;
      } else {
        const gap = q.year < lo ? lo - q.year : q.year - hi;
        if (gap <= a.nearYears) {
          outcome = 'close';
          delta = 0;
        } else {
          outcome = 'mismatch';
          delta = a.mismatch;
        }
      }
    }
    if (!best || delta > best.delta) best = { factor: 'birthDate', outcome, delta, query: query!, entry: r.label };
  }
  return best;
}

export function nationalityAdjustment(config: ScreeningConfig, query: string | null | undefined, entry: string[] | undefined): Adjustment | null {
  const q = countryCode(query);
  if (!q || !entry || entry.length === 0) return null;
  const codes = entry.map(countryCode).filter((x): x is string => !!x);
  if (codes.length === 0) return null;
  const match = codes.includes(q);
  const a = config.adjustments.nationality;
  return { factor: 'nationality', outcome: match ? 'match' : 'mismatch', delta: match ? a.match : a.mismatch, query: query!, entry: entry.join(', ') };
}

export function genderAdjustment(config: ScreeningConfig, query: string | null | undefined, entry: string | undefined): Adjustment | null {
  const q = genderCode(query);
  const e = genderCode(entry);
  if (!q || !e) return null;
  const a = config.adjustments.gender;
  return { factor: 'gender', outcome: q === e ? 'match' : 'mismatch', delta: q === e ? a.match : a.mismatch, query: query!, entry: entry! };
}

/** All adjustments that apply (both sides known), in a fixed order. */
export function adjustmentsFor(config: ScreeningConfig, query: ScreeningQuery, entry: WatchlistEntry): Adjustment[] {
  const out: Adjustment[] = [];
  const b = birthDateAdjustment(config, query.birthDate, entry.birthDates);
  if (b) out.push(b);
  const n = nationalityAdjustment(config, query.nationality, entry.nationalities);
  if (n) out.push(n);
  const g = genderAdjustment(config, query.gender, entry.gender);
  if (g) out.push(g);
  return out;
}

// ---------------------------------------------------------------------------------------------

interface Candidates {
  /** Dictionary parts with their similarity to the query part. */
  ids: Int32Array;
  sims: Float32Array;
  /** Extra parts to look pairs up with: the two halves of a query part written joined ("Kyongsu" = "Kyong Su"). */
  halves: Int32Array;
}

interface Slot {
  token: NameToken;
  text: string;
  ortho: string;
  vowelless: boolean;
  initial: boolean;
  letter: number;
  /** Weight when matched (less for a common part or an initial). */
  weight: number;
  /** Weight when unmatched (1; an initial: its weight). */
  penalty: number;
  cands: Candidates;
  /** Parts to look pairs up with: the candidates, the halves, and the part this one forms with a neighbour. */
  lookup: Int32Array;
  /** Number of candidates within the edit budget. */
  strong: number;
}

const EMPTY_IDS = new Int32Array(0);
const EMPTY: Candidates = { ids: EMPTY_IDS, sims: new Float32Array(0), halves: EMPTY_IDS };

/** Kinds of the alignment units recorded for explanations. */
const UNIT_PAIR = 0;
const UNIT_QUERY_JOINED = 1; // two adjacent query parts = one listed part
const UNIT_ENTRY_JOINED = 2; // one query part = two adjacent listed parts

export class WatchlistIndex {
  readonly config: ScreeningConfig;
  private readonly entries: WatchlistEntry[];
  private readonly entryList: Int32Array;
  private readonly listIds = new Map<string, number>();
  // names
  private readonly nameEntry: Int32Array;
  private readonly nameQuality: Uint8Array;
  private readonly nameText: string[];
  private readonly nameStart: Int32Array;
  private readonly nameParts: Int32Array;
  private readonly namePenalty: Float32Array;
  // dictionary
  private readonly dict = new Map<string, number>();
  private readonly tokText: string[] = [];
  private readonly tokOrtho: string[] = [];
  private readonly tokVowelless: Uint8Array;
  private readonly tokInitial: Uint8Array;
  private readonly tokFirst: Uint16Array;
  private readonly tokWeight: Float32Array;
  private readonly tokPenalty: Float32Array;
  private readonly initialTok = new Map<number, number>();
  /** Written variants of a canonical part's equivalence class ("mohammad", "mahamat" for "mohamed"), with their folded forms. */
  private readonly variants = new Map<number, { text: string; ortho: string }[]>();
  /** Canonical forms and written variants of the equivalence classes (known names). */
  private readonly canonicalNames = new Set<string>();
  // postings
  /** One-part names by part, names by unordered pair of parts, names by part. */
  private readonly single: Postings;
  private readonly pairs: Postings;
  private readonly byPart: Postings;
  private readonly deletions: Map<number, Int32Array>;
  private readonly skeletons: Map<number, Int32Array>;
  private readonly common: Set<string>;
  // per-query scratch
  private stamp = 0;
  private readonly slotSim: Float32Array;
  private readonly slotStamp: Uint32Array;
  private readonly nameSeen: Uint32Array;
  private readonly entrySeen: Uint32Array;
  private readonly entryBest: Float32Array;
  private readonly entryBestName: Int32Array;
  private readonly entryAdj: Float32Array;
  private readonly entryAdjSeen: Uint32Array;
  private readonly candCache = new Map<string, Candidates>();
  /** Dictionary parts by folded spelling. */
  private readonly byOrtho = new Map<string, number[]>();
  private readonly candSeen: Uint32Array;
  private candEpoch = 0;
  private readonly pairS = new Float64Array(3 * MAX_SLOTS * MAX_NAME_PARTS);
  private readonly pairI = new Int32Array(3 * MAX_SLOTS * MAX_NAME_PARTS);
  private readonly pairJ = new Int32Array(3 * MAX_SLOTS * MAX_NAME_PARTS);
  private readonly pairK = new Uint8Array(3 * MAX_SLOTS * MAX_NAME_PARTS);
  private readonly simOut: PartSimilarity = { similarity: 0, distance: 0 };
  // the alignment of the last scored name (for explanations)
  private unitCount = 0;
  private readonly unitKind = new Uint8Array(MAX_SLOTS + MAX_NAME_PARTS);
  private readonly unitI = new Int32Array(MAX_SLOTS + MAX_NAME_PARTS);
  private readonly unitJ = new Int32Array(MAX_SLOTS + MAX_NAME_PARTS);
  private readonly unitS = new Float64Array(MAX_SLOTS + MAX_NAME_PARTS);
  // the query being screened (fields rather than closures: no allocation per query)
  private qSlots: Slot[] = [];
  private qQuery: ScreeningQuery = { name: '' };
  private qPenalty = 0;
  private qAllowed: Uint8Array | null = null;
  private qThreshold = 1;
  private qMaxPositive = 0;
  private readonly touched: number[] = [];
  private lastUsedQ = 0;
  private lastUsedE = 0;
  private lastFactor = 1;

  private constructor(entries: WatchlistEntry[], config: ScreeningConfig) {
    this.config = config;
    this.entries = entries;
    this.common = new Set(config.commonNameParts.map((p) => normaliseName(p, config).tokens[0]?.text ?? p));
    this.entryList = new Int32Array(entries.length);
    const nameEntry: number[] = [];
    const nameQuality: number[] = [];
    const nameText: string[] = [];
    const nameStart: number[] = [0];
    const parts: number[] = [];
    const flagsV: number[] = [];
    const flagsI: number[] = [];
    const single = new Map<number, number[]>();
    const pairs = new Map<number, number[]>();
    const byPart = new Map<number, number[]>();

    const partId = (t: NameToken): number => {
      const initial = t.kind === 'initial';
      const key = (t.vowelless ? '\u0001' : '') + t.text + (initial ? '.' : '');
      let id = this.dict.get(key);
      if (id === undefined) {
        id = this.tokText.length;
        this.dict.set(key, id);
        this.tokText.push(t.text);
        this.tokOrtho.push(ortho(t.text));
        flagsV.push(t.vowelless ? 1 : 0);
        flagsI.push(initial ? 1 : 0);
        if (initial) this.initialTok.set(t.text.charCodeAt(0), id);
      }
      return id;
    };

    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e]!;
      let li = this.listIds.get(entry.list);
      if (li === undefined) {
        li = this.listIds.size;
        this.listIds.set(entry.list, li);
      }
      this.entryList[e] = li;
      const seen = new Map<string, number>();
      for (const n of entry.names) {
        if (!n.name || !n.name.trim()) continue;
        const norm = normaliseName(n.name, config);
        const toks = norm.tokens.filter((t) => t.kind !== 'particle').slice(0, MAX_NAME_PARTS);
        if (toks.length === 0) continue;
        const ids = toks.map(partId);
        const sig = [...ids].sort((a, b) => a - b).join(',');
        const q = QUALITY_CODE[n.quality] ?? 1;
        const prev = seen.get(sig);
        if (prev !== undefined) {
          if (q < nameQuality[prev]!) {
            nameQuality[prev] = q;
            nameText[prev] = n.name;
          }
          continue;
        }
        const ni = nameEntry.length;
        seen.set(sig, ni);
        nameEntry.push(e);
        nameQuality.push(q);
        nameText.push(n.name);
        for (const id of ids) parts.push(id);
        nameStart.push(parts.length);
        for (const id of new Set(ids)) pushTo(byPart, id, ni);
        if (ids.length === 1) pushTo(single, ids[0]!, ni);
        else {
          const target = pairs;
          const lim = Math.min(ids.length, MAX_PAIR_PARTS);
          for (let i = 0; i < lim; i++)
            for (let j = i + 1; j < lim; j++) {
              const a = ids[i]!;
              const b = ids[j]!;
              pushTo(target, a < b ? a * PAIR_BASE + b : b * PAIR_BASE + a, ni);
            }
        }
      }
    }
    if (this.tokText.length >= PAIR_BASE) throw new RangeError('watchlist too large: more than 4,194,304 distinct name parts');

    this.nameEntry = Int32Array.from(nameEntry);
    this.nameQuality = Uint8Array.from(nameQuality);
    this.nameText = nameText;
    this.nameStart = Int32Array.from(nameStart);
    this.nameParts = Int32Array.from(parts);
    const D = this.tokText.length;
    this.tokVowelless = Uint8Array.from(flagsV);
    this.tokInitial = Uint8Array.from(flagsI);
    this.tokFirst = new Uint16Array(D);
    this.tokWeight = new Float32Array(D);
    this.tokPenalty = new Float32Array(D);
    const deletions = new Map<number, number[]>();
    const skeletons = new Map<number, number[]>();
    const addDeletions = (s: string, t: number) => {
      pushTo(deletions, hashSkip(s, -1), t);
      if (s.length > 2) for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) pushTo(deletions, hashSkip(s, i), t);
    };
    const byCanonical = new Map<string, string[]>();
    for (const [variant, canonical] of compileNormaliser(config).single) {
      this.canonicalNames.add(canonical);
      if (variant === canonical || !/^[a-z]+$/.test(variant) || variant.length < 4) continue;
      const l = byCanonical.get(canonical) ?? [];
      l.push(variant);
      byCanonical.set(canonical, l);
    }
    for (let t = 0; t < D; t++) {
      const text = this.tokText[t]!;
      const vs = this.tokVowelless[t] || this.tokInitial[t] ? undefined : byCanonical.get(text);
      if (vs) {
        this.variants.set(t, vs.map((v) => ({ text: v, ortho: ortho(v) })));
        for (const v of vs) addDeletions(v, t);
      }
      this.tokFirst[t] = text.charCodeAt(0);
      this.tokWeight[t] = this.tokInitial[t] ? config.weights.initial : this.common.has(text) ? config.weights.commonPart : 1;
      this.tokPenalty[t] = this.tokInitial[t] ? config.weights.initial : 1;
      if (this.tokInitial[t]) continue;
      const o = this.tokOrtho[t]!;
      const same = this.byOrtho.get(o);
      if (same) same.push(t);
      else this.byOrtho.set(o, [t]);
      addDeletions(o, t);
      if (o !== text) addDeletions(text, t);
      const sk = skeleton(o);
      if (sk.length >= 2) pushTo(skeletons, hashSkip(sk, -1), t);
    }
    this.namePenalty = new Float32Array(nameEntry.length);
    for (let n = 0; n < nameEntry.length; n++) {
      let p = 0;
      for (let k = this.nameStart[n]!; k < this.nameStart[n + 1]!; k++) p += this.tokPenalty[this.nameParts[k]!]!;
      this.namePenalty[n] = p;
    }
    this.single = new Postings(single);
    this.pairs = new Postings(pairs);
    this.byPart = new Postings(byPart);
    this.deletions = freeze(deletions);
    this.skeletons = freeze(skeletons);
    this.slotSim = new Float32Array(MAX_SLOTS * Math.max(D, 1));
    this.slotStamp = new Uint32Array(MAX_SLOTS * Math.max(D, 1));
    this.nameSeen = new Uint32Array(nameEntry.length);
    this.candSeen = new Uint32Array(Math.max(D, 1));
    this.entrySeen = new Uint32Array(entries.length);
    this.entryBest = new Float32Array(entries.length);
    this.entryBestName = new Int32Array(entries.length);
    this.entryAdj = new Float32Array(entries.length);
    this.entryAdjSeen = new Uint32Array(entries.length);
  }

  /** Builds the index; the entries are kept by reference (do not mutate them afterwards). */
  static build(entries: WatchlistEntry[], config: ScreeningConfig): WatchlistIndex {
    return new WatchlistIndex(entries, config);
  }

  get stats(): { entries: number; names: number; parts: number; pairKeys: number } {
    return { entries: this.entries.length, names: this.nameEntry.length, parts: this.tokText.length, pairKeys: this.pairs.size };
  }

  /**
   * Highest name score of a name form the blocking does not look at: one that shares at most one
   * part within the edit budget with a multi-part query, its other parts at best weak matches of
   * uncommon query parts (weak look-alikes of common query parts are looked up); or a multi-part name
   * against a one-part query. Below a threshold of this value the blocking widens to single parts.
   * (A birth-date or nationality bonus is not counted: a name just under the ceiling that such a bonus
   * would lift over the threshold is not found.)
   */
  blockingCeiling(): number {
    const w = this.config.weights;
    const s = this.config.similarity;
    const oneAgainstUnmatched = 2 / (2 + Math.min(w.initial, 1));
    let oneAndWeak = 0;
    for (const c of [Math.min(w.commonPart, 1), 1]) oneAndWeak = Math.max(oneAndWeak, (2 + s.weak * (1 + c)) / (3 + c));
    return Math.max(oneAgainstUnmatched, oneAndWeak);
  }

  /** The indexed entry of a list and id. */
  entry(list: string, id: string): WatchlistEntry | undefined {
    if (!this.byKey) this.byKey = new Map(this.entries.map((e) => [`${e.list}\u0000${e.id}`, e]));
    return this.byKey.get(`${list}\u0000${id}`);
  }
  private byKey: Map<string, WatchlistEntry> | undefined;

  // -------------------------------------------------------------------------------------------
  // Query parts

  /**
   * Similarity of a query part with dictionary part t: with its canonical form, or with the closest
   * written variant of its equivalence class (a typo in "Mohammad" is a typo of that spelling, not of
   * the canonical "mohamed").
   */
  private partSim(text: string, o: string, vowelless: boolean, t: number): number {
    partSimilarity(this.config, text, this.tokText[t]!, o, this.tokOrtho[t]!, vowelless || this.tokVowelless[t] === 1, this.simOut);
    let best = this.simOut.similarity;
    // a known name ("ali") is that name, not a typo of another class's spelling ("li" for "ri")
    const vs = best < 0.97 && !this.canonicalNames.has(text) ? this.variants.get(t) : undefined;
    if (vs) {
      for (const v of vs) {
        const dl = v.text.length - text.length;
        if (dl > 2 || dl < -2) continue;
        partSimilarity(this.config, text, v.text, o, v.ortho, vowelless, this.simOut);
        if (this.simOut.similarity > best) best = this.simOut.similarity;
      }
    }
    return best;
  }

  /** Dictionary parts resembling a query part, with their similarity (cached per distinct part). */
  /** Checks the dictionary parts of a posting list against the query part being expanded (once each). */
  private checkCandidates(ids: Int32Array | undefined, text: string, o: string, vowelless: boolean, outIds: number[], outSims: number[]): void {
    if (!ids) return;
    const epoch = this.candEpoch;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (this.candSeen[id] === epoch || this.tokInitial[id]) continue;
      this.candSeen[id] = epoch;
      const s = this.partSim(text, o, vowelless, id);
      if (s > 0) {
        outIds.push(id);
        outSims.push(s);
      }
    }
  }

  private probeDeletions(s: string, text: string, o: string, vowelless: boolean, outIds: number[], outSims: number[]): void {
    this.checkCandidates(this.deletions.get(hashSkip(s, -1)), text, o, vowelless, outIds, outSims);
    if (s.length > 2) {
      for (let i = 0; i < s.length; i++) {
        if (i === 0 || s[i] !== s[i - 1]) this.checkCandidates(this.deletions.get(hashSkip(s, i)), text, o, vowelless, outIds, outSims);
      }
    }
  }

  private candidatesFor(t: NameToken): Candidates {
    const key = (t.vowelless ? '\u0001' : '') + t.text;
    const cached = this.candCache.get(key);
    if (cached) return cached;
    const o = ortho(t.text);
    this.candEpoch = (this.candEpoch + 1) >>> 0;
    if (this.candEpoch === 0) {
      this.candSeen.fill(0);
      this.candEpoch = 1;
    }
    const ids: number[] = [];
    const sims: number[] = [];
    for (const k of [t.text, '\u0001' + t.text]) {
      const exact = this.dict.get(k);
      if (exact !== undefined && this.candSeen[exact] !== this.candEpoch) {
        this.candSeen[exact] = this.candEpoch;
        ids.push(exact);
        sims.push(1);
      }
    }
    this.probeDeletions(o, t.text, o, t.vowelless, ids, sims);
    if (o !== t.text) this.probeDeletions(t.text, t.text, o, t.vowelless, ids, sims);
    const sk = skeleton(o);
    if (sk.length >= 3 || (t.vowelless && sk.length >= 2)) this.checkCandidates(this.skeletons.get(hashSkip(sk, -1)), t.text, o, t.vowelless, ids, sims);
    const init = this.initialTok.get(t.text.charCodeAt(0));
    if (init !== undefined) {
      ids.push(init);
      sims.push(this.config.similarity.initial);
    }
    // a part written joined that the list writes in two ("Kyongsu" / "Kyong Su")
    const halves: number[] = [];
    for (let k = 2; k <= t.text.length - 2; k++) {
      const a = this.dict.get(t.text.slice(0, k));
      const b = this.dict.get(t.text.slice(k));
      if (a !== undefined && b !== undefined) halves.push(a, b);
    }
    const res: Candidates = { ids: Int32Array.from(ids), sims: Float32Array.from(sims), halves: halves.length ? Int32Array.from(halves) : EMPTY_IDS };
    if (this.candCache.size > 500_000) this.candCache.clear();
    this.candCache.set(key, res);
    return res;
  }

  /** Every dictionary part compared with a query part (no lookup tables): for the exhaustive mode. */
  private candidatesByScan(t: NameToken): Candidates {
    const o = ortho(t.text);
    const ids: number[] = [];
    const sims: number[] = [];
    for (let id = 0; id < this.tokText.length; id++) {
      if (this.tokInitial[id]) {
        if (this.tokFirst[id] === t.text.charCodeAt(0)) {
          ids.push(id);
          sims.push(this.config.similarity.initial);
        }
        continue;
      }
      const sim = this.partSim(t.text, o, t.vowelless, id);
      if (sim > 0) {
        ids.push(id);
        sims.push(sim);
      }
    }
    return { ids: Int32Array.from(ids), sims: Float32Array.from(sims), halves: EMPTY_IDS };
  }

  private slotsFor(norm: NormalisedName, exhaustive = false): Slot[] {
    const slots: Slot[] = [];
    const w = this.config.weights;
    for (const t of norm.tokens) {
      if (t.kind === 'particle') continue;
      if (slots.length >= MAX_SLOTS) break;
      const initial = t.kind === 'initial';
      let cands = EMPTY;
      if (initial) {
        const it = this.initialTok.get(t.text.charCodeAt(0));
        if (it !== undefined) cands = { ids: Int32Array.of(it), sims: Float32Array.of(INITIAL_INITIAL), halves: EMPTY_IDS };
      } else cands = exhaustive ? this.candidatesByScan(t) : this.candidatesFor(t);
      slots.push({
        token: t,
        text: t.text,
        ortho: ortho(t.text),
        vowelless: t.vowelless,
        initial,
        letter: t.text.charCodeAt(0),
        weight: initial ? w.initial : this.common.has(t.text) ? w.commonPart : 1,
        penalty: initial ? w.initial : 1,
        cands,
        lookup: EMPTY_IDS,
        strong: 0,
      });
    }
    // lookup sets: candidates, halves, and the part two neighbours form when written joined
    const extra: number[][] = slots.map(() => []);
    for (let i = 0; i + 1 < slots.length; i++) {
      if (slots[i]!.initial || slots[i + 1]!.initial) continue;
      // exact or same folded spelling only: a fuzzy lookup of every pair of neighbours costs more
      // than the rare name it finds
      const text = slots[i]!.text + slots[i + 1]!.text;
      const found = new Set<number>(this.byOrtho.get(ortho(text)) ?? []);
      const exact = this.dict.get(text);
      if (exact !== undefined) found.add(exact);
      for (const id of found) {
        extra[i]!.push(id);
        extra[i + 1]!.push(id);
      }
    }
    // Only parts within the edit budget are looked up, and the weak look-alikes of a common part:
    // a name sharing fewer than two such parts with the query stays under the blocking ceiling
    // (see blockingCeiling()).
    const weak = this.config.similarity.weak + 1e-6; // similarities are stored as 32-bit floats
    slots.forEach((s, i) => {
      const strong: number[] = [];
      const common = s.weight < 1;
      for (let k = 0; k < s.cands.ids.length; k++) {
        if (s.cands.sims[k]! > weak || s.initial) strong.push(s.cands.ids[k]!);
      }
      s.strong = strong.length;
      if (common) for (let k = 0; k < s.cands.ids.length; k++) if (s.cands.sims[k]! <= weak) strong.push(s.cands.ids[k]!);
      s.lookup = Int32Array.from(new Set([...strong, ...s.cands.halves, ...extra[i]!]));
    });
    return slots;
  }

  // -------------------------------------------------------------------------------------------
  // Scoring

  /** Similarity of slot i with dictionary part t, computed once per query and cached. */
  private simOf(slots: Slot[], i: number, t: number): number {
    const slot = slots[i]!;
    if (slot.initial || this.tokInitial[t]) {
      if (this.tokFirst[t] !== slot.letter) return 0;
      return slot.initial && this.tokInitial[t] ? INITIAL_INITIAL : this.config.similarity.initial;
    }
    const k = i * this.tokText.length + t;
    if (this.slotStamp[k] === this.stamp) return this.slotSim[k]!;
    const sim = this.partSim(slot.text, slot.ortho, slot.vowelless, t);
    this.slotStamp[k] = this.stamp;
    this.slotSim[k] = sim;
    return sim;
  }

  /** Inserts a candidate unit into the list sorted by decreasing similarity. */
  private addUnit(np: number, s: number, i: number, j: number, kind: number): number {
    const pairS = this.pairS;
    let k = np;
    while (k > 0 && pairS[k - 1]! < s) {
      pairS[k] = pairS[k - 1]!;
      this.pairI[k] = this.pairI[k - 1]!;
      this.pairJ[k] = this.pairJ[k - 1]!;
      this.pairK[k] = this.pairK[k - 1]!;
      k--;
    }
    pairS[k] = s;
    this.pairI[k] = i;
    this.pairJ[k] = j;
    this.pairK[k] = kind;
    return np + 1;
  }

  /**
   * Aligns the parts of name `ni` with the slots greedily, best similarity first, from the
   * similarities known for the query (found when it was prepared, or computed since). To complete an
   * alignment, `leftQ`/`leftE` (bit masks of slots and name parts) get their pairs computed, and
   * `freeQ`/`freeE` (left over or weakly matched) may be matched as a part written joined on one side
   * and in two on the other ("Kyongsu" / "Kyong Su").
   */
  private align(ni: number, slots: Slot[], leftQ = 0, leftE = 0, freeQ = 0, freeE = 0): void {
    const D = this.tokText.length;
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    const stamp = this.stamp;
    let np = 0;
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      const base = i * D;
      const computeRow = (leftQ & (1 << i)) !== 0;
      for (let j = 0; j < m; j++) {
        const t = this.nameParts[start + j]!;
        let s: number;
        if (slot.initial || this.tokInitial[t] || (computeRow && leftE & (1 << j))) s = this.simOf(slots, i, t);
        else s = this.slotStamp[base + t] === stamp ? this.slotSim[base + t]! : 0;
        if (s > 0) np = this.addUnit(np, s, i, j, UNIT_PAIR);
      }
    }
    if (freeQ && freeE) {
      for (let i = 0; i < n; i++) {
        const slot = slots[i]!;
        if (slot.initial || !(freeQ & (1 << i))) continue;
        for (let j = 0; j + 1 < m; j++) {
          if (!(freeE & (1 << j)) || !(freeE & (1 << (j + 1)))) continue;
          const a = this.nameParts[start + j]!;
          const b = this.nameParts[start + j + 1]!;
          if (this.tokInitial[a] || this.tokInitial[b]) continue;
          const ta = this.tokText[a]!;
          const tb = this.tokText[b]!;
          const dl = ta.length + tb.length - slot.text.length;
          if (dl > 2 || dl < -2 || bagBoundJoined(slot.text, ta, tb) > 1.5) continue;
          const joined = ta + tb;
          partSimilarity(this.config, slot.text, joined, slot.ortho, ortho(joined), slot.vowelless, this.simOut);
          if (this.simOut.similarity > 0) np = this.addUnit(np, this.simOut.similarity, i, j, UNIT_ENTRY_JOINED);
        }
      }
      for (let i = 0; i + 1 < n; i++) {
        if (!(freeQ & (1 << i)) || !(freeQ & (1 << (i + 1)))) continue;
        const s1 = slots[i]!;
        const s2 = slots[i + 1]!;
        if (s1.initial || s2.initial) continue;
        for (let j = 0; j < m; j++) {
          if (!(freeE & (1 << j))) continue;
          const t = this.nameParts[start + j]!;
          if (this.tokInitial[t]) continue;
          const tt = this.tokText[t]!;
          const dl = s1.text.length + s2.text.length - tt.length;
          if (dl > 2 || dl < -2 || bagBoundJoined(tt, s1.text, s2.text) > 1.5) continue;
          const joined = s1.text + s2.text;
          partSimilarity(this.config, joined, tt, ortho(joined), this.tokOrtho[t]!, this.tokVowelless[t] === 1, this.simOut);
          if (this.simOut.similarity > 0) np = this.addUnit(np, this.simOut.similarity, i, j, UNIT_QUERY_JOINED);
        }
      }
    }
    let usedQ = 0;
    let usedE = 0;
    let units = 0;
    for (let k = 0; k < np; k++) {
      const i = this.pairI[k]!;
      const j = this.pairJ[k]!;
      const kind = this.pairK[k]!;
      const q = kind === UNIT_QUERY_JOINED ? (1 << i) | (1 << (i + 1)) : 1 << i;
      const e = kind === UNIT_ENTRY_JOINED ? (1 << j) | (1 << (j + 1)) : 1 << j;
      if (usedQ & q || usedE & e) continue;
      usedQ |= q;
      usedE |= e;
      this.unitKind[units] = kind;
      this.unitI[units] = i;
      this.unitJ[units] = j;
      this.unitS[units] = this.pairS[k]!;
      units++;
    }
    this.unitCount = units;
    this.lastUsedQ = usedQ;
    this.lastUsedE = usedE;
  }

  /** The name score of the current alignment. */
  private alignmentScore(ni: number, slots: Slot[], qPenalty: number): number {
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    let num = 0;
    let mw = 0;
    let pq = 0;
    let pe = 0;
    for (let u = 0; u < this.unitCount; u++) {
      const i = this.unitI[u]!;
      const j = this.unitJ[u]!;
      let w = slots[i]!.weight + this.tokWeight[this.nameParts[start + j]!]!;
      pq += slots[i]!.penalty;
      pe += this.tokPenalty[this.nameParts[start + j]!]!;
      if (this.unitKind[u] === UNIT_QUERY_JOINED) {
        w += slots[i + 1]!.weight;
        pq += slots[i + 1]!.penalty;
      } else if (this.unitKind[u] === UNIT_ENTRY_JOINED) {
        w += this.tokWeight[this.nameParts[start + j + 1]!]!;
        pe += this.tokPenalty[this.nameParts[start + j + 1]!]!;
      }
      num += this.unitS[u]! * w;
      mw += w;
    }
    const usedQ = popcount(this.lastUsedQ);
    const usedE = popcount(this.lastUsedE);
    const left = qPenalty - pq + (this.namePenalty[ni]! - pe);
    const full = usedQ === n || usedE === m;
    this.lastFactor = full && usedQ >= 2 && usedE >= 2 ? this.config.weights.droppedPart : 1;
    const den = mw + this.lastFactor * left;
    return den > 0 ? num / den : 0;
  }

  /**
   * Name score of name form `ni` (hot path: no allocation). The first alignment uses the part
   * similarities found when the query was prepared. When parts are left over on both sides (or
   * matched only weakly) and the name could still reach `need`, the alignment is completed: the
   * left-over pairs are compared, and parts written joined on one side are tried.
   */
  private scoreName(ni: number, slots: Slot[], qPenalty: number, need: number): number {
    this.align(ni, slots);
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    const score = this.alignmentScore(ni, slots, qPenalty);
    const weak = this.config.similarity.weak + 1e-6;
    const leftQ = ((1 << n) - 1) & ~this.lastUsedQ;
    const leftE = ((1 << m) - 1) & ~this.lastUsedE;
    let freeQ = leftQ;
    let freeE = leftE;
    // bound: the strongly matched units as they are, every other part matched perfectly
    let num = 0;
    let mw = 0;
    for (let u = 0; u < this.unitCount; u++) {
      const i = this.unitI[u]!;
      const j = this.unitJ[u]!;
      const kind = this.unitKind[u]!;
      let w = slots[i]!.weight + this.tokWeight[this.nameParts[start + j]!]!;
      if (kind === UNIT_QUERY_JOINED) w += slots[i + 1]!.weight;
      else if (kind === UNIT_ENTRY_JOINED) w += this.tokWeight[this.nameParts[start + j + 1]!]!;
      if (kind === UNIT_PAIR && this.unitS[u]! <= weak) {
        freeQ |= 1 << i;
        freeE |= 1 << j;
      }
      num += this.unitS[u]! * w;
      mw += w;
    }
    if (!freeQ || !freeE) return score;
    let leftW = 0;
    for (let i = 0; i < n; i++) if (leftQ & (1 << i)) leftW += slots[i]!.weight;
    for (let j = 0; j < m; j++) if (leftE & (1 << j)) leftW += this.tokWeight[this.nameParts[start + j]!]!;
    // weak units could become perfect: count their weight as missing similarity
    let weakGain = 0;
    for (let u = 0; u < this.unitCount; u++) {
      if (this.unitKind[u] !== UNIT_PAIR || this.unitS[u]! > weak) continue;
      weakGain += (1 - this.unitS[u]!) * (slots[this.unitI[u]!]!.weight + this.tokWeight[this.nameParts[start + this.unitJ[u]!]!]!);
    }
    if ((num + weakGain + leftW) / (mw + leftW) < need) return score;
    this.align(ni, slots, leftQ, leftE, freeQ, freeE);
    return this.alignmentScore(ni, slots, qPenalty);
  }

  /** Starts a query: a new stamp, and the similarities found for its parts written into the slot tables. */
  private prepare(slots: Slot[]): number {
    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.slotStamp.fill(0);
      this.nameSeen.fill(0);
      this.entrySeen.fill(0);
      this.entryAdjSeen.fill(0);
      this.stamp = 1;
    }
    const D = this.tokText.length;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i]!;
      const base = i * D;
      for (let k = 0; k < s.cands.ids.length; k++) {
        const t = s.cands.ids[k]!;
        if (this.tokInitial[t]) continue;
        this.slotStamp[base + t] = this.stamp;
        this.slotSim[base + t] = s.cands.sims[k]!;
      }
    }
    return this.stamp;
  }

  private adjustmentDelta(e: number, query: ScreeningQuery): number {
    if (this.entryAdjSeen[e] === this.stamp) return this.entryAdj[e]!;
    let d = 0;
    if (query.birthDate || query.nationality || query.gender) {
      for (const a of adjustmentsFor(this.config, query, this.entries[e]!)) d += a.delta;
    }
    this.entryAdj[e] = d;
    this.entryAdjSeen[e] = this.stamp;
    return d;
  }

  private byPartCount(t: number): number {
    const h = this.byPart.find(0, t);
    return h < 0 ? 0 : this.byPart.length[h]!;
  }

  private visitPair(a: number, b: number): void {
    if (a < b) this.visit(this.pairs, a, b);
    else this.visit(this.pairs, b, a);
  }

  private visit(table: Postings, a: number, b: number): void {
    const h = table.find(a, b);
    if (h < 0) return;
    const data = table.data;
    const end = table.start[h]! + table.length[h]!;
    for (let k = table.start[h]!; k < end; k++) this.consider(data[k]!);
  }

  /** Scores name form `ni` for the current query (once per query) and keeps it if it reaches the threshold. */
  private consider(ni: number): void {
    const stamp = this.stamp;
    if (this.nameSeen[ni] === stamp) return;
    this.nameSeen[ni] = stamp;
    const e = this.nameEntry[ni]!;
    if (this.qAllowed && !this.qAllowed[this.entryList[e]!]) return;
    const qf = this.qualityFactor(this.nameQuality[ni]!);
    if (qf <= 0) return;
    const threshold = this.qThreshold;
    const need = (threshold - this.qMaxPositive) / qf;
    const nameScore = this.scoreName(ni, this.qSlots, this.qPenalty, need);
    if (nameScore <= 0 || nameScore < need) return;
    let score = nameScore * qf + this.adjustmentDelta(e, this.qQuery);
    if (score > 1) score = 1;
    if (score < threshold) return;
    if (this.entrySeen[e] !== stamp) {
      this.entrySeen[e] = stamp;
      this.entryBest[e] = score;
      this.entryBestName[e] = ni;
      this.touched.push(e);
    } else if (score > this.entryBest[e]!) {
      this.entryBest[e] = score;
      this.entryBestName[e] = ni;
    }
  }

  /**
   * Screens one name (or a query with birth date, nationality, gender) against the index. Returns
   * matches at or above the threshold, best first, one per entry (its best-matching name form).
   */
  screen(query: ScreeningQuery | string, options: ScreenOptions = {}): Match[] {
    const q: ScreeningQuery = typeof query === 'string' ? { name: query } : query;
    const threshold = options.threshold ?? this.config.threshold;
    const limit = options.limit ?? this.config.maxResults;
    const exhaustive = options.exhaustive === true;
    const norm = normaliseName(q.name ?? '', this.config);
    const slots = this.slotsFor(norm, exhaustive);
    const n = slots.length;
    if (n === 0) return [];
    let allowed: Uint8Array | null = null;
    if (options.lists) {
      allowed = new Uint8Array(this.listIds.size);
      for (const l of options.lists) {
        const li = this.listIds.get(l);
        if (li !== undefined) allowed[li] = 1;
      }
    }

    this.prepare(slots);
    let qPenalty = 0;
    let hasInitial = false;
    for (const s of slots) {
      qPenalty += s.penalty;
      if (s.initial) hasInitial = true;
    }

    const cfg = this.config;
    this.qSlots = slots;
    this.qQuery = q;
    this.qPenalty = qPenalty;
    this.qAllowed = allowed;
    this.qThreshold = threshold;
    // the most the query's own birth date, nationality and gender could add
    this.qMaxPositive =
      (q.birthDate ? Math.max(0, cfg.adjustments.birthDate.sameDay) : 0) +
      (q.nationality ? Math.max(0, cfg.adjustments.nationality.match) : 0) +
      (q.gender ? Math.max(0, cfg.adjustments.gender.match) : 0);
    const touched = this.touched;
    touched.length = 0;

    const wide = threshold <= this.blockingCeiling();
    if (exhaustive) {
      for (let ni = 0; ni < this.nameEntry.length; ni++) this.consider(ni);
    }
    if (n === 1 || wide) {
      for (let i = 0; i < n; i++) {
        const ids = wide ? slots[i]!.cands.ids : slots[i]!.lookup;
        for (let k = 0; k < ids.length; k++) this.visit(this.single, 0, ids[k]!);
      }
    }
    if (n === 1) {
      const h = slots[0]!.cands.halves;
      for (let k = 0; k + 1 < h.length; k += 2) this.visitPair(h[k]!, h[k + 1]!);
      if (wide) {
        const ids = slots[0]!.cands.ids;
        for (let k = 0; k < ids.length; k++) this.visit(this.byPart, 0, ids[k]!);
      }
    }
    if (n >= 2) {
      for (let i = 0; i < n; i++) {
        const a = slots[i]!.lookup;
        for (let j = i + 1; j < n; j++) {
          const b = slots[j]!.lookup;
          for (let x = 0; x < a.length; x++) {
            const ta = a[x]!;
            for (let y = 0; y < b.length; y++) this.visitPair(ta, b[y]!);
          }
        }
        // the two halves of a part written joined, against each other
        const h = slots[i]!.cands.halves;
        for (let k = 0; k + 1 < h.length; k += 2) this.visitPair(h[k]!, h[k + 1]!);
      }
      // A query with initials reaches names through its full parts; every query does when the
      // threshold is below the blocking ceiling. A query with a part resembling no listed part (a
      // typo in "Abdul" keeps "Abdlu Manan" from being joined like "Abdul Manan") reaches the names
      // of its other parts when they are rare.
      let unknown = false;
      for (let i = 0; i < n; i++) if (!slots[i]!.initial && slots[i]!.strong === 0) unknown = true;
      if (wide || hasInitial || unknown) {
        for (let i = 0; i < n; i++) {
          const s = slots[i]!;
          if (s.initial) continue;
          for (let k = 0; k < s.cands.ids.length; k++) {
            const t = s.cands.ids[k]!;
            if (!wide && !hasInitial && (s.cands.sims[k]! <= this.config.similarity.weak + 1e-6 || this.byPartCount(t) > RARE_POSTINGS)) continue;
            this.visit(this.byPart, 0, t);
          }
        }
      }
    }

    touched.sort((x, y) => this.entryBest[y]! - this.entryBest[x]! || x - y);
    this.qSlots = [];
    const out: Match[] = [];
    for (let k = 0; k < touched.length && k < limit; k++) {
      const e = touched[k]!;
      const ni = this.entryBestName[e]!;
      const entry = this.entries[e]!;
      // The explanation is worked out when first read: bulk screening pays only for the matches looked at.
      let explanation: MatchExplanation | undefined;
      const match = { list: entry.list, id: entry.id, name: this.nameText[ni]!, score: round(this.entryBest[e]!) } as Match;
      Object.defineProperty(match, 'explanation', {
        enumerable: true,
        get: () => {
          if (!explanation) {
            this.prepare(slots);
            explanation = this.explainName(norm, q, slots, qPenalty, ni, threshold);
          }
          return explanation;
        },
      });
      out.push(match);
    }
    return out;
  }

  private qualityFactor(code: number): number {
    const q = this.config.quality;
    return code === 0 ? q.primary : code === 1 ? q.good : q.low;
  }

  /** Scores name `ni` again, keeping its alignment, and turns it into an explanation. */
  private explainName(qNorm: NormalisedName, q: ScreeningQuery, slots: Slot[], qPenalty: number, ni: number, threshold: number): MatchExplanation {
    const config = this.config;
    const nameScore = this.scoreName(ni, slots, qPenalty, 0);
    const entry = this.entries[this.nameEntry[ni]!]!;
    const eNorm = normaliseName(this.nameText[ni]!, config);
    const qt = slots.map((s) => s.token);
    const et = eNorm.tokens.filter((t) => t.kind !== 'particle').slice(0, MAX_NAME_PARTS);
    const penalty = this.lastFactor;
    const alignments: (PartAlignment & { order: number })[] = [];
    for (let u = 0; u < this.unitCount; u++) {
      const kind = this.unitKind[u]!;
      const i = this.unitI[u]!;
      const j = this.unitJ[u]!;
      const qs = kind === UNIT_QUERY_JOINED ? [qt[i]!, qt[i + 1]!] : [qt[i]!];
      const es = kind === UNIT_ENTRY_JOINED ? [et[j]!, et[j + 1]!] : [et[j]!];
      const s = this.unitS[u]!;
      const joined = qs.length > 1 || es.length > 1;
      const a: PartAlignment & { order: number } = {
        order: i,
        query: qs.map((x) => x.original).join(' '),
        entry: es.map((x) => x.original).join(' '),
        queryCanonical: qs.map((x) => x.text).join(' '),
        entryCanonical: es.map((x) => x.text).join(' '),
        kind: joined ? (s >= 0.97 ? 'equivalent' : 'typo') : partKind(qs[0]!, es[0]!, s),
        similarity: round(s),
      };
      if (a.kind === 'typo' && !joined) {
        partSimilarity(config, qs[0]!.text, es[0]!.text, ortho(qs[0]!.text), ortho(es[0]!.text), qs[0]!.vowelless || es[0]!.vowelless, this.simOut);
        if (this.simOut.distance > 0) a.distance = round(this.simOut.distance);
      }
      if (qs.some((x) => this.common.has(x.text)) || es.some((x) => this.common.has(x.text))) a.common = true;
      if (joined) a.joined = true;
      alignments.push(a);
    }
    alignments.sort((x, y) => x.order - y.order);
    const out: PartAlignment[] = alignments.map(({ order: _o, ...rest }) => rest);
    qt.forEach((t, i) => {
      if (!(this.lastUsedQ & (1 << i))) out.push({ query: t.original, entry: null, queryCanonical: t.text, entryCanonical: null, kind: 'extra-in-query', similarity: 0, penalty });
    });
    et.forEach((t, j) => {
      if (!(this.lastUsedE & (1 << j))) out.push({ query: null, entry: t.original, queryCanonical: null, entryCanonical: t.text, kind: 'missing-in-query', similarity: 0, penalty });
    });
    const quality = QUALITY_OF[this.nameQuality[ni]!]!;
    const qualityFactor = this.qualityFactor(this.nameQuality[ni]!);
    const adjustments = adjustmentsFor(config, q, entry);
    let score = nameScore * qualityFactor + adjustments.reduce((s, a) => s + a.delta, 0);
    score = Math.max(0, Math.min(1, score));
    const particles = (n: NormalisedName) => n.tokens.filter((t) => t.kind === 'particle').map((t) => t.original);
    return {
      query: { name: q.name, parts: qt.map((t) => t.text), stripped: qNorm.stripped, particles: particles(qNorm) },
      entry: { name: this.nameText[ni]!, quality, parts: et.map((t) => t.text), stripped: eNorm.stripped, particles: particles(eNorm) },
      alignments: out,
      nameScore: round(nameScore),
      qualityFactor,
      adjustments,
      score: round(score),
      threshold,
    };
  }
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function partKind(a: NameToken, b: NameToken, s: number): PartMatchKind {
  if (a.kind === 'initial' || b.kind === 'initial') return 'initial';
  const translit = a.script !== 'latin' || b.script !== 'latin' || a.vowelless || b.vowelless;
  if (a.text === b.text) {
    if (foldWritten(a.original) === foldWritten(b.original)) return 'exact';
    return translit ? 'transliterated' : 'equivalent';
  }
  if (translit) return 'transliterated';
  if (ortho(a.text) === ortho(b.text) || s >= 0.97) return 'equivalent';
  return 'typo';
}

function foldWritten(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Convenience: build an index and screen one query. */
export function screenOnce(entries: WatchlistEntry[], query: ScreeningQuery | string, config: ScreeningConfig, options?: ScreenOptions): Match[] {
  return WatchlistIndex.build(entries, config).screen(query, options);
}
export { explain, type Lang } from './explain.ts';
