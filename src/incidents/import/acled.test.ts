import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../vocabulary.ts';
import { parseAcled, readAcled, type AcledEvent } from './acled.ts';
import type { ImportProgress } from './csv.ts';

const ROOT = new URL('../../../', import.meta.url);
const FIXTURES = new URL('test/fixtures/acled/', ROOT);
const fixtureDirs = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/expected.json`, FIXTURES)))
  .map((d) => d.name)
  .sort();

interface Expected {
  layout: number;
  monadic: boolean;
  hxl: boolean;
  events: number;
  eventsByYear: Record<string, number>;
  eventsByType: Record<string, number>;
  fatalities: number;
  problems: { line: number; column: string | null; severity: string; code: string; sourceEventId?: string }[];
  order?: string[];
  spotChecks: ({ sourceEventId: string } & Record<string, unknown>)[];
}

const load = (dir: string) => ({
  text: readFileSync(new URL(`${dir}/data.csv`, FIXTURES), 'utf8'),
  expected: JSON.parse(readFileSync(new URL(`${dir}/expected.json`, FIXTURES), 'utf8')) as Expected,
});

const countBy = (events: AcledEvent[], key: (e: AcledEvent) => string) => {
  const out: Record<string, number> = {};
  for (const e of events) out[key(e)] = (out[key(e)] ?? 0) + 1;
  return out;
};

describe('ACLED fixtures match their hand counts', () => {
  it('has a fixture for each layout, the monadic export, the HXL row and the errors', () => {
    expect(fixtureDirs).toEqual(['errors', 'hxl', 'layout1-pre2019', 'layout2-2019-2023', 'layout3-2023', 'layout4-2024', 'monadic']);
  });

  for (const dir of fixtureDirs) {
    it(dir, async () => {
      const { text, expected } = load(dir);
      const r = await parseAcled(text);
      expect(r.header).toMatchObject({ layout: expected.layout, monadic: expected.monadic, hxl: expected.hxl });
      expect(r.events).toHaveLength(expected.events);
      expect(countBy(r.events, (e) => String(e.year))).toEqual(expected.eventsByYear);
      expect(countBy(r.events, (e) => e.eventType)).toEqual(expected.eventsByType);
      expect(r.events.reduce((s, e) => s + (e.fatalities ?? 0), 0)).toBe(expected.fatalities);
      expect(r.problems.map((p) => ({ line: p.line, column: p.column, severity: p.severity, code: p.code, ...(p.sourceEventId ? { sourceEventId: p.sourceEventId } : {}) }))).toEqual(expected.problems);
      for (const p of r.problems) {
        expect(p.message.trim()).not.toBe('');
        expect(p.messageFr.trim()).not.toBe('');
      }
      if (expected.order) expect(r.events.map((e) => e.sourceEventId)).toEqual(expected.order);
      for (const check of expected.spotChecks) {
        const e = r.events.find((x) => x.sourceEventId === check.sourceEventId);
        expect(e, check.sourceEventId).toBeDefined();
        expect(e).toMatchObject(check);
      }
      for (const e of r.events) {
        expect(e.source).toBe('acled');
        expect(e.date.start <= e.date.end).toBe(true);
      }
    });
  }

  it('the line of each event is the physical line its row starts on, as a naive reading of the file finds it', async () => {
    for (const dir of fixtureDirs.filter((d) => d !== 'monadic')) {
      const { text } = load(dir);
      const lines = text.split(/\r?\n/);
      const r = await parseAcled(text);
      for (const e of r.events) expect(lines[e.line - 1]!.startsWith(`${e.sourceEventId},`) || lines[e.line - 1]!.includes(`,${e.sourceEventId},`), `${dir} ${e.sourceEventId}`).toBe(true);
    }
  });

  it('the errors file names its bad rows in words a user can act on', async () => {
    const r = await parseAcled(load('errors').text);
    const at = (line: number) => r.problems.find((p) => p.line === line)!;
    expect(at(6).message).toContain('"2023-02-30" is not a date');
    expect(at(7).message).toBe('latitude "95.5" is not a number between -90 and 90');
    expect(at(7).messageFr).toContain('latitude « 95.5 »');
    expect(at(9).message).toContain('no event id');
    expect(at(13).message).toBe('event KIV6002 repeats the row at line 5; ignored');
    expect(at(14).message).toBe('event id KIV6001 is already used at line 2 by a different row');
    expect(at(16).message).toContain('it would be one read month first');
  });
});

describe('input forms', () => {
  const summary = (r: Awaited<ReturnType<typeof parseAcled>>) => JSON.stringify([r.header, r.events, r.problems]);

  it('reads the same from a string, small byte chunks (splitting characters and CRLF), a file stream and ready-split records', async () => {
    for (const dir of ['layout1-pre2019', 'layout2-2019-2023', 'errors']) {
      const { text } = load(dir);
      const fromString = await parseAcled(text);
      const bytes = Buffer.from(text, 'utf8');
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
      expect(summary(await parseAcled(chunks))).toBe(summary(fromString));
      expect(summary(await parseAcled(createReadStream(new URL(`${dir}/data.csv`, FIXTURES), { highWaterMark: 64 })))).toBe(summary(fromString));
      expect(summary(await parseAcled(bytes))).toBe(summary(fromString));
    }
    // records already split: lines are record numbers, which equal physical lines when no field spans lines
    const { text } = load('layout3-2023');
    const records = parseCsvSync(text, { relax_column_count: true }) as string[][];
    const fromRecords = await parseAcled(records);
    expect(summary(fromRecords)).toBe(summary(await parseAcled(text)));
  });

  it('streams items in order: header first, then events and problems, and reports progress', async () => {
    const seen: string[] = [];
    const progress: ImportProgress[] = [];
    for await (const item of readAcled(load('errors').text, { onProgress: (p) => progress.push(p), progressEvery: 5 })) {
      seen.push(item.type === 'event' ? `event:${item.event.sourceEventId}` : item.type === 'problem' ? `problem:${item.problem.line}` : 'header');
    }
    expect(seen).toEqual(['header', 'event:KIV6001', 'event:KIV6002', 'problem:6', 'problem:7', 'problem:9', 'event:KIV6005', 'problem:12', 'event:KIV6006', 'problem:13', 'problem:14', 'problem:15', 'problem:16']);
    expect(progress.map((p) => [p.rows, p.done])).toEqual([
      [5, false],
      [10, false],
      [11, true],
    ]);
    expect(progress.at(-1)).toMatchObject({ events: 4, problems: 8, line: 16 });
  });
});

describe('refusals and options', () => {
  it('refuses a file that is not an ACLED export, naming the missing columns on line 1', async () => {
    const r = await parseAcled('id,date,what\n1,2020-01-01,x\n');
    expect(r.events).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'event_id_cnty', 'missing-column'],
      [1, 'event_date', 'missing-column'],
      [1, 'event_type', 'missing-column'],
      [1, 'latitude', 'missing-column'],
      [1, 'longitude', 'missing-column'],
    ]);
  });

  it('reports malformed CSV with the line where the broken row starts', async () => {
    const head = 'event_id_cnty,event_date,event_type,latitude,longitude,notes\n';
    const text = `${head}A1,2020-01-01,Battles,1,2,"fine\nstill fine"\n\nA2,2020-01-02,Battles,1,2,"never closed\n\nA3,2020-01-03,Battles,1,2,x\n`;
    expect((await parseAcled(text)).problems).toEqual([expect.objectContaining({ line: 5, code: 'csv-syntax', severity: 'error' })]);
    // the same line whatever the chunking
    const chunks = text.match(/[\s\S]{1,5}/g)!;
    expect((await parseAcled(chunks)).problems).toEqual([expect.objectContaining({ line: 5, code: 'csv-syntax' })]);
    // a stray quote inside an unquoted field is not an error: it is kept as written
    const stray = await parseAcled(`${head}A1,2020-01-01,Battles,1,2,x\nA2,2020-01-02,Battles,1,2,a 5" mortar\n`);
    expect(stray.problems).toEqual([]);
    expect(stray.events[1]!.notes).toBe('a 5" mortar');
  });

  it('reports an empty file', async () => {
    expect((await parseAcled('')).problems).toEqual([expect.objectContaining({ code: 'empty-file' })]);
  });

  it('reads numeric dates month first when told', async () => {
    const head = 'event_id_cnty,event_date,event_type,latitude,longitude\n';
    const text = `${head}A1,05/13/23,Battles,1,2\nA2,12/01/23,Battles,1,2\n`;
    expect((await parseAcled(text)).events.map((e) => e.date.value)).toEqual(['2023-01-12']);
    expect((await parseAcled(text, { slashDateOrder: 'mdy' })).events.map((e) => e.date.value)).toEqual(['2023-05-13', '2023-12-01']);
  });

  it('maps act types with the vocabulary it is given', async () => {
    const v: Vocabulary = structuredClone(DEFAULT_VOCABULARY);
    v.acled.actMappings = [{ eventType: 'Battles', actTypes: ['civilian-harm-in-hostilities'] }];
    const r = await parseAcled(load('layout3-2023').text, { vocabulary: v });
    expect(r.events.find((e) => e.sourceEventId === 'KIV2003')!.actTypes).toEqual(['civilian-harm-in-hostilities']);
    expect(r.events.find((e) => e.sourceEventId === 'KIV2001')!.actTypes).toEqual([]);
  });

  it('warns about unknown inter labels, odd precisions and a year that disagrees with the date, and keeps the event', async () => {
    const head = 'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,latitude,longitude,geo_precision,fatalities,disorder_type\n';
    const r = await parseAcled(`${head}A1,2020-01-01,2019,7,Battles,Armed clash,X,Aliens,Y,State forces,1,2,9,0,Political violence\n`);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ year: 2020, inter1: null, actor1Type: 'unknown', inter2: 1, geoPrecision: null, date: { precision: 'day' } });
    expect(r.problems.map((p) => [p.line, p.column, p.severity, p.code])).toEqual([
      [2, 'time_precision', 'warning', 'bad-time-precision'],
      [2, 'year', 'warning', 'year-mismatch'],
      [2, 'inter1', 'warning', 'bad-inter'],
      [2, 'geo_precision', 'warning', 'bad-geo-precision'],
    ]);
  });
});
