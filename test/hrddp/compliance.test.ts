/**
 * Compliance figures over a seeded dataset, checked against a hand count: support delivered with an
 * assessment completed beforehand, median days to decision, measures on time, waivers, reviews by
 * trigger and resolution, per component.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { actorForUsername } from '../../src/platform/auth/service.ts';
import { context } from '../../src/platform/store.ts';
import { createIncident } from '../../src/incidents/service.ts';
import { H, INPUTS, move, ok, person, type Team, team, unit } from './setup.ts';

forEachEngine('HRDDP compliance figures match a hand count', (db) => {
  let t: Team;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await team(db());
    const u = await unit(t.hr, '5e Bataillon de la Garde', { classifications: ['army'] });
    ids.unit = u;
    const p = await person(t.hr, 'Didier Ngoma-Kassa');
    const file = async (key: string, component: string, requestedOn: string) => {
      ids[key] = ok(await t.planner.post(`${H}/requests`, { title: `Demande ${key}`, requesting_component: component, requested_on: requestedOn, support: [{ kind: 'logistical', sub_kind: 'rations' }], recipients: [{ unit_id: u, type: 'army' }] })).id;
      return ids[key]!;
    };
    const assess = async (id: string, on: string, completedOn: string) => {
      ok(await move(t.planner, id, 'submitted', { date: on }));
      ok(await t.hr.post(`${H}/requests/${id}/scope-check`));
      ok(await move(t.hr, id, 'assessment', { date: on }));
      const a = ok(await t.hr.post(`${H}/requests/${id}/assessments`, { assessed_on: on, inputs: INPUTS }));
      ok(await t.hr.patch(`${H}/assessments/${a.id}`, { complete: true, completed_on: completedOn }));
      ok(await move(t.hr, id, 'awaiting-decision', { date: on }));
    };
    // A: assessed 10 Jan, approved 15 Jan (10 days), support from 20 Jan: assessed beforehand.
    await file('a', 'military', '2015-01-05');
    await assess(ids.a!, '2015-01-08', '2015-01-10');
    ok(await move(t.leader, ids.a!, 'approved', { date: '2015-01-15' }));
    ok(await move(t.planner, ids.a!, 'active', { date: '2015-01-20' }));
    // B (police): assessed 20 Feb, approved 21 Feb (20 days), support from 21 Feb: assessed beforehand.
    await file('b', 'police', '2015-02-01');
    await assess(ids.b!, '2015-02-18', '2015-02-20');
    ok(await move(t.leader, ids.b!, 'approved', { date: '2015-02-21' }));
    ok(await move(t.planner, ids.b!, 'active', { date: '2015-02-21' }));
    // C: approved 5 Mar (4 days), support from 6 Mar, but the assessment was completed only on 12 Mar.
    await file('c', 'military', '2015-03-01');
    await assess(ids.c!, '2015-03-02', '2015-03-12');
    ok(await move(t.leader, ids.c!, 'approved', { date: '2015-03-05' }));
    ok(await move(t.planner, ids.c!, 'active', { date: '2015-03-06' }));
    // D: refused after 10 days; never delivered.
    await file('d', 'military', '2015-04-01');
    await assess(ids.d!, '2015-04-05', '2015-04-05');
    ok(await move(t.leader, ids.d!, 'refused', { date: '2015-04-11', reason: 'Risk cannot be mitigated' }));
    // E: still a draft.
    await file('e', 'military', '2015-05-01');
    // Measures: one on time, one late (A); one never implemented (B).
    const m = async (id: string, due: string, implemented?: string) => {
      const x = ok(await t.hr.post(`${H}/requests/${id}/measures`, { type: 'reporting-on-use', owner: 'Chief of Mission Support', due_date: due }));
      if (implemented) ok(await t.hr.patch(`${H}/measures/${x.id}`, { status: 'implemented', implemented_on: implemented, evidence: { text: 'Monthly report on the use of rations received' } }));
      return x.id;
    };
    await m(ids.a!, '2015-02-01', '2015-01-30');
    await m(ids.a!, '2015-02-15', '2015-03-01');
    ids.m3 = await m(ids.b!, '2015-03-01');
    // One waiver (B).
    ok(await t.leader.post(`${H}/requests/${ids.b!}/waivers`, { person_ids: [p], reason: 'The deputy commander is excluded from any contact with the support delivered.', decided_on: '2015-02-21' }));
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('the sweep raises one review for the one overdue measure, once; it is resolved with no change', async () => {
    const s = ok(await t.hr.post(`${H}/sweep`, {}));
    expect(s.reviews.map((r: any) => [r.request_id, r.trigger_type, r.fact_id])).toEqual([[ids.b, 'mitigation-overdue', ids.m3]]);
    expect(ok(await t.hr.post(`${H}/sweep`, {})).reviews).toEqual([]);
    expect(ok(await t.hr.get(`${H}/requests/${ids.b}`)).request.state).toBe('under-review');
    const overdue = ok(await t.hr.get('/api/v1/notifications')).notifications.filter((n: any) => n.kind === 'hrddp.mitigation-overdue');
    expect(overdue.map((n: any) => n.id)).toEqual([ids.m3]);
    ok(await t.leader.post(`${H}/reviews/${s.reviews[0].id}/resolve`, { resolution: 'no-change', note: 'Report promised for next week' }));
    expect(ok(await t.hr.get(`${H}/requests/${ids.b}`)).request.state).toBe('active');
  });

  it('figures per component and in total', async () => {
    // An allegation against the supported battalion during support: a review on each of A, B and C.
    await createIncident(context(db(), await actorForUsername(db(), 'amani')), { summary: 'Pillage du marché de Kasungu', date: '2015-03-10', acts: [{ act_type: 'looting' }], verification_status: 'credible', perpetrators: [{ unit_id: ids.unit! }] });
    const r = ok(await t.hr.get(`${H}/compliance?group_by=component&period=year`));
    // Hand count: delivered A, B, C; assessed beforehand A, B. Days to decision A 10, B 20, C 4, D 10 → median 10.
    // Measures due: 3, on time: 1. Waivers: 1. Reviews: one mitigation-overdue, resolved no-change.
    expect(r.total).toMatchObject({
      requests: 5,
      supportDelivered: 3,
      assessedBeforeSupport: 2,
      decided: 4,
      medianDaysToDecision: 10,
      measuresDue: 3,
      measuresOnTime: 1,
      waivers: 1,
      reviews: 4,
      reviewsByTrigger: { 'mitigation-overdue': 1, 'new-allegation': 3 },
      reviewsByResolution: { 'no-change': 1, open: 3 },
      allegationsDuringSupport: 1,
    });
    expect(r.allegations_counted).toBe(true);
    expect(r.total.shareAssessedBeforeSupport).toBeCloseTo(2 / 3, 6);
    const byComponent = Object.fromEntries(r.groups.map((g: any) => [g.group.component, g]));
    expect(byComponent.military).toMatchObject({ requests: 4, supportDelivered: 2, assessedBeforeSupport: 1, medianDaysToDecision: 10, measuresDue: 2, measuresOnTime: 1, waivers: 0, reviews: 2, allegationsDuringSupport: 1 });
    expect(byComponent.police).toMatchObject({ requests: 1, supportDelivered: 1, assessedBeforeSupport: 1, medianDaysToDecision: 20, measuresDue: 1, measuresOnTime: 0, waivers: 1, reviews: 2, allegationsDuringSupport: 1 });
    const q1 = ok(await t.hr.get(`${H}/compliance?to=2015-03-31&group_by=period&period=quarter`));
    expect(q1.groups.map((g: any) => [g.group.period, g.requests])).toEqual([['2015-Q1', 3]]);
    expect((await t.viewer.get(`${H}/compliance`)).status).toBe(403);
    expect((await t.hr.get(`${H}/compliance?group_by=colour`)).status).toBe(400);
  });

  it('a follow-up committee: a session presents the allegation, the forces answer, a judicial action is followed to completion', async () => {
    const c = ok(await t.hr.post(`${H}/committees`, { name: 'Comité de suivi FARDL — 8e région', force: 'army', chair: 'Commandant de la 8e région militaire', secretariat: 'Bureau conjoint des droits de l’homme', members: [{ name: 'Auditeur militaire', role: 'military prosecutor' }] }));
    const s = ok(await t.hr.post(`${H}/committees/${c.id}/sessions`, { held_on: '2015-04-02', members_present: ['Commandant de la 8e région militaire', 'Auditeur militaire'], cases: [{ unit_id: ids.unit, summary: 'Pillage du marché de Kasungu', answer: 'Quatre soldats identifiés et arrêtés' }] }));
    const a = ok(await t.hr.post(`${H}/sessions/${s.id}/actions`, { kind: 'judicial', description: 'Poursuites devant le tribunal militaire de garnison', unit_id: ids.unit, responsible: 'Auditeur militaire', due_date: '2015-06-30' }));
    expect(ok(await t.hr.get(`${H}/committees/${c.id}`))).toMatchObject({ open_actions: 1, completed_actions: 0 });
    ok(await t.hr.post(`${H}/actions/${a.id}/follow-up`, { status: 'ongoing', note: 'Instruction ouverte', date: '2015-05-02' }));
    const done = ok(await t.hr.post(`${H}/actions/${a.id}/follow-up`, { status: 'completed', note: 'Jugement rendu : trois condamnations', date: '2015-07-15' }));
    expect(done).toMatchObject({ status: 'completed', completed_on: '2015-07-15' });
    expect(done.follow_up.map((f: any) => f.status)).toEqual(['ongoing', 'completed']);
    expect(ok(await t.hr.get(`${H}/committees/${c.id}`))).toMatchObject({ open_actions: 0, completed_actions: 1 });
    expect((await t.hr.post(`${H}/actions/${a.id}/follow-up`, { status: 'ongoing', note: 'again' })).status).toBe(409);
    expect((await t.planner.post(`${H}/committees`, { name: 'x', force: 'army' })).status).toBe(403);
  });
});
