/**
 * Dated facts of the registry (a unit's existence, a posting, a parent/child or membership link, a
 * site or area of operations) hold a start and an end as partial dates, plus what they mean:
 *
 * - start: `start_exact` true = the date is the founding / beginning; false = only the first citation;
 * - end: `end_state` 'open' = still true as far as known (the end date, if any, is the last citation);
 *   'ended' = ended at an unknown date (the end date, if any, is the last citation known to be true);
 *   'exact' = ended on the end date.
 *
 * For queries each fact also stores `start_min` (first day the start may stand for) and `end_max` (last
 * day the end may stand for; null when open or unknown): "valid at D" is then `start_min <= D <= end_max`
 * in SQL, the widest reading, so a commander who may have been in post is never left out. `certain`
 * says whether the fact holds at D under every reading of the dates' precision. Pure module.
 */
import { earliestDay, formatPartialDate, latestDay, parsePartialDate } from '../platform/dates.ts';
import { type FieldProblem, ValidationError } from '../platform/errors.ts';

export const END_STATES = ['open', 'ended', 'exact'] as const;
export type EndState = (typeof END_STATES)[number];

export interface DatedInput {
  start_date?: string | null;
  start_exact?: boolean | null;
  end_date?: string | null;
  end_state?: EndState | null;
}

export interface Dated {
  start_date: string | null;
  start_exact: boolean;
  end_date: string | null;
  end_state: EndState;
  start_min: string | null;
  end_max: string | null;
}

/** start_min / end_max of dates already normalised. */
export function derivedBounds(start: string | null, end: string | null, endState: EndState): { start_min: string | null; end_max: string | null } {
  const s = parsePartialDate(start);
  const e = parsePartialDate(end);
  return { start_min: s ? earliestDay(s) : null, end_max: endState === 'open' || !e ? null : latestDay(e) };
}

/**
 * Validates and normalises the dates of a fact ('2015-3' → '2015-03'), derives the query columns.
 * The default end state is 'open' when no end is given, 'ended' otherwise. Throws ValidationError naming
 * the fields (prefixed with `prefix`). `allowReversed` keeps an end before the start (an import that
 * reports it as a warning keeps what the source says).
 */
export function normaliseDated(input: DatedInput, prefix = '', opts: { allowReversed?: boolean } = {}): Dated {
  const problems: FieldProblem[] = [];
  const read = (field: 'start_date' | 'end_date') => {
    const v = input[field];
    if (v === null || v === undefined || String(v).trim() === '') return null;
    const d = parsePartialDate(String(v));
    if (!d) {
      problems.push({ field: prefix + field, reason: `not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(v)}` });
      return null;
    }
    return formatPartialDate(d);
  };
  const start = read('start_date');
  const end = read('end_date');
  const endState: EndState = input.end_state ?? (end ? 'ended' : 'open');
  if (!END_STATES.includes(endState)) problems.push({ field: prefix + 'end_state', reason: `must be one of ${END_STATES.join(', ')}` });
  if (endState === 'exact' && !end) problems.push({ field: prefix + 'end_date', reason: 'an exact end needs its date' });
  if (!opts.allowReversed && start && end && earliestDay(parsePartialDate(start)!) > latestDay(parsePartialDate(end)!)) {
    problems.push({ field: prefix + 'end_date', reason: `ends (${end}) before it starts (${start})` });
  }
  if (problems.length) throw new ValidationError(problems);
  return { start_date: start, start_exact: !!input.start_exact, end_date: end, end_state: endState, ...derivedBounds(start, end, endState) };
}

export interface Validity {
  /** The fact may hold on the day (widest reading of the dates). */
  valid: boolean;
  /** The fact holds on the day under every reading of the dates' precision. */
  certain: boolean;
}

/** Whether a dated fact holds on `day` ('YYYY-MM-DD'). */
export function validityAt(f: { start_date: string | null; end_date: string | null; end_state: string }, day: string): Validity {
  const s = parsePartialDate(f.start_date);
  const e = parsePartialDate(f.end_date);
  const open = f.end_state === 'open';
  const valid = !(s && earliestDay(s) > day) && (open || !e || latestDay(e) >= day);
  if (!valid) return { valid, certain: false };
  const startCertain = !!s && latestDay(s) <= day;
  const endCertain = open || (!!e && earliestDay(e) >= day);
  return { valid, certain: startCertain && endCertain };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day given to a question ('--at'): 'YYYY-MM-DD' only, checked; throws ValidationError naming `field`. */
export function parseDay(input: string | null | undefined, field = 'at'): string {
  const s = String(input ?? '').trim();
  const d = parsePartialDate(s);
  if (!DAY.test(s) || !d || d.day === undefined) throw new ValidationError([{ field, reason: `a day is needed as YYYY-MM-DD, not ${JSON.stringify(input ?? '')}` }]);
  return formatPartialDate(d);
}

/** Today as 'YYYY-MM-DD' (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Of several facts that may hold on a day (a change of parent whose dates overlap at their precision),
 * the one to follow: certain before uncertain, then the latest start. Stable for equal keys.
 */
export function preferAt<T extends { start_min: string | null; validity: Validity }>(items: T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.validity.certain !== b.validity.certain) return a.validity.certain ? -1 : 1;
    return (b.start_min ?? '').localeCompare(a.start_min ?? '');
  });
}

/** Orders dated facts chronologically (unknown starts first), for careers and histories. */
export function chronological<T extends { start_min: string | null; end_max?: string | null }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.start_min ?? '').localeCompare(b.start_min ?? '') || (a.end_max ?? '9999').localeCompare(b.end_max ?? '9999'));
}
