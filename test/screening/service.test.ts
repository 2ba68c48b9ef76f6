import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { type Ctx, context, insertRecord, recordRevisions, retractRecord } from '../../src/platform/store.ts';
import '../../src/domains.ts';
import { createIncident } from '../../src/incidents/service.ts';
import { createPerson, createPosting, createUnit, updatePerson } from '../../src/registry/service.ts';
import { importUnList } from '../../src/screening/imports.ts';
import { addMissionEntry, delistEntry, indexBuilds, listEntries, relistEntry, screenPerson, screenRoster, updateMissionEntry, watchlistedPersons } from '../../src/screening/service.ts';
import { forEachEngine } from '../helpers/engines.ts';

const SAMPLE = fileURLToPath(new URL('../fixtures/screening/un-sample.xml', import.meta.url));
const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);

forEachEngine('screening service: screenPerson, watchlistedPersons, the mission list', (db) => {
  let hr: Ctx;
  let mil: Ctx;
  let viewer: Ctx;
  const p: Record<string, { id: string }> = {};
  const e: Record<string, { id: string }> = {};

  beforeAll(async () => {
    hr = context(db(), as(['human-rights'], 'hro'));
    mil = context(db(), as(['military'], 'planner'));
    viewer = context(db(), as(['viewer'], 'viewer'));
    await importUnList(hr, readFileSync(SAMPLE), { fileName: 'un.xml', partial: true });
    p.kaboré = await createPerson(hr, { name: 'Jean-Baptiste Kaboré', other_names: ['JB Kabore'], birth_date: '1968-04-02', nationalities: ['xf'], gender: 'male' });
    p.witness = await createPerson(hr, { name: 'Issa Traoré', birth_date: '1980' });
    p.clear = await createPerson(hr, { name: 'Paul Zongo' });
    const unit = await createUnit(hr, { name: '3e Bataillon de commandos', classifications: ['army'] });
    e.kaboré = await addMissionEntry(hr, { registry_person_id: p.kaboré!.id, reason: 'Commanded the unit during the Kessélé killings', evidence: [{ kind: 'registry-unit', ref: unit.id }] });
    e.unit = await addMissionEntry(hr, { registry_unit_id: unit.id, reason: 'Perpetrator unit', evidence: [{ kind: 'registry-person', ref: p.witness!.id, note: 'deputy commander' }] });
    e.named = await addMissionEntry(hr, { name: 'Colonel Alphonse Dembélé', aliases: ['Le Tigre'], birth_date: '1971', reason: 'Militia leader', sensitivity: 'internal' });
  });

  it('a registry person linked on an active mission-list entry is always a match with score 1', async () => {
    const m = await screenPerson(hr, { name: 'Somebody Else Entirely', registry_person_id: p.kaboré!.id });
    const link = m.find((x) => x.entry_id === e.kaboré!.id)!;
    expect(link).toMatchObject({ list: 'mission', score: 1, adjudication: null, explanation: { kind: 'registry-link' } });
    // linked as evidence on the unit's entry
    const w = await screenPerson(hr, { name: 'Issa Traoré', registry_person_id: p.witness!.id }, { lists: ['mission'] });
    expect(w.map((x) => [x.entry_id, x.score])).toEqual([[e.unit!.id, 1]]);
  });

  it('screens by name across lists, best first, with explanations', async () => {
    const m = await screenPerson(hr, { name: 'KABORE Jean Baptiste', birth_date: '1968-04-02' });
    expect(m[0]).toMatchObject({ list: 'mission', entry_id: e.kaboré!.id });
    expect(m[0]!.score).toBeGreaterThan(0.9);
    expect(m[0]!.explanation.kind).toBe('name');
    expect(m[0]!.explanation.text).toMatch(/Kabor/);
    const un = await screenPerson(hr, { name: 'Général Sultani Makenga' }, { lists: ['un'] });
    expect(un[0]!.name.toUpperCase()).toContain('MAKENGA');
    expect(un.every((x) => x.list === 'un')).toBe(true);
    expect(await screenPerson(hr, { name: 'Paul Zongo', registry_person_id: p.clear!.id })).toEqual([]);
  });

  it('builds the index once per list version, not per call', async () => {
    await screenPerson(hr, { name: 'Eric Badege' });
    const before = indexBuilds();
    for (let i = 0; i < 20; i++) await screenPerson(hr, { name: `Eric Badege ${i}` });
    expect(indexBuilds()).toBe(before);
    await updateMissionEntry(hr, e.named!.id, { aliases: ['Le Tigre', 'Tigre de Kessélé'] });
    await screenPerson(hr, { name: 'Eric Badege' });
    expect(indexBuilds()).toBe(before + 1);
  });

  it('a roster of thousands builds each list index at most once', async () => {
    const given = ['Amadou', 'Issa', 'Paul', 'Jean', 'Moussa', 'Ali', 'Salif', 'Oumar', 'Idrissa', 'Boubacar'];
    const family = ['Traoré', 'Zongo', 'Ouédraogo', 'Sawadogo', 'Kaboré', 'Compaoré', 'Diallo', 'Coulibaly', 'Sanogo', 'Konaté'];
    const rows = Array.from({ length: 3000 }, (_, i) => ({ name: `${given[i % 10]} ${family[Math.floor(i / 10) % 10]} ${i}`, birth_date: i % 3 ? undefined : `19${60 + (i % 40)}` }));
    rows[1234] = { name: 'KABORE Jean-Baptiste', birth_date: '1968-04-02' };
    const before = indexBuilds();
    const r = await screenRoster(hr, { rows, lists: ['un', 'mission'], title: 'large roster' });
    expect(indexBuilds() - before).toBeLessThanOrEqual(2);
    expect(r.screening.row_count).toBe(3000);
    expect(r.screening.rows[1234]!.matches.map((m) => m.id)).toContain(e.kaboré!.id);
  });

  it('a new name of a listed registry person reaches its mission-list entry', async () => {
    expect((await screenPerson(hr, { name: 'Pacifique Ndayishimiye' }, { lists: ['mission'] })).map((x) => x.entry_id)).not.toContain(e.kaboré!.id);
    await updatePerson(hr, p.kaboré!.id, { other_names: ['JB Kabore', 'Pacifique Ndayishimiye'] });
    expect((await screenPerson(hr, { name: 'Pacifique Ndayishimiye' }, { lists: ['mission'] })).map((x) => x.entry_id)).toContain(e.kaboré!.id);
    expect((await screenPerson(hr, { name: 'Jean-Baptiste Kaboré' }, { lists: ['mission'] }))[0]!.entry_id).toBe(e.kaboré!.id);
  });

  it('watchlistedPersons gives the mission-list entries of registry persons', async () => {
    const map = await watchlistedPersons(hr, [p.kaboré!.id, p.witness!.id, p.clear!.id]);
    expect(map.get(p.kaboré!.id)!.map((x) => x.entry_id)).toEqual([e.kaboré!.id]);
    expect(map.get(p.witness!.id)!.map((x) => x.entry_id)).toEqual([e.unit!.id]);
    expect(map.has(p.clear!.id)).toBe(false);
    expect(map.get(p.kaboré!.id)![0]).toMatchObject({ list: 'mission', score: 1 });
  });

  it('a restricted mission-list entry is never shown to a user below its level; a viewer may not screen', async () => {
    expect((await screenPerson(mil, { name: 'Jean-Baptiste Kaboré', registry_person_id: p.kaboré!.id })).some((x) => x.list === 'mission' && x.entry_id === e.kaboré!.id)).toBe(false);
    expect((await watchlistedPersons(mil, [p.kaboré!.id])).size).toBe(0);
    // the internal entry is visible to the planner
    expect((await screenPerson(mil, { name: 'Alphonse Dembele' })).map((x) => x.entry_id)).toContain(e.named!.id);
    expect((await listEntries(mil, { list: 'mission' })).map((x) => x.id)).toEqual([e.named!.id]);
    await expect(screenPerson(viewer, { name: 'Alphonse Dembele' })).rejects.toMatchObject({ status: 403 });
    await expect(addMissionEntry(mil, { name: 'X Y', reason: 'r' })).rejects.toMatchObject({ status: 403 });
  });

  it('delisting keeps the entry with who, when and why; a delisted entry no longer matches', async () => {
    await delistEntry(hr, e.named!.id, 'Died in 2024 (death certificate)');
    expect((await screenPerson(hr, { name: 'Alphonse Dembele' })).map((x) => x.entry_id)).not.toContain(e.named!.id);
    const [row] = await listEntries(hr, { list: 'mission', status: 'delisted' });
    expect(row).toMatchObject({ id: e.named!.id, status: 'delisted', delisted_by: 'hro', delisting_reason: 'Died in 2024 (death certificate)' });
    await relistEntry(hr, e.named!.id, 'The death was not confirmed');
    expect((await screenPerson(hr, { name: 'Alphonse Dembele' })).map((x) => x.entry_id)).toContain(e.named!.id);
    const revs = await recordRevisions(hr, 'screening-entry', e.named!.id);
    expect(revs.map((r) => r.action)).toEqual(['list', 'update', 'delist', 'relist']);
    await expect(delistEntry(hr, e.named!.id, '  ')).rejects.toMatchObject({ status: 400 });
  });

  it('registry persons linked to grave violations form the implicit list, kept up to date', async () => {
    const battalion = await createUnit(hr, { name: '12e Bataillon d’infanterie', classifications: ['army'] });
    const chief = await createPerson(hr, { name: 'Hamidou Sidibé', birth_date: '1970' });
    const shooter = await createPerson(hr, { name: 'Karim Ouattara' });
    await createPosting(hr, { person_id: chief.id, unit_id: battalion.id, role: 'Commandant', role_kind: 'commander', start_date: '2016-01', end_date: '2018-12', end_state: 'exact' });
    const incident = await insertRecord(hr, 'registry-sfm-incident', {
      start_date: '2017-03-04',
      violation_type: 'Killing',
      violation_types: ['Killing'],
      perpetrator_persons: [{ sfm: 'p-1', id: shooter.id, name: shooter.name }],
      perpetrator_units: [{ sfm: 'u-1', id: battalion.id, name: battalion.name }],
      external_ids: { sfm: 'inc-1' },
    });
    const found = await screenPerson(hr, { name: 'SIDIBE Hamidou' }, { lists: ['registry'] });
    expect(found[0]).toMatchObject({ list: 'registry' });
    const entries = await listEntries(hr, { list: 'registry', status: 'listed' });
    expect(entries.map((x) => x.registry_person_id).sort()).toEqual([chief.id, shooter.id].sort());
    const chiefEntry = entries.find((x) => x.registry_person_id === chief.id)!;
    expect((chiefEntry.details as any).incidents).toEqual([expect.objectContaining({ id: incident.id, via: 'command', unit_id: battalion.id })]);
    // nothing changed: no new version
    const v = (await db().query(`SELECT content_version FROM screening_lists WHERE code = 'registry'`)).rows[0] as any;
    await screenPerson(hr, { name: 'Karim Ouattara' }, { lists: ['registry'] });
    expect((await db().query(`SELECT content_version FROM screening_lists WHERE code = 'registry'`)).rows[0]).toEqual(v);
    // the incident retracted: both are delisted
    await retractRecord(hr, 'registry-sfm-incident', incident.id, 'duplicate of another incident');
    expect(await screenPerson(hr, { name: 'Karim Ouattara' }, { lists: ['registry'] })).toEqual([]);
    expect((await listEntries(hr, { list: 'registry', status: 'delisted' })).length).toBe(2);
  });

  it('persons linked to grave-violation incidents of the incidents domain join the implicit list', async () => {
    const company = await createUnit(hr, { name: 'Compagnie de Dori', classifications: ['army'] });
    const captain = await createPerson(hr, { name: 'Souleymane Barry', birth_date: '1975' });
    const soldier = await createPerson(hr, { name: 'Ousmane Cissé' });
    await createPosting(hr, { person_id: captain.id, unit_id: company.id, role: 'Commandant de compagnie', role_kind: 'commander', start_date: '2019-01', end_date: '2020-12', end_state: 'exact' });
    const inc = await createIncident(hr, {
      summary: 'Exécutions à Dori',
      date: '2020-05-03',
      acts: [{ act_type: 'summary-execution', victims: 3 }],
      fatalities: 3,
      perpetrators: [
        { unit_id: company.id, involvement: 'direct-perpetrator', confidence: 'medium' },
        { person_id: soldier.id, involvement: 'direct-perpetrator', confidence: 'medium' },
      ],
    });
    expect(inc.grave).toBe(true);
    await createIncident(hr, { summary: 'Pillage à Dori', date: '2020-06', acts: [{ act_type: 'looting' }], perpetrators: [{ person_id: p.clear!.id }] });
    expect((await screenPerson(hr, { name: 'BARRY Souleymane' }, { lists: ['registry'] }))[0]).toMatchObject({ list: 'registry' });
    expect((await screenPerson(hr, { name: 'Ousmane Cisse' }, { lists: ['registry'] }))[0]).toMatchObject({ list: 'registry' });
    // a looting, not a grave violation: not on the implicit list
    expect(await screenPerson(hr, { name: 'Paul Zongo' }, { lists: ['registry'] })).toEqual([]);
    const captainEntry = (await listEntries(hr, { list: 'registry', registryPersonId: captain.id }))[0]!;
    expect((captainEntry.details as any).incidents).toEqual([expect.objectContaining({ type: 'incident', id: inc.id, via: 'command' })]);
    // the mission list's evidence may point at the incident; an incident that does not exist is refused
    const listed = await addMissionEntry(hr, { registry_person_id: captain.id, reason: 'Commanded the company at Dori', evidence: [{ kind: 'incident', ref: inc.id, note: 'executions' }] });
    expect(listed.evidence).toEqual([{ kind: 'registry-person', ref: captain.id }, { kind: 'incident', ref: inc.id, note: 'executions' }]);
    await expect(addMissionEntry(hr, { registry_person_id: soldier.id, reason: 'r', evidence: [{ kind: 'incident', ref: crypto.randomUUID() }] })).rejects.toMatchObject({ status: 400, problems: [{ field: 'evidence.0.ref' }] });
  });

  it('refuses a listing without a target, or with evidence that does not exist', async () => {
    await expect(addMissionEntry(hr, { reason: 'r' })).rejects.toMatchObject({ status: 400 });
    await expect(addMissionEntry(hr, { name: 'A B', reason: 'r', evidence: [{ kind: 'registry-posting', ref: crypto.randomUUID() }] })).rejects.toMatchObject({ status: 400, problems: [{ field: 'evidence.0.ref' }] });
    await expect(addMissionEntry(hr, { registry_person_id: p.kaboré!.id, reason: 'again' })).rejects.toMatchObject({ status: 409 });
  });
});
