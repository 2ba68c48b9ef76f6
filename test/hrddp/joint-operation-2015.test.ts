/**
 * January 2015, replayed with fictional names: on the eve of a planned joint operation, two generals
 * on the mission's red list are appointed to lead it. The review is raised the moment the postings
 * are recorded; the operation cannot be approved while it stands without an explicit waiver.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { actorForUsername } from '../../src/platform/auth/service.ts';
import { context } from '../../src/platform/store.ts';
import { addMissionEntry } from '../../src/screening/service.ts';
import { H, INPUTS, move, ok, parent, person, post, readyForDecision, type Team, team, unit } from './setup.ts';

forEachEngine('HRDDP scenario: red-listed commanders appointed to a planned joint operation', (db) => {
  let t: Team;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await team(db());
    const hr = t.hr;
    ids.army = await unit(hr, 'Forces armées de la République des Lacs', { classifications: ['army'] });
    ids.region = await unit(hr, '8e Région militaire', { classifications: ['army'] });
    await parent(hr, ids.region, ids.army);
    ids.sector = await unit(hr, 'Secteur opérationnel Kivu-Sud', { classifications: ['army'] });
    await parent(hr, ids.sector, ids.region);
    ids.op = await unit(hr, 'Opération Sokola Nord', { kind: 'joint-operation', classifications: ['army'], start_date: '2015-01' });
    ids.bosco = await person(hr, 'Bertrand Mwamba-Tshilenge');
    ids.faustin = await person(hr, 'Faustin Kanyinda-Lusamba');
    ids.col = await person(hr, 'Innocent Lubanga-Sefu');
    for (const p of [ids.bosco, ids.faustin]) ok(await hr.post(`${H}/listings`, { person_id: p, list: 'red-list', since: '2012-06-01', reason: 'Commanded units implicated in mass killings in 2012' }), 'listing');
    const req = ok(
      await t.planner.post(`${H}/requests`, {
        title: 'Appui à l’opération conjointe contre les FDLR-Sud',
        requesting_component: 'military',
        requested_on: '2014-12-01',
        support: [{ kind: 'joint-operations', sub_kind: 'joint-operation' }, { kind: 'logistical', sub_kind: 'fuel' }],
        recipients: [{ unit_id: ids.op, type: 'army' }, { unit_id: ids.sector, type: 'army' }],
        operation_unit_id: ids.op,
        start_date: '2015-02-01',
        end_date: '2015-06-30',
        place: 'Sud-Lacs',
        details: 'Axes d’attaque et calendrier des frappes sur les bases rebelles.',
      }),
      'request',
    );
    ids.request = req.id;
    await readyForDecision(t, ids.request, '2015-01-10');
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('the appointment raises a review at once, visible to human rights officers through the events feed and notifications', async () => {
    const before = ok(await t.hr.get(`${H}/reviews`));
    expect(before.reviews).toEqual([]);
    const cursor = before.cursor;
    await post(t.hr, ids.bosco, ids.op, 'Commandant', '2015-01-20');
    const feed = ok(await t.hr.get(`${H}/reviews?since=${encodeURIComponent(cursor)}`));
    expect(feed.reviews.map((r: any) => [r.request_id, r.trigger_type, r.listed_person_ids])).toEqual([[ids.request, 'listed-person-posted', [ids.bosco]]]);
    await post(t.hr, ids.faustin, ids.sector, 'Commandant', '2015-01-20');
    const next = ok(await t.hr.get(`${H}/reviews?since=${encodeURIComponent(feed.cursor)}`));
    expect(next.reviews.map((r: any) => r.listed_person_ids)).toEqual([[ids.faustin]]);
    // a third officer, on the screening domain's mission watch list by registry link, joins the staff
    await addMissionEntry(context(db(), await actorForUsername(db(), 'amani')), { registry_person_id: ids.col, reason: 'Ordered the shelling of Kamango in 2013' });
    await post(t.hr, ids.col, ids.op, 'Chef d’état-major', '2015-01-21');
    const third = ok(await t.hr.get(`${H}/reviews?since=${encodeURIComponent(next.cursor)}`));
    expect(third.reviews.map((r: any) => [r.trigger_type, r.listed_person_ids])).toEqual([['listed-person-posted', [ids.col]]]);
    expect(third.reviews[0].description.en).toContain('watch list');
    const notes = ok(await t.hr.get('/api/v1/notifications')).notifications.filter((n: any) => n.kind === 'hrddp.review');
    expect(notes.map((n: any) => n.severity)).toEqual(['urgent', 'urgent', 'urgent']);
    // the planner who filed the request does not see the reviews (restricted), only their effect
    expect(ok(await t.planner.get('/api/v1/notifications')).notifications.filter((n: any) => n.domain === 'hrddp')).toEqual([]);
    // the request was planned, not yet supported: it stays awaiting its decision
    expect(ok(await t.hr.get(`${H}/requests/${ids.request}`)).request.state).toBe('awaiting-decision');
  });

  it('the operation cannot be approved while the reviews stand without a waiver; a new assessment is forced to the prohibitive level', async () => {
    const refused = await move(t.leader, ids.request, 'approved', { date: '2015-01-25' });
    expect(refused.status).toBe(409);
    expect(refused.body.errors.map((e: any) => e.field)).toContain('guard:no-open-review-without-waiver');
    const withConditions = await move(t.leader, ids.request, 'approved-with-conditions', { date: '2015-01-25' });
    expect(withConditions.status).toBe(409);
    // back to assessment: the new dossier sees the two listed commanders
    ok(await move(t.hr, ids.request, 'assessment', { reason: 'Two red-listed generals appointed to lead the operation', date: '2015-01-25' }));
    const a2 = ok(await t.hr.post(`${H}/requests/${ids.request}/assessments`, { assessed_on: '2015-01-25', inputs: INPUTS }));
    expect(a2.number).toBe(2);
    expect(a2.computed_level).toBe('prohibitive');
    expect(a2.result.forced.flatMap((f: any) => f.personIds).sort()).toEqual([ids.bosco, ids.faustin].sort());
    const cmp = ok(await t.hr.get(`${H}/requests/${ids.request}/assessments/compare?a=1&b=2`));
    expect(cmp.levelChanged).toBe(true);
    expect(cmp.criteria.find((c: any) => c.criterionId === 'listed-persons').status).toBe('changed');
    // an override cannot lift a forced level: only a waiver can
    const override = await t.hr.patch(`${H}/assessments/${a2.id}`, { override: { level: 'medium', justification: 'The generals have promised to respect human rights this time around.' } });
    expect(override.status).toBe(400);
  });

  it('a waiver is an explicit decision of the head of mission with a reason; then a new assessment allows approval with conditions', async () => {
    const byHr = await t.hr.post(`${H}/requests/${ids.request}/waivers`, { person_ids: [ids.bosco, ids.faustin], reason: 'x'.repeat(50), decided_on: '2015-01-28' });
    expect(byHr.status).toBe(403);
    const short = await t.leader.post(`${H}/requests/${ids.request}/waivers`, { person_ids: [ids.bosco], reason: 'urgent', decided_on: '2015-01-28' });
    expect(short.status).toBe(409);
    const waiver = ok(
      await t.leader.post(`${H}/requests/${ids.request}/waivers`, {
        person_ids: [ids.bosco, ids.faustin, ids.col],
        reason: 'Civilians in the south face imminent attacks; both generals are excluded from command of any unit receiving support.',
        decided_on: '2015-01-28',
      }),
    );
    expect(waiver.decision_body).toBe('head-of-mission');
    // while assessment 2 stands (prohibitive, not completed) nothing can be decided
    const stale = await move(t.hr, ids.request, 'awaiting-decision', { date: '2015-01-28' });
    expect(stale.status).toBe(409);
    expect(stale.body.errors.map((e: any) => e.field)).toEqual(['guard:assessment-completed']);
    const a3 = ok(await t.hr.post(`${H}/requests/${ids.request}/assessments`, { assessed_on: '2015-01-28', inputs: INPUTS }));
    expect(a3.computed_level).not.toBe('prohibitive');
    const listed = a3.result.criteria.find((c: any) => c.criterionId === 'listed-persons');
    expect(listed.facts.map((f: any) => f.points)).toEqual([1, 1]); // waived: half the points each
    // the assessor raises the level with a justification: both levels stay on record
    const unjustified = await t.hr.patch(`${H}/assessments/${a3.id}`, { override: { level: 'high', justification: 'risky' } });
    expect(unjustified.status).toBe(400);
    const raised = ok(await t.hr.patch(`${H}/assessments/${a3.id}`, { override: { level: 'high', justification: 'Both generals keep de facto authority over the sector whatever their formal exclusion.' }, complete: true, completed_on: '2015-01-28' }));
    expect(raised).toMatchObject({ computed_level: a3.computed_level, final_level: 'high', completed: true, override: { level: 'high', by: 'amani' } });
    const again = await t.hr.patch(`${H}/assessments/${a3.id}`, { override: null });
    expect(again.status).toBe(409); // a completed assessment is revised only by a new one
    ok(await t.hr.post(`${H}/requests/${ids.request}/measures`, { type: 'exclusion', owner: 'Force Commander', due_date: '2015-02-01', person_ids: [ids.bosco, ids.faustin], description: 'No support to units under the two generals' }));
    ok(await move(t.hr, ids.request, 'awaiting-decision', { date: '2015-01-28' }));
    const approved = ok(await move(t.leader, ids.request, 'approved-with-conditions', { date: '2015-01-29' }));
    expect(approved.decision).toMatchObject({ decision: 'approve-with-conditions', decision_body: 'smg-protection', decided_by: 'srsg' });
    const report = ok(await t.hr.get(`${H}/compliance?group_by=mission`));
    expect(report.total.waivers).toBe(1);
    expect(report.total.reviewsByTrigger).toEqual({ 'listed-person-posted': 3 });
  });
});
