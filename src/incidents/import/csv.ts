/**
 * Reading CSV for the importers: rows with the 1-based physical line on which each row starts (a quoted
 * field may span several lines), from a string, bytes, a stream or any (async) iterable of text chunks
 * or of ready-split records. Also the shared shapes of import problems and progress, and the detection
 * of an HXL hashtag row. Pure apart from consuming the input it is given.
 */
import { parse, type Options } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';

/**
 * What the importers accept: CSV text, its bytes (UTF-8), a Node stream or any (async) iterable of text
 * or byte chunks, or an (async) iterable of records already split into cells (then record n is taken
 * to stand on line n).
 */
export type CsvInput =
  | string
  | Uint8Array
  | AsyncIterable<string | Uint8Array | string[]>
  | Iterable<string | Uint8Array | string[]>;

export interface CsvRow {
  cells: string[];
  /** 1-based physical line on which the row starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface ImportProblem {
  /** 1-based physical line in the file (0 when the problem concerns the whole input). */
  line: number;
  /** Column (header name as in the file's layout, lower case) when one is at fault. */
  column: string | null;
  /** 'error': the row (or, for a header or syntax error, the whole input) is not imported; 'warning': imported, with the noted change. */
  severity: 'error' | 'warning';
  /** Stable code: bad-date, bad-latitude, missing-event-id, … */
  code: string;
  /** English. */
  message: string;
  /** French. */
  messageFr: string;
  sourceEventId?: string;
}

export interface ImportProgress {
  /** Data rows read so far. */
  rows: number;
  events: number;
  problems: number;
  /** Last physical line read. */
  line: number;
  done: boolean;
}

export type ImportItem<E, H> = { type: 'header'; header: H } | { type: 'event'; event: E } | { type: 'problem'; problem: ImportProblem };

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

function isAsyncIterable(x: unknown): x is AsyncIterable<unknown> {
  return x !== null && typeof x === 'object' && Symbol.asyncIterator in x;
}

/** Text chunks, decoded as UTF-8 (a byte-order mark dropped) with CRLF turned into LF across chunk boundaries. */
async function* normalisedText(first: string | Uint8Array, rest: AsyncIterator<unknown> | Iterator<unknown> | null): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let pendingCR = false;
  let atStart = true;
  const convert = (chunk: unknown, last: boolean): string => {
    let s: string;
    if (typeof chunk === 'string') s = chunk;
    else if (chunk instanceof Uint8Array) s = decoder.decode(chunk, { stream: !last });
    else throw new TypeError('CSV input chunks must be strings or bytes');
    if (atStart && s.length) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      atStart = false;
    }
    if (pendingCR) s = '\r' + s;
    pendingCR = !last && s.endsWith('\r');
    if (pendingCR) s = s.slice(0, -1);
    return s.replace(/\r\n/g, '\n');
  };
  if (!rest) {
    yield convert(first, true);
    return;
  }
  let out = convert(first, false);
  if (out) yield out;
  for (;;) {
    const next = await rest.next();
    if (next.done) break;
    out = convert(next.value, false);
    if (out) yield out;
  }
  out = convert('', true) + decoder.decode();
  if (out) yield out;
}

async function* parseText(chunks: AsyncGenerator<string>): AsyncGenerator<CsvRow> {
  // Where the parser (ahead of the consumer) has got to: the end line of its last good record and the
  // blank lines skipped so far, so that a syntax error can be placed on the line its record starts on.
  let parsedLines = 0;
  let parsedEmpty = 0;
  const options: Options = {
    info: true,
    relax_column_count: true,
    // a stray quote inside an unquoted field is taken literally (x"y → x"y)
    relax_quotes: true,
    skip_empty_lines: true,
    on_record: (record, ctx) => {
      parsedLines = ctx.lines;
      parsedEmpty = ctx.empty_lines;
      return record;
    },
  };
  const parser = parse(options);
  pipeline(Readable.from(chunks), parser, () => {
    // errors surface through the iteration below
  });
  try {
    for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const inside = r.record.reduce((n, c) => n + countNewlines(c), 0);
      yield { cells: r.record, line: r.info.lines - inside };
    }
  } catch (e) {
    const err = e as Error & { code?: string; empty_lines?: number };
    const fromParser = err.constructor?.name === 'CsvError' || (typeof err.code === 'string' && (err.code.startsWith('CSV_') || err.code === 'INVALID_OPENING_QUOTE'));
    if (fromParser) {
      const skipped = typeof err.empty_lines === 'number' ? Math.max(0, err.empty_lines - parsedEmpty) : 0;
      throw new CsvSyntaxError(parsedLines + skipped + 1, err.message);
    }
    throw e;
  }
}

/**
 * Rows of a CSV input with the physical line each starts on. Throws CsvSyntaxError on malformed quoting,
 * with the line on which the broken row starts; rows already parsed in the same chunk as the error
 * may not be yielded (a syntax error fails the whole input).
 */
export async function* readCsvRows(input: CsvInput): AsyncGenerator<CsvRow> {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    yield* parseText(normalisedText(input, null));
    return;
  }
  const it: AsyncIterator<unknown> | Iterator<unknown> = isAsyncIterable(input) ? input[Symbol.asyncIterator]() : (input as Iterable<unknown>)[Symbol.iterator]();
  const first = await it.next();
  if (first.done) return;
  if (Array.isArray(first.value)) {
    let line = 1;
    yield { cells: first.value.map(String), line };
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      if (!Array.isArray(next.value)) throw new TypeError('an input of records must yield arrays of cells only');
      yield { cells: next.value.map(String), line: ++line };
    }
  }
  yield* parseText(normalisedText(first.value as string | Uint8Array, it));
}

/** Every cell empty or blank. */
export function isBlankRow(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** A row of HXL hashtags (HDX exports put one under the header): every non-empty cell is a hashtag, and there is one. */
export function isHxlRow(cells: string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length > 0 && filled.every((c) => /^#[a-z][a-z0-9_]*(\s*\+\s*[a-z][a-z0-9_]*)*$/i.test(c));
}

/** Header cell → column name: lower case, trimmed, inner spaces as underscores. */
export function normaliseColumnName(s: string): string {
  return s.replace(/^\ufeff/, '').trim().toLowerCase().replace(/\s+/g, '_');
}

/** Column positions of a header row, with aliases (older names) folded onto current names. */
export class Columns {
  readonly names: string[];
  private readonly pos = new Map<string, number>();

  constructor(cells: string[], aliases: Record<string, string> = {}) {
    this.names = cells.map(normaliseColumnName);
    this.names.forEach((n, i) => {
      const name = aliases[n] ?? n;
      if (!this.pos.has(name)) this.pos.set(name, i);
    });
  }

  has(name: string): boolean {
    return this.pos.has(name);
  }

  /** The trimmed cell of a column ('' when the column or the cell is absent). */
  get(cells: string[], name: string): string {
    const i = this.pos.get(name);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  }

  /** The cell, or null when the column is absent or the cell empty. */
  opt(cells: string[], name: string): string | null {
    const v = this.get(cells, name);
    return v === '' ? null : v;
  }
}

export const problem = (
  line: number,
  column: string | null,
  severity: ImportProblem['severity'],
  code: string,
  message: string,
  messageFr: string,
  sourceEventId?: string,
): ImportProblem => (sourceEventId === undefined ? { line, column, severity, code, message, messageFr } : { line, column, severity, code, message, messageFr, sourceEventId });

/** A number cell: '' → null; accepts a decimal comma when there is no point. NaN when not a number. */
export function parseNumber(s: string): number | null {
  const t = s.trim();
  if (!t) return null;
  const u = t.includes('.') ? t : t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(u)) return NaN;
  return Number(u);
}

/** A count cell: '' → null; NaN when not a whole number ≥ 0. */
export function parseCount(s: string): number | null {
  const n = parseNumber(s);
  if (n === null) return null;
  return Number.isInteger(n) && n >= 0 ? n : NaN;
}

export type CoordinateCheck = { lat: number | null; lon: number | null; problems: ImportProblem[] };

/** Latitude and longitude cells checked for range; a bad one is an error naming its column. */
export function parseCoordinates(latText: string, lonText: string, line: number, latCol: string, lonCol: string, id?: string): CoordinateCheck {
  const problems: ImportProblem[] = [];
  const lat = parseNumber(latText);
  const lon = parseNumber(lonText);
  if (lat !== null && !(Number.isFinite(lat) && lat >= -90 && lat <= 90)) {
    problems.push(problem(line, latCol, 'error', 'bad-latitude', `latitude "${latText}" is not a number between -90 and 90`, `latitude « ${latText} » : ce n'est pas un nombre entre -90 et 90`, id));
  }
  if (lon !== null && !(Number.isFinite(lon) && lon >= -180 && lon <= 180)) {
    problems.push(problem(line, lonCol, 'error', 'bad-longitude', `longitude "${lonText}" is not a number between -180 and 180`, `longitude « ${lonText} » : ce n'est pas un nombre entre -180 et 180`, id));
  }
  if (problems.length === 0 && (lat === null) !== (lon === null)) {
    const col = lat === null ? latCol : lonCol;
    problems.push(problem(line, col, 'error', 'half-coordinates', 'only one of latitude and longitude is given', "une seule des deux coordonnées (latitude, longitude) est donnée", id));
  }
  return { lat: problems.length ? null : lat, lon: problems.length ? null : lon, problems };
}
