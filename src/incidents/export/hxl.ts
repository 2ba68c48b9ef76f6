/**
 * CSV export of incidents for humanitarian partners, with the HXL hashtag row under the header
 * (`#event+id`, `#date+occurred`, `#adm1+name`, `#geo+lat`, `#group+name+first`, `#affected+killed`, …
 * see EXPORT_COLUMNS). Header labels in English or French.
 *
 * Columns: a field that is undefined in every row (the caller removed it because the user may not
 * see it) gives no column at all; a field that is null in some rows gives empty cells there. With a
 * vocabulary, perpetrator types and verification statuses are written as labels in the header's
 * language and the act types get a labels column next to their codes; without one, codes only.
 *
 * Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage
 * return) are prefixed with an apostrophe unless `protectFormulas` is false. Numbers are never touched.
 * Pure module.
 */
import { stringify } from 'csv-stringify/sync';
import type { Lang, Vocabulary } from '../vocabulary.ts';
import { cellText, columnsFor, type ExportColumn, type IncidentExportRow } from './row.ts';

export interface HxlCsvOptions {
  /** Language of the header labels (and of labels written from the vocabulary). Default 'en'. */
  lang?: Lang;
  /** Write the hashtag row. Default true. */
  hxl?: boolean;
  vocabulary?: Vocabulary;
  /** Guard against formula injection in spreadsheets. Default true. */
  protectFormulas?: boolean;
  /** Start with a UTF-8 byte-order mark (helps Excel read accents). Default false. */
  bom?: boolean;
  /** Default '\r\n' (RFC 4180). */
  lineEnding?: '\r\n' | '\n';
}

const FORMULA = /^[=+\-@\t\r]/;

function line(cells: string[], eol: string): string {
  return stringify([cells], { record_delimiter: eol === '\n' ? 'unix' : 'windows' });
}

function rowCells(row: IncidentExportRow, columns: ExportColumn[], o: Required<Pick<HxlCsvOptions, 'lang' | 'protectFormulas'>> & { vocabulary?: Vocabulary }): string[] {
  return columns.map((c) => {
    const text = cellText(row, c, { lang: o.lang, vocabulary: o.vocabulary });
    return o.protectFormulas && c.kind !== 'number' && FORMULA.test(text) ? `'${text}` : text;
  });
}

/** Header lines (labels, then hashtags unless turned off) for the given columns. */
export function hxlCsvHeader(columns: ExportColumn[], options: HxlCsvOptions = {}): string {
  const lang = options.lang ?? 'en';
  const eol = options.lineEnding ?? '\r\n';
  let out = (options.bom ? '\ufeff' : '') + line(columns.map((c) => c.labels[lang]), eol);
  if (options.hxl ?? true) out += line(columns.map((c) => c.hxl), eol);
  return out;
}

/** The whole CSV, columns chosen from what the rows hold. */
export function writeHxlCsv(rows: readonly IncidentExportRow[], options: HxlCsvOptions = {}): string {
  const columns = columnsFor(rows, { vocabulary: options.vocabulary });
  const eol = options.lineEnding ?? '\r\n';
  const o = { lang: options.lang ?? 'en', protectFormulas: options.protectFormulas ?? true, vocabulary: options.vocabulary };
  let out = hxlCsvHeader(columns, options);
  for (const r of rows) out += line(rowCells(r, columns, o), eol);
  return out;
}

/**
 * The CSV as a stream of text chunks (header first, then one chunk per row), for exports too large to
 * hold. The columns must be given, since the rows are not known in advance: use `columnsFor` on a
 * sample, or pick from EXPORT_COLUMNS the fields the user may see.
 */
export async function* streamHxlCsv(rows: Iterable<IncidentExportRow> | AsyncIterable<IncidentExportRow>, columns: ExportColumn[], options: HxlCsvOptions = {}): AsyncGenerator<string> {
  const eol = options.lineEnding ?? '\r\n';
  const o = { lang: options.lang ?? 'en', protectFormulas: options.protectFormulas ?? true, vocabulary: options.vocabulary };
  yield hxlCsvHeader(columns, options);
  for await (const r of rows) yield line(rowCells(r, columns, o), eol);
}
