/**
 * Day arithmetic and reporting periods (months, ISO weeks) on 'YYYY-MM-DD' strings, for the relations
 * rules. Partial dates ('2019', '2019-03') are read through the platform's partial-date module. Pure.
 */
import { displayPartialDate, earliestDay, latestDay, parsePartialDate } from '../platform/dates.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export function dayNumber(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Math.round(Date.UTC(y!, m! - 1, d!) / DAY_MS);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return dayFromNumber(dayNumber(day) + n);
}

/** First day a (possibly partial) date may stand for, or null when it is not a date. */
export function firstDay(date: string | null | undefined): string | null {
  const p = parsePartialDate(date ?? null);
  return p ? earliestDay(p) : null;
}

/** Last day a (possibly partial) date may stand for, or null when it is not a date. */
export function lastDay(date: string | null | undefined): string | null {
  const p = parsePartialDate(date ?? null);
  return p ? latestDay(p) : null;
}

export type Step = 'month' | 'week';

export interface Period {
  /** '2019-03' for a month, '2019-W10' for an ISO week. */
  key: string;
  start: string;
  end: string;
  en: string;
  fr: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthPeriod(year: number, month: number): Period {
  const key = `${year}-${pad(month)}`;
  const p = parsePartialDate(key)!;
  return { key, start: earliestDay(p), end: latestDay(p), en: displayPartialDate(p, 'en'), fr: displayPartialDate(p, 'fr') };
}

/** ISO-8601 week of a day: the week runs Monday to Sunday and belongs to the year of its Thursday. */
function weekPeriod(day: string): Period {
  const n = dayNumber(day);
  const dow = ((new Date(n * DAY_MS).getUTCDay() + 6) % 7) + 1; // Monday 1 … Sunday 7
  const monday = n - (dow - 1);
  const thursday = monday + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1;
  const start = dayFromNumber(monday);
  const end = dayFromNumber(monday + 6);
  const key = `${year}-W${pad(week)}`;
  return {
    key,
    start,
    end,
    en: `week ${week} of ${year} (${displayPartialDate(start, 'en')} to ${displayPartialDate(end, 'en')})`,
    fr: `semaine ${week} de ${year} (du ${displayPartialDate(start, 'fr')} au ${displayPartialDate(end, 'fr')})`,
  };
}

/** The period of a given step that contains a day. */
export function periodOf(day: string, step: Step): Period {
  if (step === 'week') return weekPeriod(day);
  const [y, m] = day.split('-').map(Number);
  return monthPeriod(y!, m!);
}

/** The periods from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(from: string, to: string, step: Step): Period[] {
  const out: Period[] = [];
  let p = periodOf(from, step);
  while (p.start <= to) {
    out.push(p);
    p = periodOf(addDays(p.end, 1), step);
  }
  return out;
}

export function previousPeriod(p: Period, step: Step): Period {
  return periodOf(addDays(p.start, -1), step);
}

/** Numbers worded for a reader: French uses a decimal comma; negative numbers take a true minus sign. */
export function formatNumber(n: number, lang: 'en' | 'fr', decimals = 2, signed = false): string {
  const abs = Math.abs(n).toFixed(decimals);
  const body = lang === 'fr' ? abs.replace('.', ',') : abs;
  if (n < 0 && Number(abs) !== 0) return `−${body}`;
  return signed && Number(abs) !== 0 ? `+${body}` : body;
}

/** A number with at most two decimals and no trailing zeros (10, 7.5, 7,5). */
export function formatPlain(n: number, lang: 'en' | 'fr'): string {
  const body = String(Math.abs(Number(n.toFixed(2))));
  const text = lang === 'fr' ? body.replace('.', ',') : body;
  return n < 0 && body !== '0' ? `−${text}` : text;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100 + 0;
