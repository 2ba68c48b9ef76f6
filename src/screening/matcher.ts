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
 * watchlist. This blocking is exact for the scoring below: a name form that shares fewer than two parts
 * with a multi-part query cannot reach any threshold above `blockingCeiling()`, and the index falls back
 * to single-part postings when the threshold is set lower than that.
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
import { normaliseName, type NameToken, type NormalisedName, type StrippedTerm } from './normalise.ts';
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
const RARE_POSTINGS = 64;
const QUALITY_CODE: Record<NameQuality, number> = { primary: 0, good: 1, low: 2 };
const QUALITY_OF: NameQuality[] = ['primary', 'good', 'low'];

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
  ids: Int32Array;
  sims: Float32Array;
}

interface Slot {
  token: NameToken;
  initial: boolean;
  letter: number;
  weight: number;
  cands: Candidates;
}

const EMPTY: Candidates = { ids: new Int32Array(0), sims: new Float32Array(0) };

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
  private readonly nameWeight: Float32Array;
  // dictionary
  private readonly dict = new Map<string, number>();
  private readonly tokText: string[] = [];
  private readonly tokOrtho: string[] = [];
  private tokVowelless: Uint8Array;
  private tokInitial: Uint8Array;
  private tokFirst: Uint16Array;
  private tokWeight: Float32Array;
  private readonly initialTok = new Map<number, number>();
  // postings
  private readonly single: Map<number, Int32Array>;
  private readonly pairsTwo: Map<number, Int32Array>;
  private readonly pairsMany: Map<number, Int32Array>;
  private readonly byPart: Map<number, Int32Array>;
  private readonly deletions: Map<number, Int32Array>;
  private readonly skeletons: Map<number, Int32Array>;
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
  private readonly pairS = new Float64Array(MAX_SLOTS * MAX_NAME_PARTS);
  private readonly pairI = new Int32Array(MAX_SLOTS * MAX_NAME_PARTS);
  private readonly pairJ = new Int32Array(MAX_SLOTS * MAX_NAME_PARTS);
  private readonly simOut: PartSimilarity = { similarity: 0, distance: 0 };
  private readonly common: Set<string>;

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
        const uniq = [...new Set(ids)];
        for (const id of uniq) pushTo(byPart, id, ni);
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
    const deletions = new Map<number, number[]>();
    const skeletons = new Map<number, number[]>();
    for (let t = 0; t < D; t++) {
      const text = this.tokText[t]!;
      this.tokFirst[t] = text.charCodeAt(0);
      this.tokWeight[t] = this.tokInitial[t] ? config.weights.initial : this.common.has(text) ? config.weights.commonPart : 1;
      if (this.tokInitial[t]) continue;
      const o = this.tokOrtho[t]!;
      pushTo(deletions, hashSkip(o, -1), t);
      if (o.length > 2) for (let i = 0; i < o.length; i++) pushTo(deletions, hashSkip(o, i), t);
      const sk = skeleton(o);
      if (sk.length >= 2) pushTo(skeletons, hashSkip(sk, -1), t);
    }
    this.nameWeight = new Float32Array(nameEntry.length);
    for (let n = 0; n < nameEntry.length; n++) {
      let w = 0;
      for (let k = this.nameStart[n]!; k < this.nameStart[n + 1]!; k++) w += this.tokWeight[this.nameParts[k]!]!;
      this.nameWeight[n] = w;
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
   * Highest score a name form can reach when it shares only one part with a multi-part query (or a
   * one-part query meets a multi-part name). Below a threshold of this value the blocking widens.
   */
  blockingCeiling(): number {
    const w = this.config.weights;
    const wmin = Math.min(w.initial, w.commonPart, 1);
    return 2 / (2 + wmin);
  }

  entry(list: string, id: string): WatchlistEntry | undefined {
    return this.entries.find((e) => e.list === list && e.id === id);
  }

  // -------------------------------------------------------------------------------------------

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
        if (found.has(id)) continue;
        partSimilarity(this.config, t.text, this.tokText[id]!, o, this.tokOrtho[id]!, t.vowelless || this.tokVowelless[id] === 1, this.simOut);
        found.set(id, this.simOut.similarity);
      }
    };
    const exact = this.dict.get(t.text);
    if (exact !== undefined) found.set(exact, 1);
    const exactV = this.dict.get('\u0001' + t.text);
    if (exactV !== undefined) found.set(exactV, 1);
    check(this.deletions.get(hashSkip(o, -1)));
    if (o.length > 2) for (let i = 0; i < o.length; i++) check(this.deletions.get(hashSkip(o, i)));
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
    const res: Candidates = { ids: Int32Array.from(ids), sims: Float32Array.from(sims) };
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
      partSimilarity(this.config, t.text, this.tokText[id]!, o, this.tokOrtho[id]!, t.vowelless || this.tokVowelless[id] === 1, this.simOut);
      if (this.simOut.similarity > 0) {
        ids.push(id);
        sims.push(this.simOut.similarity);
      }
    }
    return { ids: Int32Array.from(ids), sims: Float32Array.from(sims) };
  }

  private slotsFor(norm: NormalisedName, exhaustive = false): Slot[] {
    const slots: Slot[] = [];
    for (const t of norm.tokens) {
      if (t.kind === 'particle') continue;
      if (slots.length >= MAX_SLOTS) break;
      const initial = t.kind === 'initial';
      let cands = EMPTY;
      if (initial) {
        const it = this.initialTok.get(t.text.charCodeAt(0));
        if (it !== undefined) cands = { ids: Int32Array.of(it), sims: Float32Array.of(0.9) };
      } else cands = exhaustive ? this.candidatesByScan(t) : this.candidatesFor(t);
      slots.push({
        token: t,
        initial,
        letter: t.text.charCodeAt(0),
        weight: initial ? this.config.weights.initial : this.common.has(t.text) ? this.config.weights.commonPart : 1,
        cands,
      });
    }
    return slots;
  }

  /** Name score of name form `ni` against the prepared slots (hot loop: no allocation). */
  private scoreName(ni: number, slots: Slot[], qWeight: number): number {
    const D = this.tokText.length;
    const start = this.nameStart[ni]!;
    const m = this.nameStart[ni + 1]! - start;
    const n = slots.length;
    const stamp = this.stamp;
    let np = 0;
    const pairS = this.pairS;
    const pairI = this.pairI;
    const pairJ = this.pairJ;
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      const base = i * D;
      for (let j = 0; j < m; j++) {
        const t = this.nameParts[start + j]!;
        let s = 0;
        if (slot.initial) {
          if (this.tokFirst[t] === slot.letter) s = this.tokInitial[t] ? 0.9 : this.config.similarity.initial;
        } else if (this.slotStamp[base + t] === stamp) s = this.slotSim[base + t]!;
        if (s > 0) {
          // insertion into descending order
          let k = np++;
          while (k > 0 && pairS[k - 1]! < s) {
            pairS[k] = pairS[k - 1]!;
            pairI[k] = pairI[k - 1]!;
            pairJ[k] = pairJ[k - 1]!;
            k--;
          }
          pairS[k] = s;
          pairI[k] = i;
          pairJ[k] = j;
        }
      }
    }
    if (np === 0) return 0;
    let usedQ = 0;
    let usedE = 0;
    let num = 0;
    let mq = 0;
    let me = 0;
    let matched = 0;
    for (let k = 0; k < np; k++) {
      const i = pairI[k]!;
      const j = pairJ[k]!;
      if (usedQ & (1 << i) || usedE & (1 << j)) continue;
      usedQ |= 1 << i;
      usedE |= 1 << j;
      const wq = slots[i]!.weight;
      const we = this.tokWeight[this.nameParts[start + j]!]!;
      num += pairS[k]! * (wq + we);
      mq += wq;
      me += we;
      matched++;
      if (matched === n || matched === m) break;
    }
    const uq = qWeight - mq;
    const ue = this.nameWeight[ni]! - me;
    const full = matched === n || matched === m;
    const unmatched = uq + ue;
    const den = mq + me + (full && matched >= 2 ? this.config.weights.droppedPart * unmatched : unmatched);
    return den > 0 ? num / den : 0;
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
    const norm = normaliseName(q.name ?? '', this.config);
    const slots = this.slotsFor(norm, options.exhaustive === true);
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
    let qWeight = 0;
    let hasInitial = false;
    for (let i = 0; i < n; i++) {
      const s = slots[i]!;
      qWeight += s.weight;
      if (s.initial) hasInitial = true;
      const base = i * D;
      for (let k = 0; k < s.cands.ids.length; k++) {
        const t = s.cands.ids[k]!;
        // keep the best similarity when a part is reached twice
        if (this.slotStamp[base + t] === stamp && this.slotSim[base + t]! >= s.cands.sims[k]!) continue;
        this.slotStamp[base + t] = stamp;
        this.slotSim[base + t] = s.cands.sims[k]!;
      }
    }

    const maxPositive = Math.max(0, this.config.adjustments.birthDate.sameDay) + Math.max(0, this.config.adjustments.nationality.match) + Math.max(0, this.config.adjustments.gender.match);
    const touched: number[] = [];
    const consider = (ni: number) => {
      if (this.nameSeen[ni] === stamp) return;
      this.nameSeen[ni] = stamp;
      const e = this.nameEntry[ni]!;
      if (allowed && !allowed[this.entryList[e]!]) return;
      const nameScore = this.scoreName(ni, slots, qWeight);
      if (nameScore <= 0) return;
      const qf = this.qualityFactor(this.nameQuality[ni]!);
      let score = nameScore * qf;
      if (score + maxPositive < threshold) return;
      score += this.adjustmentDelta(e, q);
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
    if (options.exhaustive) {
      for (let ni = 0; ni < this.nameEntry.length; ni++) consider(ni);
    }
    if (n === 1 || wide) {
      for (let i = 0; i < n; i++) {
        const ids = slots[i]!.cands.ids;
        for (let k = 0; k < ids.length; k++) visit(this.single.get(ids[k]!));
      }
    }
    if (n === 1 && wide) {
      const ids = slots[0]!.cands.ids;
      for (let k = 0; k < ids.length; k++) visit(this.byPart.get(ids[k]!));
    }
    if (n >= 2) {
      for (let i = 0; i < n; i++) {
        const a = slots[i]!.cands.ids;
        for (let j = i + 1; j < n; j++) {
          const b = slots[j]!.cands.ids;
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
      }
      // A query with initials, or with a part too misspelt to find, still reaches names through
      // its rare parts; and every part when the threshold is below the blocking ceiling.
      for (let i = 0; i < n; i++) {
        const s = slots[i]!;
        if (s.initial) continue;
        for (let k = 0; k < s.cands.ids.length; k++) {
          const post = this.byPart.get(s.cands.ids[k]!);
          if (post && (wide || hasInitial || post.length <= RARE_POSTINGS)) visit(post);
        }
      }
    }

    touched.sort((x, y) => this.entryBest[y]! - this.entryBest[x]! || x - y);
    const out: Match[] = [];
    for (let k = 0; k < touched.length && k < limit; k++) {
      const e = touched[k]!;
      const ni = this.entryBestName[e]!;
      const entry = this.entries[e]!;
      const explanation = this.explainName(norm, q, ni, threshold);
      out.push({ list: entry.list, id: entry.id, name: this.nameText[ni]!, score: round(this.entryBest[e]!), explanation });
    }
    return out;
  }

  private qualityFactor(code: number): number {
    const q = this.config.quality;
    return code === 0 ? q.primary : code === 1 ? q.good : q.low;
  }

  /** Recomputes the alignment of a query with one name form, keeping everything an explanation needs. */
  private explainName(qNorm: NormalisedName, q: ScreeningQuery, ni: number, threshold: number): MatchExplanation {
    const config = this.config;
    const entry = this.entries[this.nameEntry[ni]!]!;
    const eNorm = normaliseName(this.nameText[ni]!, config);
    const qt = qNorm.tokens.filter((t) => t.kind !== 'particle').slice(0, MAX_SLOTS);
    const et = eNorm.tokens.filter((t) => t.kind !== 'particle').slice(0, MAX_NAME_PARTS);
    const weight = (t: NameToken) => (t.kind === 'initial' ? config.weights.initial : this.common.has(t.text) ? config.weights.commonPart : 1);
    const pairs: { s: number; i: number; j: number; d: number }[] = [];
    const sim: PartSimilarity = { similarity: 0, distance: 0 };
    for (let i = 0; i < qt.length; i++) {
      for (let j = 0; j < et.length; j++) {
        const a = qt[i]!;
        const b = et[j]!;
        let s = 0;
        let d = 0;
        if (a.kind === 'initial' || b.kind === 'initial') {
          if (a.text[0] === b.text[0]) s = a.kind === 'initial' && b.kind === 'initial' ? 0.9 : config.similarity.initial;
        } else {
          partSimilarity(config, a.text, b.text, ortho(a.text), ortho(b.text), a.vowelless || b.vowelless, sim);
          s = sim.similarity;
          d = sim.distance;
        }
        if (s > 0) pairs.push({ s, i, j, d });
      }
    }
    pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
    const usedQ = new Set<number>();
    const usedE = new Set<number>();
    const chosen: typeof pairs = [];
    for (const p of pairs) {
      if (usedQ.has(p.i) || usedE.has(p.j)) continue;
      usedQ.add(p.i);
      usedE.add(p.j);
      chosen.push(p);
      if (usedQ.size === qt.length || usedE.size === et.length) break;
    }
    let num = 0;
    let mq = 0;
    let me = 0;
    for (const p of chosen) {
      const wq = weight(qt[p.i]!);
      const we = weight(et[p.j]!);
      num += p.s * (wq + we);
      mq += wq;
      me += we;
    }
    let uq = 0;
    let ue = 0;
    qt.forEach((t, i) => { if (!usedQ.has(i)) uq += weight(t); });
    et.forEach((t, j) => { if (!usedE.has(j)) ue += weight(t); });
    const full = chosen.length === qt.length || chosen.length === et.length;
    const penalty = full && chosen.length >= 2 ? config.weights.droppedPart : 1;
    const den = mq + me + penalty * (uq + ue);
    const nameScore = den > 0 ? num / den : 0;

    const alignments: PartAlignment[] = [];
    for (const p of [...chosen].sort((x, y) => x.i - y.i)) {
      const a = qt[p.i]!;
      const b = et[p.j]!;
      alignments.push({
        query: a.original,
        entry: b.original,
        queryCanonical: a.text,
        entryCanonical: b.text,
        kind: partKind(a, b, p.s),
        similarity: round(p.s),
        ...(p.d > 0 ? { distance: p.d } : {}),
        ...(this.common.has(a.text) || this.common.has(b.text) ? { common: true } : {}),
      });
    }
    qt.forEach((t, i) => {
      if (!usedQ.has(i)) alignments.push({ query: t.original, entry: null, queryCanonical: t.text, entryCanonical: null, kind: 'extra-in-query', similarity: 0, penalty });
    });
    et.forEach((t, j) => {
      if (!usedE.has(j)) alignments.push({ query: null, entry: t.original, queryCanonical: null, entryCanonical: t.text, kind: 'missing-in-query', similarity: 0, penalty });
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
      alignments,
      nameScore: round(nameScore),
      qualityFactor,
      adjustments,
      score: round(score),
      threshold,
    };
  }
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
