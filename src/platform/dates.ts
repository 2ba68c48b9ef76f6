/**
 * Partial dates: a date known to the year, the month or the day, never more precise than the
 * source. Stored as text ('2015', '2015-01', '2015-01-20'); compared through the range of days it
 * may stand for. Pure module, no I/O.
 */

export type Precision = 'year' | 'month' | 'day';

export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

const ISO_PARTIAL = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

export function precisionOf(d: PartialDate): Precision {
  return d.day !== undefined ? 'day' : d.month !== undefined ? 'month' : 'year';
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidPartialDate(d: PartialDate): boolean {
  if (!Number.isInteger(d.year) || d.year < 1000 || d.year > 9999) return false;
  if (d.month === undefined) return d.day === undefined;
  if (!Number.isInteger(d.month) || d.month < 1 || d.month > 12) return false;
  if (d.day === undefined) return true;
  return Number.isInteger(d.day) && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

/** Parses 'YYYY', 'YYYY-MM', 'YYYY-MM-DD' or an ISO timestamp (its date part). Returns null if not a date. */
export function parsePartialDate(input: string | null | undefined): PartialDate | null {
  if (input === null || input === undefined) return null;
  let s = String(input).trim();
  if (!s) return null;
  const ts = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(s);
  if (ts) s = ts[1]!;
  const m = ISO_PARTIAL.exec(s);
  if (!m) return null;
  const d: PartialDate = { year: Number(m[1]) };
  if (m[2] !== undefined) d.month = Number(m[2]);
  if (m[3] !== undefined) d.day = Number(m[3]);
  return isValidPartialDate(d) ? d : null;
}

/** Builds a partial date from split year/month/day parts (any may be empty); null when no year. */
export function partialDateFromParts(
  year: unknown,
  month?: unknown,
  day?: unknown,
): PartialDate | null {
  const num = (v: unknown): number | undefined => {
    if (v === null || v === undefined) return undefined;
    const s = String(v).trim();
    if (!s || !/^\d+$/.test(s)) return undefined;
    const n = Number(s);
    return n === 0 ? undefined : n;
  };
  const y = num(year);
  if (y === undefined) return null;
  const d: PartialDate = { year: y };
  const mo = num(month);
  if (mo !== undefined) {
    d.month = mo;
    const da = num(day);
    if (da !== undefined) d.day = da;
  }
  return isValidPartialDate(d) ? d : null;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function formatPartialDate(d: PartialDate): string {
  let s = pad(d.year, 4);
  if (d.month !== undefined) s += `-${pad(d.month)}`;
  if (d.day !== undefined) s += `-${pad(d.day)}`;
  return s;
}

/** First day the partial date may stand for, as 'YYYY-MM-DD'. */
export function earliestDay(d: PartialDate): string {
  return `${pad(d.year, 4)}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`;
}

/** Last day the partial date may stand for, as 'YYYY-MM-DD'. */
export function latestDay(d: PartialDate): string {
  const month = d.month ?? 12;
  const day = d.day ?? daysInMonth(d.year, month);
  return `${pad(d.year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Normalises a text partial date; throws RangeError naming the value when invalid. */
export function normalisePartialDate(input: string): string {
  const d = parsePartialDate(input);
  if (!d) throw new RangeError(`not a date (YYYY, YYYY-MM or YYYY-MM-DD): ${JSON.stringify(input)}`);
  return formatPartialDate(d);
}

/**
 * Whether an interval given by partial start and end dates covers a day. `endOpen` true means "still
 * true as far as known" (no end). A missing start means "since an unknown date". Uses the widest
 * reading (the interval may cover the day), which is what a due-diligence question needs: a commander
 * who may have been in post must not be left out.
 */
export function intervalCoversDay(
  start: string | null | undefined,
  end: string | null | undefined,
  day: string,
  endOpen = false,
): boolean {
  const s = parsePartialDate(start ?? null);
  const e = parsePartialDate(end ?? null);
  if (s && earliestDay(s) > day) return false;
  if (!endOpen && e && latestDay(e) < day) return false;
  return true;
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_FR = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Human form in English or French at the precision the date has ("January 2015", "20 janvier 2015"). */
export function displayPartialDate(d: PartialDate | string, lang: 'en' | 'fr' = 'en'): string {
  const p = typeof d === 'string' ? parsePartialDate(d) : d;
  if (!p) return typeof d === 'string' ? d : '';
  const months = lang === 'fr' ? MONTHS_FR : MONTHS_EN;
  if (p.month === undefined) return String(p.year);
  if (p.day === undefined) return `${months[p.month - 1]} ${p.year}`;
  return lang === 'fr'
    ? `${p.day === 1 ? '1er' : p.day} ${months[p.month - 1]} ${p.year}`
    : `${p.day} ${months[p.month - 1]} ${p.year}`;
}
