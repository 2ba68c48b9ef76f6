import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

const R = '/api/v1/relations';

forEachEngine('relations API: round trips, views, and who may read leverage and use of force', (db) => {
  let app: FastifyInstance;
  let hr: TestClient;
  let pol: TestClient;
  let mil: TestClient;
  let viewer: TestClient;
  let lead: TestClient;
  const ids: Record<string, string> = {};
  const ok = (r: any) => {
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    app = await testServer(db());
    hr = await signIn(app, db(), 'hro', ['human-rights']);
    pol = await signIn(app, db(), 'pao', ['political']);
    mil = await signIn(app, db(), 'planner', ['military']);
    viewer = await signIn(app, db(), 'reader', ['viewer']);
    lead = await signIn(app, db(), 'srsg', ['leadership']);
    ids.army = ok(await hr.post('/api/v1/registry/units', { name: 'Forces armées zorbaliennes', classifications: ['army'], level: 'national' })).id;
    ids.police = ok(await hr.post('/api/v1/registry/units', { name: 'Police nationale zorbalienne', classifications: ['police'], level: 'national' })).id;
    ids.leverage = ok(await pol.post(`${R}/leverage`, { actor_unit: ids.army, tool: 'public-reporting', occurred_on: '2024-03-01', summary: 'Quorvex public report on summary executions', partners: ['OHCHR', 'AU'] })).id;
    ids.force = ok(await pol.post(`${R}/force`, { occurred_on: '2024-03-05', level: 'interposition', target_type: 'state-police', target_unit: 'Police nationale zorbalienne', purpose: 'Shield Quorvex protesters', authority: 'Police commissioner', outcome: 'no shots fired' })).id;
    ids.secretRestriction = ok(await pol.post(`${R}/restrictions`, { occurred_on: '2024-02-02', type: 'staff-detained', actor_unit: ids.army, description: 'Quorvex monitors detained', affected_staff: 'Jean Dupont, Awa Traoré', sensitivity: 'restricted' })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('records, revises, lists and retracts a restriction; bad input names the field', async () => {
    const created = await pol.post(`${R}/restrictions`, { occurred_on: '2024-04-10', type: 'flight-clearance-refused', actor_unit: ids.army, place: 'Kavumu airstrip', area: 'CD61', prevented: ['alert-response'], description: 'Helicopter grounded before the Kalehe alert', affected_staff: 'pilot crew' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ actor_kind: 'unit', actor_id: ids.army, actor_name: 'Forces armées zorbaliennes', scope: 'national', sensitivity: 'internal' });
    expect(created.body.search_text).toBeUndefined();
    const rid = created.body.id;
    const same = await pol.patch(`${R}/restrictions/${rid}`, { place: 'Kavumu airstrip' });
    expect(same.body.changed).toBe(false);
    const patched = await pol.patch(`${R}/restrictions/${rid}`, { resolved_on: '2024-04-12', resolution: 'cleared after a call to the chief of staff', reported_to_hq_on: '2024-04-11', expected_version: 1, reason: 'resolved' });
    expect(patched.body).toMatchObject({ changed: true, record: { version: 2, resolved_on: '2024-04-12' } });
    expect((await pol.patch(`${R}/restrictions/${rid}`, { place: 'x', expected_version: 1 })).status).toBe(409);
    const got = await mil.get(`${R}/restrictions/${rid}`);
    expect(got.status).toBe(200);
    expect(got.body.affected_staff).toBeUndefined(); // more sensitive than the record
    expect((await pol.get(`${R}/restrictions/${rid}`)).body.affected_staff).toBe('pilot crew');
    const listed = await mil.get(`${R}/restrictions?actor=${encodeURIComponent('Forces armées zorbaliennes')}&from=2024-04`);
    expect(listed.body.items.map((x: any) => x.id)).toEqual([rid]);

    const bad = await pol.post(`${R}/restrictions`, { occurred_on: '2024-04-31', type: 'visa-delayed' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/(^|\.)occurred_on$/);
    const badCode = await pol.post(`${R}/restrictions`, { occurred_on: '2024-04-01', type: 'visa-delayed', end_date: '2024-03-01', actor_unit: 'Nobody Known Here' });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors[0].field).toBe('actor_unit');
    expect((await mil.post(`${R}/restrictions`, { occurred_on: '2024-04-01', type: 'visa-delayed' })).status).toBe(403);

    const tmp = ok(await pol.post(`${R}/restrictions`, { occurred_on: '2024-04-11', type: 'visa-delayed' }));
    expect((await pol.post(`${R}/restrictions/${tmp.id}/retract`, { reason: 'entered twice' })).status).toBe(200);
    expect((await pol.get(`${R}/restrictions?from=2024-04-11&to=2024-04-11`)).body.items).toEqual([]);
    const revs = await pol.get(`/api/v1/records/relations-restriction/${rid}/revisions`);
    expect(revs.body.revisions.map((r: any) => r.action)).toEqual(['create', 'update']);
  });

  it('engagements with their commitments, status changes, open commitments, status-of-forces tables and the consent series', async () => {
    const e = await pol.post(`${R}/engagements`, {
      occurred_on: '2024-04-15',
      actor_unit: ids.army,
      tier: 'strategic',
      scope: 'national',
      topics: ['violations-by-security-forces', 'freedom-of-movement'],
      tone: 'tense',
      outcome: 'commitment-obtained',
      summary: 'Force commander meets the army chief on flight clearances',
      mission_participants: [{ name: 'Force commander' }],
      counterpart_participants: [{ name: 'Chief of general staff' }],
      commitments: [{ summary: 'Standing flight clearance for casualty evacuation', due_on: '2024-05-15' }],
    });
    expect(e.status).toBe(201);
    const cid = e.body.commitments[0].id;
    expect((await pol.get(`${R}/engagements/${e.body.id}`)).body.commitments.map((c: any) => c.id)).toEqual([cid]);
    const broken = await pol.post(`${R}/commitments/${cid}/status`, { status: 'broken', date: '2024-05-20', note: 'clearance refused again' });
    expect(broken.body).toMatchObject({ status: 'broken', version: 2 });
    expect((await pol.post(`${R}/commitments/${cid}/status`, { status: 'nope' })).body.errors[0].field).toBe('status');
    const secret = ok(await pol.post(`${R}/engagements`, { occurred_on: '2024-04-16', actor_unit: ids.army, summary: 'Back-channel on the detained monitors', sensitivity: 'restricted' }));
    const quiet = ok(await pol.post(`${R}/commitments`, { engagement_id: secret.id, summary: 'Release the monitors quietly' }));
    expect(quiet).toMatchObject({ sensitivity: 'restricted', actor_id: ids.army, made_on: '2024-04-16' });
    expect((await mil.get(`${R}/commitments/${quiet.id}`)).status).toBe(404);
    const open = await mil.get(`${R}/commitments/open?as_of=2024-05-01`);
    expect(open.body.actors[0]).toMatchObject({ actorId: ids.army, actor_name: 'Forces armées zorbaliennes' });
    expect(open.body.actors[0].open.map((c: any) => c.id)).toEqual([cid]);

    const sofa = await mil.get(`${R}/restrictions/sofa?from=2024-01-01&to=2024-12-31`);
    expect(sofa.status).toBe(200);
    expect(sofa.body.tables.type.total.count).toBe(1); // the military planner cannot see the restricted detention
    expect((await pol.get(`${R}/restrictions/sofa?from=2024-01-01&to=2024-12-31`)).body.tables.type.total.count).toBe(2);
    const csv = await pol.request('GET', `${R}/restrictions/sofa?by=month&from=2024-01-01&to=2024-06-30&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('sofa_violations');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['2024-01,January 2024,0', '2024-02,February 2024,1', '2024-03,March 2024,0', '2024-04,April 2024,1', '2024-05,May 2024,0', '2024-06,June 2024,0', 'total,Total,2']);

    const series = await pol.get(`${R}/consent?actor=${ids.army}&from=2024-01&to=2024-06-30`);
    expect(series.status).toBe(200);
    expect(series.body.points.map((p: any) => p.period)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(series.body.points[5].contributions.map((c: any) => c.kind).sort()).toEqual(['commitment', 'commitment', 'engagement', 'restriction', 'restriction']);
    expect(series.body.points[1].value).toBeLessThan(0);
    const week = await pol.get(`${R}/consent?actor=${ids.army}&from=2024-05-01&to=2024-05-31&step=week`);
    expect(week.body.points[0].period).toMatch(/^2024-W\d\d$/);
    expect((await pol.get(`${R}/consent?level=sideways`)).status).toBe(400);
    const actors = await mil.get(`${R}/consent/actors?from=2024-01&to=2024-06-30`);
    expect(actors.body.actors.map((a: any) => a.actor.id)).toContain(ids.army);

    ok(await pol.post(`${R}/stances`, { actor_unit: ids.army, level: 'local', as_of: '2024-05-01', stance: 'cooperative', reasons: 'local commanders share patrol plans' }));
    ok(await pol.post(`${R}/stances`, { actor_unit: ids.army, level: 'strategic', as_of: '2024-05-01', stance: 'obstructive', reasons: 'clearances refused' }));
    const board = await mil.get(`${R}/stances/current?actor=${ids.army}`);
    expect(board.body.actors[0].stances.map((s: any) => [s.level, s.stance])).toEqual([['strategic', 'obstructive'], ['local', 'cooperative']]);
    ok(await pol.post(`${R}/cooperation`, { occurred_on: '2024-06-02', type: 'joint-patrol', actor_unit: ids.army, summary: 'Joint patrol to Minova' }));
    expect((await mil.get(`${R}/cooperation`)).body.items).toHaveLength(1);
    expect((await mil.get(`${R}/vocabularies`)).body.leverageLadder.map((x: any) => x.code)).toContain('sanctions-referral');
  });

  it('leverage plans and uses of force are restricted by default: a viewer or a military planner cannot read them on any path', async () => {
    // political (restricted clearance) and leadership see them
    expect((await pol.get(`${R}/leverage/${ids.leverage}`)).body).toMatchObject({ sensitivity: 'restricted', actor_name: 'Forces armées zorbaliennes', partners: ['OHCHR', 'AU'] });
    expect((await lead.get(`${R}/force`)).body.items.map((x: any) => x.id)).toEqual([ids.force]);
    expect((await lead.get(`${R}/force/figures`)).body).toMatchObject({ total: 1, againstState: 1 });
    expect((await lead.get(`${R}/leverage/escalation`)).body.actors[0].currentRung.tool).toBe('public-reporting');

    // the military planner (relations:read, internal clearance)
    expect((await mil.get(`${R}/leverage`)).body.items).toEqual([]);
    expect((await mil.get(`${R}/force`)).body.items).toEqual([]);
    expect((await mil.get(`${R}/leverage/${ids.leverage}`)).status).toBe(404);
    expect((await mil.get(`${R}/force/${ids.force}`)).status).toBe(404);
    expect((await mil.get(`${R}/leverage/escalation`)).body.actors).toEqual([]);
    expect((await mil.get(`${R}/force/figures`)).body).toMatchObject({ total: 0, againstState: 0, stateConfrontations: [] });
    expect((await mil.get(`${R}/export?kind=leverage`)).body.items).toEqual([]);
    const milCsv = await mil.request('GET', `${R}/export?kind=force&format=csv`);
    expect(milCsv.statusCode).toBe(200);
    const milLines = milCsv.body.trim().split('\n');
    expect(milLines).toHaveLength(2); // the header and its HXL hashtags, no record
    expect(milLines[1]).toContain('#date+occurred');
    expect(milCsv.body).not.toContain('Quorvex');
    expect((await mil.get(`/api/v1/records/relations-force/${ids.force}/revisions`)).status).toBe(404);
    expect((await mil.patch(`${R}/force/${ids.force}`, { outcome: 'x' })).status).toBe(403);

    // the actor profile gathers everything, as far as the reader may see it
    const polProfile = (await pol.get(`${R}/actors/${encodeURIComponent('Forces armées zorbaliennes')}`)).body;
    expect(polProfile.actor).toMatchObject({ kind: 'unit', id: ids.army });
    expect(polProfile.leverage.map((x: any) => x.id)).toEqual([ids.leverage]);
    expect(polProfile.escalation.currentRung.tool).toBe('public-reporting');
    expect(polProfile.restrictions.map((x: any) => x.id)).toContain(ids.secretRestriction);
    const milProfile = (await mil.get(`${R}/actors/${ids.army}`)).body;
    expect(milProfile.leverage).toEqual([]);
    expect(milProfile.escalation).toBeNull();
    expect(milProfile.restrictions.map((x: any) => x.id)).not.toContain(ids.secretRestriction);
    expect(milProfile.stances.map((s: any) => s.level)).toEqual(['strategic', 'local']);
    expect((await mil.get(`${R}/actors/${ids.police}`)).body.force).toEqual([]);
    expect((await lead.get(`${R}/actors/${ids.police}`)).body.force.map((x: any) => x.id)).toEqual([ids.force]);

    // the viewer has no relations permission at all
    for (const url of [`${R}/leverage`, `${R}/force`, `${R}/leverage/${ids.leverage}`, `${R}/force/${ids.force}`, `${R}/leverage/escalation`, `${R}/force/figures`, `${R}/export?kind=force`, `${R}/export?kind=leverage&format=csv`, `${R}/search?q=quorvex`, `${R}/consent`, `${R}/actors/${ids.army}`]) {
      expect((await viewer.get(url)).status, url).toBe(403);
    }

    // global search: the restricted detention and the leverage and force records never reach them
    const polHits = (await pol.get('/api/v1/search?q=quorvex')).body.hits;
    expect(polHits.map((h: any) => h.id)).toContain(ids.secretRestriction);
    for (const who of [mil, viewer]) {
      const hits = (await who.get('/api/v1/search?q=quorvex')).body.hits.map((h: any) => h.id);
      expect(hits).not.toContain(ids.secretRestriction);
      expect(hits).not.toContain(ids.leverage);
      expect(hits).not.toContain(ids.force);
    }
    expect((await mil.get(`${R}/search?q=quorvex`)).body.hits).toEqual([]);
    // the export the political officer gets holds them
    const polCsv = await pol.request('GET', `${R}/export?kind=force&format=csv`);
    expect(polCsv.body).toContain('Shield Quorvex protesters');
  });

  it('search covers engagements, restrictions and commitments; notifications carry overdue commitments', async () => {
    const hits = (await mil.get(`${R}/search?q=${encodeURIComponent('flight clearance')}`)).body.hits;
    expect(new Set(hits.map((h: any) => h.type))).toEqual(new Set(['relations-restriction', 'relations-engagement', 'relations-commitment']));
    const global = (await mil.get('/api/v1/search?q=casualty%20evacuation')).body.hits;
    expect(global[0]).toMatchObject({ domain: 'relations', type: 'relations-commitment' });
    const e = ok(await pol.post(`${R}/commitments`, { actor_unit: ids.police, summary: 'Release the detained journalists', made_on: '2024-01-10', due_on: '2024-02-01' }));
    const notes = (await mil.get('/api/v1/notifications')).body.notifications;
    expect(notes.find((n: any) => n.id === e.id)).toMatchObject({ domain: 'relations', kind: 'relations.commitment-overdue', severity: 'urgent' });
    expect((await viewer.get('/api/v1/notifications')).body.notifications.filter((n: any) => n.domain === 'relations')).toEqual([]);
    // a violation of the agreement not reported to headquarters after relations.policy reportWithinDays
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const open = ok(await pol.post(`${R}/restrictions`, { occurred_on: daysAgo(20), type: 'site-access-denied', actor_unit: ids.police, description: 'Prison of Zorba closed to monitors' }));
    const hidden = ok(await pol.post(`${R}/restrictions`, { occurred_on: daysAgo(20), type: 'staff-harassed', actor_unit: ids.police, sensitivity: 'restricted' }));
    const fresh = ok(await pol.post(`${R}/restrictions`, { occurred_on: daysAgo(2), type: 'visa-refused', actor_unit: ids.police }));
    const unreported = (who: TestClient) => who.get('/api/v1/notifications').then((r) => r.body.notifications.filter((n: any) => n.kind === 'relations.restriction-unreported').map((n: any) => n.id));
    expect(await unreported(pol)).toEqual(expect.arrayContaining([open.id, hidden.id]));
    expect(await unreported(pol)).not.toContain(fresh.id);
    expect(await unreported(mil)).toEqual([open.id]);
    ok(await pol.patch(`${R}/restrictions/${open.id}`, { reported_to_hq_on: daysAgo(1) }));
    expect(await unreported(mil)).toEqual([]);
    const doc = await pol.get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/relations/consent', '/api/v1/relations/restrictions/sofa', '/api/v1/relations/force/{id}']));
  });
});
