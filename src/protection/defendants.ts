/**
 * A defendant at the time of the crime, read from their registry postings: the posting that held on
 * the day of the crime (certain before possible, then the latest start), its rank and unit, and the
 * affiliation the unit's classifications stand for (protection.operations.affiliationRules). Pure.
 */
import { earliestDay, intervalCoversDay, latestDay, parsePartialDate } from '../platform/dates.ts';
import type { Operations } from './schema.ts';

export interface CareerPosting {
  postingId: string;
  unitId: string;
  unitName: string;
  classifications: string[];
  organisationKind: string;
  rank: string | null;
  start_date: string | null;
  end_date: string | null;
  end_state: string;
}

export interface AtCrime {
  posting: CareerPosting | null;
  rank: string | null;
  affiliation: string | null;
  /** Whether the posting certainly held on the day (and no other posting may have). */
  certain: boolean;
  /** Other postings that may also have held on the day (imprecise dates). */
  alternatives: string[];
}

/** The affiliation a unit stands for under the rules (first match), or null. */
export function affiliationOfUnit(unit: { classifications: string[]; organisationKind: string }, rules: Operations['affiliationRules']): string | null {
  for (const r of rules) {
    if (r.classifications.some((c) => unit.classifications.includes(c)) || r.organisationKinds.includes(unit.organisationKind)) return r.affiliation;
  }
  return null;
}

function certainOn(p: CareerPosting, day: string): boolean {
  const s = parsePartialDate(p.start_date);
  const e = parsePartialDate(p.end_date);
  const startCertain = !!s && latestDay(s) <= day;
  const endCertain = p.end_state === 'open' || (!!e && earliestDay(e) >= day);
  return startCertain && endCertain;
}

/** The defendant's posting, rank and affiliation on the day of the crime (partial dates read widely). */
export function atTimeOfCrime(career: readonly CareerPosting[], crimeDate: string | null | undefined, rules: Operations['affiliationRules']): AtCrime {
  const d = parsePartialDate(crimeDate ?? null);
  if (!d) return { posting: null, rank: null, affiliation: null, certain: false, alternatives: [] };
  const day = earliestDay(d);
  const holding = career.filter((p) => intervalCoversDay(p.start_date, p.end_date, day, p.end_state === 'open'));
  if (!holding.length) return { posting: null, rank: null, affiliation: null, certain: false, alternatives: [] };
  const start = (p: CareerPosting) => {
    const s = parsePartialDate(p.start_date);
    return s ? earliestDay(s) : '';
  };
  const ranked = [...holding].sort((a, b) => Number(certainOn(b, day)) - Number(certainOn(a, day)) || start(b).localeCompare(start(a)));
  const best = ranked[0]!;
  const rank = best.rank ?? ranked.find((p) => p.rank)?.rank ?? null;
  return {
    posting: best,
    rank,
    affiliation: affiliationOfUnit(best, rules),
    certain: certainOn(best, day) && ranked.length === 1,
    alternatives: ranked.slice(1).map((p) => p.postingId),
  };
}
