/**
 * Builds the labelled accuracy set for name screening from the real UN Security Council Consolidated
 * List: the watchlist (every individual and entity of the list), realistic variants of listed
 * individuals' names (positives) and realistic names of people who are not listed (negatives), half
 * of them near misses built from listed names.
 *
 *   npx tsx scripts/screening-build-testset.ts [--input ../shared/data/un-sc-consolidated-list-2025-11-20.xml]
 *        [--out test/fixtures/screening/labelled-set.json] [--seed 20251120] [--individuals 360] [--negatives 6000]
 *
 * Labels come from a truth rule written here, independent of the matcher: two names are "compatible"
 * when every part of the shorter one (at least two parts) is the same name part as a distinct part of
 * the longer one, allowing spelling variants (the configured equivalence classes, a few letters of
 * difference, the same consonants). A negative is kept only if it is compatible with no listed name;
 * a positive accepts, besides its source, every listed person whose name it is compatible with (an
 * ambiguous short name is not the matcher's fault). The variants and the negatives are generated
 * without looking at the matcher's scores.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DEFAULT_SCREENING_CONFIG } from '../src/screening/config.ts';
import type { WatchlistEntry } from '../src/screening/matcher.ts';
import { parseUnConsolidatedList, unToWatchlistEntries, type UnIndividual } from '../src/screening/un-list.ts';
import {
  POOLS, REGIONS, ROSTER_RANKS, accentVariant, arabicTransliteration, chance, pick, pickRegion, regionalName, rng, rosterCase,
  nameUnits, shuffle, spellingVariant, typo, withRank, type Origin, type Region, type Rnd,
} from './screening-names.ts';

export interface LabelledQuery {
  name: string;
  birthDate?: string;
  nationality?: string;
  gender?: string;
  /** Positive: the listed entry the name was derived from. Absent for negatives. */
  source?: string;
  /** Entries a match to which is correct (the source and listed people with a compatible name). */
  accept: string[];
  /** How the query was made ("variant:typo1", "negative:near-replace-family", …). */
  kind: string;
}

export interface LabelledSet {
  description: string;
  source: string;
  seed: number;
  counts: Record<string, number>;
  watchlist: WatchlistEntry[];
  queries: LabelledQuery[];
}

// ---------------------------------------------------------------------------------------------
// The truth rule

const TITLE_WORDS = new Set(
  ROSTER_RANKS.concat(['general', 'colonel', 'major', 'commander', 'chief', 'sheikh', 'shaykh', 'mullah', 'maulavi', 'mawlawi', 'maulana', 'mawlana', 'maulvi', 'moulvi', 'haji', 'hajji', 'hadji', 'doctor', 'dr', 'professor', 'lieutenant', 'captain', 'brigadier', 'emir', 'qari', 'imam', 'ustad'])
    .flatMap((t) => fold(t).split(' ')),
);
const PARTICLES = new Set(['al', 'el', 'ul', 'bin', 'ben', 'ibn', 'bint', 'ould', 'ag', 'de', 'du', 'des', 'la', 'le', 'da', 'van', 'von', 'y']);
const ABD = new Set(['abd', 'abdel', 'abdul', 'abdoul', 'abdal', 'abdu', 'abdur', 'abder', 'abdel']);

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘ʼ`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EQUIV = new Map<string, string>();
for (const cls of DEFAULT_SCREENING_CONFIG.equivalences) {
  const c = fold(cls.canonical).replace(/ /g, '');
  for (const v of [cls.canonical, ...cls.variants]) {
    const k = fold(v).replace(/ /g, '');
    if (k && !EQUIV.has(k)) EQUIV.set(k, c);
  }
}

/** Name parts for the truth rule: folded, titles at the start of a segment removed, particles dropped, "Abd X" joined. */
export function truthParts(name: string): string[] {
  if (/[^\u0000-\u024F\s\p{P}\p{S}\p{N}]/u.test(name)) return []; // not Latin script: no truth comparison
  const out: string[] = [];
  for (const segment of name.split(/[,;()“”"]/)) {
    const words = fold(segment).split(' ').filter(Boolean);
    let i = 0;
    while (i < words.length - 1 && TITLE_WORDS.has(words[i]!)) i++;
    for (; i < words.length; i++) {
      const wd = words[i]!;
      if (PARTICLES.has(wd) && i < words.length - 1) continue;
      if (ABD.has(wd) && i < words.length - 1) {
        let j = i + 1;
        if (PARTICLES.has(words[j]!) && j < words.length - 1) j++;
        out.push('abd' + words[j]!);
        i = j;
        continue;
      }
      if (/^\d+$/.test(wd) || wd.length === 1) continue;
      // "Abdelkader" written in one word is "Abdel Kader"
      const abd = /^abd(?:oul|el|al|ul|ur|er|ar|ou|u|i)?(.{3,})$/.exec(wd);
      if (abd && !EQUIV.has(wd)) {
        out.push('abd' + abd[1]!);
        continue;
      }
      out.push(EQUIV.get(wd) ?? wd);
    }
  }
  return out;
}

function lev(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j]! < best) best = cur[j]!;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

function consonants(s: string): string {
  return s.replace(/[aeiouyw]/g, '').replace(/(.)\1+/g, '$1');
}

/** Generous: when in doubt, two parts are the same name (so that negatives are clearly different people). */
function samePart(a: string, b: string): boolean {
  if (a === b) return true;
  const m = Math.max(a.length, b.length);
  if (lev(a, b, m <= 4 ? 1 : m <= 8 ? 2 : 3) <= (m <= 4 ? 1 : m <= 8 ? 2 : 3)) return true;
  const ca = consonants(a);
  if (ca.length >= 3 && ca === consonants(b)) return true;
  return false;
}

class Truth {
  private readonly tokId = new Map<string, number>();
  private readonly toks: string[] = [];
  private readonly forms: { entry: string; parts: number[] }[] = [];
  private readonly byTok = new Map<number, number[]>();
  private readonly memo = new Map<string, Set<number>>();

  constructor(entries: WatchlistEntry[]) {
    for (const e of entries) {
      for (const n of e.names) {
        const parts = truthParts(n.name);
        if (!parts.length) continue;
        const ids = parts.map((p) => {
          let id = this.tokId.get(p);
          if (id === undefined) {
            id = this.toks.length;
            this.tokId.set(p, id);
            this.toks.push(p);
          }
          return id;
        });
        const fi = this.forms.length;
        this.forms.push({ entry: e.id, parts: ids });
        for (const id of new Set(ids)) {
          const l = this.byTok.get(id) ?? [];
          l.push(fi);
          this.byTok.set(id, l);
        }
      }
    }
  }

  private same(p: string): Set<number> {
    let s = this.memo.get(p);
    if (!s) {
      s = new Set();
      for (let i = 0; i < this.toks.length; i++) if (samePart(p, this.toks[i]!)) s.add(i);
      this.memo.set(p, s);
    }
    return s;
  }

  /** Ids of the listed entries having a name compatible with these parts. */
  compatibleEntries(parts: string[]): Set<string> {
    const out = new Set<string>();
    if (!parts.length) return out;
    const sets = parts.map((p) => this.same(p));
    const candidates = new Set<number>();
    for (const s of sets) for (const t of s) for (const f of this.byTok.get(t) ?? []) candidates.add(f);
    for (const fi of candidates) {
      const form = this.forms[fi]!;
      if (compatible(sets, form.parts)) out.add(form.entry);
    }
    return out;
  }
}

/** Every part of the shorter name (two or more parts, or both single) matched to a distinct part of the longer one. */
function compatible(query: Set<number>[], listed: number[]): boolean {
  const n = query.length;
  const m = listed.length;
  if (Math.min(n, m) < 2 && !(n === 1 && m === 1)) return false;
  if (n <= m) {
    const used = new Set<number>();
    for (const s of query) {
      let found = -1;
      for (let j = 0; j < m; j++) if (!used.has(j) && s.has(listed[j]!)) { found = j; break; }
      if (found < 0) return false;
      used.add(found);
    }
    return true;
  }
  const used = new Set<number>();
  for (const t of listed) {
    let found = -1;
    for (let i = 0; i < n; i++) if (!used.has(i) && query[i]!.has(t)) { found = i; break; }
    if (found < 0) return false;
    used.add(found);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------

const ARABIC_LISTS = new Set(['Iraq', 'Al-Qaida', 'Taliban', 'Libya', 'Yemen', 'Sudan', 'Somalia', 'Iran']);

function origin(ind: UnIndividual): Origin {
  if (ind.unListType === 'DPRK') return 'korean';
  if (ARABIC_LISTS.has(ind.unListType ?? '') || /\b(AL|ABD|BIN|IBN)\b/i.test(ind.name)) return 'arabic';
  return 'other';
}

function regionOf(ind: UnIndividual | undefined, r: Rnd): Region {
  const t = ind?.unListType ?? '';
  const nat = (ind?.nationalities ?? []).join(' ');
  if (t === 'DRC' || /Congo|Rwanda|Uganda|Burundi|Tanzania/.test(nat)) return 'greatlakes';
  if (t === 'CAR') return 'car';
  if (t === 'SouthSudan') return 'southsudan';
  if (t === 'Sudan') return 'sudan';
  if (t === 'Somalia') return 'somalia';
  if (t === 'Taliban' || /Afghanistan|Pakistan/.test(nat)) return 'afpak';
  if (t === 'DPRK') return 'korea';
  if (/Mali|Niger|Chad|Mauritania|Senegal|Burkina/.test(nat)) return 'sahel';
  if (t === 'Iraq' || t === 'Libya' || t === 'Yemen' || t === 'Al-Qaida' || t === 'Iran') return 'mena';
  return pickRegion(r);
}

function latinParts(name: string): string[] {
  return nameUnits(name);
}

function randomDate(r: Rnd): string {
  const y = 1950 + Math.floor(r() * 49);
  if (chance(r, 0.4)) return String(y);
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function listedDate(r: Rnd, e: WatchlistEntry): string | undefined {
  const d = e.birthDates?.length ? pick(r, e.birthDates) : undefined;
  if (!d) return undefined;
  if (d.type === 'exact') return chance(r, 0.6) ? d.date : d.date.slice(0, 4);
  if (d.type === 'year' || d.type === 'approximately') return String(d.year);
  return String(d.from + Math.floor(r() * (d.to - d.from + 1)));
}

function build(input: string, seed: number, nIndividuals: number, nNegatives: number): LabelledSet {
  const r = rng(seed);
  const parsed = parseUnConsolidatedList(readFileSync(input));
  const watchlist = unToWatchlistEntries(parsed);
  const byId = new Map(watchlist.map((e) => [e.id, e]));
  const truth = new Truth(watchlist);
  const queries: LabelledQuery[] = [];
  const seen = new Set<string>();

  const extras = (q: LabelledQuery, e: WatchlistEntry | undefined, region: Region) => {
    if (!chance(r, 0.25)) return q;
    if (e) {
      const d = listedDate(r, e);
      if (d) q.birthDate = d;
      if (e.nationalities?.length && chance(r, 0.5)) q.nationality = pick(r, e.nationalities);
    } else {
      q.birthDate = randomDate(r);
      if (chance(r, 0.5)) q.nationality = pick(r, POOLS[region].nationalities);
      if (chance(r, 0.3)) q.gender = chance(r, 0.85) ? 'M' : 'F';
    }
    return q;
  };

  // Positives ----------------------------------------------------------------------------------
  const eligible = parsed.individuals.filter((i) => truthParts(i.name).length >= 2);
  const chosen = shuffle(r, [...eligible]).slice(0, nIndividuals);
  for (const ind of chosen) {
    const entry = byId.get(ind.dataId)!;
    const org = origin(ind);
    const base = latinParts(ind.name);
    const goodAliases = ind.aliases.filter((a) => a.quality === 'good').flatMap((a) => a.name.split(/\s*;\s*/)).filter((a) => truthParts(a).length >= 2 && truthParts(a).length <= 6);
    const add = (kind: string, name: string, clean: string) => {
      const key = name.toLowerCase();
      if (seen.has(key) || !name.trim()) return;
      seen.add(key);
      const accept = new Set([ind.dataId, ...truth.compatibleEntries(truthParts(clean))]);
      queries.push(extras({ name, source: ind.dataId, accept: [...accept], kind: `variant:${kind}` }, entry, 'greatlakes'));
    };
    const muslim = org === 'arabic';
    // word order: family name first (Korean names, already family first: given names first), possibly with a comma
    {
      const rot = org === 'korean' ? [...base.slice(1), base[0]!] : [base[base.length - 1]!, ...base.slice(0, -1)];
      const name = chance(r, 0.4) ? `${rot[0]!.toUpperCase()}, ${rot.slice(1).join(' ')}` : rosterCase(r, rot);
      add('reorder', name, rot.join(' '));
    }
    // rank or title
    add('rank', withRank(r, base, muslim), base.join(' '));
    // accents added or dropped, case changed
    add('accents', rosterCase(r, accentVariant(r, base)), base.join(' '));
    // one typo
    add('typo1', typo(r, rosterCase(r, base)), base.join(' '));
    // two typos
    if (chance(r, 0.6)) add('typo2', typo(r, typo(r, rosterCase(r, base))), base.join(' '));
    // spelling habits (French/English, Arabic vowels, Korean romanisation)
    {
      const sp = spellingVariant(r, base, org);
      add('spelling', rosterCase(r, sp), sp.join(' '));
    }
    // dropped middle name(s)
    if (base.length >= 3) {
      const middle = base.slice(1, -1);
      const drop = base.length >= 5 && chance(r, 0.4) ? 2 : 1;
      const keep = shuffle(r, middle.map((_, i) => i)).slice(drop);
      const kept = [base[0]!, ...middle.filter((_, i) => keep.includes(i)), base[base.length - 1]!];
      add('drop-middle', rosterCase(r, kept), kept.join(' '));
    }
    // transliteration: Arabic article and Abd forms, original script, Korean syllables
    if (org === 'arabic' && /\b(AL|EL|ABD)[- ]/i.test(ind.name)) {
      const t = arabicTransliteration(r, ind.name);
      add('translit', rosterCase(r, latinParts(t)), t);
    } else if (org === 'korean' && /-/.test(ind.name)) {
      const t = ind.name.replace(/-/g, chance(r, 0.5) ? ' ' : '');
      add('translit', rosterCase(r, latinParts(t)), t);
    }
    if (ind.nameOriginalScript && chance(r, 0.5)) {
      const words = ind.nameOriginalScript.split(/\s+/);
      const os = words.length >= 4 && chance(r, 0.5) ? [...words.slice(0, 1), ...words.slice(2)] : words;
      add('original-script', os.join(' '), ind.name);
    }
    // a good alias, lightly perturbed
    if (goodAliases.length && chance(r, 0.6)) {
      const a = pick(r, goodAliases);
      const parts = latinParts(a);
      add('alias', chance(r, 0.5) ? typo(r, rosterCase(r, parts)) : rosterCase(r, accentVariant(r, parts)), a);
    }
    // combined: rank, spelling and word order
    if (chance(r, 0.6)) {
      const sp = spellingVariant(r, base, org);
      const rot = chance(r, 0.5) ? [sp[sp.length - 1]!, ...sp.slice(0, -1)] : sp;
      add('combined', withRank(r, rot, muslim), rot.join(' '));
    }
  }

  // Negatives ----------------------------------------------------------------------------------
  const listedPeople = eligible;
  const nearKinds = ['replace-family', 'replace-given', 'swap-listed', 'replace-middle', 'relative'] as const;
  let attempts = 0;
  let rejected = 0;
  const negatives: LabelledQuery[] = [];
  while (negatives.length < nNegatives && attempts < nNegatives * 20) {
    attempts++;
    let parts: string[];
    let kind: string;
    let region: Region;
    if (chance(r, 0.45)) {
      const ind = pick(r, listedPeople);
      region = regionOf(ind, r);
      const base = latinParts(ind.name);
      const pools = POOLS[region];
      const nk = pick(r, nearKinds);
      kind = `negative:near-${nk}`;
      switch (nk) {
        case 'replace-family':
          parts = [...base.slice(0, -1), pick(r, pools.family)];
          break;
        case 'replace-given':
          parts = [pick(r, pools.given), ...base.slice(1)];
          break;
        case 'swap-listed': {
          const other = latinParts(pick(r, listedPeople).name);
          parts = [...base.slice(0, -1), other[other.length - 1]!];
          break;
        }
        case 'replace-middle':
          if (base.length < 3) {
            parts = [...base.slice(0, -1), pick(r, pools.family)];
          } else {
            const i = 1 + Math.floor(r() * (base.length - 2));
            parts = [...base];
            parts[i] = pick(r, pools.given);
          }
          break;
        case 'relative':
          // a son or daughter: own given name, the listed person's given name as father's name, same family name
          parts = [pick(r, pools.given), base[0]!, ...(base.length > 2 ? [base[base.length - 1]!] : [])];
          break;
      }
    } else {
      region = pickRegion(r);
      parts = regionalName(r, region);
      kind = `negative:${region}`;
    }
    const clean = parts.join(' ');
    let name = rosterCase(r, parts);
    if (chance(r, 0.15)) name = withRank(r, latinParts(name), ['sudan', 'sahel', 'somalia', 'mena', 'afpak'].includes(region));
    if (chance(r, 0.1)) name = rosterCase(r, accentVariant(r, latinParts(name)));
    if (chance(r, 0.08)) name = typo(r, name);
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    if (truth.compatibleEntries(truthParts(clean)).size || truth.compatibleEntries(truthParts(name)).size) {
      rejected++;
      continue;
    }
    seen.add(key);
    negatives.push(extras({ name, accept: [], kind }, undefined, region));
  }
  queries.push(...negatives);

  const counts: Record<string, number> = {};
  for (const q of queries) counts[q.kind] = (counts[q.kind] ?? 0) + 1;
  counts['positives'] = queries.filter((q) => q.source).length;
  counts['negatives'] = negatives.length;
  counts['negatives rejected as compatible with a listed name'] = rejected;
  counts['listed individuals varied'] = chosen.length;
  return {
    description:
      'Labelled name-screening set: the UN Security Council Consolidated List as a watchlist, variants of listed individuals\' names (positives, with the entries a match to which is correct) and names of people who are not listed (negatives, half of them near misses of listed names). Built by scripts/screening-build-testset.ts; see its header for the truth rule.',
    source: `UN Security Council Consolidated List${parsed.dateGenerated ? ` generated ${parsed.dateGenerated}` : ''}`,
    seed,
    counts,
    watchlist,
    queries,
  };
}

/** One JSON value per line inside the arrays, so that the file diffs line by line. */
function serialise(set: LabelledSet): string {
  const { watchlist, queries, ...meta } = set;
  const head = JSON.stringify(meta, null, 2).replace(/\n}$/, '');
  return `${head},\n  "watchlist": [\n${watchlist.map((e) => '    ' + JSON.stringify(e)).join(',\n')}\n  ],\n  "queries": [\n${queries.map((q) => '    ' + JSON.stringify(q)).join(',\n')}\n  ]\n}\n`;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  const input = arg('input', '../shared/data/un-sc-consolidated-list-2025-11-20.xml');
  const out = arg('out', 'test/fixtures/screening/labelled-set.json');
  const seed = Number(arg('seed', '20251120'));
  const set = build(input, seed, Number(arg('individuals', '360')), Number(arg('negatives', '6000')));
  const text = serialise(set);
  writeFileSync(out, text);
  console.log(`wrote ${out}: ${(text.length / 1e6).toFixed(2)} MB`);
  console.log(JSON.stringify(set.counts, null, 2));
}

export { build as buildLabelledSet, REGIONS };
