/**
 * Similarity of two canonical name parts.
 *
 * Parts are first folded to an orthographic form that erases the usual differences between French and
 * English transliterations ("ou"/"u", "dj"/"j", "ch"/"sh", "q"/"k", a final mute "e", doubled letters),
 * then compared with a weighted edit distance in which the cheap edits are the ones transliteration and
 * hurried typing produce (a vowel for another, an "h" more or less, l/r, t/d, k/g): one such
 * difference in a short part is tolerated, two are not (Hassan is not Hussein). Parts transliterated
 * from Arabic script carry no short vowels, so they are compared on their consonant skeleton instead.
 *
 * Pure module, no I/O.
 */
import type { ScreeningConfig } from './config.ts';

const VOWEL = new Uint8Array(128);
for (const c of 'aeiou') VOWEL[c.charCodeAt(0)] = 1;

/** Consonant classes whose members are cheap to substitute for one another. */
const CLASS = new Uint8Array(128);
const classes = ['kgqc', 'sz', 'td', 'bp', 'fv', 'lr', 'jg', 'xsj'];
// A letter may belong to two classes; store a bit mask.
for (let i = 0; i < classes.length; i++) for (const c of classes[i]!) CLASS[c.charCodeAt(0)] |= 1 << i;

/**
 * Orthographic folding of a canonical (lower-case, unaccented) part: "youssouf" → "iusuf",
 * "ousmane" → "usman", "djibril" → "jibril", "cheikh" and "sheikh" → "xeik".
 */
export function ortho(s: string): string {
  let out = '';
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s[i]!;
    const d = i + 1 < n ? s[i + 1]! : '';
    const e = i + 2 < n ? s[i + 2]! : '';
    let add: string;
    switch (c) {
      case 't':
        if (d === 'c' && e === 'h') { add = 'x'; i += 2; }
        else if (d === 'h') { add = 't'; i++; }
        else add = 't';
        break;
      case 's':
        if (d === 'h') { add = 'x'; i++; }
        else if (d === 'c' && e === 'h') { add = 'x'; i += 2; }
        else add = 's';
        break;
      case 'c':
        if (d === 'h') { add = 'x'; i++; }
        else if (d === 'k' || d === 'q') { add = 'k'; i++; }
        else if (d === 'e' || d === 'i' || d === 'y') add = 's';
        else add = 'k';
        break;
      case 'd':
        if (d === 'j') { add = 'j'; i++; }
        else if (d === 'h') { add = 'd'; i++; }
        else add = 'd';
        break;
      case 'p':
        if (d === 'h') { add = 'f'; i++; }
        else add = 'p';
        break;
      case 'g':
        if (d === 'h') { add = 'g'; i++; }
        else if (d === 'u' && (e === 'e' || e === 'i')) { add = 'g'; i++; }
        else add = 'g';
        break;
      case 'k':
        add = 'k'; // "kh" stays: خ is not ك (Khaliq is not Kalik)
        break;
      case 'q':
        add = 'k';
        if (d === 'u' && e !== '' && VOWEL[e.charCodeAt(0)]) i++;
        break;
      case 'x':
        add = 'ks';
        break;
      case 'o':
        if (d === 'u' || d === 'o') { add = 'u'; i++; }
        else add = 'o';
        break;
      case 'e':
        if (d === 'e') { add = 'i'; i++; }
        else if (d === 'i' || d === 'y') { add = 'e'; i++; }
        else add = 'e';
        break;
      case 'a':
        if (d === 'i' || d === 'y') { add = 'e'; i++; }
        else add = 'a';
        break;
      case 'y':
        add = 'i';
        break;
      case 'w':
        add = 'u';
        break;
      default:
        add = c;
    }
    out += add;
  }
  // final mute e (Ousmane, Hassane), final h after a vowel (Fatimah, Abdallah)
  if (out.length > 3) {
    const last = out.charCodeAt(out.length - 1);
    const prev = out.charCodeAt(out.length - 2);
    if (last === 101 /* e */ && !VOWEL[prev]) out = out.slice(0, -1);
    else if (last === 104 /* h */ && VOWEL[prev]) out = out.slice(0, -1);
  }
  // doubled letters
  let dedup = '';
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) dedup += out[i];
  return dedup;
}

/** Consonant skeleton of an orthographic form: no vowels ("mohamed" → "mhmd"). */
export function skeleton(o: string): string {
  let out = '';
  for (let i = 0; i < o.length; i++) {
    const c = o.charCodeAt(i);
    if (c < 128 && VOWEL[c]) continue;
    if (out.length && out.charCodeAt(out.length - 1) === c) continue;
    out += o[i];
  }
  return out;
}

function isVowel(c: number): boolean {
  return c < 128 && VOWEL[c] === 1;
}

function subCost(a: number, b: number): number {
  if (a === b) return 0;
  if (a < 128 && b < 128) {
    if (VOWEL[a] && VOWEL[b]) return 0.6;
    if (CLASS[a]! & CLASS[b]!) return 0.5;
  }
  return 1;
}

function indelCost(c: number): number {
  if (isVowel(c) || c === 104 /* h */) return 0.5;
  return 1;
}

const BAG = new Int32Array(65536);

/**
 * A lower bound of the weighted distance from the letters alone: every edit costs at least 0.5 and
 * changes at most one letter on each side, so the distance is at least half the larger count of
 * letters one side has and the other lacks.
 */
export function bagBound(a: string, b: string): number {
  for (let i = 0; i < a.length; i++) BAG[a.charCodeAt(i)]!++;
  let onlyB = 0;
  for (let i = 0; i < b.length; i++) {
    const c = b.charCodeAt(i);
    if (BAG[c]! > 0) BAG[c]!--;
    else onlyB++;
  }
  let onlyA = 0;
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    if (BAG[c]! > 0) {
      onlyA += BAG[c]!;
      BAG[c] = 0;
    }
  }
  return 0.5 * (onlyA > onlyB ? onlyA : onlyB);
}

/** bagBound(x, a + b) without building a + b. */
export function bagBoundJoined(x: string, a: string, b: string): number {
  for (let i = 0; i < x.length; i++) BAG[x.charCodeAt(i)]!++;
  let onlyJoined = 0;
  for (const s of [a, b]) {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (BAG[c]! > 0) BAG[c]!--;
      else onlyJoined++;
    }
  }
  let onlyX = 0;
  for (let i = 0; i < x.length; i++) {
    const c = x.charCodeAt(i);
    if (BAG[c]! > 0) {
      onlyX += BAG[c]!;
      BAG[c] = 0;
    }
  }
  return 0.5 * (onlyX > onlyJoined ? onlyX : onlyJoined);
}

// Reused rows for the edit distance (no allocation per call).
let rowA = new Float64Array(64);
let rowB = new Float64Array(64);
let rowC = new Float64Array(64);

/**
 * Weighted optimal-string-alignment distance between two folded parts, abandoning (returning a value
 * above `max`) as soon as it cannot stay within `max`.
 */
export function weightedDistance(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (m + 1 > rowA.length) {
    rowA = new Float64Array(m + 16);
    rowB = new Float64Array(m + 16);
    rowC = new Float64Array(m + 16);
  }
  let prev2 = rowC; // row i-2
  let prev = rowA; // row i-1
  let cur = rowB;
  // A letter added or dropped at the start of a part is a full edit even when it is a vowel or an
  // h: a name's first sound is rarely mistyped, and Ali is not Wali (Uali once folded), nor Omar Mar.
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + (j === 1 ? 1 : indelCost(b.charCodeAt(j - 1)));
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1);
    cur[0] = prev[0]! + (i === 1 ? 1 : indelCost(ca));
    let rowMin = cur[0]!;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = prev[j - 1]! + subCost(ca, cb);
      const del = prev[j]! + indelCost(ca);
      if (del < v) v = del;
      const ins = cur[j - 1]! + indelCost(cb);
      if (ins < v) v = ins;
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && ca !== cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return rowMin;
    const tmp = prev2;
    prev2 = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[m]!;
}

export type PartMatchKind = 'exact' | 'equivalent' | 'transliterated' | 'typo' | 'initial';

export interface PartSimilarity {
  similarity: number;
  /** Weighted edit distance between the folded forms (0 when equal). */
  distance: number;
}

const budgetTables = new WeakMap<ScreeningConfig['similarity'], Float64Array>();

/** Edits allowed for parts whose longer form has `len` letters (tabulated once per configuration). */
export function editBudget(config: ScreeningConfig, len: number): number {
  let table = budgetTables.get(config.similarity);
  if (!table) {
    const rows = config.similarity.editBudget;
    table = new Float64Array(65);
    for (let l = 0; l <= 64; l++) {
      const row = rows.find(([maxLen]) => l <= maxLen) ?? rows[rows.length - 1]!;
      table[l] = row[1];
    }
    budgetTables.set(config.similarity, table);
  }
  return table[len > 64 ? 64 : len]!;
}

/**
 * Similarity of two canonical parts given their orthographic forms; 0 when they do not match.
 * The distance is the smaller of the weighted distances between the canonical and between the folded
 * forms (a typo can break a digraph the folding relies on: "Sayyed"/"Satyed"). Within the edit budget
 * the similarity falls by `perEdit` per edit; one edit beyond the budget, when at most `weakShare` of
 * the letters differ, the parts still count as a weak match (`weak`). `vowelless` is true when either
 * part was transliterated from a script without short vowels: the consonant skeletons are compared.
 */
export function partSimilarity(
  config: ScreeningConfig,
  a: string,
  b: string,
  oa: string,
  ob: string,
  vowelless: boolean,
  out: PartSimilarity,
): PartSimilarity {
  out.distance = 0;
  if (a === b) {
    out.similarity = 1;
    return out;
  }
  if (oa === ob) {
    out.similarity = 1 - config.similarity.perEdit * 0.25;
    return out;
  }
  const sim = config.similarity;
  // Two compounds sharing a prefix or suffix (Abd-, -din, -ullah) are as different as their stems:
  // "abdkhaliq" and "abdmalik" differ as much as "khaliq" and "malik", not as two 9-letter words.
  for (const p of sim.sharedPrefixes) {
    if (a.length > p.length + 2 && b.length > p.length + 2 && a.startsWith(p) && b.startsWith(p)) {
      const sa = a.slice(p.length);
      const sb = b.slice(p.length);
      return partSimilarity(config, sa, sb, ortho(sa), ortho(sb), vowelless, out);
    }
  }
  for (const p of sim.sharedSuffixes) {
    if (a.length > p.length + 2 && b.length > p.length + 2 && a.endsWith(p) && b.endsWith(p)) {
      const sa = a.slice(0, -p.length);
      const sb = b.slice(0, -p.length);
      return partSimilarity(config, sa, sb, ortho(sa), ortho(sb), vowelless, out);
    }
  }
  // each distance is judged against the length of the forms it was measured on
  const lo = oa.length > ob.length ? oa.length : ob.length;
  const lr = a.length > b.length ? a.length : b.length;
  const budgetO = editBudget(config, lo);
  const budgetR = editBudget(config, lr);
  const capO = lo >= sim.weakMinLength ? Math.max(budgetO, Math.min(budgetO + 1, Math.max(1, sim.weakShare * lo))) : budgetO;
  const capR = lr >= sim.weakMinLength ? Math.max(budgetR, Math.min(budgetR + 1, Math.max(1, sim.weakShare * lr))) : budgetR;
  const dO = bagBound(oa, ob) > capO ? Infinity : weightedDistance(oa, ob, capO);
  const dR = dO <= budgetO || bagBound(a, b) > capR ? Infinity : weightedDistance(a, b, capR);
  let best = 0;
  let d = 0;
  if (dO <= budgetO) {
    best = 1 - sim.perEdit * dO;
    d = dO;
  } else if (dR <= budgetR) {
    best = 1 - sim.perEdit * dR;
    d = dR;
  } else if (dO <= capO || dR <= capR) {
    best = sim.weak;
    d = Math.min(dO, dR);
  }
  if (best > 0) out.distance = d;
  if (vowelless) {
    const sa = skeleton(oa);
    const sb = skeleton(ob);
    if (sa.length >= 2) {
      let s = 0;
      if (sa === sb) s = sim.skeleton;
      else if (sa.length >= 3 && sb.length >= 3) {
        const ds = weightedDistance(sa, sb, 1);
        if (ds <= 1) s = sim.skeleton - sim.perEdit * ds;
      }
      if (s > best) {
        best = s;
        out.distance = 0;
      }
    }
  }
  out.similarity = best >= sim.minPart ? best : 0;
  return out;
}
