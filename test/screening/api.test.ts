import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY } from '../../src/platform/access/policy.ts';
import { context } from '../../src/platform/store.ts';
import { createPerson } from '../../src/registry/service.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

const fixture = (f: string) => readFileSync(fileURLToPath(new URL(`../fixtures/screening/${f}`, import.meta.url)), 'utf8');
const B = '/api/v1/screening';
const ROSTER = 'name,birth_date,nationality,rank\nJean-Baptiste KABORE,02/04/1968,XF,Colonel-Major\nGén. SULTANI Makenga,1973-12-25,,Général de brigade\nAmadou Sawadogo,,,Sergent\n';

forEachEngine('screening API: roster upload, results, explanations, adjudication, need-to-know', (db) => {
  let app: FastifyInstance;
  let hr: TestClient;
  let mil: TestClient;
  let viewer: TestClient;
  let restricted: any;
  let open: any;
  let hrScreening: any;

  beforeAll(async () => {
    app = await testServer(db());
    hr = await signIn(app, db(), 'amani', ['human-rights']);
    mil = await signIn(app, db(), 'planner', ['military']);
    viewer = await signIn(app, db(), 'visitor', ['viewer']);
    const imp = await hr.post(`${B}/import/un-sanctions`, { xml: fixture('un-sample.xml'), file_name: 'un-sample.xml', partial: true });
    expect(imp.status, JSON.stringify(imp.body)).toBe(200);
    const hro = context(db(), actorFor({ id: crypto.randomUUID(), username: 'amani', roles: ['human-rights'] }, DEFAULT_ROLE_POLICY));
    const kabore = await createPerson(hro, { name: 'Jean-Baptiste Kaboré', birth_date: '1968-04-02', nationalities: ['xf'] });
    const r1 = await hr.post(`${B}/mission/entries`, { registry_person_id: kabore.id, reason: 'Commanded the battalion at Kessélé (March 2017)' });
    expect(r1.status, JSON.stringify(r1.body)).toBe(201);
    restricted = r1.body;
    const r2 = await hr.post(`${B}/mission/entries`, { name: 'Amadou Sawadogo', reason: 'Militia recruiter', sensitivity: 'internal' });
    open = r2.body;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a planner screens at a level within their clearance; what they may not see is withheld and raises a review', async () => {
    const refused = await mil.post(`${B}/screenings`, { csv: ROSTER, file_name: 'bataillon.csv' });
    expect(refused.status).toBe(403);
    const r = await mil.post(`${B}/screenings`, { csv: ROSTER, file_name: 'bataillon.csv', sensitivity: 'internal' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const rows = r.body.screening.rows;
    expect(rows).toHaveLength(3);
    expect(rows[0].matches.map((m: any) => m.id)).not.toContain(restricted.id);
    expect(rows[1].matches[0]).toMatchObject({ list: 'un', name: 'SULTANI MAKENGA' });
    expect(rows[2].matches.map((m: any) => m.id)).toEqual([open.id]);
    expect(r.body.withheld).toBe(1);
    expect(JSON.stringify(r.body)).not.toContain('Kessélé');
    const reviews = await hr.get(`${B}/reviews?status=open`);
    expect(reviews.body.items.map((x: any) => [x.cause, x.entry_id, x.row_no])).toEqual([['withheld', restricted.id, 1]]);
    expect((await mil.get(`${B}/reviews?status=open`)).body.items).toEqual([]);
    const notes = await hr.get('/api/v1/notifications');
    expect(notes.body.notifications.filter((n: any) => n.domain === 'screening').map((n: any) => n.kind)).toEqual(['screening.review.withheld']);
  });

  it('the human rights officer sees every match, each with its explanation', async () => {
    const r = await hr.post(`${B}/screenings`, { csv: ROSTER, file_name: 'bataillon.csv', title: 'Bataillon 2' });
    expect(r.status).toBe(201);
    hrScreening = r.body.screening;
    const first = hrScreening.rows[0];
    expect(first.matches[0]).toMatchObject({ list: 'mission', id: restricted.id, adjudication: null });
    expect(first.matches[0].score).toBeGreaterThanOrEqual(0.95);
    const d = await hr.get(`${B}/screenings/${hrScreening.id}/rows/1/matches/mission/${restricted.id}`);
    expect(d.status).toBe(200);
    expect(d.body.match.explanation.kind).toBe('name');
    expect(d.body.match.explanation.detail.alignments.length).toBeGreaterThan(1);
    expect(d.body.match.explanation.detail.adjustments.map((a: any) => a.factor)).toContain('birthDate');
    const mk = hrScreening.rows[1].matches[0];
    const d2 = await hr.get(`${B}/screenings/${hrScreening.id}/rows/2/matches/un/${mk.id}`);
    expect(d2.body.match.explanation.detail.query.stripped.map((s: any) => s.kind)).toContain('rank');
    expect(d2.body.match.explanation.text).toMatch(/Removed from the screened name/);
    expect(d.body.entry.reason).toContain('Kessélé');
    const csv = await hr.request('GET', `${B}/screenings/${hrScreening.id}/export`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('row,name,birth date,nationality,gender,unit,rank,list,entry,listed name,score,decision');
    expect(csv.body).toContain(restricted.id);
    const milCsv = await mil.request('GET', `${B}/screenings/${hrScreening.id}/export`);
    expect(milCsv.statusCode).toBe(404);
    const view = await hr.get(`${B}/screenings/${hrScreening.id}?only_matches=true`);
    expect(view.body.rows.map((x: any) => x.row)).toEqual([1, 2, 3]);
  });

  it('only the human rights role adjudicates; the decision is audited and remembered', async () => {
    const body = { row: 2, list: 'un', entry_id: hrScreening.rows[1].matches[0].id, decision: 'true-match', note: 'Same birth date' };
    expect((await mil.post(`${B}/screenings/${hrScreening.id}/adjudications`, body)).status).toBe(403);
    expect((await viewer.post(`${B}/screenings/${hrScreening.id}/adjudications`, body)).status).toBe(403);
    const a = await hr.post(`${B}/screenings/${hrScreening.id}/adjudications`, body);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    const withheld = await hr.post(`${B}/screenings/${(await hr.get(`${B}/reviews?status=open`)).body.items[0].screening_id}/adjudications`, { row: 1, list: 'mission', entry_id: restricted.id, decision: 'true-match' });
    expect(withheld.status, JSON.stringify(withheld.body)).toBe(200);
    expect((await hr.get(`${B}/reviews?status=open`)).body.items).toEqual([]);
    const hist = await hr.get(`/api/v1/records/screening-adjudication/${a.body.id}/revisions`);
    expect(hist.body.revisions.map((r: any) => [r.actor, r.action])).toEqual([['amani', 'adjudicate']]);
    expect((await viewer.get(`/api/v1/records/screening-adjudication/${a.body.id}/revisions`)).status).toBe(403);
    const again = await hr.post(`${B}/screenings`, { csv: 'name,birth_date\nMakenga Sultani,1973-12-25\n' });
    expect(again.body.screening.rows[0].matches[0].adjudication).toMatchObject({ decision: 'true-match', decided_by: 'amani' });
  });

  it('a viewer reads nothing of screening; a planner never sees a restricted entry', async () => {
    expect((await viewer.get(`${B}/screenings/${hrScreening.id}`)).status).toBe(403);
    expect((await viewer.get(`${B}/entries`)).status).toBe(403);
    expect((await viewer.post(`${B}/screen`, { name: 'Kaboré' })).status).toBe(403);
    expect((await mil.get(`${B}/screenings/${hrScreening.id}`)).status).toBe(404);
    expect((await mil.get(`${B}/entries/${restricted.id}`)).status).toBe(404);
    const mission = await mil.get(`${B}/entries?list=mission`);
    expect(mission.body.items.map((x: any) => x.id)).toEqual([open.id]);
    const s = await mil.post(`${B}/screen`, { name: 'Jean-Baptiste Kaboré', birth_date: '1968-04-02' });
    expect(s.body.matches.map((m: any) => m.entry_id)).not.toContain(restricted.id);
    const search = await mil.get('/api/v1/search?q=Kabor');
    expect(JSON.stringify(search.body)).not.toContain(restricted.id);
    const hrSearch = await hr.get('/api/v1/search?q=Kabor');
    expect(hrSearch.body.hits.map((h: any) => h.id)).toContain(restricted.id);
    expect((await viewer.post(`${B}/mission/entries`, { name: 'X', reason: 'y' })).status).toBe(403);
  });

  it('a change of the mission list re-runs earlier screenings and raises a review of each new hit', async () => {
    const r = await hr.post(`${B}/mission/entries`, { name: 'Salif Ouédraogo', reason: 'Ordered the Kessélé reprisals', sensitivity: 'internal' });
    expect(r.status).toBe(201);
    const screened = await hr.post(`${B}/screenings`, { rows: [{ name: 'OUEDRAOGO Salif', rank: 'Lt Col' }, { name: 'Paul Zongo' }], lists: ['mission'] });
    expect(screened.body.screening.rows[0].matches.map((m: any) => m.id)).toEqual([r.body.id]);
    const later = await hr.post(`${B}/mission/entries`, { name: 'Paul Zongo', reason: 'Second in command at Kessélé', sensitivity: 'internal' });
    expect(later.body.rerun.screenings).toBeGreaterThanOrEqual(1);
    const reviews = (await hr.get(`${B}/reviews?status=open&screening_id=${screened.body.screening.id}`)).body.items;
    expect(reviews.map((x: any) => [x.cause, x.row_no, x.entry_id])).toEqual([['list-change', 2, later.body.id]]);
    const notes = (await hr.get('/api/v1/notifications')).body.notifications;
    expect(notes.map((n: any) => n.id)).toContain(reviews[0].id);
    const del = await hr.post(`${B}/mission/entries/${later.body.id}/delist`, { reason: 'Mistaken identity' });
    expect(del.body).toMatchObject({ status: 'delisted', delisting_reason: 'Mistaken identity' });
    const entry = await hr.get(`${B}/entries/${later.body.id}`);
    expect(entry.body.revisions.map((x: any) => x.action)).toEqual(['list', 'delist']);
  });

  it('rejects a roster without a name column, naming the line and column', async () => {
    const r = await hr.post(`${B}/screenings`, { csv: 'nombre,fecha\nX,1\n' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('line 1');
  });
});
