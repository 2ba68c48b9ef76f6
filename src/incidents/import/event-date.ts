/**
 * Dates of imported events, never more precise than the source: a partial date (src/platform/dates.ts)
 * plus the range of days it stands for. ACLED writes dates in several ways ('2020-08-01',
 * '31 December 2020', '9-May-20', '30/12/20') and says how precise they are (`time_precision`); UCDP
 * gives a start and an end day and a precision code. Pure module.
 */
import { formatPartialDate, isValidPartialDate, latestDay, type PartialDate } from '../../platform/dates.ts';

/** 'week': the source knows the week; the day it gives is kept but is not to be trusted to the day. */
export type EventPrecision = 'day' | 'week' | 'month' | 'year';

export interface EventDate {
  /**
   * Partial date at the precision known: 'YYYY-MM-DD' (day, and week, where the source's day is kept),
   * 'YYYY-MM' (month) or 'YYYY' (year). For a range wider than one year, the start's year.
   */
  value: string;
  precision: EventPrecision;
  /** First and last days the event may have happened on ('YYYY-MM-DD'). */
  start: string;
  end: string;
  /** The date as the source wrote it. */
  source: string;
}

export interface DayDate {
  year: number;
  month: number;
  day: number;
}

const MONTHS: Record<string, number> = {};
[
  ['january', 'jan', 'janvier', 'janv'],
  ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr', 'fév', 'fev'],
  ['march', 'mar', 'mars'],
  ['april', 'apr', 'avril', 'avr'],
  ['may', 'mai'],
  ['june', 'jun', 'juin'],
  ['july', 'jul', 'juillet', 'juil'],
  ['august', 'aug', 'août', 'aout'],
  ['september', 'sep', 'sept', 'septembre'],
  ['october', 'oct', 'octobre'],
  ['november', 'nov', 'novembre'],
  ['december', 'dec', 'décembre', 'decembre', 'déc'],
].forEach((names, i) => names.forEach((n) => (MONTHS[n] = i + 1)));

/** Two-digit years: 00–68 → 2000–2068, 69–99 → 1969–1999 (ACLED data begins in 1997). */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  return n <= 68 ? 2000 + n : 1900 + n;
}

function valid(year: number, month: number | undefined, day: number): DayDate | null {
  if (month === undefined) return null;
  const d: PartialDate = { year, month, day };
  return isValidPartialDate(d) ? { year, month, day } : null;
}

/**
 * A day date in any of the forms found in ACLED exports: ISO ('2020-08-01', also with a time),
 * '2020/08/01', '31 December 2020', '1 Dec 2020', '9-May-20', 'December 31, 2020', '30/12/20',
 * '30/12/2020', '30.12.2020'. Numeric day/month dates are read day first unless `order` is 'mdy'.
 * Returns null when the text is not a valid date.
 */
export function parseDayDate(text: string, order: 'dmy' | 'mdy' = 'dmy'): DayDate | null {
  const s = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}.*)?$/.exec(s) ?? /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return order === 'dmy' ? valid(fullYear(m[3]!), b, a) : valid(fullYear(m[3]!), a, b);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th|er)?[\s-]+([\p{L}]+)\.?,?[\s-]+(\d{2}|\d{4})$/u.exec(s);
  if (m) return valid(fullYear(m[3]!), MONTHS[m[2]!.toLowerCase()], Number(m[1]));
  m = /^([\p{L}]+)\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?,?[\s-]+(\d{4})$/u.exec(s);
  if (m) return valid(Number(m[3]), MONTHS[m[1]!.toLowerCase()], Number(m[2]));
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: DayDate): string => `${String(d.year).padStart(4, '0')}-${pad(d.month)}-${pad(d.day)}`;

/** 'YYYY-MM-DD' moved by n days. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The event date of an ACLED row. `time_precision` 1 = day; 2 = week (the day kept, the range taken as
 * three days either side); 3 = month (the day dropped: 'YYYY-MM'). An empty precision reads as 1.
 */
export function acledEventDate(day: DayDate, timePrecision: 1 | 2 | 3, source: string): EventDate {
  const iso = isoDay(day);
  if (timePrecision === 2) return { value: iso, precision: 'week', start: addDays(iso, -3), end: addDays(iso, 3), source };
  if (timePrecision === 3) {
    const month: PartialDate = { year: day.year, month: day.month };
    return { value: formatPartialDate(month), precision: 'month', start: `${formatPartialDate(month)}-01`, end: latestDay(month), source };
  }
  return { value: iso, precision: 'day', start: iso, end: iso, source };
}

/**
 * An event date from a start and an end day, at a stated precision. The value is the narrowest partial
 * date holding both days but never more precise than stated: a range within one month stated at
 * 'month' precision is that month (and its range widens to the whole month), a range within one year
 * stated at 'year' precision is that year (widened likewise); for 'day' and 'week' a single day stays
 * that day.
 */
export function rangeEventDate(start: DayDate, end: DayDate, precision: EventPrecision, source: string): EventDate {
  let s = isoDay(start);
  let e = isoDay(end);
  const sameMonth = start.year === end.year && start.month === end.month;
  let value: string;
  if (s === e && (precision === 'day' || precision === 'week')) value = s;
  else if (sameMonth && precision !== 'year') {
    const month: PartialDate = { year: start.year, month: start.month };
    value = formatPartialDate(month);
    if (precision === 'month') {
      s = `${value}-01`;
      e = latestDay(month);
    }
  } else {
    value = String(start.year).padStart(4, '0');
    if (precision === 'year' && start.year === end.year) {
      s = `${value}-01-01`;
      e = `${value}-12-31`;
    }
  }
  if (e < s) [s, e] = [e, s];
  return { value, precision, start: s, end: e, source };
}
