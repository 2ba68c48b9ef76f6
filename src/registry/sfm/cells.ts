/**
 * Cell values to text. Spreadsheet readers hand over strings, numbers, booleans, Dates, rich text,
 * hyperlinks and formula results; the parser works on trimmed NFC text only. Pure module.
 */

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * Precision an Excel number format shows for a date: a format without a day ('mmm yyyy', which Excel
 * applies when someone types '2015-03') means the day was never given and must not be invented.
 */
export function datePrecisionOfFormat(numFmt: string | null | undefined): 'year' | 'month' | 'day' {
  if (!numFmt) return 'day';
  // drop quoted literals, escaped characters and bracketed sections ([$-40C], [h], colours)
  const f = numFmt.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '').toLowerCase();
  if (f.includes('d')) return 'day';
  if (f.includes('m')) return 'month';
  if (f.includes('y') || f.includes('e')) return 'year';
  return 'day';
}

/** A Date as partial-date text at the given precision, read in UTC (how spreadsheet readers build them). */
export function dateToText(d: Date, precision: 'year' | 'month' | 'day' = 'day'): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = pad(d.getUTCFullYear(), 4);
  if (precision === 'year') return y;
  const m = `${y}-${pad(d.getUTCMonth() + 1)}`;
  if (precision === 'month') return m;
  return `${m}-${pad(d.getUTCDate())}`;
}

/**
 * Normalises one cell value to trimmed NFC text ('' for empty). `numFmt` is the cell's number format,
 * used to keep the precision of a date cell.
 */
export function cellToString(value: unknown, numFmt?: string | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'bigint') return String(value);
  if (value instanceof Date) return dateToText(value, datePrecisionOfFormat(numFmt));
  if (Array.isArray(value)) return clean(value.map((v) => cellToString(v, numFmt)).join(''));
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return clean((o.richText as { text?: unknown }[]).map((r) => (typeof r?.text === 'string' ? r.text : '')).join(''));
    }
    if ('result' in o || 'formula' in o || 'sharedFormula' in o) return cellToString(o.result, numFmt);
    if ('text' in o) return cellToString(o.text, numFmt); // hyperlink cells
    if ('error' in o) return ''; // #N/A, #REF!…
  }
  return clean(String(value));
}

function clean(s: string): string {
  return s.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n').trim().normalize('NFC');
}

/** Normalised column name: trimmed, lower case, spaces around colons removed. */
export function normaliseHeader(h: unknown): string {
  return cellToString(h).toLowerCase().replace(/\s*:\s*/g, ':');
}

/** Splits a `;`-separated list (newlines accepted too), trims, drops empties and exact duplicates. */
export function splitList(s: string | null | undefined): string[] {
  if (!s) return [];
  const out: string[] = [];
  for (const part of s.split(/[;\n]/)) {
    const t = part.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** Appends the items of `more` not already in `list` (case-insensitive when asked). Mutates and returns `list`. */
export function mergeList(list: string[], more: readonly string[], caseInsensitive = false): string[] {
  const seen = new Set(list.map((x) => (caseInsensitive ? x.toLocaleLowerCase('fr') : x)));
  for (const m of more) {
    const k = caseInsensitive ? m.toLocaleLowerCase('fr') : m;
    if (!seen.has(k)) {
      seen.add(k);
      list.push(m);
    }
  }
  return list;
}

const UUID_AT_END = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The UUID a location label ends with ('Mbéto (osm, point) 5c2e…'), lower case; null when none. */
export function uuidAtEnd(label: string | null | undefined): string | null {
  if (!label) return null;
  const m = UUID_AT_END.exec(label);
  return m ? m[1]!.toLowerCase() : null;
}

export function isUuid(s: string): boolean {
  return UUID.test(s);
}
