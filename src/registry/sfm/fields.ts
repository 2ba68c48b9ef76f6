/**
 * Reading the typed fields of one workbook row: partial dates (main column or split
 * `_year/_month/_day` columns), Y/N and Y/N/E flags, confidence, sources, ids, ranks. Every problem is
 * reported with the sheet, row and column. Pure module.
 */
import {
  earliestDay,
  formatPartialDate,
  latestDay,
  parsePartialDate,
  partialDateFromParts,
  precisionOf,
  type PartialDate,
} from '../../platform/dates.ts';
import { isUuid, splitList } from './cells.ts';
import type { SfmConfidence, SfmEvidence, SfmOpenState, SfmProblem, SfmSeverity } from './types.ts';

export type ProblemSink = (p: SfmProblem) => void;

/** Trimmed id; UUIDs in lower case so that 'A1B2…' and 'a1b2…' are the same record. */
export function normaliseId(s: string | null | undefined): string {
  const t = (s ?? '').trim();
  return isUuid(t) ? t.toLowerCase() : t;
}

/**
 * Comparison key of a rank or role: lower case, accents removed, apostrophes unified, hyphens, dots,
 * underscores and runs of spaces folded to one space. 'Colonel-Major' and 'Colonel Major' give
 * 'colonel major'; 'Général de Brigade' gives 'general de brigade'.
 */
export function foldKey(s: string | null | undefined): string | null {
  if (!s) return null;
  const k = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[\s\-‐‑‒–—_.]+/g, ' ')
    .trim();
  return k || null;
}

/** Normalised key of a rank (see foldKey). */
export const rankKey = foldKey;

/** A whole number written as '2015' or '2015.0' (CSV exports of spreadsheets often add '.0'). */
function wholeNumber(s: string): string | null {
  const m = /^(\d+)(?:\.0+)?$/.exec(s.trim());
  return m ? m[1]! : null;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export interface DateTextReading {
  date: PartialDate | null;
  /** Set when the text was read in a way worth a warning. */
  note?: string;
}

/**
 * Reads a date cell's text: 'YYYY', 'YYYY-MM', 'YYYY-MM-DD', an ISO timestamp, the same with '/' or a
 * trailing '-', zero month or day ('2012-00-00', SFM's own storage of unknown parts), or a 5-digit
 * Excel serial number (a day-precision date, with a note). Null date when not a date.
 */
export function readDateText(text: string): DateTextReading {
  let s = text.trim();
  if (!s) return { date: null };
  const whole = wholeNumber(s);
  if (whole !== null && whole.length === 5) {
    const d = new Date(EXCEL_EPOCH_MS + Number(whole) * 86_400_000);
    const date = parsePartialDate(d.toISOString().slice(0, 10));
    return { date, note: `Excel serial number ${whole} read as ${date ? formatPartialDate(date) : '?'}` };
  }
  if (whole !== null) s = whole;
  if (/^\d{4}[/.]\d{1,2}([/.]\d{1,2})?$/.test(s)) s = s.replace(/[/.]/g, '-');
  s = s.replace(/-+$/, '');
  const zeros = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s);
  if (zeros) {
    const [, y, m, d] = zeros;
    if (Number(m) === 0) s = y!;
    else if (d !== undefined && Number(d) === 0) s = `${y}-${m}`;
  }
  return { date: parsePartialDate(s) };
}

function sameOnCommonFields(a: PartialDate, b: PartialDate): boolean {
  if (a.year !== b.year) return false;
  if (a.month !== undefined && b.month !== undefined && a.month !== b.month) return false;
  if (a.day !== undefined && b.day !== undefined && a.day !== b.day) return false;
  return true;
}

const RANK: Record<string, number> = { year: 0, month: 1, day: 2 };

/** `more` differs from `less` only by a month 1 and/or day 1 that `less` does not have: padding, not data. */
function onlyPadding(more: PartialDate, less: PartialDate): boolean {
  if (less.month === undefined && more.month !== undefined && more.month !== 1) return false;
  if (less.day === undefined && more.day !== undefined && more.day !== 1) return false;
  return true;
}

const CONFIDENCE: Record<string, SfmConfidence> = {
  low: 'low', l: 'low', faible: 'low', basse: 'low', '1': 'low',
  medium: 'medium', med: 'medium', m: 'medium', moyen: 'medium', moyenne: 'medium', '2': 'medium',
  high: 'high', h: 'high', 'élevé': 'high', 'élevée': 'high', haute: 'high', '3': 'high',
};

/** One row of a sheet, with typed readers that report problems at this row. */
export class RowReader {
  constructor(
    readonly sheet: string,
    /** Spreadsheet row number, header = 1. */
    readonly row: number,
    readonly cells: ReadonlyMap<string, string>,
    private readonly sink: ProblemSink,
  ) {}

  problem(column: string, code: string, message: string, severity: SfmSeverity): void {
    this.sink({ sheet: this.sheet, row: this.row, column, code, message, severity });
  }

  /** Trimmed text of the first of the columns that has a value; null when none has. */
  text(...columns: string[]): string | null {
    for (const c of columns) {
      const v = this.cells.get(c);
      if (v) return v;
    }
    return null;
  }

  /** Name of the first of the columns that has a value (for problem reports), else the first name. */
  col(...columns: string[]): string {
    return columns.find((c) => this.cells.get(c)) ?? columns[0]!;
  }

  id(column: string): string {
    return normaliseId(this.cells.get(column));
  }

  list(column: string): string[] {
    return splitList(this.cells.get(column));
  }

  /** Sources and confidence of a value: the `:source`/`:sources` and `:confidence` columns of each base. */
  evidence(...bases: string[]): SfmEvidence {
    const sources: string[] = [];
    let confidence: SfmConfidence | null = null;
    for (const base of bases) {
      for (const suffix of [':source', ':sources']) {
        for (const s of splitList(this.cells.get(base + suffix))) {
          const id = normaliseId(s);
          if (!sources.includes(id)) sources.push(id);
        }
      }
      const c = this.confidence(base + ':confidence');
      if (confidence === null) confidence = c;
    }
    return { sources, confidence };
  }

  confidence(column: string): SfmConfidence | null {
    const raw = this.cells.get(column);
    if (!raw) return null;
    const c = CONFIDENCE[raw.trim().toLocaleLowerCase('fr')];
    if (c) return c;
    this.problem(column, 'confidence.invalid', `confidence must be Low, Medium or High, not "${raw}"; left empty`, 'error');
    return null;
  }

  /** A Y/N flag; null when empty or unreadable (reported). */
  yesNo(...columns: string[]): boolean | null {
    const column = this.col(...columns);
    const raw = this.cells.get(column);
    if (!raw) return null;
    const v = raw.trim().toLowerCase();
    if (['y', 'yes', 'o', 'oui', 'true', '1'].includes(v)) return true;
    if (['n', 'no', 'non', 'false', '0'].includes(v)) return false;
    this.problem(column, 'flag.invalid', `expected Y or N, not "${raw}"; left empty`, 'error');
    return null;
  }

  /** The `_open` flag of a last-cited date: Y ongoing, N ended at an unknown date, E exact end. */
  openState(...columns: string[]): SfmOpenState | null {
    const column = this.col(...columns);
    const raw = this.cells.get(column);
    if (!raw) return null;
    const v = raw.trim().toLowerCase();
    if (['y', 'yes', 'o', 'oui'].includes(v)) return 'ongoing';
    if (['n', 'no', 'non'].includes(v)) return 'ended';
    if (['e', 'exact'].includes(v)) return 'exact_end';
    this.problem(column, 'flag.invalid', `expected Y (still true), N (ended, date unknown) or E (exact end), not "${raw}"; left empty`, 'error');
    return null;
  }

  /**
   * A partial date from the column `base` and/or its `base_year`, `base_month`, `base_day` columns,
   * as text ('2015', '2015-03', '2015-03-20'), never more precise than given. When both forms are
   * filled and agree, the split columns decide the precision unless the main column carries a real
   * (non-padding) month or day; when they disagree the main column wins, with a warning.
   */
  date(base: string): string | null {
    const mainRaw = this.cells.get(base) ?? '';
    const main = mainRaw ? readDateText(mainRaw) : { date: null };
    const parts = this.dateParts(base);
    if (mainRaw && !main.date) {
      if (parts) {
        this.problem(base, 'date.unparseable', `"${mainRaw}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD); the year/month/day columns were used`, 'warning');
        return formatPartialDate(parts);
      }
      this.problem(base, 'date.unparseable', `"${mainRaw}" is not a date (YYYY, YYYY-MM or YYYY-MM-DD); left empty`, 'error');
      return null;
    }
    if (main.note) this.problem(base, 'date.excel_serial', main.note, 'warning');
    const m = main.date;
    if (!m) return parts ? formatPartialDate(parts) : null;
    if (!parts) return formatPartialDate(m);
    if (!sameOnCommonFields(m, parts)) {
      this.problem(base, 'date.parts_disagree', `"${mainRaw}" disagrees with its year/month/day columns (${formatPartialDate(parts)}); the main column was kept`, 'warning');
      return formatPartialDate(m);
    }
    const pm = RANK[precisionOf(m)]!;
    const pp = RANK[precisionOf(parts)]!;
    if (pm > pp && onlyPadding(m, parts)) return formatPartialDate(parts);
    return formatPartialDate(pm >= pp ? m : parts);
  }

  private dateParts(base: string): PartialDate | null {
    const cols = { year: `${base}_year`, month: `${base}_month`, day: `${base}_day` };
    const raw = { year: this.cells.get(cols.year) ?? '', month: this.cells.get(cols.month) ?? '', day: this.cells.get(cols.day) ?? '' };
    if (!raw.year && !raw.month && !raw.day) return null;
    const num: Partial<Record<'year' | 'month' | 'day', string>> = {};
    let bad = false;
    for (const k of ['year', 'month', 'day'] as const) {
      if (!raw[k]) continue;
      const w = wholeNumber(raw[k]);
      if (w === null) {
        this.problem(cols[k], 'date.unparseable', `"${raw[k]}" is not a number`, 'error');
        bad = true;
      } else num[k] = w;
    }
    if (bad) return null;
    if (!num.year) {
      this.problem(cols.year, 'date.missing_year', `a month or day is given without a year; left empty`, 'error');
      return null;
    }
    if (num.day && !num.month) {
      this.problem(cols.day, 'date.day_without_month', `a day is given without a month; only the year was kept`, 'warning');
    }
    const d = partialDateFromParts(num.year, num.month, num.day);
    if (!d) {
      this.problem(cols.year, 'date.unparseable', `${raw.year}-${raw.month}-${raw.day} is not a valid date; left empty`, 'error');
    }
    return d;
  }

  /** Warns when a first date falls wholly after a last date. */
  checkRange(first: string | null, last: string | null, lastColumn: string): void {
    if (!first || !last) return;
    const f = parsePartialDate(first);
    const l = parsePartialDate(last);
    if (f && l && earliestDay(f) > latestDay(l)) {
      this.problem(lastColumn, 'date.range_reversed', `last date ${last} is before first date ${first}`, 'warning');
    }
  }
}
