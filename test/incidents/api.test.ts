import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

const ACLED = (layout: string) => readFileSync(fileURLToPath(new URL(`../fixtures/acled/${layout}/data.csv`, import.meta.url)), 'utf8');
const UCDP = readFileSync(fileURLToPath(new URL('../fixtures/ucdp/synthetic-ged.csv', import.meta.url)), 'utf8');
const I = '/api/v1/incidents';
const R = '/api/v1/registry';

forEachEngine('incidents API: records, questions, statistics, exports, imports; what a viewer may not see', (db) => {
  let app: FastifyInstance;
  let hr: TestClient;
  let viewer: TestClient;
  const ids: Record<string, string> = {};
  const ok = (r: any) => {
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    app = await testServer(db());
    hr = await signIn(app, db(), 'hro', ['human-rights']);
    viewer = await signIn(app, db(), 'reader', ['viewer']);
    ids.brigade = ok(await hr.post(`${R}/units`, { name: '5e Brigade', classifications: ['army'] })).id;
    ids.battalion = ok(await hr.post(`${R}/units`, { name: '52e Bataillon', classifications: ['army'] })).id;
    ok(await hr.post(`${R}/relations`, { unit_id: ids.battalion, related_unit_id: ids.brigade, kind: 'parent', start_date: '2018', end_date: '2019-12-31', end_state: 'exact' }));
    ids.chief = ok(await hr.post(`${R}/persons`, { name: 'Honoré Waka' })).id;
    ok(await hr.post(`${R}/postings`, { person_id: ids.chief, unit_id: ids.brigade, role: 'Commander', start_date: '2018', end_date: '2019', end_state: 'ended' }));
    const created = ok(
      await hr.post(I, {
        summary: 'Exécutions sommaires à Bangoro',
        date: '2019-05-03',
        admin1: 'Ouaka',
        location: 'Bangoro',
        lat: 5.9,
        lon: 20.6,
        acts: [{ act_type: 'summary-execution', victims: 4 }],
        fatalities: 4,
        victims: [{ sex: 'male', age_group: 'adult', count: 4 }],
        perpetrators: [{ unit_id: ids.battalion, involvement: 'direct-perpetrator', confidence: 'high' }],
        named_victims: [{ name: 'Zéphirin Quomodo', sex: 'male', age_group: 'adult' }],
        sources: [
          { kind: 'field-report', title: 'Rapport de mission JPT-19-042', identity: 'Informateur Yelvington' },
          { kind: 'witness', title: 'Entretien du 5 mai', identity: 'Témoin Ostrowsky' },
        ],
      }),
    );
    ids.incident = created.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates, reads, lists and revises an incident; validation names the field', async () => {
    const full = ok(await hr.get(`${I}/${ids.incident}`));
    expect(full).toMatchObject({ grave: true, categories: ['summary-execution'], victim_total: 4, verification_status: 'reported' });
    expect(full.perpetrators[0]).toMatchObject({ unit_id: ids.battalion, unit: { name: '52e Bataillon' }, perpetrator_type: 'armed-forces' });
    const bad = await hr.post(I, { summary: 'x', date: '2019-13', acts: [{ act_type: 'teleportation' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((p: any) => p.field)).toEqual(expect.arrayContaining([expect.stringMatching(/date/)]));
    const bad2 = await hr.post(I, { summary: 'x', date: '2019-12', acts: [{ act_type: 'teleportation' }] });
    expect(bad2.status).toBe(400);
    expect(bad2.body.errors.map((p: any) => p.field)).toContain('acts.0.act_type');
    const v = ok(await hr.post(`${I}/${ids.incident}/verification`, { status: 'verified', reason: 'visite du site' }));
    expect(v.verification_history.map((h: any) => h.status)).toEqual(['reported', 'verified']);
    const patched = ok(await hr.patch(`${I}/${ids.incident}`, { location: 'Bangoro-centre' }));
    expect(patched).toMatchObject({ changed: true, record: { location: 'Bangoro-centre' } });
    expect(ok(await hr.patch(`${I}/${ids.incident}`, { location: 'Bangoro-centre' })).changed).toBe(false);
    expect((await viewer.post(`${I}/${ids.incident}/verification`, { status: 'credible', reason: 'x' })).status).toBe(403);
    const listed = ok(await viewer.get(`${I}?admin1=Ouaka&verification=verified`));
    expect(listed.total).toBe(1);
    expect(listed.items[0].id).toBe(ids.incident);
    expect((await viewer.get(`${I}?bbox=20,5,21,6`)).body.total).toBe(1);
    expect((await viewer.get(`${I}?bbox=0,0,1,1`)).body.total).toBe(0);
    expect((await viewer.get(`${I}?bbox=nonsense`)).status).toBe(400);
  });

  it('linked incidents of the brigade and its commander, with counts', async () => {
    const brigade = ok(await viewer.get(`${I}/linked?unit_id=${ids.brigade}`));
    expect(brigade.items.map((i: any) => [i.incident.id, i.path.kind, i.path.unitId])).toEqual([[ids.incident, 'sub-unit', ids.battalion]]);
    expect(brigade.summary).toMatchObject({ incidents: 1, grave: 1, byType: { 'summary-execution': 1 }, bySeverity: { critical: 1 }, byVerification: { verified: 1 } });
    const chief = ok(await viewer.get(`${I}/linked?person_id=${ids.chief}`));
    expect(chief.items.map((i: any) => [i.path.kind, i.path.unitId])).toEqual([['commander', ids.brigade]]);
    expect(ok(await viewer.get(`${I}/linked?unit_id=${ids.brigade}&from=2020`)).items).toEqual([]);
  });

  it('imports ACLED and UCDP through the API; stats over them', async () => {
    const bad = await hr.post(`${I}/import/acled`, { csv: ACLED('errors') });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ committed: false, created: 0 });
    const a = ok(await hr.post(`${I}/import/acled`, { csv: ACLED('layout3-2023') }));
    expect(a).toMatchObject({ events: 11, created: 11, updated: 0, skipped: 0, committed: true });
    const u = ok(await hr.post(`${I}/import/ucdp`, { csv: UCDP }));
    expect(u).toMatchObject({ events: 6, created: 6, committed: true });
    expect(ok(await hr.post(`${I}/import/ucdp`, { csv: UCDP }))).toMatchObject({ created: 0, updated: 0, skipped: 6 });
    const byYear = ok(await viewer.get(`${I}/stats?group_by=year&where=source=ucdp`)).rows;
    expect(byYear).toEqual([
      { year: 2015, count: 2, fatalities: expect.any(Number) },
      { year: 2016, count: 2, fatalities: expect.any(Number) },
      { year: 2017, count: 2, fatalities: expect.any(Number) },
    ]);
    expect(byYear.reduce((s: number, r: any) => s + r.fatalities, 0)).toBe(34);
    const bySource = ok(await viewer.get(`${I}/stats?group_by=source`)).rows;
    expect(bySource).toEqual([
      { source: 'acled', count: 11, fatalities: 23 },
      { source: 'manual', count: 1, fatalities: 4 },
      { source: 'ucdp', count: 6, fatalities: 34 },
    ]);
    const vac = ok(await viewer.get(`${I}/stats?group_by=type,admin1&where=source=acled&where=type=Violence against civilians`)).rows;
    expect(vac.reduce((s: number, r: any) => s + r.count, 0)).toBe(5);
    const badField = await viewer.get(`${I}/stats?group_by=colour`);
    expect(badField.status).toBe(400);
    expect(badField.body.errors[0].field).toBe('group_by.0');
    expect((await viewer.post(`${I}/import/ucdp`, { csv: UCDP })).status).toBe(403);
  });

  it('a viewer cannot see named victims or who the sources are: not in the record, the exports or search', async () => {
    const secret = /Quomodo|Yelvington|Ostrowsky|Entretien du 5 mai/;
    const full = ok(await viewer.get(`${I}/${ids.incident}`));
    expect(full.named_victims).toEqual([]);
    expect(full.sources.map((s: any) => s.title)).toEqual(['Rapport de mission JPT-19-042']);
    expect(JSON.stringify(full)).not.toMatch(secret);
    const hrFull = ok(await hr.get(`${I}/${ids.incident}`));
    expect(hrFull.named_victims.map((v: any) => v.name)).toEqual(['Zéphirin Quomodo']);
    expect(hrFull.sources.map((s: any) => s.identity).sort()).toEqual(['Informateur Yelvington', 'Témoin Ostrowsky']);

    for (const format of ['csv', 'geojson', 'json']) {
      const mine = await viewer.request('GET', `${I}/export?format=${format}&source=manual`);
      expect(mine.statusCode, format).toBe(200);
      expect(mine.body, format).toContain('Bangoro');
      expect(mine.body, format).not.toMatch(secret);
      const theirs = await hr.request('GET', `${I}/export?format=${format}&source=manual`);
      expect(theirs.body, format).toMatch(/Quomodo/);
      expect(theirs.body, format).toMatch(/Yelvington/);
    }
    const csv = (await viewer.request('GET', `${I}/export?format=csv`)).body;
    const [labels, tags, ...rows] = parseCsv(csv) as string[][];
    expect(tags).toContain('#event+id');
    expect(tags).toContain('#geo+lat');
    expect(tags).not.toContain('#affected+name');
    expect(labels!.length).toBe(tags!.length);
    expect(rows.length).toBe(18);
    const hrCsv = parseCsv((await hr.request('GET', `${I}/export?format=csv&source=manual`)).body) as string[][];
    expect(hrCsv[1]).toContain('#affected+name');
    const fr = await viewer.request('GET', `${I}/export?format=csv&source=manual`, undefined, { 'accept-language': 'fr' });
    expect(fr.body.split('\n')[0]).toMatch(/Identifiant de l'incident/);
    const geo = JSON.parse((await viewer.request('GET', `${I}/export?format=geojson&source=manual`)).body);
    expect(geo.features[0]).toMatchObject({ type: 'Feature', id: ids.incident, geometry: { type: 'Point', coordinates: [20.6, 5.9] } });

    const s1 = ok(await viewer.get('/api/v1/search?q=Quomodo'));
    expect(s1.hits.filter((h: any) => h.domain === 'incidents')).toEqual([]);
    const s2 = ok(await hr.get('/api/v1/search?q=Quomodo'));
    expect(s2.hits.filter((h: any) => h.domain === 'incidents').map((h: any) => h.id)).toEqual([ids.incident]);
    const s3 = ok(await viewer.get('/api/v1/search?q=Bangoro'));
    expect(s3.hits.filter((h: any) => h.domain === 'incidents').map((h: any) => h.id)).toEqual([ids.incident]);
    expect(ok(await viewer.get('/api/v1/search?q=Yelvington')).hits.filter((h: any) => h.domain === 'incidents')).toEqual([]);
  });

  it('actor mappings through the API, and notifications for those who verify', async () => {
    const army = ok(await hr.post(`${R}/units`, { name: 'Military Forces of Kivara', classifications: ['army'] })).id;
    const m = ok(await hr.put(`${I}/actor-mappings`, { source: 'acled', actor_name: 'Military Forces of Kivara (2019-)', unit_id: army }));
    expect(m).toMatchObject({ created: true, record: { actor_key: 'military forces of kivara', unit_id: army } });
    expect(ok(await viewer.get(`${I}/actor-mappings?source=acled`)).items.length).toBe(1);
    const r = ok(await hr.post(`${I}/import/acled`, { csv: ACLED('layout3-2023') }));
    expect(r.updated).toBeGreaterThan(0);
    expect(ok(await viewer.get(`${I}/linked?unit_id=${army}`)).items.length).toBe(r.updated);
    const placeholder = ok(await hr.post(`${R}/units`, { name: 'Unité X', placeholder: true })).id;
    expect((await hr.put(`${I}/actor-mappings`, { actor_name: 'Unknown gunmen', unit_id: placeholder })).status).toBe(400);
    const notes = ok(await hr.get('/api/v1/notifications')).notifications.filter((n: any) => n.domain === 'incidents');
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n: any) => n.kind === 'incidents.grave-unverified')).toBe(true);
    expect(ok(await viewer.get('/api/v1/notifications')).notifications.filter((n: any) => n.domain === 'incidents')).toEqual([]);
  });
});
