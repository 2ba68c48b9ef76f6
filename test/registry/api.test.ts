import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readSfmSheets } from '../../src/registry/sfm/read.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

const WORKBOOK = fileURLToPath(new URL('../fixtures/sfm/workbook', import.meta.url));
const R = '/api/v1/registry';

forEachEngine('registry API: records, questions, and what a viewer may not read', (db) => {
  let app: FastifyInstance;
  let hr: TestClient;
  let viewer: TestClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await testServer(db());
    hr = await signIn(app, db(), 'hro', ['human-rights']);
    viewer = await signIn(app, db(), 'reader', ['viewer']);
    const ok = (r: any) => {
      if (r.status >= 300) throw new Error(JSON.stringify(r.body));
      return r.body;
    };
    ids.report = ok(await hr.post(`${R}/sources`, { kind: 'report', title: 'Rapport public', url: 'https://example.org/r' })).id;
    ids.interview = ok(await hr.post(`${R}/sources`, { kind: 'interview', title: 'Entretien confidentiel Zorbala' })).id;
    ids.region = ok(await hr.post(`${R}/units`, { name: 'Région militaire Nord', classifications: ['army'], level: 'regional', start_date: '2010' })).id;
    ids.battalion = ok(await hr.post(`${R}/units`, { name: '7e Bataillon', classifications: ['army'], start_date: '2012', sources: [{ source_id: ids.report, page: '4' }] })).id;
    ids.secret = ok(await hr.post(`${R}/units`, { name: 'Unité Fantôme Quibbler', classifications: ['intelligence'], sensitivity: 'restricted' })).id;
    ok(await hr.post(`${R}/relations`, { unit_id: ids.battalion, related_unit_id: ids.region, kind: 'parent', start_date: '2012' }));
    ok(await hr.post(`${R}/relations`, { unit_id: ids.secret, related_unit_id: ids.region, kind: 'parent', start_date: '2012', sensitivity: 'restricted' }));
    ids.commander = ok(await hr.post(`${R}/persons`, { name: 'Jean Kapinga' })).id;
    ids.informer = ok(await hr.post(`${R}/persons`, { name: 'Paul Vexmoor', sensitivity: 'restricted' })).id;
    ids.posting = ok(await hr.post(`${R}/postings`, { person_id: ids.commander, unit_id: ids.battalion, role: 'Commander', rank: 'Colonel', start_date: '2015', sources: [{ source_id: ids.report, page: '5' }] })).id;
    ok(await hr.post(`${R}/postings`, { person_id: ids.informer, unit_id: ids.battalion, role: 'Deputy commander', start_date: '2015', sensitivity: 'restricted' }));
    ok(await hr.post(`${R}/citations`, { record_type: 'posting', record_id: ids.posting, source_id: ids.interview, excerpt: 'Zorbala a vu le colonel donner l’ordre' }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('global search finds units and persons, and never what the user may not read', async () => {
    const all = await hr.get('/api/v1/search?q=Quibbler');
    expect(all.status).toBe(200);
    expect(all.body.hits.map((h: any) => h.id)).toContain(ids.secret);
    const seen = await viewer.get('/api/v1/search?q=Quibbler');
    expect(seen.body.hits.map((h: any) => h.id)).not.toContain(ids.secret);
    const kap = await viewer.get('/api/v1/search?q=kapinga%20jean');
    expect(kap.body.hits[0]).toMatchObject({ domain: 'registry', type: 'person', id: ids.commander });
    expect((await viewer.get('/api/v1/search?q=')).status).toBe(400);
    expect((await viewer.get('/api/v1/notifications')).body.notifications).toEqual([]);
  });

  it('creates, changes and retracts records with revisions', async () => {
    const u = await hr.post(`${R}/units`, { name: 'Compagnie test' });
    expect(u.status).toBe(201);
    const same = await hr.patch(`${R}/units/${u.body.id}`, { name: 'Compagnie test' });
    expect(same.body.changed).toBe(false);
    const changed = await hr.patch(`${R}/units/${u.body.id}`, { name: 'Compagnie d’essai', expected_version: 1, reason: 'typo' });
    expect(changed.body).toMatchObject({ changed: true, record: { version: 2 } });
    const stale = await hr.patch(`${R}/units/${u.body.id}`, { name: 'x', expected_version: 1 });
    expect(stale.status).toBe(409);
    expect((await hr.post(`${R}/units/${u.body.id}/retract`, { reason: 'test record' })).status).toBe(200);
    const revs = await hr.get(`/api/v1/records/registry-unit/${u.body.id}/revisions`);
    expect(revs.body.revisions.map((r: any) => r.action)).toEqual(['create', 'update', 'retract']);
    const bad = await hr.post(`${R}/postings`, { person_id: ids.commander, unit_id: ids.battalion, start_date: '2016-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('start_date');
    expect((await viewer.post(`${R}/units`, { name: 'x' })).status).toBe(403);
  });

  it('answers chain, tree, career, area and search', async () => {
    const chain = await viewer.get(`${R}/chain/${ids.battalion}?at=2016-01-01`);
    expect(chain.status).toBe(200);
    expect(chain.body.levels.map((l: any) => l.unit.name)).toEqual(['7e Bataillon', 'Région militaire Nord']);
    expect(chain.body.levels[0].commanders.map((c: any) => [c.person.name, c.rank, c.role])).toEqual([['Jean Kapinga', 'Colonel', 'Commander']]);
    expect((await viewer.get(`${R}/chain/${encodeURIComponent('7e Bataillon')}?at=2016-01-01`)).body.unit_id).toBe(ids.battalion);
    expect((await viewer.get(`${R}/chain/${ids.battalion}?at=2016`)).status).toBe(400);
    const tree = await viewer.get(`${R}/tree/${ids.region}?at=2016-01-01`);
    expect(tree.body.tree.children.map((c: any) => c.unit.name)).toEqual(['7e Bataillon']);
    const career = await viewer.get(`${R}/career/${ids.commander}`);
    expect(career.body.career.map((c: any) => c.unit.name)).toEqual(['7e Bataillon']);
    const search = await viewer.get(`${R}/search?q=${encodeURIComponent('colonel KAPINGA jean')}`);
    expect(search.body.hits[0]).toMatchObject({ type: 'person', name: 'Jean Kapinga', score: 1 });
    expect((await viewer.get(`${R}/commanders/${ids.battalion}?at=2016-01-01`)).body.commanders.length).toBe(1);
  });

  it('a viewer cannot read a restricted source or record through list, get, search, dossier or export', async () => {
    const secrets = ['Zorbala', 'Quibbler', 'Vexmoor'];
    const clean = (body: unknown) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      for (const s of secrets) expect(text, s).not.toContain(s);
    };
    // lists
    const sources = await viewer.get(`${R}/sources`);
    expect(sources.status).toBe(200);
    expect(sources.body.items.map((s: any) => s.id)).toContain(ids.report);
    clean(sources.body);
    clean((await viewer.get(`${R}/units`)).body);
    clean((await viewer.get(`${R}/persons`)).body);
    clean((await viewer.get(`${R}/postings`)).body);
    clean((await viewer.get(`${R}/relations`)).body);
    clean((await viewer.get(`${R}/citations?record_id=${ids.posting}`)).body);
    // single records
    expect((await viewer.get(`${R}/sources/${ids.interview}`)).status).toBe(404);
    expect((await viewer.get(`${R}/units/${ids.secret}`)).status).toBe(404);
    // search
    expect((await viewer.get(`${R}/search?q=Quibbler`)).body.hits).toEqual([]);
    expect((await viewer.get(`${R}/search?q=Vexmoor`)).body.hits).toEqual([]);
    expect((await hr.get(`${R}/search?q=Vexmoor`)).body.hits.map((h: any) => h.name)).toEqual(['Paul Vexmoor']);
    // questions and dossiers
    clean((await viewer.get(`${R}/chain/${ids.battalion}?at=2016-01-01`)).body);
    clean((await viewer.get(`${R}/tree/${ids.region}?at=2016-01-01`)).body);
    clean((await viewer.get(`${R}/commanders/${ids.battalion}?at=2016-01-01&deputies=true`)).body);
    const dossier = await viewer.get(`${R}/dossier/unit/${ids.battalion}`);
    expect(dossier.status).toBe(200);
    expect(dossier.body.postings.map((p: any) => p.person.name)).toEqual(['Jean Kapinga']);
    expect(dossier.body.postings[0].sources.map((s: any) => s.title)).toEqual(['Rapport public']);
    clean(dossier.body);
    expect((await viewer.get(`${R}/dossier/unit/${ids.secret}`)).status).toBe(404);
    expect((await viewer.get(`${R}/dossier/person/${ids.informer}`)).status).toBe(404);
    // exports
    const popolo = await viewer.get(`${R}/export?format=popolo`);
    expect(popolo.status).toBe(200);
    expect(popolo.body.organizations.length).toBeGreaterThan(0);
    clean(popolo.body);
    for (const table of ['units', 'persons', 'postings', 'relations', 'sources', 'citations']) {
      const r = await viewer.request('GET', `${R}/export?format=csv&table=${table}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/csv/);
      clean(r.body);
    }
    const sheets = await viewer.get(`${R}/export?format=sfm`);
    for (const s of sheets.body.sheets) clean((await viewer.request('GET', `${R}/export?format=sfm&sheet=${s.name}`)).body);
    // the human rights officer sees them all
    const full = JSON.stringify((await hr.get(`${R}/dossier/unit/${ids.battalion}`)).body);
    expect(full).toContain('Zorbala');
    expect(full).toContain('Vexmoor');
    expect(JSON.stringify((await hr.get(`${R}/export?format=popolo`)).body)).toContain('Quibbler');
  });

  it('imports SFM sheets posted as rows', async () => {
    const sheets = (await readSfmSheets(WORKBOOK)).map((s) => ({ name: s.name, rows: s.rows }));
    const r = await hr.post(`${R}/import/sfm`, { sheets });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ units: 18, persons: 15, postings: 17, relations: 20, locations: 11, incidents: 5, problems: [], committed: true });
    expect((await viewer.post(`${R}/import/sfm`, { sheets })).status).toBe(403);
    const staged = await viewer.get(`${R}/sfm-incidents`);
    expect(staged.body.items.length).toBe(5);
  });
});
