/**
 * Reading an SFM research workbook from disk into sheets of rows (column name → text): an .xlsx file
 * (exceljs), a folder of per-sheet CSV files, or one CSV file. Only this module does I/O; the text
 * decoding and CSV splitting are exported as pure functions.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { cellToString } from './cells.ts';
import type { SfmSheetInput } from './types.ts';

const SHEET_LIKE = /^(?:[a-z]{2}_)?(?:units|persons_extra|persons|incidents|locations)$/i;

/**
 * The sheet name a CSV file stands for: its base name without extension ('ml_units.csv' → 'ml_units');
 * for spreadsheet-tool exports named '<workbook> - <sheet>.csv', the part after the last ' - ' when
 * that is a research sheet name.
 */
export function sheetNameFromFile(file: string): string {
  const base = basename(file, extname(file)).trim();
  const parts = base.split(' - ');
  const last = parts[parts.length - 1]!.trim();
  return parts.length > 1 && SHEET_LIKE.test(last) ? last : base;
}

/** Decodes file bytes as UTF-8 (BOM dropped); falls back to Windows-1252, which older French exports use. */
export function decodeText(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return new TextDecoder('windows-1252').decode(buf);
  }
}

/**
 * Splits CSV text into records keyed by the header (first record). The delimiter (',', ';' or tab) is
 * taken from the header line, where column names never contain one. Blank lines are kept as empty
 * records so that record i is spreadsheet row i + 2.
 */
export function csvToRows(text: string): Record<string, string>[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let delimiter = ',';
  let best = 0;
  for (const d of [',', ';', '\t']) {
    const n = firstLine.split(d).length - 1;
    if (n > best) [delimiter, best] = [d, n];
  }
  const records = parseCsv(text, {
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  }) as string[][];
  if (records.length === 0) return [];
  const header = records[0]!.map((h) => h.trim());
  return records.slice(1).map((rec) => {
    const row: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h && !(h in row && row[h])) row[h] = rec[i] ?? '';
    });
    return row;
  });
}

async function readCsvFile(path: string): Promise<SfmSheetInput> {
  return { name: sheetNameFromFile(path), rows: csvToRows(decodeText(await readFile(path))) };
}

/** Sheets of an .xlsx workbook. Research sheets are read in full; other sheets are listed with no rows. */
export async function readXlsxSheets(path: string): Promise<SfmSheetInput[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: SfmSheetInput[] = [];
  for (const ws of wb.worksheets) {
    if (!SHEET_LIKE.test(ws.name.trim().replace(/[\s-]+/g, '_'))) {
      out.push({ name: ws.name, rows: [] });
      continue;
    }
    const header: string[] = [];
    const headerRow = ws.getRow(1);
    const width = Math.max(ws.columnCount, headerRow.cellCount);
    for (let c = 1; c <= width; c++) header[c] = cellToString(headerRow.getCell(c).value);
    const rows: Record<string, string>[] = [];
    for (let n = 2; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const rec: Record<string, string> = {};
      for (let c = 1; c <= width; c++) {
        const h = header[c];
        if (!h) continue;
        const cell = row.getCell(c);
        const text = cellToString(cell.value, cell.numFmt);
        if (!(h in rec) || (!rec[h] && text)) rec[h] = text;
      }
      rows.push(rec);
    }
    // drop trailing empty rows (formatted but blank rows at the end of a sheet)
    while (rows.length && Object.values(rows[rows.length - 1]!).every((v) => !v)) rows.pop();
    out.push({ name: ws.name, rows });
  }
  return out;
}

/**
 * Reads the sheets at `path`: an .xlsx/.xlsm file, a folder of .csv/.tsv files (one per sheet, in
 * file-name order), or a single .csv file. Throws when the path cannot be read or is of another kind.
 */
export async function readSfmSheets(path: string): Promise<SfmSheetInput[]> {
  const st = await stat(path);
  if (st.isDirectory()) {
    const files = (await readdir(path)).filter((f) => /\.(csv|tsv)$/i.test(f) && !f.startsWith('.')).sort();
    return Promise.all(files.map((f) => readCsvFile(join(path, f))));
  }
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsxSheets(path);
  if (ext === '.csv' || ext === '.tsv') return [await readCsvFile(path)];
  throw new Error(`not an SFM workbook (expected .xlsx, .csv or a folder of CSV files): ${path}`);
}
