/**
 * The screening matcher: an in-memory index over watchlist names and a scoring function that aligns
 * name parts, order-independently and with typo tolerance.
 *
 * Index. Every name form of every entry is normalised once. Its parts go into a dictionary (integer
 * ids); each dictionary part gets its orthographic form, a deletion neighbourhood and a consonant
 * skeleton for finding near spellings. Name forms are posted under every unordered pair of their parts
 * (two-part names and longer names in separate tables) and one-part names under their part. A query
 * expands each of its parts into the dictionary parts it resembles (cached per distinct part), then
 * looks up only the pairs of those expansions, so a 100,000-name roster never meets most of the
 * watchlist. This blocking loses nothing the scoring would report: a name form that shares fewer than two
 * similar parts with a multi-part query cannot reach a name score above `blockingCeiling()`, and the
 * index falls back to single-part postings when the threshold is set lower than that.
 *
 * Score. Parts are aligned greedily by similarity (1 for the same canonical part, less for spelling
 * differences and typos, `similarity.initial` for an initial). With weights w (1, less for very common
 * parts and initials), score = Σ sim·(w_query + w_entry) / (Σ matched weights + Σ unmatched weights),
 * where unmatched parts count only `weights.droppedPart` of their weight when all parts of one side
 * matched (at least two of them): a dropped middle name or an added given name costs little, a
 * different family name costs a lot. The name score is multiplied by the quality factor of the name
 * form (low-quality aliases weigh less), then birth date, nationality and gender move it up or down
 * when both sides have them.
 *
 * Pure module (no I/O); the index holds no reference to a database.
 */
import type { ScreeningConfig } from './config.ts';
import { countryCode } from './countries.ts';
import { compileNormaliser, normaliseName, type NameToken, type NormalisedName, type StrippedTerm } from './normalise.ts';
import { ortho, partSimilarity, skeleton, type PartMatchKind, type PartSimilarity } from './similarity.ts';
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
  // postings
  private readonly single: Map<number, Int32Array>;
  private readonly pairsTwo: Map<number, Int32Array>;
  private readonly pairsMany: Map<number, Int32Array>;
  private readonly byPart: Map<number, Int32Array>;
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
    const pairsTwo = new Map<number, number[]>();
    const pairsMany = new Map<number, number[]>();
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
          const target = ids.length === 2 ? pairsTwo : pairsMany;
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
      if (variant === canonical || !/^[a-z]+$/.test(variant)) continue;
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
    this.single = freeze(single);
    this.pairsTwo = freeze(pairsTwo);
    this.pairsMany = freeze(pairsMany);
    this.byPart = freeze(byPart);
    this.deletions = freeze(deletions);
    this.skeletons = freeze(skeletons);
    this.slotSim = new Float32Array(MAX_SLOTS * Math.max(D, 1));
    this.slotStamp = new Uint32Array(MAX_SLOTS * Math.max(D, 1));
    this.nameSeen = new Uint32Array(nameEntry.length);
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
    return { entries: this.entries.length, names: this.nameEntry.length, parts: this.tokText.length, pairKeys: this.pairsTwo.size + this.pairsMany.size };
  }

  /**
   * Highest name score of a name form the blocking does not look at: one that shares at most one
   * part within the edit budget with a multi-part query (any others at best weak matches), or a
   * multi-part name against a one-part query. Below a threshold of this value the blocking widens to
   * single parts. (A birth-date or nationality bonus is not counted: a name just under the ceiling
   * that such a bonus would lift over the threshold is not found.)
   */
  blockingCeiling(): number {
    const w = this.config.weights;
    const s = this.config.similarity;
    const oneAgainstUnmatched = 2 / (2 + Math.min(w.initial, 1));
    const c = Math.min(w.commonPart, 1);
    const oneAndWeak = (2 + 2 * s.weak * c) / (2 + 2 * c);
    return Math.max(oneAgainstUnmatched, oneAndWeak);
  }

  entry(list: string, id: string): WatchlistEntry | undefined {
    return this.entries.find((e) => e.list === list && e.id === id);
  }

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
    const vs = best < 0.97 ? this.variants.get(t) : undefined;
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
  private candidatesFor(t: NameToken): Candidates {
    const key = (t.vowelless ? '\u0001' : '') + t.text;
    const cached = this.candCache.get(key);
    if (cached) return cached;
    const o = ortho(t.text);
    const found = new Map<number, number>();
    const check = (ids: Int32Array | undefined) => {
      if (!ids) return;
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k]!;
        if (found.has(id) || this.tokInitial[id]) continue;
        found.set(id, this.partSim(t.text, o, t.vowelless, id));
      }
    };
    const exact = this.dict.get(t.text);
    if (exact !== undefined) found.set(exact, 1);
    const exactV = this.dict.get('\u0001' + t.text);
    if (exactV !== undefined) found.set(exactV, 1);
    const probe = (s: string) => {
      check(this.deletions.get(hashSkip(s, -1)));
      if (s.length > 2) for (let i = 0; i < s.length; i++) if (i === 0 || s[i] !== s[i - 1]) check(this.deletions.get(hashSkip(s, i)));
    };
    probe(o);
    if (o !== t.text) probe(t.text);
    const sk = skeleton(o);
    if (sk.length >= 3 || (t.vowelless && sk.length >= 2)) check(this.skeletons.get(hashSkip(sk, -1)));
    const ids: number[] = [];
    const sims: number[] = [];
    for (const [id, s] of found) {
      if (s > 0) {
        ids.push(id);
        sims.push(s);
      }
    }
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
      });
    }
    // lookup sets: candidates, halves, and the part two neighbours form when written joined
    const extra: number[][] = slots.map(() => []);
    for (let i = 0; i + 1 < slots.length; i++) {
      if (slots[i]!.initial || slots[i + 1]!.initial) continue;
      const joined = this.dict.get(slots[i]!.text + slots[i + 1]!.text);
      if (joined !== undefined) {
        extra[i]!.push(joined);
        extra[i + 1]!.push(joined);
      }
    }
    slots.forEach((s, i) => {
      const h = s.cands.halves;
      if (!h.length && !extra[i]!.length) {
        s.lookup = s.cands.ids;
        return;
      }
      s.lookup = Int32Array.from(new Set([...s.cands.ids, ...h, ...extra[i]!]));
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

  /**
   * Aligns the parts of name `ni` with the slots greedily, best similarity first. With `all`, every
   * pair is compared (cached per query) and a part written joined on one side may match two
   * neighbouring parts on the other ("Kyongsu" / "Kyong Su"); otherwise only the similarities found
   * when the query was prepared are used.
   */
  private align(ni: number, slots: Slot[], all: boolean, joined = false): void {
    const D = this.tokText.length;
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    const stamp = this.stamp;
    let np = 0;
    const add = (s: number, i: number, j: number, kind: number) => {
      const pairS = this.pairS;
      let k = np++;
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
    };
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      const base = i * D;
      for (let j = 0; j < m; j++) {
        const t = this.nameParts[start + j]!;
        let s: number;
        if (all || slot.initial || this.tokInitial[t]) s = this.simOf(slots, i, t);
        else s = this.slotStamp[base + t] === stamp ? this.slotSim[base + t]! : 0;
        if (s > 0) add(s, i, j, UNIT_PAIR);
      }
    }
    if (joined) {
      for (let i = 0; i < n; i++) {
        const slot = slots[i]!;
        if (slot.initial) continue;
        for (let j = 0; j + 1 < m; j++) {
          const a = this.nameParts[start + j]!;
          const b = this.nameParts[start + j + 1]!;
          if (this.tokInitial[a] || this.tokInitial[b]) continue;
          const dl = this.tokText[a]!.length + this.tokText[b]!.length - slot.text.length;
          if (dl > 2 || dl < -2) continue;
          const joined = this.tokText[a]! + this.tokText[b]!;
          partSimilarity(this.config, slot.text, joined, slot.ortho, ortho(joined), slot.vowelless, this.simOut);
          if (this.simOut.similarity > 0) add(this.simOut.similarity, i, j, UNIT_ENTRY_JOINED);
        }
      }
      for (let i = 0; i + 1 < n; i++) {
        const s1 = slots[i]!;
        const s2 = slots[i + 1]!;
        if (s1.initial || s2.initial) continue;
        for (let j = 0; j < m; j++) {
          const t = this.nameParts[start + j]!;
          if (this.tokInitial[t]) continue;
          const dl = s1.text.length + s2.text.length - this.tokText[t]!.length;
          if (dl > 2 || dl < -2) continue;
          const joined = s1.text + s2.text;
          partSimilarity(this.config, joined, this.tokText[t]!, ortho(joined), this.tokOrtho[t]!, this.tokVowelless[t] === 1, this.simOut);
          if (this.simOut.similarity > 0) add(this.simOut.similarity, i, j, UNIT_QUERY_JOINED);
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
   * similarities found when the query was prepared; when parts are left over and the name could still
   * reach `need`, the similarities of the left-over parts are computed and the parts are aligned again,
   * then left-over neighbours are tried as one part written in two.
   */
  private scoreName(ni: number, slots: Slot[], qPenalty: number, need: number, all = false): number {
    this.align(ni, slots, all);
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    let score = this.alignmentScore(ni, slots, qPenalty);
    if (popcount(this.lastUsedQ) === n && popcount(this.lastUsedE) === m) return score;
    // bound: every left-over part matched perfectly
    let num = 0;
    let mw = 0;
    for (let u = 0; u < this.unitCount; u++) {
      const w = slots[this.unitI[u]!]!.weight + this.tokWeight[this.nameParts[start + this.unitJ[u]!]!]!;
      num += this.unitS[u]! * w;
      mw += w;
    }
    let leftW = 0;
    for (let i = 0; i < n; i++) if (!(this.lastUsedQ & (1 << i))) leftW += slots[i]!.weight;
    for (let j = 0; j < m; j++) if (!(this.lastUsedE & (1 << j))) leftW += this.tokWeight[this.nameParts[start + j]!]!;
    if ((num + leftW) / (mw + leftW) < need) return score;
    this.align(ni, slots, true);
    // parts still left over on both sides, or a weak pair: try parts written joined on one side
    let weakUnit = false;
    for (let u = 0; u < this.unitCount; u++) if (this.unitS[u]! <= this.config.similarity.weak) weakUnit = true;
    if (weakUnit || (popcount(this.lastUsedQ) < n && popcount(this.lastUsedE) < m)) this.align(ni, slots, true, true);
    score = this.alignmentScore(ni, slots, qPenalty);
    return score;
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

    this.stamp = (this.stamp + 1) >>> 0;
    if (this.stamp === 0) {
      this.slotStamp.fill(0);
      this.nameSeen.fill(0);
      this.entrySeen.fill(0);
      this.entryAdjSeen.fill(0);
      this.stamp = 1;
    }
    const stamp = this.stamp;
    const D = this.tokText.length;
    let qPenalty = 0;
    let hasInitial = false;
    for (let i = 0; i < n; i++) {
      const s = slots[i]!;
      qPenalty += s.penalty;
      if (s.initial) hasInitial = true;
      const base = i * D;
      for (let k = 0; k < s.cands.ids.length; k++) {
        const t = s.cands.ids[k]!;
        if (this.tokInitial[t]) continue;
        this.slotStamp[base + t] = stamp;
        this.slotSim[base + t] = s.cands.sims[k]!;
      }
    }

    const cfg = this.config;
    const maxPositive = Math.max(0, cfg.adjustments.birthDate.sameDay) + Math.max(0, cfg.adjustments.nationality.match) + Math.max(0, cfg.adjustments.gender.match);
    const touched: number[] = [];
    const consider = (ni: number) => {
      if (this.nameSeen[ni] === stamp) return;
      this.nameSeen[ni] = stamp;
      const e = this.nameEntry[ni]!;
      if (allowed && !allowed[this.entryList[e]!]) return;
      const qf = this.qualityFactor(this.nameQuality[ni]!);
      if (qf <= 0) return;
      const need = (threshold - maxPositive) / qf;
      const nameScore = this.scoreName(ni, slots, qPenalty, need, exhaustive);
      if (nameScore <= 0 || nameScore < need) return;
      let score = nameScore * qf + this.adjustmentDelta(e, q);
      if (score > 1) score = 1;
      if (score < threshold) return;
      if (this.entrySeen[e] !== stamp) {
        this.entrySeen[e] = stamp;
        this.entryBest[e] = score;
        this.entryBestName[e] = ni;
        touched.push(e);
      } else if (score > this.entryBest[e]!) {
        this.entryBest[e] = score;
        this.entryBestName[e] = ni;
      }
    };
    const visit = (post: Int32Array | undefined) => {
      if (!post) return;
      for (let k = 0; k < post.length; k++) consider(post[k]!);
    };

    const wide = threshold <= this.blockingCeiling();
    if (exhaustive) {
      for (let ni = 0; ni < this.nameEntry.length; ni++) consider(ni);
    }
    if (n === 1 || wide) {
      for (let i = 0; i < n; i++) {
        const ids = slots[i]!.lookup;
        for (let k = 0; k < ids.length; k++) visit(this.single.get(ids[k]!));
      }
    }
    if (n === 1) {
      const h = slots[0]!.cands.halves;
      for (let k = 0; k + 1 < h.length; k += 2) {
        const a = h[k]!;
        const b = h[k + 1]!;
        const key = a < b ? a * PAIR_BASE + b : b * PAIR_BASE + a;
        visit(this.pairsTwo.get(key));
        visit(this.pairsMany.get(key));
      }
      if (wide) {
        const ids = slots[0]!.lookup;
        for (let k = 0; k < ids.length; k++) visit(this.byPart.get(ids[k]!));
      }
    }
    if (n >= 2) {
      for (let i = 0; i < n; i++) {
        const a = slots[i]!.lookup;
        for (let j = i + 1; j < n; j++) {
          const b = slots[j]!.lookup;
          for (let x = 0; x < a.length; x++) {
            const ta = a[x]!;
            for (let y = 0; y < b.length; y++) {
              const tb = b[y]!;
              const key = ta < tb ? ta * PAIR_BASE + tb : tb * PAIR_BASE + ta;
              visit(this.pairsTwo.get(key));
              visit(this.pairsMany.get(key));
            }
          }
        }
        // the two halves of a part written joined, against each other
        const h = slots[i]!.cands.halves;
        for (let k = 0; k + 1 < h.length; k += 2) {
          const ha = h[k]!;
          const hb = h[k + 1]!;
          const key = ha < hb ? ha * PAIR_BASE + hb : hb * PAIR_BASE + ha;
          visit(this.pairsTwo.get(key));
          visit(this.pairsMany.get(key));
        }
      }
      // A query with initials reaches names through its full parts; every query does when the
      // threshold is below the blocking ceiling.
      if (wide || hasInitial) {
        for (let i = 0; i < n; i++) {
          const s = slots[i]!;
          if (s.initial) continue;
          for (let k = 0; k < s.cands.ids.length; k++) visit(this.byPart.get(s.cands.ids[k]!));
        }
      }
    }

    touched.sort((x, y) => this.entryBest[y]! - this.entryBest[x]! || x - y);
    const out: Match[] = [];
    for (let k = 0; k < touched.length && k < limit; k++) {
      const e = touched[k]!;
      const ni = this.entryBestName[e]!;
      const entry = this.entries[e]!;
      const explanation = this.explainName(norm, q, slots, qPenalty, ni, threshold, exhaustive);
      out.push({ list: entry.list, id: entry.id, name: this.nameText[ni]!, score: round(this.entryBest[e]!), explanation });
    }
    return out;
  }

  private qualityFactor(code: number): number {
    const q = this.config.quality;
    return code === 0 ? q.primary : code === 1 ? q.good : q.low;
  }

  /** Scores name `ni` again, keeping its alignment, and turns it into an explanation. */
  private explainName(qNorm: NormalisedName, q: ScreeningQuery, slots: Slot[], qPenalty: number, ni: number, threshold: number, exhaustive: boolean): MatchExplanation {
    const config = this.config;
    const nameScore = this.scoreName(ni, slots, qPenalty, 0, exhaustive);
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
