/**
 * Small pure helpers shared by the HRDDP rule modules: day arithmetic on 'YYYY-MM-DD' strings,
 * partial dates read for due diligence, number and list wording in English and French.
 */
import { earliestDay, latestDay, parsePartialDate } from '../platform/dates.ts';
import type { I18nText, Lang } from './config.ts';

const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Day part of 'YYYY-MM-DD' or of an ISO timestamp; throws RangeError naming the value otherwise. */
export function toDay(value: string): string {
  const d = value.slice(0, 10);
  if (!DAY_RE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) throw new RangeError(`not a day (YYYY-MM-DD): ${JSON.stringify(value)}`);
  return d;
}

const ms = (day: string) => Date.parse(`${toDay(day)}T00:00:00Z`);

export function addDays(day: string, n: number): string {
  return new Date(ms(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return Math.round((ms(b) - ms(a)) / DAY_MS);
}

/** Average month length used for decay: 365.25 / 12 days. */
export const DAYS_PER_MONTH = 365.25 / 12;

export function monthsBetween(a: string, b: string): number {
  return daysBetween(a, b) / DAYS_PER_MONTH;
}

/**
 * The most recent day a (possibly partial) date may stand for: '2012' → '2012-12-31'. Due diligence
 * reads an imprecise date as recent as it can be, so that it is not discounted too early.
 */
export function latestDayOf(date: string): string | null {
  const p = parsePartialDate(date);
  return p ? latestDay(p) : null;
}

export function earliestDayOf(date: string): string | null {
  const p = parsePartialDate(date);
  return p ? earliestDay(p) : null;
}

/** 0.53 / 0,53 */
export function fmtNumber(n: number, lang: Lang, digits = 2): string {
  const r = Math.round(n * 10 ** digits) / 10 ** digits;
  const s = Math.abs(r).toFixed(digits);
  return (r < 0 ? '−' : '') + (lang === 'fr' ? s.replace('.', ',') : s);
}

/** +1.20 / −0,50 : signed, for contributions. */
export function fmtSigned(n: number, lang: Lang, digits = 2): string {
  const r = Math.round(n * 10 ** digits) / 10 ** digits;
  return (r > 0 ? '+' : r < 0 ? '−' : '') + fmtNumber(Math.abs(r), lang, digits);
}

/** "A, B and C" / "A, B et C". */
export function joinList(items: string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

export const tx = (en: string, fr: string): I18nText => ({ en, fr });

/** Rounds away floating-point noise (scores are shown to two decimals; stored to six). */
export const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** French infinitive preceded by "de", elided before a vowel or mute h: "d’approuver", "de refuser". */
export function deVerb(verb: string): string {
  return /^[aeiouyhâàéèêëîïôûù]/i.test(verb) ? `d’${verb}` : `de ${verb}`;
}

/** Permission check with the platform's conventions: '*', 'domain:*' or the exact 'domain:action'. */
export function holdsPermission(granted: readonly string[], permission: string): boolean {
  const [domain] = permission.split(':');
  return granted.some((p) => p === '*' || p === permission || p === `${domain}:*`);
}
