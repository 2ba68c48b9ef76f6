import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/access/policy.ts';
import { context } from '../../src/platform/store.ts';
import * as reg from '../../src/registry/service.ts';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient, testServer } from '../helpers/http.ts';

const P = '/api/v1/protection';
const CALLER = 'Espérance Ubwenge';
const PHONE = '+243 812 000 999';

forEachEngine('protection API: round trips, and who may know who called', (db) => {
  let app: FastifyInstance;
  let poc: TestClient;
  let hr: TestClient;
  let mil: TestClient;
  let viewer: TestClient;
  let leader: TestClient;
  let rol: TestClient;
  const ids: Record<string, string> = {};
  const ok = (r: any) => {
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    app = await testServer(db());
    [poc, hr, mil, viewer, leader, rol] = await Promise.all([
      signIn(app, db(), 'poc', ['protection']),
      signIn(app, db(), 'hro', ['human-rights']),
      signIn(app, db(), 'planner', ['military']),
      signIn(app, db(), 'reader', ['viewer']),
      signIn(app, db(), 'srsg', ['leadership']),
      signIn(app, db(), 'rol', ['rule-of-law']),
    ]);
    const sys = context(db(), systemActor('test'));
    ids.unit = (await reg.createUnit(sys, { name: '1er Bataillon Kivu', classifications: ['army'], start_date: '2012' } as any)).id;
    ids.person = (await reg.createPerson(sys, { name: 'Jacques Mbale' } as any)).id;
    await reg.createPosting(sys, { person_id: ids.person, unit_id: ids.unit, rank: 'Capitaine', role: 'Commandant de compagnie', start_date: '2015' } as any);
    const a = ok(
      await poc.post(`${P}/alerts`, {
        received_at: '2024-05-02T19:40:00+02:00',
        channel: 'community-alert-network',
        threat_type: 'attack-on-civilians',
        area_code: 'CD6103',
        area_name: 'Masisi',
        place: 'Kibabi village',
        threatened_population: 'about 300 displaced families',
        suspected_actor: 'men in uniform',
        suspected_unit_id: ids.unit,
        summary: 'Armed men seen gathering near the camp of Kibabi',
        caller: { name: CALLER, phone: PHONE, relationship: 'camp leader', callback_consent: true },
      }),
    );
    ids.alert = a.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('who called is read by the protection and human-rights roles only, on every path', async () => {
    for (const c of [poc, hr]) {
      const one = ok(await c.get(`${P}/alerts/${ids.alert}`));
      expect(one.callers.map((x: any) => [x.name, x.phone])).toEqual([[CALLER, PHONE]]);
      expect(ok(await c.get(`${P}/alerts`)).items.find((x: any) => x.id === ids.alert).callers[0].name).toBe(CALLER);
      const csv = await c.request('GET', `${P}/alerts/export`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain(CALLER);
    }
    for (const c of [mil, leader, rol]) {
      const one = await c.get(`${P}/alerts/${ids.alert}`);
      expect(one.status).toBe(200);
      expect(one.body.place).toBe('Kibabi village');
      expect(one.body.callers).toBeUndefined();
      expect(JSON.stringify(one.body)).not.toContain('Ubwenge');
      expect(JSON.stringify(one.body)).not.toContain(PHONE);
      const list = ok(await c.get(`${P}/alerts`));
      expect(list.items.map((x: any) => x.id)).toContain(ids.alert);
      expect(JSON.stringify(list)).not.toContain('Ubwenge');
      const csv = await c.request('GET', `${P}/alerts/export`);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('Kibabi village');
      expect(csv.body).not.toContain('Ubwenge');
      expect(csv.body).not.toContain('caller');
      expect(ok(await c.get(`${P}/search?q=Ubwenge`)).hits).toEqual([]);
      expect(ok(await c.get(`/api/v1/search?q=Ubwenge`)).hits).toEqual([]);
      expect(ok(await c.get(`${P}/search?q=kibabi`)).hits.map((h: any) => h.id)).toContain(ids.alert);
      const revs = ok(await c.get(`/api/v1/records/protection-alert/${ids.alert}/revisions`));
      expect(revs.revisions.length).toBeGreaterThan(0);
      expect(JSON.stringify(revs)).not.toContain('Ubwenge');
      expect((await c.put(`${P}/alerts/${ids.alert}/caller`, { name: 'x' })).status).toBe(403);
    }
    const callerId = ok(await poc.get(`${P}/alerts/${ids.alert}`)).callers[0].id;
    expect([403, 404]).toContain((await mil.get(`/api/v1/records/protection-alert-caller/${callerId}/revisions`)).status);
    expect(JSON.stringify(ok(await poc.get(`/api/v1/records/protection-alert-caller/${callerId}/revisions`)))).toContain('Ubwenge');
    // a viewer does not read alerts at all
    expect((await viewer.get(`${P}/alerts/${ids.alert}`)).status).toBe(403);
    expect((await viewer.get(`${P}/alerts`)).status).toBe(403);
    expect((await viewer.request('GET', `${P}/alerts/export`)).statusCode).toBe(403);
    expect(ok(await viewer.get(`/api/v1/search?q=kibabi`)).hits.filter((h: any) => h.domain === 'protection')).toEqual([]);
    // and the caller record cannot be filed below restricted
    expect((await poc.put(`${P}/alerts/${ids.alert}/caller`, { name: CALLER, sensitivity: 'internal' })).status).toBe(400);
  });

  it('alert workflow round trip: triage, response, closure, figures, notifications', async () => {
    const bad = await poc.post(`${P}/alerts/${ids.alert}/transition`, { to: 'triaged', at: '2024-05-02T19:45:00+02:00' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('priority');
    expect((await poc.post(`${P}/alerts/${ids.alert}/transition`, { to: 'response', at: '2024-05-02T19:45:00+02:00' })).status).toBe(409);
    expect((await mil.post(`${P}/alerts/${ids.alert}/transition`, { to: 'triaged', priority: 'high' })).status).toBe(403);
    const tri = ok(await poc.post(`${P}/alerts/${ids.alert}/transition`, { to: 'triaged', priority: 'immediate', at: '2024-05-02T19:45:00+02:00' }));
    expect(tri).toMatchObject({ state: 'triaged', priority: 'immediate' });
    ok(await poc.post(`${P}/alerts/${ids.alert}/responses`, { type: 'patrol', at: '2024-05-02T20:55:00+02:00', unit_id: 'TCB company' }));
    ok(await poc.post(`${P}/alerts/${ids.alert}/transition`, { to: 'response', at: '2024-05-02T21:00:00+02:00' }));
    const closed = ok(await poc.post(`${P}/alerts/${ids.alert}/transition`, { to: 'closed', at: '2024-05-03T07:00:00+02:00', note: 'no attack' }));
    expect(closed.timeline.map((s: any) => s.minutesSinceReceived)).toEqual([0, 5, 75, 80, 680]);
    const second = ok(await poc.post(`${P}/alerts`, { received_at: '2024-05-10T08:00:00+02:00', channel: 'patrol', threat_type: 'looting', area_code: 'CD6103', area_name: 'Masisi' }));
    const fig = ok(await mil.get(`${P}/alerts/figures?group_by=area`));
    expect(fig.total).toMatchObject({ alerts: 2, responded: 1, medianMinutes: 75, responseRate: 0.5 });
    expect(fig.total.unanswered.map((u: any) => u.id)).toEqual([second.id]);
    expect(fig.rows[0]).toMatchObject({ key: 'CD6103', en: 'Masisi' });
    expect((await mil.get(`${P}/alerts/figures?group_by=nowhere`)).status).toBe(400);
    const notes = ok(await poc.get('/api/v1/notifications')).notifications.filter((n: any) => n.domain === 'protection');
    expect(notes.map((n: any) => [n.id, n.kind]).sort()).toEqual([
      [second.id, 'protection.alert-awaiting-response'],
      [second.id, 'protection.alert-awaiting-triage'],
    ]);
    expect(JSON.stringify(notes)).not.toContain('Ubwenge');
    const dup = ok(await poc.post(`${P}/alerts`, { received_at: '2024-05-10T07:30:00+02:00', channel: 'hotline', threat_type: 'looting', area_code: 'CD6103' }));
    const merged = ok(await poc.post(`${P}/alerts/${second.id}/merge`, { duplicate_id: dup.id, at: '2024-05-10T09:00:00+02:00' }));
    expect(merged.duplicate).toMatchObject({ state: 'closed', merged_into: second.id });
    expect(merged.primary.effective_received_at).toBe('2024-05-10T07:30:00+02:00');
    expect((await poc.post(`${P}/alerts/${dup.id}/responses`, { type: 'patrol', at: '2024-05-10T09:10:00+02:00' })).status).toBe(409);
    const patched = ok(await poc.patch(`${P}/alerts/${second.id}`, { place: 'Rubaya market', expected_version: merged.primary.version }));
    expect(patched).toMatchObject({ changed: true, record: { place: 'Rubaya market' } });
  });

  it('an alert becomes an incident; who called stays with the alert', async () => {
    const a = ok(await poc.post(`${P}/alerts`, { received_at: '2024-06-01T04:00:00+02:00', channel: 'community-liaison-assistant', threat_type: 'abduction', area_code: 'CD6103', place: 'Kalembe', suspected_unit_id: ids.unit, caller: { name: 'Gisèle Quorra' } }));
    expect((await mil.post(`${P}/alerts/${a.id}/incident`, {})).status).toBe(403);
    const made = await poc.post(`${P}/alerts/${a.id}/incident`, { summary: 'Three women abducted at Kalembe' });
    expect(made.status).toBe(201);
    expect(made.body.incident).toMatchObject({ summary: 'Three women abducted at Kalembe', date: '2024-06-01', act_types: ['abduction'], location: 'Kalembe' });
    expect(made.body.alert.incident_id).toBe(made.body.incident.id);
    expect(JSON.stringify(made.body.incident)).not.toContain('Quorra');
    expect((await poc.post(`${P}/alerts/${a.id}/incident`, {})).status).toBe(409);
    expect((await hr.post(`${P}/alerts/00000000-0000-4000-8000-000000000000/incident`, {})).status).toBe(404);
    const doc = await poc.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/v1/protection/alerts/{id}/incident', '/api/v1/protection/projects/{id}/outcome', '/api/v1/protection/justice/figures']));
    const hits = ok(await hr.get('/api/v1/search?q=Kalembe')).hits;
    expect(hits.map((h: any) => h.domain).sort()).toEqual(['incidents', 'protection']);
    expect(ok(await hr.get('/api/v1/search?q=Quorra')).hits).toEqual([]);
  });

  it('threat register round trip with tiers, phases and activities', async () => {
    const bad = await poc.post(`${P}/threats`, { title: 'x', threat_type: 'killing', likelihood: 'likely', impact: 'major', tiers: ['tier-9'] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['phase', 'tiers.0']);
    const t1 = ok(await poc.post(`${P}/threats`, { title: 'Attacks on displaced camps around Kibabi', threat_type: 'attack-on-civilians', actor: 'armed group', area_code: 'CD6103', likelihood: 'likely', impact: 'severe', tiers: ['tier-2'], phase: 'pre-emption' }));
    const t2 = ok(await poc.post(`${P}/threats`, { title: 'Extortion at roadblocks on the Sake road', threat_type: 'illegal-roadblock', actor_unit_id: ids.unit, area_code: 'CD6103', likelihood: 'almost-certain', impact: 'minor', tiers: ['tier-1', 'tier-3'], phase: 'prevention' }));
    expect(t1.score).toMatchObject({ score: 20, band: { code: 'critical' } });
    expect(t2.actor_unit).toEqual({ id: ids.unit, name: '1er Bataillon Kivu' });
    const act = await poc.post(`${P}/threats/${t1.id}/activities`, { title: 'Night patrols around the camp', kind: 'patrol', tiers: ['tier-2'], phase: 'pre-emption', start_date: '2024-05' });
    expect(act.status).toBe(201);
    expect((await poc.post(`${P}/threats/${t1.id}/activities`, { title: 'x', tiers: ['tier-2'], phase: 'later' })).body.errors[0].field).toBe('phase');
    const reg2 = ok(await mil.get(`${P}/threats`));
    expect(reg2.threats.map((t: any) => t.id)).toEqual([t1.id, t2.id]);
    expect(reg2.threats[0].activities.map((a: any) => a.title)).toEqual(['Night patrols around the camp']);
    expect(reg2.by_tier).toMatchObject({ 'tier-1': 1, 'tier-2': 1, 'tier-3': 1 });
    expect(ok(await mil.get(`${P}/threats?tier=tier-3`)).threats.map((t: any) => t.id)).toEqual([t2.id]);
    ok(await poc.patch(`${P}/threats/${t2.id}`, { status: 'receded' }));
    expect(ok(await mil.get(`${P}/threats`)).threats.map((t: any) => t.id)).toEqual([t1.id]);
    expect(ok(await mil.get(`${P}/threats?all=true`)).threats.length).toBe(2);
    expect(ok(await mil.get(`${P}/search?q=roadblocks`)).hits.map((h: any) => h.id)).toContain(t2.id);
  });

  it('justice and projects round trips', async () => {
    expect((await mil.post(`${P}/justice/cases`, { title: 'x', court_type: 'military' })).status).toBe(403);
    expect((await hr.post(`${P}/justice/cases`, { title: 'x', court_type: 'military' })).status).toBe(403);
    const c = ok(await rol.post(`${P}/justice/cases`, { title: 'Auditorat militaire c. Mbale', court_type: 'military', crime_date: '2019-08-14', defendants: [{ person_id: ids.person, charges: ['pillage'] }] }));
    expect(c.defendants[0]).toMatchObject({ name: 'Jacques Mbale', affiliation: 'army', rank_at_crime: 'Capitaine', rank_band: { code: 'junior-officers' }, outcome_label: { en: 'Pending' } });
    const badDef = await rol.post(`${P}/justice/cases/${c.id}/defendants`, { name: 'Y', outcome: 'hanged' });
    expect(badDef.body.errors[0].field).toBe('outcome');
    ok(await rol.post(`${P}/justice/cases/${c.id}/stage`, { stage: 'trial', on: '2020-02-01' }));
    ok(await rol.post(`${P}/justice/cases/${c.id}/support`, { kind: 'mobile-court-logistics', on: '2020-02-01', description: 'transport of witnesses' }));
    ok(await rol.patch(`${P}/justice/defendants/${c.defendants[0].id}`, { outcome: 'convicted', outcome_on: '2020-03-02' }));
    const f = ok(await mil.get(`${P}/justice/figures`));
    expect(f.byRankBand.find((r: any) => r.key === 'junior-officers')).toMatchObject({ defendants: 1, convictions: 1 });
    const got = ok(await mil.get(`${P}/justice/cases/${c.id}`));
    expect(got.stages.map((s: any) => s.stage)).toEqual(['complaint', 'trial']);
    expect(got.support[0]).toMatchObject({ kind: 'mobile-court-logistics', by: 'rol' });

    const badP = await poc.post(`${P}/projects`, { title: 'x', kind: 'training', start_date: '2024-13' });
    expect(badP.body.errors.map((e: any) => e.field).sort()).toEqual(['recipient_unit_ids', 'start_date']);
    const p = ok(await poc.post(`${P}/projects`, { title: 'Human rights training, 1er Bataillon', kind: 'training', recipient_unit_ids: [ids.unit], start_date: '2024-01-08', end_date: '2024-01-19', place: 'Goma', area_codes: ['CD6103'], cost: 12500, currency: 'USD' }));
    expect(p).toMatchObject({ cost: 12500, recipient_units: [{ id: ids.unit, name: '1er Bataillon Kivu' }], kind_label: { fr: 'Formation' } });
    expect(ok(await mil.get(`${P}/projects?unit_id=${ids.unit}`)).items.map((x: any) => x.id)).toEqual([p.id]);
    const out = ok(await mil.get(`${P}/projects/${p.id}/outcome?window_days=30&as_of=2024-12-31`));
    expect([out.before, out.after, out.units.incidents.before, out.area.incidents.after]).toEqual([
      { from: '2023-12-09', to: '2024-01-07', days: 30 },
      { from: '2024-01-20', to: '2024-02-18', days: 30 },
      0,
      0,
    ]);
    expect((await mil.get(`${P}/projects/${p.id}/outcome?window_days=0`)).status).toBe(400);
    expect((await poc.post(`${P}/projects/${p.id}/retract`, { reason: 'entered twice' })).status).toBe(200);
    expect(ok(await mil.get(`${P}/projects`)).items).toEqual([]);
  });
});
