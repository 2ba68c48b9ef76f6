import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseCsvSync } from 'csv-parse/sync';
import { parseUcdp, type UcdpEvent } from './ucdp.ts';

const ROOT = new URL('../../../', import.meta.url);
const SYNTHETIC = new URL('test/fixtures/ucdp/synthetic-ged.csv', ROOT);
const SYNTHETIC_EXPECTED = new URL('test/fixtures/ucdp/synthetic-ged.expected.json', ROOT);
/** The real UCDP GED extract for South Sudan, kept outside the project (project root: ../shared/data/…). */
const REAL = new URL('../shared/data/ucdp-ged-south-sudan-2011-2021.csv', ROOT);

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};

describe('UCDP GED, synthetic rows', () => {
  const text = readFileSync(SYNTHETIC, 'utf8');
  const expected = JSON.parse(readFileSync(SYNTHETIC_EXPECTED, 'utf8'));

  it('matches the hand counts and spot checks', async () => {
    const r = await parseUcdp(text);
    expect(r.header?.hxl).toBe(expected.hxl);
    expect(r.problems).toEqual(expected.problems);
    expect(r.events).toHaveLength(expected.events);
    expect(countBy(r.events, (e) => String(e.year))).toEqual(expected.eventsByYear);
    expect(countBy(r.events, (e) => String(e.typeOfViolence))).toEqual(expected.eventsByTypeOfViolence);
    expect(r.events.reduce((s, e) => s + (e.best ?? 0), 0)).toBe(expected.best);
    expect(r.events.reduce((s, e) => s + (e.deathsCivilians ?? 0), 0)).toBe(expected.deathsCivilians);
    for (const check of expected.spotChecks) expect(r.events.find((e) => e.sourceEventId === check.sourceEventId)).toMatchObject(check);
  });

  it('reads the same without the HXL row (lines one less)', async () => {
    const lines = text.split('\n');
    const without = [lines[0], ...lines.slice(2)].join('\n');
    const a = await parseUcdp(text);
    const b = await parseUcdp(without);
    expect(b.header?.hxl).toBe(false);
    expect(b.events.map((e) => ({ ...e, line: e.line + 1 }))).toEqual(a.events);
  });

  it('names the line and column of bad rows', async () => {
    const lines = text.split('\n');
    const header = lines[0]!;
    const cols = header.split(',');
    const edit = (line: string, col: string, value: string) => {
      const cells = parseCsvSync(line)[0] as string[];
      cells[cols.indexOf(col)] = value;
      return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
    };
    const good = lines[2]!; // 900001, one physical line
    const bad = [
      header,
      edit(good, 'id', ''),
      edit(edit(good, 'id', '1'), 'date_start', '2015-02-30 00:00:00.000'),
      edit(edit(good, 'id', '2'), 'longitude', '200'),
      edit(edit(good, 'id', '3'), 'type_of_violence', '4'),
      edit(edit(good, 'id', '4'), 'best', 'many'),
      edit(edit(good, 'id', '5'), 'date_end', '2015-02-01 00:00:00.000'),
      good,
      good,
    ].join('\n');
    const r = await parseUcdp(bad);
    expect(r.problems.map((p) => [p.line, p.column, p.severity, p.code])).toEqual([
      [2, 'id', 'error', 'missing-event-id'],
      [3, 'date_start', 'error', 'bad-date'],
      [4, 'longitude', 'error', 'bad-longitude'],
      [5, 'type_of_violence', 'error', 'bad-type-of-violence'],
      [6, 'best', 'warning', 'bad-count'],
      [7, 'date_end', 'warning', 'dates-reversed'],
      [9, 'id', 'warning', 'repeated-row'],
    ]);
    expect(r.events.map((e) => e.sourceEventId)).toEqual(['4', '5', '900001']);
    expect(r.events[1]!.date).toMatchObject({ start: '2015-02-01', end: '2015-03-01' });
  });

  it('refuses a file that is not a GED export', async () => {
    const r = await parseUcdp('event_id_cnty,event_date\nX1,2020-01-01\n');
    expect(r.events).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'id', 'missing-column'],
      [1, 'type_of_violence', 'missing-column'],
      [1, 'date_start', 'missing-column'],
      [1, 'date_end', 'missing-column'],
    ]);
  });
});

describe.skipIf(!existsSync(REAL))('UCDP GED, the real South Sudan file 2011-2021', () => {
  const text = existsSync(REAL) ? readFileSync(REAL, 'utf8') : '';

  /** A direct count of the CSV, independent of the importer: every record whose id is a number. */
  const naive = () => {
    const records = parseCsvSync(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    const events = records.filter((r) => /^\d+$/.test(r.id ?? ''));
    return {
      total: events.length,
      byYear: countBy(events, (r) => r.year!),
      byType: countBy(events, (r) => r.type_of_violence!),
      byYearAndType: countBy(events, (r) => `${r.year}/${r.type_of_violence}`),
      best: events.reduce((s, r) => s + Number(r.best), 0),
      civilians: events.reduce((s, r) => s + Number(r.deaths_civilians), 0),
    };
  };

  let parsed: Awaited<ReturnType<typeof parseUcdp>>;
  const get = async () => (parsed ??= await parseUcdp(text));

  it('reads 941 events and no error', async () => {
    const r = await get();
    expect(r.header?.hxl).toBe(true);
    expect(r.events).toHaveLength(941);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(new Set(r.events.map((e) => e.sourceEventId)).size).toBe(941);
  });

  it('counts by year and by type of violence equal a direct count of the CSV', async () => {
    const r = await get();
    const n = naive();
    expect(n.total).toBe(941);
    const by = (f: (e: UcdpEvent) => string) => countBy(r.events, f);
    expect(by((e) => String(e.year))).toEqual(n.byYear);
    expect(by((e) => String(e.typeOfViolence))).toEqual(n.byType);
    expect(by((e) => `${e.year}/${e.typeOfViolence}`)).toEqual(n.byYearAndType);
    expect(r.events.reduce((s, e) => s + (e.best ?? 0), 0)).toBe(n.best);
    expect(r.events.reduce((s, e) => s + (e.deathsCivilians ?? 0), 0)).toBe(n.civilians);
  });

  it('places every event on the physical line where its row starts, though many fields span lines', async () => {
    const r = await get();
    const lines = text.split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(943);
    for (const e of r.events) expect(lines[e.line - 1]!.startsWith(`${e.sourceEventId},`), e.sourceEventId).toBe(true);
  });

  it('keeps dates no more precise than UCDP gives them', async () => {
    const r = await get();
    for (const e of r.events) {
      expect(e.date.start <= e.date.end).toBe(true);
      expect(e.date.start.slice(0, 4)).toBe(String(e.year));
      if (e.datePrecision === 1) expect(e.date.precision).toBe('day');
    }
    const yearLong = r.events.find((e) => e.sourceEventId === '347835')!;
    expect(yearLong.date).toMatchObject({ value: '2016', precision: 'year', start: '2016-01-01', end: '2016-12-31' });
    expect(yearLong.perpetratorTypes).toEqual(['armed-group']);
  });

  it('maps one-sided violence by the government to state security forces and killing', async () => {
    const r = await get();
    const e = r.events.find((x) => x.sourceEventId === '29185')!;
    expect(e).toMatchObject({ typeOfViolence: 3, sideA: 'Government of Sudan', perpetratorTypes: ['state-security-forces'], actTypes: ['killing'], deathsCivilians: 3, date: { start: '2012-08-12', end: '2012-08-17', precision: 'week' } });
    expect(r.events.filter((x) => x.typeOfViolence === 3).every((x) => x.actTypes.length === 1)).toBe(true);
  });
});
