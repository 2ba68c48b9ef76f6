import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { verifyAudit } from '../../src/platform/audit/audit.ts';
import type { Db } from '../../src/platform/db/types.ts';
import { context, recordRevisions } from '../../src/platform/store.ts';
import { exportCsvTable, exportPopolo, writeExport } from '../../src/registry/export.ts';
import { importSfm, importSfmFile } from '../../src/registry/import-sfm.ts';
import { parseSfmSheets } from '../../src/registry/sfm/parse.ts';
import { readSfmSheets } from '../../src/registry/sfm/read.ts';
import { chainOfCommand, commandersAt, listRegistry, listSfmIncidents, markSfmIncidentTaken, personDossier, postingsOfPerson, searchActors, subordinateTree, unitDossier, unitsInArea, type Unit } from '../../src/registry/service.ts';
import { buildSfmXlsx } from '../fixtures/sfm/build-xlsx.ts';
import { forEachEngine } from '../helpers/engines.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/sfm/', import.meta.url));
const fixture = (v: 'workbook' | 'updated' | 'bad') => join(FIXTURES, v);

// SFM ids of the fixture (test/fixtures/sfm/README.md)
const SFM = {
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
  xgBm3: 'ad78c03e-3b0d-5cb8-b2d4-d8ea8862d214',
  zanga: '148ddf50-6903-5c8a-a8d2-f2fe1e82d252',
  djimbe: 'ae102b25-9099-5e2b-9e45-8c1ebdc80acb',
  mboyo: 'cf814c70-a547-5c6a-9451-c3a6486de594',
};

const COUNTS = { units: 18, persons: 15, postings: 17, relations: 20, locations: 11, incidents: 5 };

const sys = (db: Db) => context(db, systemActor('importer'));
const viewer = (db: Db) => context(db, actorFor({ id: crypto.randomUUID(), username: 'viewer', roles: ['viewer'] }, DEFAULT_ROLE_POLICY));
const auditCount = async (db: Db) => Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n);
const tableCount = async (db: Db, table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);

async function unitBySfm(db: Db, sfm: string): Promise<Unit> {
  const [u] = (await listRegistry(sys(db), 'unit', { sfm })) as unknown as Unit[];
  if (!u) throw new Error(`no unit ${sfm}`);
  return u;
}

const temp: string[] = [];
afterAll(async () => {
  for (const d of temp) await rm(d, { recursive: true, force: true });
});

/** The README's table: who commanded each unit on each date (role Commander, plus the chief of general staff). */
const COMMANDERS: Record<string, Record<string, string[]>> = {
  '2016-06-01': { bit1: ['Roger Ndolo'], bit2: ['Hervé Kpanou'], bit4: [], br1: ['Justin Kossi'], br3: ['Firmin Gounda'], rm1: ['Théodore Ngassa'], rm2: [], emg: ['Aristide Mbalanga'] },
  '2017-06-01': { bit1: ['Alain Mboyo'], bit2: ['Hervé Kpanou'], bit4: ['Blaise Tambalo'], br1: ['Justin Kossi'], br3: ['Firmin Gounda'], rm1: ['Théodore Ngassa'], rm2: ['Édouard Sambiri'], emg: ['Aristide Mbalanga'] },
  '2019-06-01': { bit1: ['Alain Mboyo'], bit2: ['Hervé Kpanou'], bit4: ['Blaise Tambalo'], br1: ['Justin Kossi'], br3: ['Firmin Gounda'], rm1: ['Théodore Ngassa'], rm2: ['Édouard Sambiri'], emg: ['Aristide Mbalanga'] },
  '2021-01-01': { bit1: ['Alain Mboyo'], bit2: [], bit4: [], br1: [], br3: ['Firmin Gounda'], rm1: [], rm2: ['Édouard Sambiri'], emg: ['Aristide Mbalanga'] },
};

const chainNames = async (db: Db, unit: keyof typeof SFM, at: string) => (await chainOfCommand(viewer(db), (await unitBySfm(db, SFM[unit])).id, at)).levels.map((l) => l.unit.name);

forEachEngine('SFM import: a workbook with errors commits nothing unless --partial', (db) => {
  it('reports problems by sheet, row and column and leaves the database untouched', async () => {
    const before = await auditCount(db());
    const r = await importSfmFile(sys(db()), fixture('bad'));
    expect(r.committed).toBe(false);
    expect({ units: r.units, persons: r.persons, postings: r.postings }).toEqual({ units: 0, persons: 0, postings: 0 });
    const where = (sheet: string, row: number, column: string) => r.problems.find((p) => p.sheet === sheet && p.row === row && p.column === column);
    expect(where('xf_units', 16, 'unit:first_cited_date')?.severity).toBe('error');
    expect(where('xf_units', 18, 'unit:last_cited_date_open')?.severity).toBe('error');
    expect(where('xf_units', 21, 'unit:related_unit_id:admin')?.severity).toBe('error');
    expect(where('xf_persons', 13, 'person:posting_unit_id:admin')?.message).toMatch(/Placeholder/);
    expect(where('xf_incidents', 3, 'incident:perpetrator_unit_id:admin')?.severity).toBe('error');
    expect(where('xf_units', 9, 'unit:related_unit_last_cited_date')?.severity).toBe('warning');
    for (const p of r.problems) expect(Object.keys(p).sort()).toEqual(['code', 'column', 'message', 'row', 'severity', 'sheet']);
    expect(await auditCount(db())).toBe(before);
    expect(await tableCount(db(), 'registry_units')).toBe(0);
    expect(await tableCount(db(), 'registry_sources')).toBe(0);
  });

  it('with partial, imports what can be read, keeping placeholders postless and unattributed', async () => {
    const r = await importSfmFile(sys(db()), fixture('bad'), { partial: true });
    expect(r.committed).toBe(true);
    expect(r.units).toBeGreaterThan(10);
    expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
    const ph = await unitBySfm(db(), SFM.ph);
    expect(ph.placeholder).toBe(true);
    expect(await tableCount(db(), 'registry_postings')).toBe(r.postings);
    expect((await db().query('SELECT count(*)::int AS n FROM registry_postings WHERE unit_id = $1', [ph.id])).rows[0]!.n).toBe(0);
    const incidents = await listSfmIncidents(sys(db()));
    expect(JSON.stringify(incidents.map((i) => i.perpetrator_units))).not.toContain(SFM.ph);
    expect((await verifyAudit(db())).ok).toBe(true);
  });
});

forEachEngine('SFM import of the fixture workbook: counts, chains of command at several dates, re-import, update, round trip', (db) => {
  it('imports the CSV folder with the expected counts and no problems', async () => {
    const r = await importSfmFile(sys(db()), fixture('workbook'));
    expect(r.committed).toBe(true);
    expect({ units: r.units, persons: r.persons, postings: r.postings, relations: r.relations, locations: r.locations, incidents: r.incidents }).toEqual(COUNTS);
    expect(r.problems).toEqual([]);
    const ph = await unitBySfm(db(), SFM.ph);
    expect(ph.placeholder).toBe(true);
    expect((await unitBySfm(db(), SFM.jtf)).kind).toBe('joint-operation');
    expect((await unitBySfm(db(), SFM.mindef)).kind).toBe('ministry');
    expect((await unitBySfm(db(), SFM.emg)).classifications).toEqual(['military', 'army']);
    expect((await unitBySfm(db(), SFM.emg)).external_ids).toEqual({ sfm: SFM.emg, sfm_scope: 'xf' });
  });

  it('answers who commanded each unit on each date of the fixture table', async () => {
    for (const [at, byUnit] of Object.entries(COMMANDERS)) {
      for (const [unit, expected] of Object.entries(byUnit)) {
        const got = (await commandersAt(viewer(db()), (await unitBySfm(db(), SFM[unit as keyof typeof SFM])).id, at)).map((c) => c.person.name).sort();
        expect(got, `${unit} on ${at}`).toEqual([...expected].sort());
      }
    }
  });

  it('walks the chain up to the top, across the change of parent of the 2e BIT on 1 July 2018', async () => {
    const bit1 = ["1er Bataillon d'Infanterie Territoriale", "1re Brigade d'Infanterie", '1re Région militaire', 'État-major général des Forces armées kamboréennes', 'Ministère de la Défense nationale et des Anciens Combattants'];
    expect(await chainNames(db(), 'bit1', '2019-06-01')).toEqual(bit1);
    expect(await chainNames(db(), 'bit2', '2017-06-01')).toEqual(["2e Bataillon d'Infanterie Territoriale", ...bit1.slice(1)]);
    expect(await chainNames(db(), 'bit2', '2018-06-30')).toEqual(["2e Bataillon d'Infanterie Territoriale", ...bit1.slice(1)]);
    const after = ["2e Bataillon d'Infanterie Territoriale", "3e Brigade d'Infanterie Motorisée", '2e Région militaire', 'État-major général des Forces armées kamboréennes', 'Ministère de la Défense nationale et des Anciens Combattants'];
    expect(await chainNames(db(), 'bit2', '2018-07-01')).toEqual(after);
    expect(await chainNames(db(), 'bit2', '2019-06-01')).toEqual(after);
    const chain = await chainOfCommand(viewer(db()), (await unitBySfm(db(), SFM.bit2)).id, '2019-06-01');
    expect(chain.levels.map((l) => l.commanders.map((c) => c.person.name))).toEqual([['Hervé Kpanou'], ['Firmin Gounda'], ['Édouard Sambiri'], ['Aristide Mbalanga'], []]);
    const k = chain.levels[0]!.commanders[0]!;
    expect(k).toMatchObject({ rank: 'Commandant', rank_code: 'major', role: 'Commander', role_kind: 'commander', command: 'head', start_date: '2015-05', end_date: '2019-07' });
    expect(k.sources.length).toBeGreaterThan(0);
    expect(k.sources[0]!.title).toMatch(/^SFM source /);
    expect(chain.levels[0]!.parent_link).toMatchObject({ relation_class: 'Command', start_date: '2018-07-01', start_exact: true, certain: true });
  });

  it('bridges the gap through the placeholder, shows joint task force membership, not command', async () => {
    const chain = await chainOfCommand(viewer(db()), (await unitBySfm(db(), SFM.bit4)).id, '2019-06-01');
    expect(chain.levels.map((l) => l.unit.name)).toEqual(["4e Bataillon d'Infanterie Territoriale", 'Brigade non identifiée (2e Région militaire)', '2e Région militaire', 'État-major général des Forces armées kamboréennes', 'Ministère de la Défense nationale et des Anciens Combattants']);
    expect(chain.levels[1]!.unit.placeholder).toBe(true);
    expect(chain.levels[1]!.commanders).toEqual([]);
    expect(chain.levels[0]!.member_of.map((m) => m.unit.name)).toEqual(['Force opérationnelle conjointe Tonnerre']);
    const jtf = await subordinateTree(viewer(db()), (await unitBySfm(db(), SFM.jtf)).id, '2019-06-01');
    expect(jtf.commanders.map((c) => c.person.name)).toEqual(['Octave Djimbé']);
    expect(jtf.children).toEqual([]);
    expect(jtf.members.map((m) => m.unit.name).sort()).toEqual(["1er Bataillon d'Infanterie Territoriale", "4e Bataillon d'Infanterie Territoriale", 'Bataillon Mixte 3', 'Légion de Gendarmerie du Nord']);
    expect(await chainNames(db(), 'jtf', '2019-06-01')).toEqual(['Force opérationnelle conjointe Tonnerre', 'État-major général des Forces armées kamboréennes', 'Ministère de la Défense nationale et des Anciens Combattants']);
    const emg = await subordinateTree(viewer(db()), (await unitBySfm(db(), SFM.emg)).id, '2019-06-01');
    expect(emg.children.map((c) => c.unit.name)).toEqual(['1re Région militaire', '2e Région militaire', 'Force opérationnelle conjointe Tonnerre']);
  });

  it('follows the police commander removed at the mission’s request to the head of the national police', async () => {
    const [zanga] = await listRegistry(sys(db()), 'person', { sfm: SFM.zanga });
    const career = await postingsOfPerson(viewer(db()), zanga!.id as string);
    expect(career.map((c) => [c.unit.name, c.rank, c.start_date, c.end_date, c.end_state])).toEqual([
      ['Unité spéciale de lutte contre le grand banditisme', 'Commissaire divisionnaire', '2014-03', '2016-07-22', 'exact'],
      ['Direction générale de la Police nationale', 'Contrôleur général de police', '2018-09-20', '2023-10', 'ended'],
    ]);
    const dossier = await personDossier(viewer(db()), zanga!.id as string);
    expect(dossier.person.birth_date).toBe('1968');
    expect(dossier.incidents.map((i) => i.violation_types)).toEqual([['Torture', 'Détention arbitraire']]);
    expect(dossier.incidents_under_command.map((i) => [i.unit.name, i.commanded_unit.name])).toEqual([['Unité spéciale de lutte contre le grand banditisme', 'Unité spéciale de lutte contre le grand banditisme']]);
    expect(dossier.sources.length).toBeGreaterThan(0);
    const unit = await unitDossier(viewer(db()), (await unitBySfm(db(), SFM.bit2)).id);
    expect(unit.parents.map((p) => p.unit.name)).toEqual(["1re Brigade d'Infanterie", "3e Brigade d'Infanterie Motorisée"]);
    expect(unit.postings.map((p) => p.person.name)).toEqual(['Hervé Kpanou', 'Martin Gbado']);
    expect(unit.incidents.length).toBe(1);
    expect(unit.locations.length).toBeGreaterThan(0);
    // Djimbé: chief of staff of a region (not its head), then commander of the joint task force
    const [djimbe] = await listRegistry(sys(db()), 'person', { sfm: SFM.djimbe });
    expect((await postingsOfPerson(viewer(db()), djimbe!.id as string)).map((c) => [c.role_kind, c.command])).toEqual([['chief-of-staff', 'none'], ['commander', 'head']]);
  });

  it('finds persons and units with French ranks, accents and word order', async () => {
    const hits = await searchActors(viewer(db()), 'Colonel-Major NGASSA Theodore');
    expect(hits[0]).toMatchObject({ type: 'person', name: 'Théodore Ngassa', score: 1 });
    expect((await searchActors(viewer(db()), 'gal mbalanga'))[0]!.name).toBe('Aristide Mbalanga');
    expect((await searchActors(viewer(db()), 'etat major general forces armees kamboreennes', { types: ['unit'] }))[0]!.name).toBe('État-major général des Forces armées kamboréennes');
    expect((await searchActors(viewer(db()), 'EMG', { types: ['unit'] }))[0]!.name).toBe('État-major général des Forces armées kamboréennes');
    const area = await unitsInArea(viewer(db()), 'Haute-Ouali', '2019-06-01');
    expect(area.units.map((u) => u.unit.name)).toContain('Force opérationnelle conjointe Tonnerre');
    expect(area.units.find((u) => u.unit.name === '2e Région militaire')!.commanders.map((c) => c.person.name)).toEqual(['Édouard Sambiri']);
  });

  it('re-importing the same workbook, from CSV or from the built .xlsx, changes nothing', async () => {
    const before = await auditCount(db());
    const again = await importSfmFile(sys(db()), fixture('workbook'));
    expect(again.changes).toMatchObject({ created: 0, updated: 0, retracted: 0 });
    expect({ units: again.units, persons: again.persons, postings: again.postings, relations: again.relations, locations: again.locations, incidents: again.incidents }).toEqual(COUNTS);
    const xlsx = await buildSfmXlsx(fixture('workbook'));
    temp.push(dirname(xlsx));
    const fromXlsx = await importSfmFile(sys(db()), xlsx);
    expect(fromXlsx.problems).toEqual([]);
    expect(fromXlsx.changes).toMatchObject({ created: 0, updated: 0, retracted: 0 });
    expect(await auditCount(db())).toBe(before);
  });

  it('exports round-trip: the SFM-layout export imports back without a change; Popolo and CSV carry the registry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pocdesk-sfm-export-'));
    temp.push(dir);
    const out = await writeExport(sys(db()), 'sfm', dir);
    expect(out.files.map((f) => f.split('/').pop()).sort()).toEqual(['xf_incidents.csv', 'xf_locations.csv', 'xf_persons.csv', 'xf_persons_extra.csv', 'xf_units.csv', 'xg_units.csv']);
    const before = await auditCount(db());
    const back = await importSfmFile(sys(db()), dir);
    expect(back.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect({ units: back.units, persons: back.persons, postings: back.postings, relations: back.relations, locations: back.locations, incidents: back.incidents }).toEqual(COUNTS);
    expect(back.changes).toMatchObject({ created: 0, updated: 0, retracted: 0 });
    expect(await auditCount(db())).toBe(before);

    const popolo = (await exportPopolo(sys(db()))) as any;
    expect(popolo.organizations.length).toBe(COUNTS.units);
    expect(popolo.persons.length).toBe(COUNTS.persons);
    expect(popolo.memberships.length).toBe(COUNTS.postings);
    expect(popolo.relations.length).toBe(COUNTS.relations);
    const z = popolo.persons.find((p: any) => p.name === 'Victor Zanga-Mobi');
    expect(z.identifiers).toEqual([{ scheme: 'sfm', identifier: SFM.zanga }]);
    expect(popolo.memberships.filter((m: any) => m.person_id === z.id).length).toBe(2);
    const csv = await exportCsvTable(sys(db()), 'postings');
    expect(csv[0]).toContain('rank');
    expect(csv.length).toBe(COUNTS.postings + 1);
  });

  it('an updated workbook applies its differences as revisions of the same records', async () => {
    const dgpn = await unitBySfm(db(), SFM.dgpn);
    const r = await importSfmFile(sys(db()), fixture('updated'));
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ units: 18, persons: 15, postings: 18, incidents: 6 });
    expect(r.changes.created).toBeGreaterThan(0);
    expect(r.changes.updated).toBe(2);
    const renamed = await unitBySfm(db(), SFM.dgpn);
    expect(renamed.id).toBe(dgpn.id);
    expect(renamed.name).toBe('Direction générale de la Police nationale et de la Sécurité intérieure');
    expect(renamed.other_names).toContain('Direction générale de la Police nationale');
    const revs = await recordRevisions(sys(db()), 'registry-unit', dgpn.id);
    expect(revs.map((x) => x.action)).toEqual(['create', 'update']);
    expect(revs[1]!.changed).toEqual(expect.arrayContaining(['name', 'other_names']));
    // Mboyo's bit1 posting now ends exactly on 2022-05-31; he commands br1 from 2022-06-01
    const bit1 = (await unitBySfm(db(), SFM.bit1)).id;
    const br1 = (await unitBySfm(db(), SFM.br1)).id;
    expect((await commandersAt(viewer(db()), bit1, '2022-05-31')).map((c) => c.person.name)).toEqual(['Alain Mboyo']);
    expect(await commandersAt(viewer(db()), bit1, '2022-06-01')).toEqual([]);
    expect((await commandersAt(viewer(db()), br1, '2022-06-01')).map((c) => [c.person.name, c.rank])).toEqual([['Alain Mboyo', 'Colonel']]);
    const [mboyo] = await listRegistry(sys(db()), 'person', { sfm: SFM.mboyo });
    expect((await postingsOfPerson(viewer(db()), mboyo!.id as string)).map((c) => c.unit.name)).toEqual(["1er Bataillon d'Infanterie Territoriale", "1re Brigade d'Infanterie"]);
    // the incidents domain takes a staged incident over; a re-import leaves that alone
    const staged = await listSfmIncidents(sys(db()));
    expect(staged.length).toBe(6);
    await markSfmIncidentTaken(sys(db()), staged[0]!.id, 'incidents', 'INC-0001');
    expect((await listSfmIncidents(sys(db()))).length).toBe(5);
    expect((await listSfmIncidents(sys(db()), { includeTaken: true })).find((i) => i.id === staged[0]!.id)).toMatchObject({ taken_by: 'incidents', taken_ref: 'INC-0001' });
    // and the same update again changes nothing
    const before = await auditCount(db());
    const again = await importSfmFile(sys(db()), fixture('updated'));
    expect(again.changes).toMatchObject({ created: 0, updated: 0, retracted: 0 });
    expect(await auditCount(db())).toBe(before);
    expect((await verifyAudit(db())).ok).toBe(true);
  });

  it('a corrected first date revises the posting instead of replacing it; a posting gone from the workbook is retracted', async () => {
    const sheets = await readSfmSheets(fixture('updated'));
    const persons = sheets.find((x) => x.name === 'xf_persons')!;
    const kpanou = persons.rows.find((r) => r['person:name'] === 'Hervé Kpanou')!;
    const [person] = await listRegistry(sys(db()), 'person', { sfm: kpanou['person:id:admin'] as string });
    const [before] = await listRegistry(sys(db()), 'posting', { personId: person!.id as string });
    kpanou['person:posting_first_cited_date'] = '2015-04';
    const r = await importSfm(sys(db()), parseSfmSheets(sheets));
    expect(r.changes).toMatchObject({ created: 0, updated: 1, retracted: 0 });
    const [after] = await listRegistry(sys(db()), 'posting', { personId: person!.id as string });
    expect(after!.id).toBe(before!.id);
    expect(after!.start_date).toBe('2015-04');
    const yango = persons.rows.findIndex((r) => r['person:name'] === 'Paul Yango');
    const yangoId = persons.rows[yango]!['person:id:admin'] as string;
    persons.rows.splice(yango, 1);
    const gone = await importSfm(sys(db()), parseSfmSheets(sheets));
    expect(gone.changes.retracted).toBe(2); // the person and the posting
    expect(gone.postings).toBe(17);
    expect(await listRegistry(sys(db()), 'person', { sfm: yangoId })).toEqual([]);
    // a workbook without the units sheet retracts no unit
    const personsOnly = await importSfm(sys(db()), parseSfmSheets(sheets.filter((x) => x.name === 'xf_persons')));
    expect(personsOnly.problems.filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
    expect(personsOnly.committed).toBe(false);
    const bit4 = (await unitBySfm(db(), SFM.bit4)).id;
    expect((await unitDossier(viewer(db()), bit4)).postings.map((p) => p.person.name)).toEqual(['Blaise Tambalo']);
  });
});

forEachEngine('SFM import of messy real-world rows', (db) => {
  it('takes split partial dates, repeated unit rows, unknown classifications, an exact end without date, and relation-less rows', async () => {
    const a = '11111111-1111-4111-8111-111111111111';
    const b = '22222222-2222-4222-8222-222222222222';
    const ph = '33333333-3333-4333-8333-333333333333';
    const person = '44444444-4444-4444-8444-444444444444';
    const units = [
      { 'unit:id:admin': a, 'unit:name': 'Groupement de Gendarmerie de l’Est', 'unit:classification': 'Gendarmerie;Garde forestière', 'unit:first_cited_date_year': '2011', 'unit:first_cited_date_month': '4', 'unit:last_cited_date_open': 'E', 'unit:name:source': 's-1' },
      { 'unit:id:admin': a, 'unit:name': 'Groupement de Gendarmerie de l’Est', 'unit:other_names': 'GGE;Groupement de Gendarmerie de l\'Est' },
      { 'unit:id:admin': a, 'unit:relation_type': 'child', 'unit:related_unit_id:admin': ph, 'unit:related_unit_first_cited_date': '2012-00-00', 'unit:related_unit_open': 'N' },
      { 'unit:id:admin': ph, 'unit:name': 'Commandement inconnu', 'unit:classification': 'Placeholder' },
      { 'unit:id:admin': ph, 'unit:relation_type': 'child', 'unit:related_unit_id:admin': b, 'unit:related_unit_first_cited_date': '2012' },
      { 'unit:id:admin': b, 'unit:name': 'Direction générale de la Gendarmerie', 'unit:classification': 'Gendarmerie', 'unit:country': 'XF' },
    ];
    const persons = [
      { 'person:id:admin': person, 'person:name': 'Jean-Baptiste Ékoué', 'person:posting_unit_id:admin': a, 'person:posting_role': 'Commandant', 'person:posting_rank': 'Chef d’escadron', 'person:posting_first_cited_date': '2013-02-01T00:00:00Z', 'person:posting_last_cited_date_year': '2014', 'person:posting_last_cited_date_end': 'N' },
      { 'person:id:admin': person, 'person:name': 'Jean-Baptiste Ékoué', 'person:other_names': 'Chef d’escadron EKOUE' },
    ];
    const r = await importSfm(sys(db()), parseSfmSheets([{ name: 'xf_units', rows: units }, { name: 'xf_persons', rows: persons }, { name: 'Notes', rows: [{ a: 'b' }] }]));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.problems.some((p) => p.code === 'unknown_classification' && p.row === 2 && p.column === 'unit:classification')).toBe(true);
    expect(r).toMatchObject({ units: 3, persons: 1, postings: 1, relations: 2, committed: true });
    const unit = await unitBySfm(db(), a);
    expect(unit).toMatchObject({ start_date: '2011-04', end_state: 'ended', classifications: ['gendarmerie', 'garde-forestiere'] });
    const chain = await chainOfCommand(viewer(db()), unit.id, '2013-06-01');
    expect(chain.levels.map((l) => [l.unit.name, l.unit.placeholder])).toEqual([
      ['Groupement de Gendarmerie de l’Est', false],
      ['Commandement inconnu', true],
      ['Direction générale de la Gendarmerie', false],
    ]);
    expect(chain.levels[0]!.commanders.map((c) => [c.person.name, c.rank_code])).toEqual([['Jean-Baptiste Ékoué', 'major']]);
    expect((await searchActors(viewer(db()), 'EKOUE jean baptiste'))[0]!.name).toBe('Jean-Baptiste Ékoué');
  });
});
