/**
 * Names for matching: folding (case, accents, ligatures, punctuation), word order, and the ranks and
 * titles sources put in front of or inside person names ('Colonel-Major Moussa DIARRA', 'DIARRA,
 * Col. Moussa', 'Général de Brigade …'). Also the classification of posting roles and ranks against the
 * configured vocabularies. Pure module; the rank and role lists come from settings as parameters.
 */
import type { RankList, Vocabularies } from './config.ts';

const LIGATURES: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', ı: 'i', þ: 'th', ĸ: 'k' };

/** Lower case, accents and marks removed, ligatures spelled out, anything but letters and digits a space. */
export function foldText(s: string | null | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłıþĸ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(s: string | null | undefined): string[] {
  const f = foldText(s);
  return f ? f.split(' ') : [];
}

/** Rank and title spellings as token sequences, longest first, ready for stripping. */
export interface NameMatcher {
  ranks: string[][];
  titles: string[][];
}

export function nameMatcher(list: RankList): NameMatcher {
  const seqs = (forms: string[]) => {
    const seen = new Set<string>();
    const out: string[][] = [];
    for (const f of forms) {
      const t = tokens(f);
      const k = t.join(' ');
      if (t.length && !seen.has(k)) {
        seen.add(k);
        out.push(t);
      }
    }
    return out.sort((a, b) => b.length - a.length);
  };
  return { ranks: seqs(list.ranks.flatMap((r) => r.forms)), titles: seqs(list.titles) };
}

function startsWithSeq(t: string[], at: number, seq: string[]): boolean {
  if (at + seq.length > t.length) return false;
  for (let i = 0; i < seq.length; i++) if (t[at + i] !== seq[i]) return false;
  return true;
}

/**
 * The tokens of a person's name without ranks (anywhere) and titles (at the start). Never strips
 * everything: a name that is only a rank word ('Major') keeps its tokens.
 */
export function personNameTokens(name: string | null | undefined, m: NameMatcher): string[] {
  const t = tokens(name);
  let start = 0;
  for (let again = true; again; ) {
    again = false;
    for (const seq of m.titles) {
      if (startsWithSeq(t, start, seq) && start + seq.length < t.length) {
        start += seq.length;
        again = true;
        break;
      }
    }
  }
  const out: string[] = [];
  for (let i = start; i < t.length; ) {
    const seq = m.ranks.find((s) => startsWithSeq(t, i, s));
    if (seq) i += seq.length;
    else out.push(t[i++]!);
  }
  return out.length ? out : t.slice(start);
}

/** Comparison key of a person's name: ranks and titles stripped, folded, words in alphabetical order. */
export function personNameKey(name: string | null | undefined, m: NameMatcher): string {
  return [...personNameTokens(name, m)].sort().join(' ');
}

/** Comparison key of an organisation's name: folded, words in alphabetical order (ranks kept). */
export function unitNameKey(name: string | null | undefined): string {
  return tokens(name).sort().join(' ');
}

/** The text indexed for fuzzy search: the distinct keys of every name, separated. */
export function searchText(keys: string[]): string {
  return [...new Set(keys.filter(Boolean))].join(' | ');
}

/** Trigrams of a text as pg_trgm forms them: each word padded with two spaces before and one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (const w of s.split(/[^\p{L}\p{N}]+/u)) {
    if (!w) continue;
    const p = `  ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) out.add(p.slice(i, i + 3));
  }
  return out;
}

export function trigramSimilarity(a: string, b: string): number {
  const A = trigrams(a);
  const B = trigrams(b);
  if (!A.size || !B.size) return 0;
  let shared = 0;
  for (const x of A) if (B.has(x)) shared++;
  return shared / (A.size + B.size - shared);
}

/**
 * How well a query key matches a candidate key, 0..1 (1 = same key). The better of the whole-name
 * trigram similarity and a word-by-word alignment (each query word against its best candidate word,
 * lightly penalised when the word counts differ, so 'diarra' finds 'diarra moussa').
 */
export function nameScore(queryKey: string, candidateKey: string): number {
  if (!queryKey || !candidateKey) return 0;
  if (queryKey === candidateKey) return 1;
  const qt = queryKey.split(' ');
  const ct = candidateKey.split(' ');
  let sum = 0;
  for (const q of qt) {
    let best = 0;
    for (const c of ct) best = Math.max(best, q === c ? 1 : trigramSimilarity(q, c));
    sum += best;
  }
  const coverage = Math.min(qt.length, ct.length) / Math.max(qt.length, ct.length);
  const aligned = (sum / qt.length) * (0.8 + 0.2 * coverage);
  const score = Math.min(0.999, Math.max(trigramSimilarity(queryKey, candidateKey), aligned));
  return Math.round(score * 1000) / 1000;
}

/** The configured rank a written rank stands for ('Colonel Major', 'colonel-major' → 'colonel-major'); null when unknown. */
export function rankCode(rank: string | null | undefined, list: RankList): string | null {
  const k = tokens(rank).join(' ');
  if (!k) return null;
  for (const r of list.ranks) if (r.forms.some((f) => tokens(f).join(' ') === k)) return r.code;
  return null;
}

export type CommandLevel = 'head' | 'deputy' | 'none';

export interface RoleKind {
  code: string;
  command: CommandLevel;
}

function containsSeq(t: string[], pattern: string): boolean {
  const seq = tokens(pattern);
  if (!seq.length) return false;
  for (let i = 0; i + seq.length <= t.length; i++) if (startsWithSeq(t, i, seq)) return true;
  return false;
}

/**
 * The kind of a posting role: the first configured role whose pattern occurs in the role as whole
 * words ('adjoint au commandant' → deputy before commander, "Chef d'Etat-major" → chief of staff, 'Chef
 * de poste' → sub-unit leader). The role's command level, except that a role heads the unit when the
 * unit's name matches one of the role's `headIn` patterns (the chief of a general staff). A role that
 * matches nothing gets the last configured role (member).
 */
export function classifyRole(role: string | null | undefined, roles: Vocabularies['roles'], unitName?: string | null): RoleKind {
  const t = tokens(role);
  const pick = (r: Vocabularies['roles'][number]): RoleKind => {
    const u = tokens(unitName);
    const head = u.length > 0 && (r.headIn ?? []).some((p) => containsSeq(u, p));
    return { code: r.code, command: head ? 'head' : r.command };
  };
  if (t.length) {
    for (const r of roles) if (r.patterns.some((p) => containsSeq(t, p))) return pick(r);
  }
  return pick(roles[roles.length - 1]!);
}

/** The configured classification code a written one stands for (by code, label or alias; case and accents ignored). */
export function classificationCode(written: string, list: Vocabularies['classifications']): string | null {
  const k = tokens(written).join(' ');
  if (!k) return null;
  for (const c of list) {
    if (c.code === written || tokens(c.code).join(' ') === k) return c.code;
    if (tokens(c.label.en).join(' ') === k || tokens(c.label.fr).join(' ') === k) return c.code;
    if (c.aliases.some((a) => tokens(a).join(' ') === k)) return c.code;
  }
  return null;
}

/** A code for a classification the configuration does not know yet ('Garde Forestière' → 'garde-forestiere'). */
export function slugCode(written: string): string {
  return tokens(written).join('-') || 'unknown';
}

/** Key of an area or place name for "in this area": folded, without '(osm, point)' notes or a trailing id. */
export function areaKey(label: string | null | undefined): string {
  if (!label) return '';
  const s = label.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\s*$/i, '').replace(/\([^)]*\)/g, ' ');
  return foldText(s);
}

