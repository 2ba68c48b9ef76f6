import { beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { setSetting } from '../../src/platform/settings/settings.ts';
import { context, recordRevisions } from '../../src/platform/store.ts';
import { DEFAULT_VOCABULARIES } from '../../src/registry/config.ts';
import {
  assertCanBePerpetrator,
  canBePerpetrator,
  chainOfCommand,
  cite,
  citationsOf,
  commandersAt,
  createLink,
  createPerson,
  createPosting,
  createSource,
  createUnit,
  createUnitLocation,
  createLocation,
  listRegistry,
  personDossier,
  postingsOfPerson,
  resolvePerson,
  resolveUnit,
  retract,
  searchActors,
  subordinates,
  subordinateTree,
  unitDossier,
  unitsInArea,
  unitsPersonCommanded,
  updatePosting,
  updateUnit,
  type Unit,
} from '../../src/registry/service.ts';
import { forEachEngine } from '../helpers/engines.ts';

const as = (roles: string[], name = roles.join('+')) => actorFor({ id: crypto.randomUUID(), username: name, roles }, DEFAULT_ROLE_POLICY);

forEachEngine('registry service: hierarchy, postings and questions through time', (db) => {
  const u: Record<string, Unit> = {};
  const p: Record<string, { id: string }> = {};
  let report: { id: string };

  beforeAll(async () => {
    const hr = context(db(), as(['human-rights'], 'hro'));
    report = await createSource(hr, { kind: 'report', title: 'Rapport public 2016', url: 'https://example.org/r2016', archive_url: 'https://web.archive.org/web/2016/https://example.org/r2016' });
    const src = [{ source_id: report.id, page: '12' }];
    u.ministry = await createUnit(hr, { name: 'Ministère de la Défense', kind: 'ministry', classifications: ['Ministry'], country: 'XF', level: 'national' });
    u.staff = await createUnit(hr, { name: 'État-major général', classifications: ['Military', 'army'], level: 'national', start_date: '2005' });
    u.regionA = await createUnit(hr, { name: 'Région militaire A', classifications: ['army'], level: 'regional' });
    u.regionB = await createUnit(hr, { name: 'Région militaire B', classifications: ['army'], level: 'regional' });
    u.battalion = await createUnit(hr, { name: '2e Bataillon', other_names: ['2e BIT', 'Bataillon Kossou'], classifications: ['army'], level: 'local', start_date: '2012' });
    u.gap = await createUnit(hr, { name: 'Brigade non identifiée', placeholder: true, classifications: ['army'] });
    u.company = await createUnit(hr, { name: 'Compagnie de Kessélé', classifications: ['army'] });
    u.police = await createUnit(hr, { name: 'Unité spéciale de police', classifications: ['police'], start_date: '2013-05', end_date: '2019-02', end_state: 'ended' });
    u.police_hq = await createUnit(hr, { name: 'Direction générale de la Police', classifications: ['police'], level: 'national' });
    u.jtf = await createUnit(hr, { name: 'Opération Tonnerre', kind: 'joint-operation', classifications: ['Joint Task Force'], start_date: '2019-02-10', start_exact: true, end_date: '2021-06-30', end_state: 'exact' });
    await createLink(hr, { unit_id: u.staff!.id, related_unit_id: u.ministry!.id, kind: 'parent', start_date: '2005', sources: src });
    await createLink(hr, { unit_id: u.regionA!.id, related_unit_id: u.staff!.id, kind: 'parent', start_date: '2010' });
    await createLink(hr, { unit_id: u.regionB!.id, related_unit_id: u.staff!.id, kind: 'parent', start_date: '2010' });
    // change of parent: A until 30 June 2018, B (through a placeholder brigade) from 1 July 2018
    await createLink(hr, { unit_id: u.battalion!.id, related_unit_id: u.regionA!.id, kind: 'parent', start_date: '2012', end_date: '2018-06-30', end_state: 'exact', sources: src });
    await createLink(hr, { unit_id: u.battalion!.id, related_unit_id: u.gap!.id, kind: 'parent', start_date: '2018-07-01', start_exact: true });
    await createLink(hr, { unit_id: u.gap!.id, related_unit_id: u.regionB!.id, kind: 'parent', start_date: '2018-07' });
    await createLink(hr, { unit_id: u.company!.id, related_unit_id: u.battalion!.id, kind: 'parent', start_date: '2014' });
    await createLink(hr, { unit_id: u.police!.id, related_unit_id: u.police_hq!.id, kind: 'parent', start_date: '2013-05', end_date: '2019-02' });
    await createLink(hr, { unit_id: u.battalion!.id, related_unit_id: u.jtf!.id, kind: 'member', start_date: '2019-02-10', start_exact: true, end_date: '2020-12' });

    p.ndolo = await createPerson(hr, { name: 'Roger Ndolo', other_names: ['Lt-Col. Ndolo'], birth_date: '1970-04', gender: 'male', nationalities: ['XF'] });
    p.mboyo = await createPerson(hr, { name: 'Alain Mboyo', given_names: 'Alain', family_name: 'Mboyo', original_script_names: ['آلان مبويو'] });
    p.kamba = await createPerson(hr, { name: 'Didier Kamba' });
    p.chief = await createPerson(hr, { name: 'Aristide Mbalanga' });
    p.zanga = await createPerson(hr, { name: 'Victor Zanga-Mobi', other_names: ['Zanga Mobi'] });
    // change of commander on 15 March 2017
    await createPosting(hr, { person_id: p.ndolo.id, unit_id: u.battalion!.id, role: 'Commander', rank: 'Lieutenant-Colonel', start_date: '2014-09', end_date: '2017-03-15', end_state: 'exact', confidence: 'high', sources: [{ source_id: report.id, page: '14', excerpt: 'le Lt-Col. Ndolo, commandant du 2e BIT' }] });
    await createPosting(hr, { person_id: p.mboyo.id, unit_id: u.battalion!.id, role: 'Commandant', rank: 'Lieutenant Colonel', start_date: '2017-03-15', start_exact: true, end_date: '2022-05' });
    await createPosting(hr, { person_id: p.kamba.id, unit_id: u.battalion!.id, role: 'adjoint au commandant', rank: 'Commandant', start_date: '2016-02', end_date: '2018-11' });
    await createPosting(hr, { person_id: p.chief.id, unit_id: u.staff!.id, role: "Chef d'Etat-major", rank: 'Général de Brigade', start_date: '2015-06-12', start_exact: true, end_date: '2021-11' });
    // a person removed at the mission's request who later heads the national police
    await createPosting(hr, { person_id: p.zanga.id, unit_id: u.police!.id, role: 'Commander', rank: 'Commissaire divisionnaire', start_date: '2014-03', end_date: '2016-07-22', end_state: 'exact' });
    await createPosting(hr, { person_id: p.zanga.id, unit_id: u.police_hq!.id, role: 'Directeur général', rank: 'Contrôleur général de police', start_date: '2018-09-20', start_exact: true, end_date: '2023-10' });
    const town = await createLocation(hr, { name: 'Kessélé', geo_type: 'point', admin_levels: [{ level: 2, name: 'République du Kamboré' }, { level: 4, name: 'Préfecture de la Mbali' }] });
    await createUnitLocation(hr, { unit_id: u.battalion!.id, kind: 'site', location_id: town.id, base_name: 'Camp Ndemba', start_date: '2012' });
    await createUnitLocation(hr, { unit_id: u.police!.id, kind: 'aoo', label: 'Préfecture de la Mbali', start_date: '2014' });
  });

  const names = (cs: { person: { name: string } }[]) => cs.map((c) => c.person.name);

  it('answers the chain of command before and after a change of commander', async () => {
    const ctx = context(db(), as(['viewer']));
    const before = await chainOfCommand(ctx, u.battalion!.id, '2016-06-01');
    expect(before.levels.map((l) => l.unit.name)).toEqual(['2e Bataillon', 'Région militaire A', 'État-major général', 'Ministère de la Défense']);
    expect(names(before.levels[0]!.commanders)).toEqual(['Roger Ndolo']);
    expect(names(before.levels[0]!.deputies)).toEqual(['Didier Kamba']);
    expect(before.levels[0]!.commanders[0]!.rank).toBe('Lieutenant-Colonel');
    expect(before.levels[0]!.commanders[0]!.certain).toBe(true);
    expect(before.levels[0]!.commanders[0]!.sources[0]).toMatchObject({ title: 'Rapport public 2016', page: '14', excerpt: 'le Lt-Col. Ndolo, commandant du 2e BIT' });
    expect(before.levels[0]!.parent_link!.sources.map((s) => s.page)).toEqual(['12']);
    expect(names(before.levels[2]!.commanders)).toEqual(['Aristide Mbalanga']);
    expect(before.levels[3]!.parent_link).toBeNull();
    const after = await chainOfCommand(ctx, u.battalion!.id, '2017-06-01');
    expect(names(after.levels[0]!.commanders)).toEqual(['Alain Mboyo']);
    // the day of the handover: the outgoing commander's exact end and the incoming one's exact start
    const handover = await commandersAt(ctx, u.battalion!.id, '2017-03-15');
    expect(names(handover).sort()).toEqual(['Alain Mboyo', 'Roger Ndolo']);
    expect(names(await commandersAt(ctx, u.battalion!.id, '2017-03-16'))).toEqual(['Alain Mboyo']);
    expect(names(await commandersAt(ctx, u.battalion!.id, '2017-03-16', { deputies: true }))).toEqual(['Alain Mboyo', 'Didier Kamba']);
  });

  it('follows a change of parent, bridging through a placeholder that holds no commanders', async () => {
    const ctx = context(db(), as(['viewer']));
    const old = await chainOfCommand(ctx, u.company!.id, '2018-06-30');
    expect(old.levels.map((l) => l.unit.name)).toEqual(['Compagnie de Kessélé', '2e Bataillon', 'Région militaire A', 'État-major général', 'Ministère de la Défense']);
    const now = await chainOfCommand(ctx, u.company!.id, '2019-06-01');
    expect(now.levels.map((l) => l.unit.name)).toEqual(['Compagnie de Kessélé', '2e Bataillon', 'Brigade non identifiée', 'Région militaire B', 'État-major général', 'Ministère de la Défense']);
    expect(now.levels[2]!.unit.placeholder).toBe(true);
    expect(now.levels[2]!.commanders).toEqual([]);
    // the joint operation is membership, not command: shown, not followed
    expect(now.levels[1]!.member_of.map((m) => m.unit.name)).toEqual(['Opération Tonnerre']);
    expect(now.levels[1]!.parent_link!.unit.name).toBe('Brigade non identifiée');
    // the placeholder's link starts at month precision: uncertain on 2018-07-01, certain later
    const edge = await chainOfCommand(ctx, u.battalion!.id, '2018-07-01');
    expect(edge.levels[0]!.parent_link!.certain).toBe(true);
    expect(edge.levels[1]!.parent_link!.certain).toBe(false);
    expect(new Set(await subordinates(ctx, u.regionA!.id, '2017-01-01'))).toEqual(new Set([u.battalion!.id, u.company!.id]));
    expect(await subordinates(ctx, u.regionA!.id, '2019-01-01')).toEqual([]);
    expect(new Set(await subordinates(ctx, u.regionB!.id, '2019-01-01'))).toEqual(new Set([u.gap!.id, u.battalion!.id, u.company!.id]));
    const tree = await subordinateTree(ctx, u.staff!.id, '2019-06-01');
    expect(tree.children.map((c) => c.unit.name)).toEqual(['Région militaire A', 'Région militaire B']);
    const b = tree.children[1]!.children[0]!.children[0]!;
    expect(b.unit.name).toBe('2e Bataillon');
    expect(names(b.commanders)).toEqual(['Alain Mboyo']);
    expect((await subordinateTree(ctx, u.jtf!.id, '2019-06-01')).members.map((m) => m.unit.name)).toEqual(['2e Bataillon']);
    await expect(chainOfCommand(ctx, u.battalion!.id, '2019-06')).rejects.toThrow(/YYYY-MM-DD/);
  });

  it('refuses postings in a placeholder and placeholders as perpetrators', async () => {
    const hr = context(db(), as(['human-rights']));
    await expect(createPosting(hr, { person_id: p.kamba!.id, unit_id: u.gap!.id, role: 'Commander' })).rejects.toThrow(/placeholder/);
    expect(await canBePerpetrator(hr, u.gap!.id)).toBe(false);
    expect(await canBePerpetrator(hr, u.battalion!.id)).toBe(true);
    await expect(assertCanBePerpetrator(hr, u.gap!.id)).rejects.toThrow(/placeholder/);
    await expect(updateUnit(hr, u.battalion!.id, { placeholder: true })).rejects.toThrow(/holds postings/);
    await expect(createUnit(hr, { name: 'X', classifications: ['Garde forestière'] })).rejects.toThrow(/classifications/);
    await expect(createUnit(hr, { name: 'X', level: 'galactic' })).rejects.toThrow(/level/);
    await expect(createLink(hr, { unit_id: u.gap!.id, related_unit_id: u.gap!.id, kind: 'parent' })).rejects.toThrow(/itself/);
    await expect(createPosting(context(db(), as(['viewer'])), { person_id: p.kamba!.id, unit_id: u.battalion!.id })).rejects.toThrow(/registry:write/);
  });

  it('follows a person from post to post: two postings, one record', async () => {
    const ctx = context(db(), as(['viewer']));
    const career = await postingsOfPerson(ctx, p.zanga!.id);
    expect(career.map((c) => [c.unit.name, c.end_state])).toEqual([
      ['Unité spéciale de police', 'exact'],
      ['Direction générale de la Police', 'ended'],
    ]);
    expect(career.every((c) => c.command === 'head')).toBe(true);
    expect((await unitsPersonCommanded(ctx, p.zanga!.id)).map((x) => x.unit.name)).toEqual(['Unité spéciale de police', 'Direction générale de la Police']);
    expect((await unitsPersonCommanded(ctx, p.zanga!.id, '2017-01-01')).length).toBe(0);
    expect((await unitsPersonCommanded(ctx, p.zanga!.id, '2020-01-01')).map((x) => x.unit.name)).toEqual(['Direction générale de la Police']);
    const dossier = await personDossier(ctx, p.zanga!.id);
    expect(dossier.career.length).toBe(2);
    // the chief of a general staff heads it; the chain lists him
    expect((await unitsPersonCommanded(ctx, p.chief!.id, '2016-01-01')).map((x) => x.unit.name)).toEqual(['État-major général']);
  });

  it('answers who commanded the units in an area', async () => {
    const ctx = context(db(), as(['viewer']));
    const r = await unitsInArea(ctx, 'Mbali', '2015-06-01');
    expect(r.units.map((x) => x.unit.name).sort()).toEqual(['2e Bataillon', 'Unité spéciale de police']);
    expect(names(r.units.find((x) => x.unit.name === '2e Bataillon')!.commanders)).toEqual(['Roger Ndolo']);
    expect(names(r.units.find((x) => x.unit.name === 'Unité spéciale de police')!.commanders)).toEqual(['Victor Zanga-Mobi']);
    const later = await unitsInArea(ctx, 'Préfecture de la Mbali', '2020-01-01');
    expect(later.units.map((x) => x.unit.name)).toEqual(['2e Bataillon']);
    expect((await unitsInArea(ctx, 'Kessélé', '2020-01-01')).units.length).toBe(1);
    expect((await unitsInArea(ctx, 'Nowhere', '2020-01-01')).units).toEqual([]);
  });

  it('finds actors by name whatever the accents, case, word order and ranks', async () => {
    const ctx = context(db(), as(['viewer']));
    const first = async (q: string, type?: 'unit' | 'person') => (await searchActors(ctx, q, type ? { types: [type] } : {}))[0];
    expect((await first('NDOLO Roger'))!.name).toBe('Roger Ndolo');
    expect((await first('Lieutenant-Colonel Roger Ndolo'))!.score).toBe(1);
    expect((await first('zanga mobi victor'))!.name).toBe('Victor Zanga-Mobi');
    expect((await first('Général Mbalanga'))!.name).toBe('Aristide Mbalanga');
    expect((await first('Ndollo Rodger'))?.name).toBe('Roger Ndolo');
    expect((await first('etat major general', 'unit'))!.name).toBe('État-major général');
    expect((await first('bataillon kossou', 'unit'))!.matched).toBe('Bataillon Kossou');
    expect((await first('مبويو'))?.name).toBe('Alain Mboyo');
    expect(await searchActors(ctx, 'Zzyzx Qwerty')).toEqual([]);
    expect((await resolveUnit(ctx, '2e BIT')).id).toBe(u.battalion!.id);
    expect((await resolvePerson(ctx, 'Col. Ndolo')).id).toBe(p.ndolo!.id);
    await expect(resolveUnit(ctx, 'Région militaire')).rejects.toThrow(/did you mean|several/);
  });

  it('sources: interview notes are restricted by default and their citations with them', async () => {
    const hr = context(db(), as(['human-rights']));
    const viewer = context(db(), as(['viewer']));
    const note = await createSource(hr, { kind: 'interview', title: 'Entretien avec un témoin, Kessélé' });
    expect(note.sensitivity).toBe('restricted');
    const c = await cite(hr, { record_type: 'posting', record_id: (await listRegistry(hr, 'posting', { personId: p.mboyo!.id }))[0]!.id as string, source_id: note.id, page: '3', excerpt: 'le commandant Mboyo a donné l’ordre' });
    expect(c.sensitivity).toBe('restricted');
    const posting = c.record_id;
    expect((await citationsOf(hr, 'registry-posting', [posting])).get(posting)!.map((s) => s.title)).toContain('Entretien avec un témoin, Kessélé');
    expect((await citationsOf(viewer, 'registry-posting', [posting])).get(posting) ?? []).toEqual([]);
    expect((await listRegistry(viewer, 'source')).map((s) => s.id)).not.toContain(note.id);
    const d = await unitDossier(viewer, u.battalion!.id);
    expect(JSON.stringify(d)).not.toContain('Entretien');
    expect(JSON.stringify(await unitDossier(hr, u.battalion!.id))).toContain('Entretien');
  });

  it('a patch that changes nothing writes nothing; a change is a revision; retraction hides', async () => {
    const hr = context(db(), as(['human-rights']));
    const same = await updateUnit(hr, u.police!.id, { name: 'Unité spéciale de police', classifications: ['police'] });
    expect(same.changed).toBe(false);
    const posting = (await listRegistry(hr, 'posting', { personId: p.kamba!.id }))[0]!;
    const changed = await updatePosting(hr, posting.id as string, { rank: 'Lieutenant-Colonel', end_date: '2019-01' }, { reason: 'promoted' });
    expect(changed.changed).toBe(true);
    expect((await recordRevisions(hr, 'registry-posting', posting.id as string)).map((r) => r.action)).toEqual(['create', 'update']);
    const unit = await createUnit(hr, { name: 'Unité éphémère' });
    await retract(hr, 'unit', unit.id, 'created by mistake');
    expect(await searchActors(hr, 'Unité éphémère', { types: ['unit'] })).toEqual([]);
    await expect(chainOfCommand(hr, unit.id, '2020-01-01')).rejects.toThrow(/not found/);
  });

  it('vocabularies are settings: a new classification becomes usable', async () => {
    const sys = context(db(), systemActor('admin'));
    await setSetting(sys, 'registry.vocabularies', { ...DEFAULT_VOCABULARIES, classifications: [...DEFAULT_VOCABULARIES.classifications, { code: 'forest-guard', label: { en: 'Forest guard', fr: 'Garde forestière' }, aliases: [] }] });
    const unit = await createUnit(context(db(), as(['human-rights'])), { name: 'Brigade forestière', classifications: ['Garde forestière'] });
    expect(unit.classifications).toEqual(['forest-guard']);
  });
});
