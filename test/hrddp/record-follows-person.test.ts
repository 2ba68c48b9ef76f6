/**
 * CAR, replayed with fictional names: the head of a notorious police unit is removed at the mission's
 * urging and later reappears as national chief of police. His record follows him (career, listing,
 * the removal obtained, the earlier request) and the support requests of his new post are flagged.
 * Also: who may read what (restricted details, operational plans in a compartment), and search.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn, type TestClient } from '../helpers/http.ts';
import { actorForUsername } from '../../src/platform/auth/service.ts';
import { context } from '../../src/platform/store.ts';
import { createIncident } from '../../src/incidents/service.ts';
import { H, INPUTS, move, ok, parent, person, post, readyForDecision, type Team, team, unit } from './setup.ts';

forEachEngine('HRDDP scenario: a removed unit head reappears as national chief of police; access to requests', (db) => {
  let t: Team;
  let opPlanner: TestClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await team(db());
    opPlanner = await signIn(t.app, db(), 'op-planner', ['military'], ['op-bangui']);
    const hr = t.hr;
    ids.dgpn = await unit(hr, 'Direction générale de la Police nationale', { classifications: ['police'], start_date: '2005' });
    ids.bsir = await unit(hr, 'Brigade spéciale d’intervention rapide', { classifications: ['police'], start_date: '2010' });
    await parent(hr, ids.bsir, ids.dgpn);
    ids.anicet = await person(hr, 'Anicet Modoulou-Ngaïkoye');
    ids.oldChief = await person(hr, 'Sylvain Dobozendi');
    await post(hr, ids.anicet, ids.bsir, 'Commandant', '2014-03', '2016-08-20');
    await post(hr, ids.oldChief, ids.dgpn, 'Directeur général', '2012', '2017-03-14');
    const file = async (title: string, recipient: string, kind: object, start: string, extra: object = {}) =>
      ok(await t.planner.post(`${H}/requests`, { title, requesting_component: 'police', requested_on: start, support: [kind], recipients: [{ unit_id: recipient, type: 'police' }], start_date: start, ...extra }), title).id as string;
    ids.r1 = await file('Formation au maintien de l’ordre de la BSIR', ids.bsir, { kind: 'training', sub_kind: 'training-course', subjects: ['public-order'] }, '2015-01-05');
    await readyForDecision(t, ids.r1, '2015-01-05');
    ok(await move(t.leader, ids.r1, 'approved', { date: '2015-01-06' }));
    ok(await move(t.planner, ids.r1, 'active', { date: '2015-01-10' }));
    // Killings in custody by the BSIR under his command: a review of the support to his unit at once.
    const hrCtx = context(db(), await actorForUsername(db(), 'amani'));
    ids.killings = (await createIncident(hrCtx, { summary: 'Exécutions de détenus dans les locaux de la BSIR', date: '2016-05', acts: [{ act_type: 'summary-execution', victims: 18 }], fatalities: 18, verification_status: 'verified', perpetrators: [{ unit_id: ids.bsir }] })).id;
    const r1Review = ok(await t.hr.get(`${H}/reviews?request_id=${ids.r1}`)).reviews;
    expect(r1Review.map((r: any) => [r.trigger_type, r.person_ids])).toEqual([['new-allegation', [ids.anicet]]]);
    ids.r1Review = r1Review[0].id;
    const removal = ok(await t.hr.post(`${H}/requests/${ids.r1}/measures`, { type: 'commander-removal', owner: 'Police Commissioner', due_date: '2016-09-01', person_ids: [ids.anicet], description: 'Removal of the head of the BSIR after killings in custody' }));
    ok(await t.leader.post(`${H}/reviews/${r1Review[0].id}/resolve`, { resolution: 'new-conditions', note: 'Support continues only if the head of the BSIR is removed', date: '2016-06-15' }));
    ok(await t.hr.patch(`${H}/measures/${removal.id}`, { status: 'implemented', implemented_on: '2016-08-20', evidence: { text: 'Decree of 20 August 2016 relieving him of command', date: '2016-08-20' } }));
    ok(await t.hr.post(`${H}/listings`, { person_id: ids.anicet, list: 'watch-list', since: '2016-09-01', reason: 'Removed head of the BSIR; killings in custody under his command' }));
    ids.r2 = await file(
      'Conseil stratégique à la Direction générale de la Police',
      ids.dgpn,
      { kind: 'command-support', sub_kind: 'command-advice' },
      '2017-01-09',
      { details: 'Confidential: names of the reform-minded officers the mission relies on.', sensitivity: 'internal' },
    );
    await readyForDecision(t, ids.r2, '2017-01-09');
    ok(await move(t.leader, ids.r2, 'approved', { date: '2017-01-10' }));
    ok(await move(t.planner, ids.r2, 'active', { date: '2017-01-12' }));
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('his appointment as national chief of police raises a review on the support to his new post, which goes under review', async () => {
    const before = ok(await t.hr.get(`${H}/reviews?status=open`));
    expect(before.reviews).toEqual([]);
    // a human rights officer is waiting on the events feed (long poll) when the appointment is recorded
    const since = ok(await t.hr.get(`${H}/reviews`)).cursor;
    const waiting = t.hr.get(`${H}/reviews?since=${encodeURIComponent(since)}&wait=30`);
    await post(t.hr, ids.anicet, ids.dgpn, 'Directeur général de la Police', '2017-03-15');
    const event = ok(await waiting);
    expect(event.reviews.map((r: any) => r.request_id)).toEqual([ids.r2]);
    const reviews = ok(await t.hr.get(`${H}/reviews?status=open`)).reviews;
    expect(reviews.map((r: any) => [r.request_id, r.trigger_type, r.listed_person_ids])).toEqual([[ids.r2, 'listed-person-posted', [ids.anicet]]]);
    expect(reviews[0].title).toContain('Anicet Modoulou-Ngaïkoye');
    const r2 = ok(await t.hr.get(`${H}/requests/${ids.r2}`)).request;
    expect(r2.state).toBe('under-review');
    ids.review = reviews[0].id;
    // the earlier request (his old unit, support long since delivered) is not watched for this post
    expect(ok(await t.hr.get(`${H}/requests/${ids.r1}`)).request.state).toBe('active');
  });

  it('his record follows him into the dossier of the new post: career, listing, the removal obtained, the earlier request', async () => {
    const d = ok(await t.hr.get(`${H}/requests/${ids.r2}/dossier?at=2017-04-01`));
    expect(d.recipients[0].commanders.map((c: any) => c.personId)).toEqual([ids.anicet]);
    const h = d.persons.find((p: any) => p.person_id === ids.anicet);
    expect(h.career.map((c: any) => c.unit_id)).toEqual([ids.bsir, ids.dgpn]);
    expect(h.listings.map((l: any) => l.list)).toEqual(['watch-list']);
    expect(h.measures.map((m: any) => [m.type, m.implemented_on])).toEqual([['commander-removal', '2016-08-20']]);
    expect(h.earlier_requests.map((e: any) => e.id)).toEqual([ids.r1]);
    expect(h.reviews.map((r: any) => [r.id, r.resolution])).toEqual([[ids.r1Review, 'new-conditions'], [ids.review, null]]);
    // the killings under his earlier command come with him
    const killings = d.allegations.find((a: any) => a.id === ids.killings);
    // (and the BSIR is under the national police: the same facts reach the new post as a sub-unit's)
    expect(killings.paths).toEqual([
      expect.objectContaining({ kind: 'sub-unit', unitId: ids.dgpn, subUnitId: ids.bsir }),
      expect.objectContaining({ kind: 'commander', personId: ids.anicet, posting: 'past', postingUnitId: ids.bsir }),
    ]);
    expect(d.listings).toEqual([expect.objectContaining({ personId: ids.anicet, list: 'watch-list', role: 'commander', unitId: ids.dgpn })]);
    expect(d.correctiveActions.map((c: any) => [c.type, c.status])).toEqual([['removal-of-commander', 'completed']]);
    // the new assessment scores the listing
    const a = ok(await t.hr.post(`${H}/requests/${ids.r2}/assessments`, { assessed_on: '2017-04-01', inputs: INPUTS }));
    expect(a.number).toBe(2);
    const listed = a.result.criteria.find((c: any) => c.criterionId === 'listed-persons');
    expect(listed.facts.map((f: any) => [f.id, f.points])).toEqual([[ids.anicet, 1]]);
    const command = a.result.criteria.find((c: any) => c.criterionId === 'command');
    expect(command.facts.filter((f: any) => f.counted).map((f: any) => f.id)).toEqual([ids.killings]);
    const accountability = a.result.criteria.find((c: any) => c.criterionId === 'accountability');
    expect(accountability.value).toBeLessThan(0); // the removal obtained answers part of the record
  });

  it('the review is triaged and resolved with new conditions by the decision body; support continues', async () => {
    ok(await t.hr.post(`${H}/reviews/${ids.review}/triage`, { priority: 'urgent', note: 'New chief of police is on the watch list' }));
    const noMeasure = await t.leader.post(`${H}/reviews/${ids.review}/resolve`, { resolution: 'new-conditions', note: 'Contacts limited to the deputy', date: '2017-04-02' });
    expect(noMeasure.status).toBe(409);
    ok(await t.hr.post(`${H}/requests/${ids.r2}/measures`, { type: 'exclusion', owner: 'Police Commissioner', due_date: '2017-04-15', person_ids: [ids.anicet], description: 'No advice given to or through the chief of police in person' }));
    const res = ok(await t.leader.post(`${H}/reviews/${ids.review}/resolve`, { resolution: 'new-conditions', note: 'Contacts limited to the deputy', date: '2017-04-02' }));
    expect(res.review).toMatchObject({ status: 'resolved', resolution: 'new-conditions' });
    expect(res.request.state).toBe('active');
    expect(res.letter_suggested).toBe('approval-with-conditions');
  });

  it('a planner reads the request without its restricted details; a viewer reads no request at all', async () => {
    const asHr = ok(await t.hr.get(`${H}/requests/${ids.r2}`)).request;
    expect(asHr.details).toContain('reform-minded');
    const asPlanner = ok(await t.planner.get(`${H}/requests/${ids.r2}`)).request;
    expect(asPlanner.title).toBe(asHr.title);
    expect(asPlanner).not.toHaveProperty('details');
    expect(JSON.stringify(ok(await t.planner.get(`${H}/requests?q=police`)))).not.toContain('reform-minded');
    expect(ok(await t.planner.get(`${H}/reviews`)).reviews).toEqual([]); // reviews are restricted
    expect(ok(await t.planner.get(`${H}/requests/${ids.r2}/assessments`)).assessments).toEqual([]);
    expect((await t.viewer.get(`${H}/requests/${ids.r2}`)).status).toBe(403);
    expect((await t.viewer.get(`${H}/requests`)).status).toBe(403);
    const hits = ok(await t.viewer.get(`/api/v1/search?q=${encodeURIComponent('Conseil stratégique')}`)).hits;
    expect(hits.filter((h: any) => h.domain === 'hrddp')).toEqual([]);
    const found = ok(await t.hr.get(`/api/v1/search?q=${encodeURIComponent('conseil strategique police')}`)).hits.filter((h: any) => h.domain === 'hrddp');
    expect(found.map((h: any) => h.id)).toEqual([ids.r2]);
  });

  it('operational plans of a joint operation are kept in its compartment', async () => {
    const r = ok(await opPlanner.post(`${H}/requests`, { title: 'Opération Sukula — appui aérien', requesting_component: 'military', support: [{ kind: 'joint-operations', sub_kind: 'joint-operation' }], recipients: [{ unit_id: ids.bsir, type: 'police' }], start_date: '2018-04-01' }));
    const plan = ok(await opPlanner.post(`${H}/requests/${r.id}/plans`, { title: 'Ordre d’opération', content: 'H-hour 04:00; cordon around the PK5 market; targets listed in annex.', sensitivity: 'internal', compartments: ['op-bangui'] }));
    expect(ok(await opPlanner.get(`${H}/requests/${r.id}/plans`)).plans.map((p: any) => p.id)).toEqual([plan.id]);
    expect(ok(await t.planner.get(`${H}/requests/${r.id}/plans`)).plans).toEqual([]);
    expect(ok(await t.hr.get(`${H}/requests/${r.id}/plans`)).plans).toEqual([]);
    const outsider = await t.planner.post(`${H}/requests/${r.id}/plans`, { title: 'x', content: 'y', sensitivity: 'internal', compartments: ['op-bangui'] });
    expect(outsider.status).toBe(403);
    const rev = await t.planner.get(`/api/v1/records/hrddp-operation-plan/${plan.id}/revisions`);
    expect(rev.status).toBe(404);
  });
});
