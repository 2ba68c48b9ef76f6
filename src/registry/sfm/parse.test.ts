import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intervalCoversDay } from '../../platform/dates.ts';
import { buildSfmXlsx } from '../../../test/fixtures/sfm/build-xlsx.ts';
import { parseSfmSheets, parseSfmWorkbook, type SfmParseResult, type SfmPosting, type SfmUnit } from './parse.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/sfm/', import.meta.url));
const dir = (v: 'workbook' | 'updated' | 'bad') => FIXTURES + v;

// fixture ids (see test/fixtures/sfm/README.md)
const UNIT = {
  mindef: '06c0ff33-425a-5223-80d9-48cab9a79b10',
  emg: '30237f30-3551-57a2-a9d6-1a9d841fb42b',
  rm1: 'a581c31c-51e0-5797-be73-c6af0a2735b9',
  rm2: 'afa5b512-d068-5af7-9617-eb292401641c',
  br1: '97158982-b872-5260-a18c-bf1083d21a05',
  br3: '8f4f4ae2-99b7-569f-abe0-fb15866b3d73',
  ph: '0bd6e787-12df-51ab-8e57-3df057e74556',
  bit1: '29f7b85d-01fd-5732-bccf-1bc1ea677d12',
  bit2: '46c1e818-5a9e-53f5-8d46-91e0b679da6f',
  bit4: 'b379ba91-47a2-5e2c-9805-cdd04291e5b8',
  jtf: '0db09904-a748-5565-ae6f-5f6d7297c2db',
  lgn: 'f783039e-9d3e-5032-bf6b-dfcaa7c6dbd8',
  dgpn: 'aa44eb7b-d5f7-5700-be17-02d9cd32dcb9',
  uslgb: 'c11a9875-4f07-5d98-b758-56c6ce45fc8b',
  xgEm: '45416c62-9466-5adf-b4d0-8dd7652b7e07',
  xgBm3: 'ad78c03e-3b0d-5cb8-b2d4-d8ea8862d214',
};
const LOCATION = {
  kessele: 'fe1e0699-8672-58a7-a3b0-aac3c9797473',
  mbeto: 'd9ee95fa-9608-5305-bdf1-d25e858aada9',
  spMbeto: '8f60760d-bd01-5a0f-ab05-71b4700bcf12',
  houali: 'b9e1ab66-8348-5a80-9997-4d9caffc6625',
  kpela: 'e1355ea0-a4d4-5361-9cad-fbe23f818ade',
};

let csv: SfmParseResult;
let xlsx: SfmParseResult;
const built: string[] = [];

async function both(v: 'workbook' | 'updated' | 'bad') {
  const path = await buildSfmXlsx(dir(v));
  built.push(dirname(path));
  return { csv: await parseSfmWorkbook(dir(v)), xlsx: await parseSfmWorkbook(path) };
}

beforeAll(async () => {
  ({ csv, xlsx } = await both('workbook'));
});
afterAll(async () => {
  for (const d of built) await rm(d, { recursive: true, force: true });
});

const unit = (r: SfmParseResult, id: string): SfmUnit => {
  const u = r.units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return u;
};
const personNamed = (r: SfmParseResult, name: string) => r.persons.find((p) => p.name === name)!;
const endOpen = (open: string | null) => open === 'ongoing';

/** Parents (child relations) of a unit on a day, widest reading. */
function parentsAt(r: SfmParseResult, unitId: string, day: string): string[] {
  return r.unitRelations
    .filter((x) => x.unitId === unitId && x.type === 'child' && intervalCoversDay(x.firstCited, x.lastCited, day, endOpen(x.lastCitedOpen)))
    .map((x) => x.relatedUnitId);
}
/** Walks up the hierarchy while there is exactly one parent. */
function chainAt(r: SfmParseResult, unitId: string, day: string): string[] {
  const chain = [unitId];
  for (let p = parentsAt(r, unitId, day); p.length === 1 && !chain.includes(p[0]!); p = parentsAt(r, p[0]!, day)) chain.push(p[0]!);
  return chain;
}
function commandersAt(r: SfmParseResult, unitId: string, day: string): string[] {
  return r.postings
    .filter((p) => p.unitId === unitId && p.role === 'Commander' && intervalCoversDay(p.firstCited, p.lastCited, day))
    .map((p) => r.persons.find((x) => x.id === p.personId)!.name);
}

describe('SFM research workbook: the reference fixture', () => {
  it('gives the same result from the CSV folder and from the built xlsx (dates, numbers, rich text)', async () => {
    expect(xlsx).toEqual(csv);
    for (const v of ['updated', 'bad'] as const) {
      const r = await both(v);
      expect(r.xlsx).toEqual(r.csv);
    }
  });

  it('reads the research sheets of both countries and ignores the notes sheet', () => {
    expect(csv.sheets.map((s) => `${s.name}:${s.kind}:${s.country}:${s.rows}`).sort()).toEqual([
      'xf_incidents:incidents:xf:5',
      'xf_locations:locations:xf:11',
      'xf_persons:persons:xf:18',
      'xf_persons_extra:persons_extra:xf:3',
      'xf_units:units:xf:23',
      'xg_units:units:xg:3',
    ]);
    expect(csv.ignoredSheets).toEqual(['notes']);
    expect(csv.problems).toEqual([]);
  });

  it('has the expected records', () => {
    expect(csv.units).toHaveLength(18);
    expect(csv.units.filter((u) => u.country === 'xg')).toHaveLength(2);
    expect(csv.unitRelations).toHaveLength(20);
    expect(csv.unitRelations.filter((r) => r.type === 'member')).toHaveLength(4);
    expect(csv.unitLocations).toHaveLength(16);
    expect(csv.persons).toHaveLength(15);
    expect(csv.postings).toHaveLength(17);
    expect(csv.incidents).toHaveLength(5);
    expect(csv.locations).toHaveLength(11);
    expect(csv.sources).toHaveLength(14);
  });

  it('merges the repeated rows of a unit and deduplicates a relation repeated on them', () => {
    const emg = unit(csv, UNIT.emg);
    expect(emg.where).toEqual({ sheet: 'xf_units', rows: [3, 4] });
    expect(emg.otherNames).toEqual(['EMG-FAK', 'EMG', 'Etat-major général']);
    const toMindef = csv.unitRelations.filter((r) => r.unitId === UNIT.emg);
    expect(toMindef).toHaveLength(1);
    expect(toMindef[0]).toMatchObject({ type: 'child', relatedUnitId: UNIT.mindef, relationClass: 'Command', where: { rows: [3, 4] } });
    expect(new Set(csv.unitRelations.map((r) => r.key)).size).toBe(csv.unitRelations.length);
  });

  it('builds a hierarchy of five levels, different before and after a change of parent', () => {
    expect(chainAt(csv, UNIT.bit1, '2016-06-01')).toEqual([UNIT.bit1, UNIT.br1, UNIT.rm1, UNIT.emg, UNIT.mindef]);
    expect(chainAt(csv, UNIT.bit2, '2017-06-01')).toEqual([UNIT.bit2, UNIT.br1, UNIT.rm1, UNIT.emg, UNIT.mindef]);
    expect(chainAt(csv, UNIT.bit2, '2019-06-01')).toEqual([UNIT.bit2, UNIT.br3, UNIT.rm2, UNIT.emg, UNIT.mindef]);
    expect(chainAt(csv, UNIT.xgBm3, '2019-06-01')).toEqual([UNIT.xgBm3, UNIT.xgEm]);
  });

  it('records the change of parent at a known date with its flags', () => {
    const rels = csv.unitRelations.filter((r) => r.unitId === UNIT.bit2).sort((a, b) => (a.firstCited! < b.firstCited! ? -1 : 1));
    expect(rels.map((r) => [r.relatedUnitId, r.firstCited, r.firstCitedIsStart, r.lastCited, r.lastCitedOpen])).toEqual([
      [UNIT.br1, '2015', false, '2018-06-30', 'exact_end'],
      [UNIT.br3, '2018-07-01', true, '2023-08', 'ongoing'],
    ]);
  });

  it('marks the placeholder that bridges a gap, and keeps it out of postings', () => {
    const ph = unit(csv, UNIT.ph);
    expect(ph.placeholder).toBe(true);
    expect(ph.classifications).toEqual(['Placeholder', 'Military', 'Army']);
    expect(ph.lastCitedOpen).toBe('ended');
    expect(ph.notes[0]).toMatch(/parent direct du 4e BIT/);
    expect(chainAt(csv, UNIT.bit4, '2019-06-01')).toEqual([UNIT.bit4, UNIT.ph, UNIT.rm2, UNIT.emg, UNIT.mindef]);
    expect(csv.postings.some((p) => p.unitId === UNIT.ph)).toBe(false);
    expect(csv.units.filter((u) => u.placeholder)).toHaveLength(1);
  });

  it('keeps joint task force membership apart from command', () => {
    const jtf = unit(csv, UNIT.jtf);
    expect(jtf.classifications).toEqual(['Joint Task Force', 'Military', 'Army']);
    expect([jtf.firstCited, jtf.firstCitedIsFounding, jtf.lastCited, jtf.lastCitedOpen]).toEqual(['2019-02-10', true, '2021-06-30', 'exact_end']);
    const members = csv.unitRelations.filter((r) => r.relatedUnitId === UNIT.jtf && r.type === 'member').map((r) => r.unitId);
    expect(members.sort()).toEqual([UNIT.bit1, UNIT.bit4, UNIT.lgn, UNIT.xgBm3].sort());
    expect(csv.unitRelations.filter((r) => r.relatedUnitId === UNIT.jtf && r.type === 'child')).toEqual([]);
    // a member keeps its own parent during the membership
    expect(parentsAt(csv, UNIT.bit1, '2019-06-01')).toEqual([UNIT.br1]);
    expect(parentsAt(csv, UNIT.jtf, '2019-06-01')).toEqual([UNIT.emg]);
  });

  it('keeps each date at the precision it was given, whatever the form', () => {
    expect(unit(csv, UNIT.mindef).firstCited).toBe('2005'); // year only
    expect(unit(csv, UNIT.emg).firstCited).toBe('2005-03'); // main and split columns
    expect(unit(csv, UNIT.rm1).firstCited).toBe('2012-01-15'); // split columns only
    expect(unit(csv, UNIT.rm1).firstCitedIsFounding).toBe(true);
    expect(unit(csv, UNIT.rm2).firstCited).toBe('2012-01-15'); // ISO timestamp
    expect(unit(csv, UNIT.rm2).lastCited).toBe('2023-10'); // split year-month
    expect(unit(csv, UNIT.bit4).firstCited).toBe('2016-08');
    expect(unit(csv, UNIT.bit4).lastCitedOpen).toBe('ended');
    const mboyo = csv.postings.find((p) => p.personId === personNamed(csv, 'Alain Mboyo').id)!;
    expect([mboyo.firstCited, mboyo.lastCited]).toEqual(['2017-03-15', '2022-05']);
    const i3 = csv.incidents.find((i) => i.startDate === '2015')!;
    expect([i3.startDate, i3.endDate, i3.pubDate]).toEqual(['2015', '2016', '2016-09-30']);
  });

  it('reads unit sites and areas of operations with the location id from the label', () => {
    const bit1 = csv.unitLocations.filter((l) => l.unitId === UNIT.bit1);
    expect(bit1.map((l) => [l.type, l.baseName, l.locationId, l.firstCited, l.lastCitedOpen])).toEqual([
      ['site', 'Camp du 1er BIT', LOCATION.mbeto, '2014-09', 'ongoing'],
      ['aoo', null, LOCATION.spMbeto, '2015', 'ongoing'],
    ]);
    expect(bit1[0]!.locationLabel).toBe(`Mbéto (osm, point) ${LOCATION.mbeto}`);
    const jtfArea = csv.unitLocations.find((l) => l.unitId === UNIT.jtf)!;
    expect(jtfArea).toMatchObject({ type: 'aoo', locationId: LOCATION.houali, firstCited: '2019-02-10', firstCitedIsFounding: true, lastCited: '2021-06-30', lastCitedOpen: 'exact_end' });
    const rm1Area = csv.unitLocations.find((l) => l.unitId === UNIT.rm1 && l.type === 'aoo')!;
    expect(rm1Area.firstCitedIsFounding).toBe(true);
    expect(csv.unitLocations.filter((l) => l.locationId === LOCATION.kessele).map((l) => unit(csv, l.unitId).name).sort()).toEqual([
      '1re Brigade d\'Infanterie',
      '1re Région militaire',
      'Direction générale de la Police nationale',
      'Unité spéciale de lutte contre le grand banditisme',
      'État-major général des Forces armées kamboréennes',
    ]);
  });

  it('keeps ranks as written, with one key per rank however it is spelt', () => {
    const rankOf = (name: string, unitId: string) => {
      const p = csv.postings.find((x) => x.personId === personNamed(csv, name).id && x.unitId === unitId)!;
      return [p.rank, p.rankKey];
    };
    expect(rankOf('Théodore Ngassa', UNIT.rm1)).toEqual(['Colonel-Major', 'colonel major']);
    expect(rankOf('Édouard Sambiri', UNIT.rm2)).toEqual(['Colonel Major', 'colonel major']);
    expect(rankOf('Octave Djimbé', UNIT.rm2)).toEqual(['Colonel-major', 'colonel major']);
    expect(rankOf('Aristide Mbalanga', UNIT.emg)).toEqual(['Général de Brigade', 'general de brigade']);
    expect(rankOf('Octave Djimbé', UNIT.jtf)).toEqual(['Général de brigade', 'general de brigade']);
    expect(rankOf('Roger Ndolo', UNIT.bit1)).toEqual(['Lieutenant-Colonel', 'lieutenant colonel']);
    expect(rankOf('Alain Mboyo', UNIT.bit1)).toEqual(['Lieutenant Colonel', 'lieutenant colonel']);
    expect(rankOf('Blaise Tambalo', UNIT.bit4)).toEqual(['lieutenant-colonel', 'lieutenant colonel']);
    expect(rankOf('Paul Yango', UNIT.bit4)).toEqual(['sous-lieutenant', 'sous lieutenant']);
    expect(rankOf('Martin Gbado', UNIT.bit2)).toEqual(['Adjudant-chef', 'adjudant chef']);
    expect(new Set(csv.postings.map((p) => p.rankKey))).toEqual(
      new Set(['general de brigade', 'colonel major', 'colonel', 'lieutenant colonel', 'commandant', 'sous lieutenant', 'adjudant chef', 'commissaire divisionnaire', 'controleur general de police']),
    );
  });

  it('records the change of commander in the 1er BIT at a known date', () => {
    expect(commandersAt(csv, UNIT.bit1, '2016-06-01')).toEqual(['Roger Ndolo']);
    expect(commandersAt(csv, UNIT.bit1, '2018-01-01')).toEqual(['Alain Mboyo']);
    const bit1: SfmPosting[] = csv.postings.filter((p) => p.unitId === UNIT.bit1 && p.role === 'Commander');
    expect(bit1.map((p) => [p.firstCited, p.firstCitedIsStart, p.lastCited, p.lastCitedIsEnd])).toEqual([
      ['2014-09', false, '2017-03-15', true],
      ['2017-03-15', true, '2022-05', false],
    ]);
  });

  it('gives the commanders along the chain at several dates', () => {
    const table = (day: string) => [UNIT.bit1, UNIT.bit2, UNIT.br1, UNIT.br3, UNIT.rm1, UNIT.rm2].map((u) => commandersAt(csv, u, day).join());
    expect(table('2016-06-01')).toEqual(['Roger Ndolo', 'Hervé Kpanou', 'Justin Kossi', 'Firmin Gounda', 'Théodore Ngassa', '']);
    expect(table('2019-06-01')).toEqual(['Alain Mboyo', 'Hervé Kpanou', 'Justin Kossi', 'Firmin Gounda', 'Théodore Ngassa', 'Édouard Sambiri']);
    expect(table('2021-01-01')).toEqual(['Alain Mboyo', '', '', 'Firmin Gounda', '', 'Édouard Sambiri']);
    expect(commandersAt(csv, UNIT.jtf, '2019-06-01')).toEqual(['Octave Djimbé']);
  });

  it('follows a police chief removed from a unit and later made national chief of police', () => {
    const zanga = personNamed(csv, 'Victor Zanga-Mobi');
    expect(zanga.otherNames).toEqual(['Victor Zanga Mobi', 'Zanga-Mobi']);
    const posts = csv.postings.filter((p) => p.personId === zanga.id);
    expect(posts.map((p) => [p.unitId, p.title, p.rank, p.firstCited, p.firstCitedIsStart, p.lastCited, p.lastCitedIsEnd])).toEqual([
      [UNIT.uslgb, "Directeur de l'USLGB", 'Commissaire divisionnaire', '2014-03', false, '2016-07-22', true],
      [UNIT.dgpn, 'Directeur général de la Police nationale', 'Contrôleur général de police', '2018-09-20', true, '2023-10', false],
    ]);
    expect(commandersAt(csv, UNIT.uslgb, '2017-06-01')).toEqual([]);
    expect(commandersAt(csv, UNIT.dgpn, '2019-01-01')).toEqual(['Victor Zanga-Mobi']);
    expect(zanga.extra).toMatchObject({ gender: 'Male', dateOfBirth: '1968', deceased: false });
  });

  it('merges person rows, including a row without posting', () => {
    const m = personNamed(csv, 'Aristide Mbalanga');
    expect(m.where.rows).toHaveLength(2);
    expect(m.otherNames).toEqual(['Mbalanga Aristide', 'Général Mbalanga', 'Général Aristide Mbalanga']);
    expect(m.country).toBe('xf');
    expect(m.extra?.dateOfBirth).toBe('1961-04');
    expect(csv.postings.filter((p) => p.personId === m.id)).toHaveLength(1);
    expect(personNamed(csv, 'Octave Djimbé').extra?.externalLinkDescription).toMatch(/Biographie officielle/);
  });

  it('reads incidents with their perpetrator units and persons', () => {
    const i1 = csv.incidents.find((i) => i.startDate === '2017-02')!;
    expect(i1).toMatchObject({
      endDate: '2017-02',
      pubDate: '2017-04-03',
      locationId: LOCATION.kpela,
      violationTypes: ['Meurtre', 'exécutions sommaires'],
      perpetratorUnits: [{ id: UNIT.bit1, name: "1er Bataillon d'Infanterie Territoriale" }],
      perpetratorPersons: [{ id: personNamed(csv, 'Roger Ndolo').id, name: 'Roger Ndolo' }],
      perpetratorClassifications: ['Military', 'Army'],
    });
    expect(i1.sources).toHaveLength(2);
    expect(i1.description).toMatch(/1er BIT/);
    const byUnit = (id: string) => csv.incidents.filter((i) => i.perpetratorUnits.some((u) => u.id === id)).length;
    expect([byUnit(UNIT.bit1), byUnit(UNIT.bit4), byUnit(UNIT.bit2), byUnit(UNIT.uslgb)]).toEqual([1, 1, 1, 1]);
    const branchOnly = csv.incidents.find((i) => i.perpetratorUnits.length === 0)!;
    expect(branchOnly).toMatchObject({ startDate: '2018-11', endDate: null, perpetratorClassifications: ['Military'], perpetratorPersons: [] });
  });

  it('reads the locations sheet', () => {
    const kpela = csv.locations.find((l) => l.id === LOCATION.kpela)!;
    expect(kpela).toMatchObject({ name: 'Kpéla', geoType: 'point', origin: 'osm', osmId: '9100001006', adminLevel: null, country: 'xf' });
    expect(kpela.adminLevels).toEqual([
      { level: 2, name: 'République du Kamboré' },
      { level: 4, name: 'Préfecture de la Mbali' },
      { level: 6, name: 'Sous-préfecture de Mbéto' },
      { level: 8, name: 'Commune de Kpéla' },
    ]);
    expect(csv.locations.find((l) => l.id === LOCATION.houali)).toMatchObject({ geoType: 'poly', adminLevel: '4' });
    // every location a unit or incident points to is in the sheet
    const known = new Set(csv.locations.map((l) => l.id));
    expect([...csv.unitLocations, ...csv.incidents].every((x) => 'locationId' in x && known.has(x.locationId!))).toBe(true);
  });

  it('keeps sources and confidence per value', () => {
    const bit4 = unit(csv, UNIT.bit4);
    expect(bit4.evidence.name.confidence).toBe('medium');
    expect(bit4.evidence.name.sources).toHaveLength(2);
    expect(bit4.evidence.country).toMatchObject({ confidence: 'high' });
    const phRel = csv.unitRelations.find((r) => r.unitId === UNIT.ph)!;
    expect(phRel.confidence).toBe('low');
    expect(phRel.sources.length).toBeGreaterThan(0);
    const everySource = new Set([
      ...csv.units.flatMap((u) => Object.values(u.evidence).flatMap((e) => e.sources)),
      ...csv.unitRelations.flatMap((r) => r.sources),
      ...csv.postings.flatMap((p) => p.sources),
      ...csv.incidents.flatMap((i) => i.sources),
    ]);
    expect([...everySource].every((s) => csv.sources.includes(s))).toBe(true);
  });
});

describe('SFM research workbook: the updated version, for re-import', () => {
  let upd: SfmParseResult;
  beforeAll(async () => {
    upd = await parseSfmWorkbook(dir('updated'));
  });

  it('keeps every id and natural key, and adds only what is new', () => {
    expect(upd.problems).toEqual([]);
    expect(upd.units.map((u) => u.id)).toEqual(csv.units.map((u) => u.id));
    expect(upd.unitRelations.map((r) => r.key)).toEqual(csv.unitRelations.map((r) => r.key));
    expect(upd.unitLocations.map((r) => r.key)).toEqual(csv.unitLocations.map((r) => r.key));
    const oldKeys = new Set(csv.postings.map((p) => p.key));
    const added = upd.postings.filter((p) => !oldKeys.has(p.key));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ unitId: UNIT.br1, role: 'Commander', rank: 'Colonel', firstCited: '2022-06-01', firstCitedIsStart: true });
    expect(added[0]!.personId).toBe(personNamed(csv, 'Alain Mboyo').id);
    const newIncidents = upd.incidents.filter((i) => !csv.incidents.some((o) => o.id === i.id));
    expect(newIncidents.map((i) => [i.id, i.startDate, i.perpetratorUnits[0]?.id])).toEqual([['e6644e24-1e47-528b-942a-ea973145259a', '2022-01-15', UNIT.br3]]);
  });

  it('shows the renamed unit and the edited posting under their old keys', () => {
    const dgpn = unit(upd, UNIT.dgpn);
    expect(dgpn.name).toBe('Direction générale de la Police nationale et de la Sécurité intérieure');
    expect(dgpn.otherNames).toContain('Direction générale de la Police nationale');
    const before = csv.postings.find((p) => p.unitId === UNIT.bit1 && p.firstCited === '2017-03-15')!;
    const after = upd.postings.find((p) => p.key === before.key)!;
    expect([before.lastCited, before.lastCitedIsEnd]).toEqual(['2022-05', false]);
    expect([after.lastCited, after.lastCitedIsEnd]).toEqual(['2022-05-31', true]);
    const changed = upd.units.filter((u) => JSON.stringify(u) !== JSON.stringify(unit(csv, u.id))).map((u) => u.id);
    expect(changed).toEqual([UNIT.dgpn]);
  });
});

describe('SFM research workbook: the copy with errors', () => {
  let bad: SfmParseResult;
  beforeAll(async () => {
    bad = await parseSfmWorkbook(dir('bad'));
  });

  it('lists each problem with its sheet, row and column', () => {
    expect(bad.problems.map((p) => [p.sheet, p.row, p.column, p.code, p.severity])).toEqual([
      ['xf_incidents', 3, 'incident:location', 'location.unknown', 'warning'],
      ['xf_incidents', 3, 'incident:perpetrator_unit_id:admin', 'incident.placeholder_unit', 'error'],
      ['xf_incidents', 5, 'incident:start_date', 'date.unparseable', 'error'],
      ['xf_locations', 12, 'location:id:admin', 'location.missing_id', 'error'],
      ['xf_persons', 10, 'person:posting_unit_id:admin', 'posting.unknown_unit', 'error'],
      ['xf_persons', 13, 'person:posting_unit_id:admin', 'posting.placeholder_unit', 'error'],
      ['xf_units', 9, 'unit:related_unit_last_cited_date', 'date.range_reversed', 'warning'],
      ['xf_units', 10, 'unit:name:confidence', 'confidence.invalid', 'error'],
      ['xf_units', 15, 'unit:name', 'unit.conflict', 'warning'],
      ['xf_units', 16, 'unit:first_cited_date', 'date.unparseable', 'error'],
      ['xf_units', 18, 'unit:last_cited_date_open', 'flag.invalid', 'error'],
      ['xf_units', 21, 'unit:related_unit_id:admin', 'relation.unknown_unit', 'error'],
      ['xf_units', 23, 'unit:id:admin', 'unit.missing_id', 'error'],
    ]);
    expect(bad.problems.find((p) => p.code === 'date.unparseable' && p.sheet === 'xf_units')!.message).toContain('2016-13');
    expect(bad.problems.find((p) => p.code === 'relation.unknown_unit')!.message).toContain('Force conjointe régionale');
  });

  it('leaves out what could not be read and keeps the rest', () => {
    expect(bad.units).toHaveLength(18);
    expect(bad.units.some((u) => u.name === 'Garde présidentielle')).toBe(false);
    expect(unit(bad, UNIT.bit2).name).toBe("2e Bataillon d'Infanterie Territoriale");
    expect(unit(bad, UNIT.bit4).firstCited).toBe('2016-08'); // from its other row
    expect(unit(bad, UNIT.jtf).lastCitedOpen).toBeNull();
    expect(unit(bad, UNIT.br3).evidence.name.confidence).toBeNull();
    expect(bad.unitRelations.some((r) => r.unitId === UNIT.lgn && r.type === 'member')).toBe(false);
    expect(bad.unitRelations).toHaveLength(19);
    expect(bad.postings).toHaveLength(15);
    expect(bad.postings.some((p) => p.unitId === UNIT.ph)).toBe(false);
    const i2 = bad.incidents.find((i) => i.startDate === '2019-05-12')!;
    expect(i2.perpetratorUnits).toEqual([]);
    expect(bad.incidents.find((i) => i.pubDate === '2020-08-10')!.startDate).toBeNull();
    expect(bad.locations).toHaveLength(10);
  });
});

describe('parseSfmSheets on rows as a spreadsheet reader hands them over', () => {
  const A = 'a0000000-0000-4000-8000-00000000000a';
  const B = 'b0000000-0000-4000-8000-00000000000b';
  const C = 'c0000000-0000-4000-8000-00000000000c';
  const P = 'd0000000-0000-4000-8000-00000000000d';

  it('accepts numbers, Dates and rich text, odd header spacing, and keeps row numbers across empty rows', () => {
    const r = parseSfmSheets([
      { name: 'Scratch', rows: [{ x: 1 }] },
      {
        name: 'ML_Units',
        rows: [
          { ' Unit:ID:Admin ': A, 'unit:name': { richText: [{ text: '1' }, { text: 'er' }, { text: ' Bataillon' }] }, 'unit:classification': 'Military', 'unit:first_cited_date': new Date(Date.UTC(2015, 2, 1)), 'unit:first_cited_date_year': 2015, 'unit:first_cited_date_month': 3, 'unit:last_cited_date_year': 2019 },
          {},
          { 'unit:id:admin': B, 'unit:name': 'Région', 'unit:first_cited_date': 'vers 2010' },
          { 'unit:id:admin': A, 'unit:relation_type': 'child', 'unit:related_unit': 'Région' },
        ],
      },
    ]);
    expect(r.ignoredSheets).toEqual(['Scratch']);
    expect(r.sheets).toEqual([{ name: 'ML_Units', kind: 'units', country: 'ml', rows: 3 }]);
    expect(r.units[0]).toMatchObject({ id: A, name: '1er Bataillon', firstCited: '2015-03', lastCited: '2019', where: { sheet: 'ML_Units', rows: [2, 5] } });
    expect(r.unitRelations).toMatchObject([{ unitId: A, relatedUnitId: B, type: 'child' }]);
    expect(r.problems.map((p) => [p.row, p.column, p.code, p.severity])).toEqual([
      [4, 'unit:first_cited_date', 'date.unparseable', 'error'],
      [5, 'unit:related_unit_id:admin', 'relation.resolved_by_name', 'warning'],
    ]);
  });

  it('reports a sheet without its id column once, and relations without a type', () => {
    const r = parseSfmSheets([
      { name: 'ml_persons', rows: [{ 'person:name': 'X' }] },
      { name: 'ml_units', rows: [{ 'unit:id:admin': A, 'unit:name': 'A' }, { 'unit:id:admin': C, 'unit:name': 'C', 'unit:related_unit_id:admin': A, 'unit:base_name': 'Camp X', 'unit:location': 'Gao' }] },
    ]);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.code])).toEqual([
      ['ml_persons', 1, 'person:id:admin', 'sheet.missing_column'],
      ['ml_units', 3, 'unit:relation_type', 'relation.missing_type'],
      ['ml_units', 3, 'unit:location_type', 'location.missing_type'],
      ['ml_units', 3, 'unit:location', 'location.label_without_id'],
    ]);
    expect(r.unitRelations).toMatchObject([{ unitId: C, relatedUnitId: A, type: 'child' }]);
    expect(r.unitLocations).toMatchObject([{ unitId: C, type: 'site', baseName: 'Camp X', locationLabel: 'Gao', locationId: null }]);
  });

  it('treats rows holding only bookkeeping as empty, and reports a workbook without research sheets', () => {
    const r = parseSfmSheets([{ name: 'ml_units', rows: [{ 'unit:id:admin': A, 'unit:name': 'A' }, { 'unit:status:admin': 3, 'unit:owner:admin': 'TW' }] }]);
    expect(r.problems).toEqual([]);
    expect(r.sheets[0]!.rows).toBe(1);
    expect(parseSfmSheets([{ name: 'notes', rows: [] }]).problems).toMatchObject([{ sheet: '', row: 0, code: 'workbook.no_research_sheets', severity: 'error' }]);
  });

  it('pairs several perpetrators of one incident and merges a repeated incident row', () => {
    const r = parseSfmSheets([
      { name: 'ml_units', rows: [{ 'unit:id:admin': A, 'unit:name': 'Bataillon A' }, { 'unit:id:admin': B, 'unit:name': 'Bataillon B' }] },
      { name: 'ml_persons', rows: [{ 'person:id:admin': P, 'person:name': 'Jean Dupont', 'person:posting_unit_id:admin': A, 'person:posting_role': 'Commander' }] },
      {
        name: 'ml_incidents',
        rows: [
          { 'incident:id:admin': C, 'incident:start_date': '2020-05', 'incident:perpetrator_unit_id:admin': `${A};${B}`, 'incident:perpetrator_unit_name': 'Bataillon A;Bataillon B', 'incident:all:source': 'S1' },
          { 'incident:id:admin': C, 'incident:start_date': '2020-05', 'incident:perpetrator_person_name': 'Jean Dupont', 'incident:all:source': 'S2' },
        ],
      },
    ]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]).toMatchObject({
      startDate: '2020-05',
      perpetratorUnits: [{ id: A, name: 'Bataillon A' }, { id: B, name: 'Bataillon B' }],
      perpetratorPersons: [{ id: P, name: 'Jean Dupont' }],
      sources: ['S1', 'S2'],
      where: { rows: [2, 3] },
    });
    expect(r.problems.map((p) => p.code)).toEqual(['incident.resolved_by_name']);
    expect(r.postings).toMatchObject([{ personId: P, unitId: A, role: 'Commander', key: `${P}|${A}|commander|` }]);
  });
});
