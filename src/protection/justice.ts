/**
 * Justice support: who is (and is not) being tried. Figures by the defendants' affiliation (army,
 * police, non-state armed group…) and by the band of the rank they held at the time of the crime
 * (rank and file up to general officers): cases, defendants, convictions, acquittals, pending. Rank
 * names are read in English or French, in any case, with or without accents and hyphens, and
 * abbreviated; names the configuration does not know are listed, not guessed. Pure module.
 */
import { intervalCoversDay, parsePartialDate, earliestDay } from '../platform/dates.ts';
import { DEFAULT_PROTECTION_CONFIG, findEntry, type Label, labelOf, normaliseRank, type OutcomeCategory, type ProtectionConfig } from './config.ts';

// ---------------------------------------------------------------------------------------------
// Rank bands
// ---------------------------------------------------------------------------------------------

export interface RankMatch {
  band: string;
  /** The configured rank name that matched (normalised). */
  matched: string;
  /** Whether the whole name matched, or only its beginning ("Colonel (retired)"). */
  exact: boolean;
}

/** Normalised rank name → band code (the first band wins; the schema refuses a name in two bands). */
function rankIndex(config: ProtectionConfig): Map<string, string> {
  const idx = new Map<string, string>();
  for (const b of config.rankBands) for (const r of b.ranks) {
    const n = normaliseRank(r);
    if (n && !idx.has(n)) idx.set(n, b.code);
  }
  return idx;
}

function matchIn(idx: Map<string, string>, rank: string | null | undefined): RankMatch | null {
  if (!rank) return null;
  const n = normaliseRank(rank);
  if (!n) return null;
  const exact = idx.get(n);
  if (exact) return { band: exact, matched: n, exact: true };
  let best: string | null = null;
  for (const name of idx.keys()) {
    if (n.startsWith(name + ' ') && (best === null || name.length > best.length)) best = name;
  }
  return best ? { band: idx.get(best)!, matched: best, exact: false } : null;
}

/**
 * The band of a rank name and what matched: the whole name if the configuration knows it, otherwise
 * the longest configured name it begins with ("Lieutenant-colonel (retired)" → "lieutenant colonel").
 */
export function matchRank(rank: string | null | undefined, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): RankMatch | null {
  return matchIn(rankIndex(config), rank);
}

/** The band code of a rank name, or null when the configuration does not know it. */
export function rankBand(rank: string | null | undefined, config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG): string | null {
  return matchRank(rank, config)?.band ?? null;
}

export interface RankPeriod {
  rank: string;
  from?: string | null;
  to?: string | null;
}

/** The rank held on a day, from a dated rank history (the latest start that may cover the day). */
export function rankAt(history: readonly RankPeriod[], day: string): string | null {
  const d = parsePartialDate(day);
  if (!d) return null;
  const target = earliestDay(d);
  let best: { rank: string; start: string } | null = null;
  for (const p of history) {
    if (!intervalCoversDay(p.from ?? null, p.to ?? null, target, !p.to)) continue;
    const s = parsePartialDate(p.from ?? null);
    const start = s ? earliestDay(s) : '';
    if (!best || start >= best.start) best = { rank: p.rank, start };
  }
  return best?.rank ?? null;
}

// ---------------------------------------------------------------------------------------------
// Cases and figures
// ---------------------------------------------------------------------------------------------

export interface Defendant {
  id: string;
  /** Affiliation code at the time of the crime. */
  affiliation?: string | null;
  /** Rank at the time of the crime, as written in the file. */
  rankAtCrime?: string | null;
  /** Used when rankAtCrime is not given: the dated ranks of the person and the date of the crime. */
  rankHistory?: RankPeriod[] | null;
  crimeDate?: string | null;
  /** Outcome code for this defendant (the configured default, normally pending, when unset). */
  outcome?: string | null;
  charges?: string[] | null;
}

export interface JusticeCase {
  id: string;
  courtType: string;
  stage?: string | null;
  area?: string | null;
  openedOn?: string | null;
  defendants: Defendant[];
}

export interface FigureCounts {
  cases: number;
  defendants: number;
  convictions: number;
  acquittals: number;
  pending: number;
  other: number;
}

export interface FigureRow extends FigureCounts {
  key: string;
  en: string;
  fr: string;
}

export interface JusticeFigures {
  total: FigureCounts;
  /** In configuration order, then affiliations no longer configured, then "not recorded". */
  byAffiliation: FigureRow[];
  /** Lowest band first, then "rank not recognised" and "rank not recorded". */
  byRankBand: FigureRow[];
  /** matrix[affiliation][band] — the pattern of who is tried, by force and by rank. */
  matrix: Record<string, Record<string, FigureCounts>>;
  /** Rank names the configuration does not know, with how many defendants carry them. */
  unrecognisedRanks: { rank: string; defendants: number }[];
}

export interface JusticeFigureOptions {
  /** Only cases before these court types. */
  courtTypes?: string[];
}

export const UNRECOGNISED_RANK = 'unrecognised';
export const NO_RANK = 'not-recorded';
export const NO_AFFILIATION = 'not-recorded';

const SPECIAL_LABELS: Record<string, Label> = {
  [UNRECOGNISED_RANK]: { en: 'Rank not recognised', fr: 'Grade non reconnu' },
  [NO_RANK]: { en: 'Rank not recorded', fr: 'Grade non renseigné' },
};

const empty = (): FigureCounts => ({ cases: 0, defendants: 0, convictions: 0, acquittals: 0, pending: 0, other: 0 });

class Tally {
  counts = empty();
  private cases = new Set<string>();
  add(caseId: string, category: OutcomeCategory): void {
    this.cases.add(caseId);
    this.counts.cases = this.cases.size;
    this.counts.defendants++;
    if (category === 'conviction') this.counts.convictions++;
    else if (category === 'acquittal') this.counts.acquittals++;
    else if (category === 'pending') this.counts.pending++;
    else this.counts.other++;
  }
}

/** The rank a defendant held at the time of the crime: as recorded, or read from their rank history. */
export function defendantRank(d: Defendant): string | null {
  if (d.rankAtCrime && d.rankAtCrime.trim()) return d.rankAtCrime;
  if (d.rankHistory?.length && d.crimeDate) return rankAt(d.rankHistory, d.crimeDate);
  return null;
}

export function justiceFigures(cases: readonly JusticeCase[], config: ProtectionConfig = DEFAULT_PROTECTION_CONFIG, options: JusticeFigureOptions = {}): JusticeFigures {
  const total = new Tally();
  const byAff = new Map<string, Tally>();
  const byBand = new Map<string, Tally>();
  const cells = new Map<string, Tally>();
  const unknown = new Map<string, number>();
  const idx = rankIndex(config);
  const tally = (m: Map<string, Tally>, k: string) => {
    let t = m.get(k);
    if (!t) m.set(k, (t = new Tally()));
    return t;
  };
  for (const c of cases) {
    if (options.courtTypes && !options.courtTypes.includes(c.courtType)) continue;
    for (const d of c.defendants) {
      const outcome = d.outcome || config.defaultCaseOutcome;
      const category: OutcomeCategory = findEntry(config.caseOutcomes, outcome)?.category ?? 'other';
      const aff = d.affiliation || NO_AFFILIATION;
      const rank = defendantRank(d);
      let band = NO_RANK;
      if (rank) {
        band = matchIn(idx, rank)?.band ?? UNRECOGNISED_RANK;
        if (band === UNRECOGNISED_RANK) unknown.set(rank.trim(), (unknown.get(rank.trim()) ?? 0) + 1);
      }
      total.add(c.id, category);
      tally(byAff, aff).add(c.id, category);
      tally(byBand, band).add(c.id, category);
      tally(cells, `${aff}\u0000${band}`).add(c.id, category);
    }
  }

  const row = (key: string, label: Label, t: Tally | undefined): FigureRow => ({ key, en: label.en, fr: label.fr, ...(t?.counts ?? empty()) });
  const affOrder = [...config.affiliations.map((a) => a.code), ...[...byAff.keys()].filter((k) => k !== NO_AFFILIATION && !findEntry(config.affiliations, k)).sort()];
  const byAffiliation = affOrder.map((k) => row(k, labelOf(config.affiliations, k), byAff.get(k)));
  if (byAff.has(NO_AFFILIATION)) byAffiliation.push(row(NO_AFFILIATION, { en: 'Affiliation not recorded', fr: 'Affiliation non renseignée' }, byAff.get(NO_AFFILIATION)));
  const bands = [...config.rankBands].sort((a, b) => a.rank - b.rank);
  const byRankBand = bands.map((b) => row(b.code, b.label, byBand.get(b.code)));
  for (const k of [UNRECOGNISED_RANK, NO_RANK]) if (byBand.has(k)) byRankBand.push(row(k, SPECIAL_LABELS[k]!, byBand.get(k)));

  const matrix: Record<string, Record<string, FigureCounts>> = {};
  for (const [k, t] of cells) {
    const [aff, band] = k.split('\u0000') as [string, string];
    (matrix[aff] ??= {})[band] = t.counts;
  }
  const unrecognisedRanks = [...unknown.entries()].map(([rank, defendants]) => ({ rank, defendants })).sort((a, b) => b.defendants - a.defendants || a.rank.localeCompare(b.rank));
  return { total: total.counts, byAffiliation, byRankBand, matrix, unrecognisedRanks };
}
