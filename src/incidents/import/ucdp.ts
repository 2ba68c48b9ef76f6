/**
 * UCDP Georeferenced Event Dataset (GED) CSV → normalised events, for the incidents service to store
 * (idempotent on `sourceEventId`, the GED `id`). With or without the second row of HXL hashtags that
 * HDX copies carry. When showing the data, cite "UCDP Georeferenced Event Dataset" (CC BY 4.0).
 *
 * `type_of_violence`: 1 state-based, 2 non-state, 3 one-sided (violence against civilians).
 * `date_prec`: 1 exact day; 2 within 2–6 days; 3 the week; 4 within 8–30 days or the month; 5 more
 * than a month, or the year — read as day, week, week, month and year.
 * `where_prec`: 1 exact place … 7 (kept as given).
 *
 * Streaming like the ACLED importer: `readUcdp` yields header, event and problem items; `parseUcdp`
 * collects them. Pure module: the input is consumed, nothing else is touched.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_VOCABULARY, mapUcdpActTypes, ucdpPerpetratorTypes, ucdpSidePerpetratorType, type Vocabulary } from '../vocabulary.ts';
import {
  Columns,
  CsvSyntaxError,
  isBlankRow,
  isHxlRow,
  parseCoordinates,
  parseCount,
  parseNumber,
  problem,
  readCsvRows,
  type CsvInput,
  type ImportItem,
  type ImportProblem,
  type ImportProgress,
} from './csv.ts';
import { parseDayDate, rangeEventDate, type EventDate, type EventPrecision } from './event-date.ts';

export interface UcdpEvent {
  source: 'ucdp';
  /** GED `id`. */
  sourceEventId: string;
  /** Physical line on which the row starts. */
  line: number;
  relid: string | null;
  year: number | null;
  activeYear: boolean | null;
  codeStatus: string | null;
  typeOfViolence: number;
  conflictId: number | null;
  conflictName: string | null;
  dyadId: number | null;
  dyadName: string | null;
  sideAId: number | null;
  sideA: string | null;
  sideBId: number | null;
  sideB: string | null;
  /** Perpetrator types of the two sides (side B of one-sided violence: 'civilians'). */
  sideAType: string | null;
  sideBType: string | null;
  /** Perpetrator types of the parties (side A, and side B unless it is the civilians). */
  perpetratorTypes: string[];
  /** null when UCDP gives -1 (unknown). */
  numberOfSources: number | null;
  sourceArticle: string | null;
  sourceOffice: string | null;
  sourceDate: string | null;
  sourceHeadline: string | null;
  sourceOriginal: string | null;
  /** `where_prec`: 1 exact location … 7 (country or international waters). */
  wherePrecision: number | null;
  /** `where_coordinates`: the name of the place the coordinates stand for. */
  whereCoordinates: string | null;
  whereDescription: string | null;
  adm1: string | null;
  adm2: string | null;
  lat: number | null;
  lon: number | null;
  country: string | null;
  countryId: number | null;
  iso3: string | null;
  region: string | null;
  eventClarity: number | null;
  /** `date_prec` as given (1–5). */
  datePrecision: number | null;
  date: EventDate;
  deathsA: number | null;
  deathsB: number | null;
  deathsCivilians: number | null;
  deathsUnknown: number | null;
  best: number | null;
  high: number | null;
  low: number | null;
  /** Act types suggested by the vocabulary's UCDP mappings. */
  actTypes: string[];
}

export interface UcdpHeader {
  hxl: boolean;
  columns: string[];
}

export type UcdpItem = ImportItem<UcdpEvent, UcdpHeader>;

export interface UcdpOptions {
  vocabulary?: Vocabulary;
  onProgress?: (p: ImportProgress) => void;
  /** Call onProgress every so many rows (default 1000), and once at the end. */
  progressEvery?: number;
}

export interface UcdpParseResult {
  header: UcdpHeader | null;
  events: UcdpEvent[];
  problems: ImportProblem[];
  rows: number;
}

const REQUIRED = ['id', 'type_of_violence', 'date_start', 'date_end'];

const DATE_PREC: Record<string, EventPrecision> = { '1': 'day', '2': 'week', '3': 'week', '4': 'month', '5': 'year' };

/** Reads UCDP GED CSV, yielding a header item, then events and problems as they come. */
export async function* readUcdp(input: CsvInput, options: UcdpOptions = {}): AsyncGenerator<UcdpItem> {
  const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const progress: ImportProgress = { rows: 0, events: 0, problems: 0, line: 0, done: false };
  const report = (p: ImportProblem): UcdpItem => {
    progress.problems++;
    return { type: 'problem', problem: p };
  };
  let cols: Columns | null = null;
  let header: UcdpHeader | null = null;
  let recordIndex = 0;
  const seen = new Map<string, { line: number; digest: string }>();

  try {
    for await (const { cells, line } of readCsvRows(input)) {
      progress.line = line;
      recordIndex++;
      if (!cols) {
        if (isBlankRow(cells)) continue;
        cols = new Columns(cells);
        const missing = REQUIRED.filter((c) => !cols!.has(c));
        if (missing.length) {
          for (const c of missing) yield report(problem(line, c, 'error', 'missing-column', `the header has no "${c}" column: is this a UCDP GED export?`, `l'en-tête n'a pas de colonne « ${c} » : s'agit-il d'un export UCDP GED ?`));
          return;
        }
        header = { hxl: false, columns: cols.names };
        continue;
      }
      if (recordIndex === 2 && isHxlRow(cells)) {
        header!.hxl = true;
        continue;
      }
      if (isBlankRow(cells)) continue;
      progress.rows++;
      if (progress.rows === 1) yield { type: 'header', header: header! };
      const { event, problems } = readRow(cells, line, cols, vocabulary);
      for (const p of problems) yield report(p);
      if (event) {
        const id = event.sourceEventId;
        const digest = createHash('sha1').update(JSON.stringify(cells.map((c) => c.trim()))).digest('base64');
        const before = seen.get(id);
        if (before) {
          if (before.digest === digest) yield report(problem(line, 'id', 'warning', 'repeated-row', `event ${id} repeats the row at line ${before.line}; ignored`, `l'événement ${id} répète la ligne ${before.line} ; ignoré`, id));
          else yield report(problem(line, 'id', 'error', 'duplicate-event-id', `event id ${id} is already used at line ${before.line} by a different row`, `l'identifiant ${id} est déjà employé ligne ${before.line} par une autre ligne`, id));
        } else {
          seen.set(id, { line, digest });
          progress.events++;
          yield { type: 'event', event };
        }
      }
      if (progress.rows % every === 0) options.onProgress?.({ ...progress });
    }
  } catch (e) {
    if (e instanceof CsvSyntaxError) {
      yield report(problem(e.line, null, 'error', 'csv-syntax', `the file is not well-formed CSV from line ${e.line}: ${e.message}`, `le fichier n'est pas un CSV bien formé à partir de la ligne ${e.line} : ${e.message}`));
      options.onProgress?.({ ...progress, done: true });
      return;
    }
    throw e;
  }
  if (!cols) yield report(problem(0, null, 'error', 'empty-file', 'the file is empty', 'le fichier est vide'));
  else if (progress.rows === 0) yield { type: 'header', header: header! };
  options.onProgress?.({ ...progress, done: true });
}

/** Reads a whole UCDP GED input into events and problems. */
export async function parseUcdp(input: CsvInput, options: UcdpOptions = {}): Promise<UcdpParseResult> {
  const out: UcdpParseResult = { header: null, events: [], problems: [], rows: 0 };
  const onProgress = (p: ImportProgress) => {
    out.rows = p.rows;
    options.onProgress?.(p);
  };
  for await (const item of readUcdp(input, { ...options, onProgress })) {
    if (item.type === 'header') out.header = item.header;
    else if (item.type === 'event') out.events.push(item.event);
    else out.problems.push(item.problem);
  }
  return out;
}

function readRow(cells: string[], line: number, cols: Columns, vocabulary: Vocabulary): { event: UcdpEvent | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const g = (c: string) => cols.get(cells, c);
  const o = (c: string) => cols.opt(cells, c);
  const id = g('id');
  const idOrUndef = id || undefined;
  let fatal = false;
  const error = (column: string, code: string, en: string, fr: string) => {
    fatal = true;
    problems.push(problem(line, column, 'error', code, en, fr, idOrUndef));
  };
  const warn = (column: string, code: string, en: string, fr: string) => problems.push(problem(line, column, 'warning', code, en, fr, idOrUndef));
  const int = (c: string): number | null => {
    const n = parseNumber(g(c));
    return n !== null && Number.isInteger(n) ? n : null;
  };
  const count = (c: string): number | null => {
    const n = parseCount(g(c));
    if (Number.isNaN(n)) {
      warn(c, 'bad-count', `${c} "${g(c)}" is not a whole number; left unknown`, `${c} « ${g(c)} » : ce n'est pas un nombre entier ; laissé inconnu`);
      return null;
    }
    return n;
  };

  if (!id) error('id', 'missing-event-id', 'no event id: the row cannot be imported', "pas d'identifiant d'événement : la ligne ne peut être importée");

  const tovText = g('type_of_violence');
  const typeOfViolence = Number(tovText);
  if (!vocabulary.ucdp.typesOfViolence.some((t) => String(t.code) === tovText)) {
    error('type_of_violence', 'bad-type-of-violence', `type of violence "${tovText}" is not one of ${vocabulary.ucdp.typesOfViolence.map((t) => t.code).join(', ')}`, `type de violence « ${tovText} » : ce n'est pas l'un de ${vocabulary.ucdp.typesOfViolence.map((t) => t.code).join(', ')}`);
  }

  const readDay = (c: string) => {
    const text = g(c);
    if (!text) {
      error(c, 'missing-date', `no ${c}`, `pas de ${c}`);
      return null;
    }
    const d = parseDayDate(text);
    if (!d) error(c, 'bad-date', `${c} "${text}" is not a date`, `${c} « ${text} » n'est pas une date`);
    return d;
  };
  let start = readDay('date_start');
  let end = readDay('date_end');
  const precText = g('date_prec');
  let precision: EventPrecision | undefined = DATE_PREC[precText];
  if (precText && !precision) warn('date_prec', 'bad-date-precision', `date precision "${precText}" is not 1 to 5; taken from the range`, `précision de date « ${precText} » : pas entre 1 et 5 ; déduite de l'intervalle`);
  let date: EventDate | null = null;
  if (start && end) {
    const [s, e] = [g('date_start'), g('date_end')];
    const key = (d: { year: number; month: number; day: number }) => d.year * 10000 + d.month * 100 + d.day;
    if (key(end) < key(start)) {
      warn('date_end', 'dates-reversed', `date_end ${e} is before date_start ${s}; the two are swapped`, `date_end ${e} précède date_start ${s} ; les deux sont inversées`);
      [start, end] = [end, start];
    }
    if (!precision) {
      precision = key(start) === key(end) ? 'day' : start.year === end.year && start.month === end.month ? 'month' : 'year';
    }
    date = rangeEventDate(start, end, precision, s === e ? s : `${s} – ${e}`);
  }
  const year = int('year');
  if (date && year !== null && String(year) !== date.start.slice(0, 4)) {
    warn('year', 'year-mismatch', `year ${year} differs from date_start ${g('date_start')}`, `l'année ${year} diffère de date_start ${g('date_start')}`);
  }

  const coords = parseCoordinates(g('latitude'), g('longitude'), line, 'latitude', 'longitude', idOrUndef);
  problems.push(...coords.problems);
  if (coords.problems.length) fatal = true;
  else if (coords.lat === null) warn('latitude', 'no-coordinates', 'no coordinates', 'pas de coordonnées');

  const deathsA = count('deaths_a');
  const deathsB = count('deaths_b');
  const deathsCivilians = count('deaths_civilians');
  const deathsUnknown = count('deaths_unknown');
  const best = count('best');
  const high = count('high');
  const low = count('low');
  const sources = int('number_of_sources');

  if (fatal || !date) return { event: null, problems };

  const sideA = o('side_a');
  const sideB = o('side_b');
  const tv = vocabulary.ucdp.typesOfViolence.find((t) => t.code === typeOfViolence);
  const activeYear = g('active_year');
  const event: UcdpEvent = {
    source: 'ucdp',
    sourceEventId: id,
    line,
    relid: o('relid'),
    year,
    activeYear: activeYear === '1' ? true : activeYear === '0' ? false : null,
    codeStatus: o('code_status'),
    typeOfViolence,
    conflictId: int('conflict_new_id') ?? int('conflict_dset_id'),
    conflictName: o('conflict_name'),
    dyadId: int('dyad_new_id') ?? int('dyad_dset_id'),
    dyadName: o('dyad_name'),
    sideAId: int('side_a_new_id') ?? int('side_a_dset_id'),
    sideA,
    sideBId: int('side_b_new_id') ?? int('side_b_dset_id'),
    sideB,
    sideAType: sideA ? ucdpSidePerpetratorType(sideA, typeOfViolence, vocabulary) : null,
    sideBType: sideB ? (tv?.sideBIsVictims ? 'civilians' : ucdpSidePerpetratorType(sideB, typeOfViolence, vocabulary)) : null,
    perpetratorTypes: ucdpPerpetratorTypes(sideA ?? '', sideB ?? '', typeOfViolence, vocabulary),
    numberOfSources: sources !== null && sources >= 0 ? sources : null,
    sourceArticle: o('source_article'),
    sourceOffice: o('source_office'),
    sourceDate: o('source_date'),
    sourceHeadline: o('source_headline'),
    sourceOriginal: o('source_original'),
    wherePrecision: int('where_prec'),
    whereCoordinates: o('where_coordinates'),
    whereDescription: o('where_description'),
    adm1: o('adm_1'),
    adm2: o('adm_2'),
    lat: coords.lat,
    lon: coords.lon,
    country: o('country'),
    countryId: int('country_id'),
    iso3: o('iso3'),
    region: o('region'),
    eventClarity: int('event_clarity'),
    datePrecision: int('date_prec'),
    date,
    deathsA,
    deathsB,
    deathsCivilians,
    deathsUnknown,
    best,
    high,
    low,
    actTypes: mapUcdpActTypes({ typeOfViolence, best, high, deathsCivilians }, vocabulary),
  };
  return { event, problems };
}
