import { describe, expect, it } from 'vitest';
import { DEFAULT_SCREENING_CONFIG as C } from './config.ts';
import { ftmToWatchlistEntry, parseFtmLines } from './ftm.ts';
import { WatchlistIndex } from './matcher.ts';
import { toFieldProblems } from './problems.ts';

const LINES = [
  JSON.stringify({ id: 'NK-1', schema: 'Person', properties: { name: ['Bosco Ntaganda'], alias: ['Terminator'], weakAlias: ['Bosco'], birthDate: ['1973', 'around 1974'], nationality: ['cd', 'rw'], gender: ['male'], position: ['Deputy Chief of Staff, FARDC'], topics: ['sanction'] }, datasets: ['un_sc_sanctions'] }),
  '',
  JSON.stringify({ id: 'NK-2', schema: 'Organization', properties: { name: ['Allied Democratic Forces'], alias: ['ADF'] } }),
  '{"id": "NK-3", "schema": "Person", "properties": {"name": [',
  JSON.stringify({ id: 'NK-4', schema: 'Sanction', properties: { program: ['DRC'] } }),
  JSON.stringify({ id: 'NK-5', schema: 'Sanction', properties: { program: ['CAR'] } }),
  JSON.stringify({ schema: 'Person', properties: { name: ['No Id'] } }),
  JSON.stringify({ id: 'NK-7', schema: 'Person', properties: { firstName: ['Ali'], lastName: ['Darassa'] } }),
  JSON.stringify({ id: 'NK-8', schema: 'Person', properties: { birthDate: ['1970'] } }),
  JSON.stringify({ id: 'NK-9', schema: 'Person', properties: { name: ['Sultani Makenga', 42] } }),
].join('\n');

describe('FollowTheMoney JSON lines', () => {
  const r = parseFtmLines(LINES);

  it('keeps persons and organisations with their line numbers', () => {
    expect(r.entities.map((e) => [e.id, e.type, e.line])).toEqual([['NK-1', 'individual', 1], ['NK-2', 'entity', 3], ['NK-7', 'individual', 8], ['NK-9', 'individual', 10]]);
    expect(r.entities[0]).toMatchObject({ names: ['Bosco Ntaganda'], aliases: ['Terminator'], weakAliases: ['Bosco'], birthDates: ['1973'], nationalities: ['cd', 'rw'], gender: 'male', positions: ['Deputy Chief of Staff, FARDC'], topics: ['sanction'], datasets: ['un_sc_sanctions'] });
  });

  it('composes a name from its parts when there is no name property', () => {
    expect(r.entities.find((e) => e.id === 'NK-7')!.names).toEqual(['Ali Darassa']);
  });

  it('names the line of every problem', () => {
    const at = (line: number) => r.problems.filter((p) => p.line === line);
    expect(at(4)[0]).toMatchObject({ severity: 'error' });
    expect(at(4)[0]!.reason).toMatch(/not valid JSON/);
    expect(at(7)[0]).toMatchObject({ severity: 'error', element: 'id' });
    expect(at(9)[0]!.reason).toMatch(/no name/);
    expect(at(1)[0]).toMatchObject({ severity: 'warning', element: 'properties.birthDate' });
    expect(at(10)[0]).toMatchObject({ severity: 'warning', element: 'properties.name' });
    expect(at(5)[0]!.reason).toBe('2 Sanction entities skipped: only persons and organisations carry names to screen');
    expect(toFieldProblems(at(4))[0]!.field).toBe('line 4');
  });

  it('becomes a watchlist entry: weak aliases are low quality', () => {
    const e = ftmToWatchlistEntry(r.entities[0]!, 'opensanctions');
    expect(e).toEqual({
      list: 'opensanctions', id: 'NK-1', type: 'individual',
      names: [{ name: 'Bosco Ntaganda', quality: 'primary' }, { name: 'Terminator', quality: 'good' }, { name: 'Bosco', quality: 'low' }],
      birthDates: [{ type: 'exact', date: '1973' }], nationalities: ['cd', 'rw'], gender: 'male',
    });
    const index = WatchlistIndex.build(r.entities.map((x) => ftmToWatchlistEntry(x, 'os')), C);
    expect(index.screen({ name: 'NTAGANDA Bosco', nationality: 'RDC' })[0]).toMatchObject({ id: 'NK-1' });
  });

  it('accepts a Buffer, a BOM and Windows line ends', () => {
    const buf = Buffer.from('\uFEFF' + LINES.split('\n').slice(0, 3).join('\r\n'), 'utf8');
    expect(parseFtmLines(buf).entities.map((e) => e.id)).toEqual(['NK-1', 'NK-2']);
  });
});
