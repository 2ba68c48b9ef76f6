/**
 * ACLED CSV → normalised events, for the incidents service to store (idempotent on `sourceEventId`).
 *
 * Accepts the four layouts in circulation, detected from the header (and, for 3 against 4, from the
 * first row's `inter1`):
 *   1. before 2019: no `sub_event_type` (older files also say `ally_actor_1` for `assoc_actor_1`);
 *   2. 2019 to March 2023: `data_id`, `event_id_no_cnty`, `iso3`, numeric `inter1`/`inter2`;
 *   3. from March 2023: `disorder_type`, `civilian_targeting`, `tags`, numeric inter codes;
 *   4. 2024 onward: as 3, with inter labels ('State forces', 'State forces-Civilians').
 * Also: a monadic export (one row per actor, no `actor2` column; rows of one `event_id_cnty` are merged,
 * the interaction telling which actor was actor 1), a second header row of HXL hashtags (skipped), and
 * dates as '2020-08-01', '31 December 2020', '9-May-20', '30/12/20'.
 *
 * Streaming: `readAcled` is an async generator of header, event and problem items (a monadic export is
 * held until its end, since an event's rows may be apart). `parseAcled` collects everything.
 * Rows with an error are not returned as events; warnings leave the event in with the noted change.
 * Pure module: the input is consumed, nothing else is touched.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_VOCABULARY, acledInterCode, acledInteraction, acledInterPerpetratorType, armedPerpetratorTypes, mapAcledActTypes, type Vocabulary } from '../vocabulary.ts';
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
import { acledEventDate, parseDayDate, type EventDate } from './event-date.ts';

export type AcledLayout = 1 | 2 | 3 | 4;

export interface AcledEvent {
  source: 'acled';
  /** `event_id_cnty` (e.g. 'COD12345'). */
  sourceEventId: string;
  /** Physical line of the row (of the first row, for a monadic export). */
  line: number;
  /** All lines the event was read from (several in a monadic export). */
  lines: number[];
  date: EventDate;
  /** The event date's year (a differing `year` column is reported as a warning). */
  year: number;
  eventType: string;
  subEventType: string | null;
  disorderType: string | null;
  actor1: string | null;
  assocActor1: string | null;
  /** Inter code 1–8 (labels of the 2024 layout turned into codes), null when none. */
  inter1: number | null;
  actor2: string | null;
  assocActor2: string | null;
  inter2: number | null;
  /** `interaction` as written (code such as '17' or label such as 'State forces-Civilians'). */
  interaction: string | null;
  /** Perpetrator types of actor 1 and actor 2 (vocabulary codes). */
  actor1Type: string | null;
  actor2Type: string | null;
  /** Perpetrator types of the armed parties (civilians and protesters left out). */
  perpetratorTypes: string[];
  region: string | null;
  country: string | null;
  /** ACLED `iso`: ISO 3166-1 numeric code. */
  iso: number | null;
  /** `iso3` (layout 2 only). */
  iso3: string | null;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  lat: number | null;
  lon: number | null;
  /** 1 town, 2 near a town or part of a region, 3 larger region. */
  geoPrecision: number | null;
  fatalities: number | null;
  notes: string | null;
  /** ACLED `source` (names of the reporting sources). */
  sourceText: string | null;
  sourceScale: string | null;
  /** As the file says; null when the layout has no `civilian_targeting` column. */
  civilianTargeting: boolean | null;
  tags: string[];
  /** ACLED `timestamp` (Unix seconds of the row's last change), when given. */
  timestamp: number | null;
  /** Act types suggested by the vocabulary's ACLED mappings. */
  actTypes: string[];
}

export interface AcledHeader {
  layout: AcledLayout;
  monadic: boolean;
  /** A row of HXL hashtags followed the header (and was skipped). */
  hxl: boolean;
  columns: string[];
}

export type AcledItem = ImportItem<AcledEvent, AcledHeader>;

export interface AcledOptions {
  vocabulary?: Vocabulary;
  /** How to read numeric dates such as 05/04/20: day first (ACLED's own exports) unless told. */
  slashDateOrder?: 'dmy' | 'mdy';
  onProgress?: (p: ImportProgress) => void;
  /** Call onProgress every so many rows (default 1000), and once at the end. */
  progressEvery?: number;
}

export interface AcledParseResult {
  header: AcledHeader | null;
  events: AcledEvent[];
  problems: ImportProblem[];
  /** Data rows read (the HXL row and blank rows not counted). */
  rows: number;
}

const ALIASES: Record<string, string> = {
  ally_actor_1: 'assoc_actor_1',
  ally_actor_2: 'assoc_actor_2',
  assoc_actor1: 'assoc_actor_1',
  assoc_actor2: 'assoc_actor_2',
  event_id: 'event_id_cnty',
  lat: 'latitude',
  lon: 'longitude',
  long: 'longitude',
};

const REQUIRED = ['event_id_cnty', 'event_date', 'event_type', 'latitude', 'longitude'];

/** Everything one row says, before monadic rows are merged. */
interface RowEvent {
  event: AcledEvent;
  actor: string | null;
  assoc: string | null;
  inter: number | null;
  /** Fields that must agree between the rows of one monadic event. */
  signature: string;
}

function detectLayout(cols: Columns): AcledLayout {
  if (!cols.has('sub_event_type')) return 1;
  if (cols.has('disorder_type') || cols.has('civilian_targeting') || cols.has('tags')) return 3;
  return 2;
}

/** Reads ACLED CSV, yielding a header item, then events and problems as they come. */
export async function* readAcled(input: CsvInput, options: AcledOptions = {}): AsyncGenerator<AcledItem> {
  const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const progress: ImportProgress = { rows: 0, events: 0, problems: 0, line: 0, done: false };
  const report = (p: ImportProblem): AcledItem => {
    progress.problems++;
    return { type: 'problem', problem: p };
  };

  let cols: Columns | null = null;
  let header: AcledHeader | null = null;
  let recordIndex = 0;
  const seen = new Map<string, { line: number; digest: string }>();
  const monadicRows = new Map<string, RowEvent[]>();

  try {
    for await (const { cells, line } of readCsvRows(input)) {
      progress.line = line;
      recordIndex++;
      if (!cols) {
        if (isBlankRow(cells)) continue;
        cols = new Columns(cells, ALIASES);
        const missing = REQUIRED.filter((c) => !cols!.has(c));
        if (missing.length) {
          for (const c of missing) yield report(problem(line, c, 'error', 'missing-column', `the header has no "${c}" column: is this an ACLED export?`, `l'en-tête n'a pas de colonne « ${c} » : s'agit-il d'un export ACLED ?`));
          return;
        }
        header = { layout: detectLayout(cols), monadic: !cols.has('actor2'), hxl: false, columns: cols.names };
        continue;
      }
      if (recordIndex === 2 && isHxlRow(cells)) {
        header!.hxl = true;
        continue;
      }
      if (isBlankRow(cells)) continue;
      progress.rows++;
      if (progress.rows === 1) {
        if (header!.layout === 3) {
          const inter = cols.get(cells, 'inter1') || cols.get(cells, 'inter2');
          if (inter && !/^\d+$/.test(inter)) header!.layout = 4;
        }
        yield { type: 'header', header: header! };
      }
      const { row, problems } = readRow(cells, line, cols, header!, vocabulary, options.slashDateOrder ?? 'dmy');
      for (const p of problems) yield report(p);
      if (row) {
        const id = row.event.sourceEventId;
        if (header!.monadic) {
          const list = monadicRows.get(id);
          if (list) list.push(row);
          else monadicRows.set(id, [row]);
        } else {
          const digest = createHash('sha1').update(JSON.stringify(cells.map((c) => c.trim()))).digest('base64');
          const before = seen.get(id);
          if (before) {
            if (before.digest === digest) {
              yield report(problem(line, 'event_id_cnty', 'warning', 'repeated-row', `event ${id} repeats the row at line ${before.line}; ignored`, `l'événement ${id} répète la ligne ${before.line} ; ignoré`, id));
            } else {
              yield report(problem(line, 'event_id_cnty', 'error', 'duplicate-event-id', `event id ${id} is already used at line ${before.line} by a different row`, `l'identifiant ${id} est déjà employé ligne ${before.line} par une autre ligne`, id));
            }
          } else {
            seen.set(id, { line, digest });
            progress.events++;
            yield { type: 'event', event: row.event };
          }
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

  if (!cols) {
    yield report(problem(0, null, 'error', 'empty-file', 'the file is empty', 'le fichier est vide'));
  } else if (progress.rows === 0) {
    yield { type: 'header', header: header! };
  }
  if (header?.monadic) {
    for (const rows of monadicRows.values()) {
      const { event, problems } = mergeMonadic(rows, vocabulary);
      for (const p of problems) yield report(p);
      progress.events++;
      yield { type: 'event', event };
    }
  }
  options.onProgress?.({ ...progress, done: true });
}

/** Reads a whole ACLED input into events and problems. */
export async function parseAcled(input: CsvInput, options: AcledOptions = {}): Promise<AcledParseResult> {
  const out: AcledParseResult = { header: null, events: [], problems: [], rows: 0 };
  const onProgress = (p: ImportProgress) => {
    out.rows = p.rows;
    options.onProgress?.(p);
  };
  for await (const item of readAcled(input, { ...options, onProgress })) {
    if (item.type === 'header') out.header = item.header;
    else if (item.type === 'event') out.events.push(item.event);
    else out.problems.push(item.problem);
  }
  return out;
}

function readRow(cells: string[], line: number, cols: Columns, header: AcledHeader, vocabulary: Vocabulary, order: 'dmy' | 'mdy'): { row: RowEvent | null; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const g = (c: string) => cols.get(cells, c);
  const o = (c: string) => cols.opt(cells, c);
  const id = g('event_id_cnty');
  const idOrUndef = id || undefined;
  let fatal = false;
  const error = (column: string, code: string, en: string, fr: string) => {
    fatal = true;
    problems.push(problem(line, column, 'error', code, en, fr, idOrUndef));
  };
  const warn = (column: string, code: string, en: string, fr: string) => problems.push(problem(line, column, 'warning', code, en, fr, idOrUndef));

  if (!id) error('event_id_cnty', 'missing-event-id', 'no event id (event_id_cnty): the row cannot be imported', "pas d'identifiant d'événement (event_id_cnty) : la ligne ne peut être importée");

  // Date and its precision.
  const dateText = g('event_date');
  let tp: 1 | 2 | 3 = 1;
  const tpText = g('time_precision');
  if (tpText) {
    if (tpText === '1' || tpText === '2' || tpText === '3') tp = Number(tpText) as 1 | 2 | 3;
    else warn('time_precision', 'bad-time-precision', `time precision "${tpText}" is not 1, 2 or 3; read as 1 (day)`, `précision temporelle « ${tpText} » : ni 1, ni 2, ni 3 ; lue comme 1 (jour)`);
  }
  let date: EventDate | null = null;
  if (!dateText) error('event_date', 'missing-date', 'no event date', "pas de date d'événement");
  else {
    const day = parseDayDate(dateText, order);
    if (!day) {
      const other = order === 'dmy' ? parseDayDate(dateText, 'mdy') : null;
      error(
        'event_date',
        'bad-date',
        `"${dateText}" is not a date${other ? ' read day first (it would be one read month first)' : ''}; expected e.g. 2020-08-01, 31 December 2020, 9-May-20 or 30/12/20`,
        `« ${dateText} » n'est pas une date${other ? ' lue jour en premier (elle le serait lue mois en premier)' : ''} ; formes attendues : 2020-08-01, 31 December 2020, 9-May-20 ou 30/12/20`,
      );
    } else date = acledEventDate(day, tp, dateText);
  }
  const year = date ? Number(date.value.slice(0, 4)) : 0;
  const yearText = g('year');
  if (date && yearText) {
    if (/^\d{4}$/.test(yearText) && Number(yearText) !== year) {
      warn('year', 'year-mismatch', `year ${yearText} differs from the event date ${dateText}; the date's year (${year}) is kept`, `l'année ${yearText} diffère de la date ${dateText} ; l'année de la date (${year}) est retenue`);
    }
  }

  const eventType = g('event_type');
  if (!eventType) error('event_type', 'missing-event-type', 'no event type', "pas de type d'événement");

  const coords = parseCoordinates(g('latitude'), g('longitude'), line, 'latitude', 'longitude', idOrUndef);
  problems.push(...coords.problems);
  if (coords.problems.length) fatal = true;
  else if (coords.lat === null) warn('latitude', 'no-coordinates', 'no coordinates', 'pas de coordonnées');

  let fatalities = parseCount(g('fatalities'));
  if (Number.isNaN(fatalities)) {
    warn('fatalities', 'bad-fatalities', `fatalities "${g('fatalities')}" is not a whole number; left unknown`, `nombre de morts « ${g('fatalities')} » : ce n'est pas un nombre entier ; laissé inconnu`);
    fatalities = null;
  }

  const inter = (c: 'inter1' | 'inter2'): number | null => {
    const v = g(c);
    const code = acledInterCode(v, vocabulary);
    if (code === undefined) {
      warn(c, 'bad-inter', `${c} "${v}" is neither an inter code 1–8 nor a known label; actor type left unknown`, `${c} « ${v} » n'est ni un code de 1 à 8 ni un libellé connu ; type d'acteur laissé inconnu`);
      return null;
    }
    return code;
  };
  const inter1 = inter('inter1');
  const inter2 = header.monadic ? null : inter('inter2');

  let geoPrecision = parseCount(g('geo_precision'));
  if (geoPrecision !== null && !(geoPrecision >= 1 && geoPrecision <= 3)) {
    warn('geo_precision', 'bad-geo-precision', `geo precision "${g('geo_precision')}" is not 1, 2 or 3; left unknown`, `précision géographique « ${g('geo_precision')} » : ni 1, ni 2, ni 3 ; laissée inconnue`);
    geoPrecision = null;
  }
  const isoN = parseCount(g('iso'));
  const ts = parseNumber(g('timestamp'));

  if (fatal || !date) return { row: null, problems };

  const typeOf = (code: number | null, actor: string | null) => (code !== null ? (acledInterPerpetratorType(code, vocabulary) ?? null) : actor ? 'unknown' : null);
  const actor1 = o('actor1');
  const actor2 = header.monadic ? null : o('actor2');
  const actor1Type = typeOf(inter1, actor1);
  const actor2Type = typeOf(inter2, actor2);
  const subEventType = o('sub_event_type');
  const civilianTargeting = cols.has('civilian_targeting') ? g('civilian_targeting') !== '' : null;
  const perpetratorTypes = armedPerpetratorTypes([actor1Type, actor2Type], vocabulary);

  const event: AcledEvent = {
    source: 'acled',
    sourceEventId: id,
    line,
    lines: [line],
    date,
    year,
    eventType,
    subEventType,
    disorderType: o('disorder_type'),
    actor1,
    assocActor1: o('assoc_actor_1'),
    inter1,
    actor2,
    assocActor2: header.monadic ? null : o('assoc_actor_2'),
    inter2,
    interaction: o('interaction'),
    actor1Type,
    actor2Type,
    perpetratorTypes,
    region: o('region'),
    country: o('country'),
    iso: isoN !== null && !Number.isNaN(isoN) ? isoN : null,
    iso3: o('iso3'),
    admin1: o('admin1'),
    admin2: o('admin2'),
    admin3: o('admin3'),
    location: o('location'),
    lat: coords.lat,
    lon: coords.lon,
    geoPrecision,
    fatalities,
    notes: o('notes'),
    sourceText: o('source'),
    sourceScale: o('source_scale'),
    civilianTargeting,
    tags: g('tags')
      .split(';')
      .map((t) => t.trim())
      .filter(Boolean),
    timestamp: ts !== null && Number.isFinite(ts) ? ts : null,
    actTypes: [],
  };
  event.actTypes = suggestActTypes(event, vocabulary);
  const signature = JSON.stringify([date.value, date.precision, eventType, subEventType, event.location, event.lat, event.lon, fatalities]);
  return { row: { event, actor: actor1, assoc: event.assocActor1, inter: inter1, signature }, problems };
}

/**
 * Act types from the vocabulary's mappings. Layouts before March 2023 have no `civilian_targeting`:
 * there an event whose actor 2 is civilians counts as targeting civilians (how ACLED coded it then).
 */
function suggestActTypes(e: AcledEvent, vocabulary: Vocabulary): string[] {
  const civilianTargeting = e.civilianTargeting ?? e.actor2Type === 'civilians';
  return mapAcledActTypes({ eventType: e.eventType, subEventType: e.subEventType, fatalities: e.fatalities, civilianTargeting, perpetratorTypes: e.perpetratorTypes }, vocabulary);
}

/** Merges the rows of one event of a monadic export: one row per actor. */
function mergeMonadic(rows: RowEvent[], vocabulary: Vocabulary): { event: AcledEvent; problems: ImportProblem[] } {
  const first = rows[0]!;
  const id = first.event.sourceEventId;
  const problems: ImportProblem[] = [];
  for (const r of rows.slice(1)) {
    if (r.signature !== first.signature) {
      problems.push(problem(r.event.line, null, 'warning', 'monadic-mismatch', `row of event ${id} differs from its first row (line ${first.event.line}) in date, type, place or fatalities; the first row's values are kept`, `une ligne de l'événement ${id} diffère de sa première ligne (ligne ${first.event.line}) par la date, le type, le lieu ou le nombre de morts ; les valeurs de la première ligne sont retenues`, id));
    }
  }
  // Which row was actor 1 and which actor 2: the interaction says which inter code comes first.
  const pair = acledInteraction(first.event.interaction, vocabulary);
  const pool = [...rows];
  const take = (code: number | null | undefined): RowEvent | undefined => {
    if (code === null || code === undefined) return undefined;
    const i = pool.findIndex((r) => r.inter === code);
    return i === -1 ? undefined : pool.splice(i, 1)[0];
  };
  let a = pair ? take(pair[0]) : undefined;
  let b = pair ? take(pair[1]) : undefined;
  if (!a) a = pool.shift();
  if (!b) b = pool.shift();
  const extra = pool;
  if (extra.length) {
    problems.push(problem(extra[0]!.event.line, 'actor1', 'warning', 'monadic-extra-actors', `event ${id} has more than two actor rows; ${extra.map((r) => r.actor ?? '?').join(', ')} added to the associated actors of actor 2`, `l'événement ${id} a plus de deux lignes d'acteurs ; ${extra.map((r) => r.actor ?? '?').join(', ')} ajouté(s) aux acteurs associés de l'acteur 2`, id));
  }
  const assoc2 = [b?.assoc, ...extra.map((r) => r.actor), ...extra.map((r) => r.assoc)].filter((x): x is string => !!x);
  const typeOf = (r: RowEvent | undefined) => (r ? (r.inter !== null ? (acledInterPerpetratorType(r.inter, vocabulary) ?? null) : r.actor ? 'unknown' : null) : null);
  const event: AcledEvent = {
    ...first.event,
    lines: rows.map((r) => r.event.line),
    actor1: a?.actor ?? null,
    assocActor1: a?.assoc ?? null,
    inter1: a?.inter ?? null,
    actor2: b?.actor ?? null,
    assocActor2: assoc2.length ? assoc2.join('; ') : null,
    inter2: b?.inter ?? null,
    actor1Type: typeOf(a),
    actor2Type: typeOf(b),
  };
  event.perpetratorTypes = armedPerpetratorTypes([event.actor1Type, event.actor2Type, ...extra.map((r) => typeOf(r))], vocabulary);
  event.actTypes = suggestActTypes(event, vocabulary);
  return { event, problems };
}
