/**
 * Two scenarios of supported units, with fictional names. 2013: after mass rapes attributed to two
 * battalions, staged letters (two notices, a deadline, then termination), each in French, PDF and
 * DOCX. 2015: a narrow suspension stops support to one operation and leaves other support running.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachEngine } from '../helpers/engines.ts';
import { signIn } from '../helpers/http.ts';
import { actorForUsername } from '../../src/platform/auth/service.ts';
import { context } from '../../src/platform/store.ts';
import { createIncident, setVerification } from '../../src/incidents/service.ts';
import { docxText, pdfText } from './documents.ts';
import { H, move, ok, parent, person, post, readyForDecision, type Team, team, unit } from './setup.ts';

const squash = (s: string) => s.replace(/\s+/g, ' ');

forEachEngine('HRDDP scenarios: staged letters, narrow suspension', (db) => {
  let t: Team;
  const ids: Record<string, string> = {};
  const recipient = { name: 'Général de division Prosper Kabwe-Ilunga', title: 'Commandant de la 9e région militaire', organisation: 'Forces armées de la République des Lacs', salutation: { en: 'General', fr: 'Mon Général' } };

  beforeAll(async () => {
    t = await team(db());
    const admin = await signIn(t.app, db(), 'admin1', ['admin']);
    ok(
      await admin.put('/api/v1/settings/hrddp.mission', {
        value: {
          mission: 'MINUSLAC',
          place: 'Bukama',
          components: [
            { id: 'military', label: { en: 'Military component', fr: 'Composante militaire' } },
            { id: 'police', label: { en: 'Police component', fr: 'Composante police' } },
            { id: 'mission-support', label: { en: 'Mission support', fr: 'Appui à la mission' } },
          ],
          sender: { name: 'Hélène Marchetti', title: { en: 'Deputy Special Representative', fr: 'Représentante spéciale adjointe du Secrétaire général' } },
          referencePrefix: 'MINUSLAC/DDH',
        },
      }),
      'settings',
    );
    const hr = t.hr;
    ids.region = await unit(hr, '9e Région militaire', { classifications: ['army'] });
    ids.b42 = await unit(hr, '42e bataillon d’infanterie', { classifications: ['army'] });
    ids.b318 = await unit(hr, '318e bataillon de commandos', { classifications: ['army'] });
    ids.b12 = await unit(hr, '12e bataillon du génie', { classifications: ['army'] });
    for (const b of [ids.b42, ids.b318, ids.b12]) await parent(hr, b, ids.region);
    ids.op = await unit(hr, 'Opération Umoja Kusini', { kind: 'joint-operation', start_date: '2015-02' });
    ids.cdt = await person(hr, 'Prosper Kabwe-Ilunga');
    await post(hr, ids.cdt, ids.region, 'Commandant', '2011');
    const newRequest = async (title: string, body: Record<string, unknown>) => ok(await t.planner.post(`${H}/requests`, { title, requesting_component: 'military', ...body }), title).id as string;
    const activate = async (id: string, on: string) => {
      await readyForDecision(t, id, on);
      ok(await move(t.leader, id, 'approved', { date: on }), 'approve');
      ok(await move(t.planner, id, 'active', { date: on }), 'start support');
    };
    ids.rations = await newRequest('Rations et carburant pour deux bataillons', {
      requested_on: '2012-05-02',
      support: [{ kind: 'logistical', sub_kind: 'rations' }, { kind: 'logistical', sub_kind: 'fuel' }],
      recipients: [{ unit_id: ids.b42, type: 'army' }, { unit_id: ids.b318, type: 'army' }],
      start_date: '2012-06-01',
    });
    await activate(ids.rations, '2012-05-20');
    ids.opSupport = await newRequest('Appui aérien à l’opération Umoja Kusini', {
      requested_on: '2015-01-05',
      support: [{ kind: 'joint-operations', sub_kind: 'joint-operation' }],
      recipients: [{ unit_id: ids.op, type: 'army' }, { unit_id: ids.b12, type: 'army' }],
      operation_unit_id: ids.op,
      start_date: '2015-02-01',
    });
    await activate(ids.opSupport, '2015-01-20');
    ids.engineers = await newRequest('Carburant pour le 12e bataillon du génie (routes)', {
      requested_on: '2015-01-05',
      support: [{ kind: 'logistical', sub_kind: 'fuel' }],
      recipients: [{ unit_id: ids.b12, type: 'army' }],
      start_date: '2015-01-15',
    });
    await activate(ids.engineers, '2015-01-10');
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('2012: the mass rapes attributed to the two supported battalions raise a review the moment they are recorded, and again when verified', async () => {
    const hrCtx = context(db(), await actorForUsername(db(), 'amani'));
    const inc = await createIncident(hrCtx, {
      summary: 'Viols massifs à Kiboga et dans les villages environnants',
      date: '2012-11-20',
      end_date: '2012-11-30',
      admin1: 'Lacs-Sud',
      acts: [{ act_type: 'rape', victims: 126 }],
      verification_status: 'reported',
      perpetrators: [{ unit_id: ids.b42 }, { unit_id: ids.b318 }],
    });
    ids.incident = inc.id;
    const open = ok(await t.hr.get(`${H}/reviews?request_id=${ids.rations}`)).reviews;
    expect(open.map((r: any) => [r.trigger_type, r.fact_id])).toEqual([['new-allegation', inc.id]]);
    expect(ok(await t.hr.get(`${H}/requests/${ids.rations}`)).request.state).toBe('under-review');
    await setVerification(hrCtx, inc.id, 'verified', 'Joint investigation team confirmed 126 victims');
    const after = ok(await t.hr.get(`${H}/reviews?request_id=${ids.rations}`)).reviews;
    expect(after.map((r: any) => r.trigger_type)).toEqual(['new-allegation', 'allegation-upgraded']);
    ids.reviews = after.map((r: any) => r.id).join(',');
    // the other operations' support is untouched
    expect(ok(await t.hr.get(`${H}/requests/${ids.engineers}`)).request.state).toBe('active');
    // the dossier of a new assessment holds the allegation against both battalions
    const d = ok(await t.hr.get(`${H}/requests/${ids.rations}/dossier?at=2013-01-15`));
    expect(d.allegations.map((a: any) => [a.id, a.verification, a.grave, a.paths.map((p: any) => p.kind)])).toEqual([[inc.id, 'verified', true, ['direct', 'direct']]]);
  });

  it('2013: two notices, a deadline, then termination, each generated in French as PDF and DOCX, with the next step due shown', async () => {
    const concerns = [{ text: { en: 'mass rapes in Kiboga, at least 126 victims', fr: 'viols massifs à Kiboga, faisant au moins 126 victimes' }, date: '2012-11', reference: 'HR-2012-117' }];
    const notices = () => t.hr.get(`${H}/requests/${ids.rations}/notices?as_of=2013-02-01`).then((r) => ok(r));
    expect((await notices()).next).toMatchObject({ step: 'first-notice', due_date: null });
    const steps = [
      { kind: 'first-notice', date: '2013-02-04', reference: 'MINUSLAC/DDH/2013/014', next: ['final-notice', '2013-02-18'] },
      { kind: 'final-notice', date: '2013-02-18', reference: 'MINUSLAC/DDH/2013/031', next: ['deadline-notice', '2013-03-04'] },
      { kind: 'deadline-notice', date: '2013-03-25', reference: 'MINUSLAC/DDH/2013/058', next: ['termination', '2013-04-02'] },
      { kind: 'termination', date: '2013-04-02', reference: 'MINUSLAC/DDH/2013/066', next: null },
    ] as const;
    for (const s of steps) {
      const letter = ok(await t.hr.post(`${H}/requests/${ids.rations}/letters`, { kind: s.kind, lang: 'fr', date: s.date, reference: s.reference, recipient, concerns }), s.kind);
      expect(letter.lang).toBe('fr');
      if (s.kind === 'deadline-notice') expect(letter.deadline).toBe('2013-04-01'); // the configured 7 days
      expect(letter.body).toContain(s.kind === 'termination' ? 'MINUSLAC' : 'Kiboga');
      const pdf = await t.hr.request('GET', `${H}/letters/${letter.id}/document?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      const pdfBuf = pdf.rawPayload;
      expect(pdfBuf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfBuf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
      const drawn = squash(pdfText(pdfBuf));
      expect(drawn).toContain(s.reference);
      expect(drawn).toMatch(/Objet/);
      const docx = await t.hr.request('GET', `${H}/letters/${letter.id}/document?format=docx`);
      expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
      const words = docxText(docx.rawPayload);
      expect(words).toContain('Mon Général');
      expect(words).toContain(`Bukama, le ${{ '2013-02-04': '4 février 2013', '2013-02-18': '18 février 2013', '2013-03-25': '25 mars 2013', '2013-04-02': '2 avril 2013' }[s.date]}`);
      // not yet sent: the ladder has not moved
      ok(await t.hr.patch(`${H}/letters/${letter.id}`, { sent_on: s.date }));
      const n = await notices();
      expect(n.sent.at(-1)).toMatchObject({ kind: s.kind, sent_on: s.date });
      if (s.next) expect([n.next.step, n.next.due_date]).toEqual(s.next);
      else expect(n).toMatchObject({ next: null, complete: true });
    }
    const early = await t.hr.patch(`${H}/letters/${(ok(await t.hr.get(`${H}/requests/${ids.rations}/letters`)).letters[0]).id}`, { acknowledged_on: '2013-01-01' });
    expect(early.status).toBe(400);
    // termination: the decision body closes the review by withdrawing the support
    const [first, second] = ids.reviews!.split(',');
    const w = ok(await t.leader.post(`${H}/reviews/${first}/resolve`, { resolution: 'withdrawal', note: 'No corrective action by the deadline of 1 April 2013', date: '2013-04-02' }));
    expect(w.request).toMatchObject({ state: 'withdrawn', support_ended_on: '2013-04-02' });
    expect(w.letter_suggested).toBe('termination');
    ok(await t.hr.post(`${H}/reviews/${second}/resolve`, { resolution: 'withdrawal', note: 'Same facts', date: '2013-04-02' }));
    expect(ok(await t.hr.get(`${H}/reviews?request_id=${ids.rations}&status=resolved`)).reviews.length).toBe(2);
  });

  it('2015: suspending support to one operation leaves other support to the same battalion running; resumption records its conditions', async () => {
    const byHr = await t.hr.post(`${H}/suspensions`, { scope: 'operation', operation_unit_id: ids.op, reason: 'Commanders of the operation appointed despite the red list', from_date: '2015-02-10' });
    expect(byHr.status).toBe(409); // the human rights officer does not sit on the decision body
    expect(byHr.body.errors.map((e: any) => e.field)).toEqual(['guard:decision-body']);
    const byPlanner = await t.planner.post(`${H}/suspensions`, { scope: 'operation', operation_unit_id: ids.op, reason: 'x' });
    expect(byPlanner.status).toBe(403);
    const s = ok(await t.leader.post(`${H}/suspensions`, { scope: 'operation', operation_unit_id: ids.op, reason: 'Commanders of the operation appointed despite the red list', from_date: '2015-02-10' }));
    expect(s.request_ids).toEqual([ids.opSupport]);
    expect(ok(await t.hr.get(`${H}/requests/${ids.opSupport}`)).request.state).toBe('suspended');
    expect(ok(await t.hr.get(`${H}/requests/${ids.engineers}`)).request.state).toBe('active');
    const st = ok(await t.hr.get(`${H}/requests/${ids.opSupport}/suspension?day=2015-02-11`));
    expect(st.suspended).toBe(true);
    expect(st.by.map((b: any) => b.scope)).toEqual(['operation']);
    expect(ok(await t.hr.get(`${H}/requests/${ids.engineers}/suspension?day=2015-02-11`)).suspended).toBe(false);
    const lifted = ok(await t.leader.post(`${H}/suspensions/${s.id}/lift`, { lifted_on: '2015-04-01', reason: 'New commanders appointed', conditions: [{ text: 'No listed officer commands any unit of the operation' }] }));
    expect(lifted.resumed).toEqual([ids.opSupport]);
    expect(lifted.suspension.resumption_conditions).toEqual([{ text: 'No listed officer commands any unit of the operation' }]);
    expect(ok(await t.hr.get(`${H}/requests/${ids.opSupport}`)).request.state).toBe('active');
    const again = await t.leader.post(`${H}/suspensions/${s.id}/lift`, { reason: 'twice' });
    expect(again.status).toBe(409);
  });

  it('a broad suspension of a unit stops every request supporting it', async () => {
    const s = ok(await t.leader.post(`${H}/suspensions`, { scope: 'unit', unit_id: ids.b12, reason: 'Looting by the engineers battalion', from_date: '2015-05-01' }));
    expect([...s.request_ids].sort()).toEqual([ids.opSupport, ids.engineers].sort());
  });
});
