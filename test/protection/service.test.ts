import { beforeAll, describe, expect, it } from 'vitest';
import { actorFor, DEFAULT_ROLE_POLICY, systemActor } from '../../src/platform/access/policy.ts';
import { ConflictError, ValidationError } from '../../src/platform/errors.ts';
import { type Ctx, context } from '../../src/platform/store.ts';
import * as reg from '../../src/registry/service.ts';
import * as svc from '../../src/protection/service.ts';
import '../../src/domains.ts';
import { forEachEngine } from '../helpers/engines.ts';

const as = (db: any, username: string, roles: string[]): Ctx => context(db, actorFor({ id: username, username, roles }, DEFAULT_ROLE_POLICY));

forEachEngine('protection service: alerts and response figures, justice figures', (db) => {
  let sys: Ctx;
  let poc: Ctx;
  let rol: Ctx;
  const A: Record<string, string> = {};
  const R: Record<string, string> = {};

  beforeAll(async () => {
    sys = context(db(), systemActor('test'));
    poc = as(db(), 'poc.adviser', ['protection']);
    rol = as(db(), 'rol.officer', ['rule-of-law']);

    // Alerts in Ituri (UTC+2), one logged from Kinshasa (UTC+1).
    const add = async (k: string, over: Record<string, unknown>) => {
      A[k] = (await svc.createAlert(poc, { channel: 'community-alert-network', threat_type: 'killing', area_code: 'CD5401', area_name: 'Djugu', ...over } as any)).id;
    };
    await add('A1', { received_at: '2024-02-03T21:10:00+02:00', place: 'Largu', caller: { name: 'Marie Ngabu', phone: '+243 000 111' } });
    await svc.transition(poc, A.A1!, { to: 'triaged', at: '2024-02-03T21:20:00+02:00', priority: 'immediate' });
    await svc.respond(poc, A.A1!, { type: 'patrol', at: '2024-02-03T22:40:00+02:00', unit_id: 'QRF' });
    await svc.transition(poc, A.A1!, { to: 'response', at: '2024-02-03T22:41:00+02:00' });
    await svc.transition(poc, A.A1!, { to: 'closed', at: '2024-02-04T08:00:00+02:00' });

    await add('A2', { received_at: '2024-02-10T06:00:00+02:00', threat_type: 'abduction', priority: 'high' });
    await svc.respond(poc, A.A2!, { type: 'engagement-with-authorities', at: '2024-02-10T10:00:00+02:00' });

    await add('A3', { received_at: '2024-02-15T14:00:00+02:00', threat_type: 'looting', area_code: 'CD5402', area_name: 'Irumu', priority: 'medium' });
    await svc.respond(poc, A.A3!, { type: 'none', at: '2024-02-16T07:00:00+02:00', reason: 'road impassable' });
    await svc.transition(poc, A.A3!, { to: 'closed', at: '2024-02-16T07:05:00+02:00' });

    await add('A4', { received_at: '2024-03-01T08:00:00+01:00', threat_type: 'sexual-violence', area_code: 'CD5402', area_name: 'Irumu', channel: 'partner', priority: 'high' });
    await svc.respond(poc, A.A4!, { type: 'referral', at: '2024-03-01T09:30:00+02:00' });

    await add('A5', { received_at: '2024-03-05T23:50:00+02:00', priority: 'immediate' });
    await svc.respond(poc, A.A5!, { type: 'patrol', at: '2024-03-06T00:35:00+02:00' });

    await add('A6', { received_at: '2024-03-10T12:00:00+02:00', area_code: 'CD5403', area_name: 'Mahagi', priority: 'medium' });
    await svc.transition(poc, A.A6!, { to: 'triaged', at: '2024-03-10T13:00:00+02:00' });

    await add('A7', { received_at: '2024-03-20T15:00:00+02:00', threat_type: 'attack-on-civilians', priority: 'high' });
    await svc.respond(poc, A.A7!, { type: 'deployment', at: '2024-03-20T19:00:00+02:00' });
    await add('A8', { received_at: '2024-03-20T13:30:00+02:00', threat_type: 'attack-on-civilians', channel: 'hotline', caller: { name: 'Jean Dz’ba' } });
    await svc.mergeDuplicate(poc, A.A7!, { duplicate_id: A.A8!, at: '2024-03-20T20:00:00+02:00', note: 'same attack' });

    // Registry: units and persons with dated postings (the defendants' ranks come from there).
    R.army = (await reg.createUnit(sys, { name: '3e Bataillon', classifications: ['army'], start_date: '2010' } as any)).id;
    R.police = (await reg.createUnit(sys, { name: 'Commissariat de Bunia', classifications: ['police'], start_date: '2010' } as any)).id;
    R.militia = (await reg.createUnit(sys, { name: 'Milice Zaïre', kind: 'armed-group', classifications: ['armed-group'], start_date: '2017' } as any)).id;
    const person = async (k: string, name: string) => (R[k] = (await reg.createPerson(sys, { name } as any)).id);
    const post = async (k: string, p: string, unit: string, rank: string, start: string, end?: string) =>
      (R[k] = (await reg.createPosting(sys, { person_id: R[p], unit_id: R[unit], rank, role: 'member', start_date: start, ...(end ? { end_date: end, end_state: 'exact' } : {}) } as any)).id);
    await person('p1', 'Patrick Lokana');
    await post('p1a', 'p1', 'army', 'Soldat de 1ère classe', '2016');
    await person('p2', 'Bosco Lemera');
    await post('p2a', 'p2', 'army', 'Major', '2015', '2019-06');
    await post('p2b', 'p2', 'army', 'Colonel', '2019-07');
    await person('p3', 'Didier Ndjadi');
    await post('p3a', 'p3', 'police', 'Agent de police', '2018');
    await person('p4', 'Ngudjolo Kisembo');
    await post('p4a', 'p4', 'militia', 'Général', '2017');
    await person('p5', 'Faustin Mbuyi');
    await post('p5a', 'p5', 'army', 'Général de brigade', '2018');
  });

  it('response rate and median time to first response match the hand count', async () => {
    // Responded: A1 90 min, A2 240, A4 30 (08:00+01 → 09:30+02), A5 45, A7 330 (from its duplicate A8
    // received at 13:30, to the deployment at 19:00). A3 answered "none", A6 nothing: 5 of 7.
    const byArea = await svc.alertFigures(poc, { group_by: 'area' });
    expect(byArea.total).toMatchObject({ alerts: 7, responded: 5, medianMinutes: 90, meanMinutes: 147 });
    expect(byArea.total.responseRate).toBeCloseTo(5 / 7, 10);
    expect(byArea.total.unanswered.map((u) => u.id).sort()).toEqual([A.A3, A.A6].sort());
    expect(byArea.total.unanswered.find((u) => u.id === A.A3)!.reasons).toEqual(['road impassable']);
    const row = (k: string) => byArea.rows.find((r) => r.key === k)!;
    expect(row('CD5401')).toMatchObject({ en: 'Djugu', alerts: 4, responded: 4, medianMinutes: 165 });
    expect(row('CD5402')).toMatchObject({ alerts: 2, responded: 1, medianMinutes: 30 });
    expect(row('CD5403')).toMatchObject({ alerts: 1, responded: 0, medianMinutes: null, responseRate: 0 });

    const byMonth = await svc.alertFigures(poc, { group_by: 'period', step: 'month' });
    expect(byMonth.rows.map((r) => [r.key, r.alerts, r.responded, r.medianMinutes])).toEqual([
      ['2024-02', 3, 2, 165],
      ['2024-03', 4, 3, 45],
    ]);
    const byType = await svc.alertFigures(poc, { group_by: 'threat_type' });
    expect(byType.rows.find((r) => r.key === 'killing')).toMatchObject({ alerts: 3, responded: 2, medianMinutes: 67.5 });
    const march = await svc.alertFigures(poc, { group_by: 'area', from: '2024-03-01', to: '2024-03-31' });
    expect(march.total).toMatchObject({ alerts: 4, responded: 3 });
    // A5 was received at 23:50 local on 5 March: it counts on its local day.
    const day5 = await svc.alertFigures(poc, { group_by: 'area', from: '2024-03-05', to: '2024-03-05' });
    expect(day5.total.alerts).toBe(1);
  });

  it('keeps every step timed and attributed; duplicates merged with their history', async () => {
    const a1 = await svc.getAlert(poc, A.A1!);
    expect(a1.state).toBe('closed');
    expect(a1.priority).toBe('immediate');
    expect(a1.timeline!.map((s) => [s.kind, s.to ?? s.responseType, s.by, s.minutesSinceReceived])).toEqual([
      ['received', 'received', 'poc.adviser', 0],
      ['transition', 'triaged', 'poc.adviser', 10],
      ['response', 'patrol', 'poc.adviser', 90],
      ['transition', 'response', 'poc.adviser', 91],
      ['transition', 'closed', 'poc.adviser', 650],
    ]);
    expect(a1.callers!.map((c) => c.name)).toEqual(['Marie Ngabu']);
    const a7 = await svc.getAlert(poc, A.A7!);
    expect(a7.merged.map((m) => m.id)).toEqual([A.A8]);
    expect(a7.effective_received_at).toBe('2024-03-20T13:30:00+02:00');
    expect(a7.minutes_to_first_response).toBe(330);
    expect(a7.callers!.map((c) => c.name)).toEqual(['Jean Dz’ba']);
    const a8 = await svc.getAlert(poc, A.A8!);
    expect(a8).toMatchObject({ state: 'closed', merged_into: A.A7 });
    expect(a8.history.map((e) => e.kind)).toEqual(['received', 'merged-into']);
    expect((await svc.listAlerts(poc)).map((a) => a.id)).not.toContain(A.A8);
    expect((await svc.listAlerts(poc, { include_merged: 'true' })).map((a) => a.id)).toContain(A.A8);
    expect((await svc.listAlerts(poc, { unanswered: 'true' })).map((a) => a.id).sort()).toEqual([A.A3, A.A6].sort());
  });

  it('enforces the workflow on the server', async () => {
    const id = (await svc.createAlert(poc, { received_at: '2024-04-01T10:00:00+02:00', channel: 'patrol', threat_type: 'looting' } as any)).id;
    await expect(svc.transition(poc, id, { to: 'triaged', at: '2024-04-01T10:05:00+02:00' })).rejects.toMatchObject({ problems: [{ field: 'priority' }] });
    await expect(svc.transition(poc, id, { to: 'response', at: '2024-04-01T10:05:00+02:00' })).rejects.toBeInstanceOf(ConflictError);
    await expect(svc.transition(poc, id, { to: 'verification', at: '2024-04-01T10:05:00+02:00' })).rejects.toBeInstanceOf(ConflictError);
    await expect(svc.transition(poc, id, { to: 'triaged', priority: 'low', at: '2099-01-01T00:00:00Z' })).rejects.toMatchObject({ problems: [{ field: 'at', reason: 'is in the future' }] });
    await expect(svc.respond(poc, id, { type: 'none', at: '2024-04-01T10:05:00+02:00' })).rejects.toMatchObject({ problems: [{ field: 'reason' }] });
    await expect(svc.createAlert(poc, { received_at: '2024-04-01 10:00', channel: 'pigeon', threat_type: 'looting' } as any)).rejects.toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ field: 'channel' }), expect.objectContaining({ field: 'received_at' })]),
    });
    const triaged = await svc.transition(poc, id, { to: 'triaged', priority: 'low', verification: 'confirmed', at: '2024-04-01T10:06:00+02:00' });
    expect(triaged.history.at(-1)).toMatchObject({ kind: 'transition', to: 'triaged', by: 'poc.adviser', priority: 'low', verification: 'confirmed' });
    // a viewer of the domain (rule of law) may read but not move an alert, nor read who called
    await expect(svc.transition(rol, id, { to: 'closed', at: '2024-04-01T10:07:00+02:00' })).rejects.toMatchObject({ status: 403 });
    expect((await svc.getAlert(rol, A.A1!)).callers).toBeUndefined();
    await svc.retractProtection(poc, 'alert', id, 'test alert');
    await expect(svc.transition(poc, id, { to: 'closed', at: '2024-04-01T10:07:00+02:00' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists alerts awaiting triage or response beyond the configured time', async () => {
    const n = await svc.alertNotifications(poc);
    const of = (id: string) => n.filter((x) => x.id === id).map((x) => x.kind).sort();
    expect(of(A.A2!)).toEqual([]); // answered
    expect(of(A.A6!)).toEqual(['protection.alert-awaiting-response']); // triaged, never answered
    expect(of(A.A1!)).toEqual([]); // closed
  });

  it('justice figures by affiliation and rank band match the hand count; ranks come from registry postings', async () => {
    const c1 = await svc.createCase(rol, {
      title: 'Ministère public c. Lokana et consorts',
      court_type: 'military',
      crime_date: '2019-03-10',
      opened_on: '2019-05',
      support: [{ kind: 'prosecution-support-cell', on: '2019-05-02' }],
      defendants: [
        { person_id: R.p1, charges: ['meurtre'], outcome: 'convicted' },
        { person_id: R.p2, charges: ['crime contre l’humanité'], outcome: 'acquitted' },
        { person_id: R.p5, charges: ['viol'] },
      ],
    } as any);
    expect(c1.defendants.map((d) => [d.name, d.affiliation, d.affiliation_source, d.rank_at_crime, d.rank_source, d.rank_band?.code])).toEqual([
      ['Patrick Lokana', 'army', 'registry', 'Soldat de 1ère classe', 'registry', 'rank-and-file'],
      ['Bosco Lemera', 'army', 'registry', 'Major', 'registry', 'senior-officers'],
      ['Faustin Mbuyi', 'army', 'registry', 'Général de brigade', 'registry', 'general-officers'],
    ]);
    const c2 = await svc.createCase(rol, { title: 'Audience foraine de Bunia', court_type: 'mobile', crime_date: '2020-01' } as any);
    await svc.addDefendant(rol, c2.id, { person_id: R.p3, outcome: 'convicted' });
    await svc.addDefendant(rol, c2.id, { name: 'Kasereka', affiliation: 'police', rank_at_crime: 'Sergent', outcome: 'convicted' });
    const c3 = await svc.createCase(rol, { title: 'CPS c. Kisembo', court_type: 'special-criminal-court', crime_date: '2021-06-01' } as any);
    await svc.addDefendant(rol, c3.id, { person_id: R.p4, outcome: 'convicted' });
    const mut = await svc.addDefendant(rol, c3.id, { name: 'Mutombo', affiliation: 'non-state', rank_at_crime: 'Caporal' });
    await svc.updateDefendant(rol, mut.id, { outcome: 'convicted', outcome_on: '2022-02' });
    await svc.setStage(rol, c3.id, { stage: 'judgment', on: '2022-02-10' });

    const f = await svc.justiceFiguresOf(poc);
    expect(f.total).toEqual({ cases: 3, defendants: 7, convictions: 5, acquittals: 1, pending: 1, other: 0 });
    const aff = (k: string) => f.byAffiliation.find((r) => r.key === k)!;
    expect(aff('army')).toMatchObject({ cases: 1, defendants: 3, convictions: 1, acquittals: 1, pending: 1 });
    expect(aff('police')).toMatchObject({ cases: 1, defendants: 2, convictions: 2 });
    expect(aff('non-state')).toMatchObject({ cases: 1, defendants: 2, convictions: 2 });
    const band = (k: string) => f.byRankBand.find((r) => r.key === k)!;
    expect(band('rank-and-file')).toMatchObject({ cases: 3, defendants: 3, convictions: 3 });
    expect(band('non-commissioned-officers')).toMatchObject({ defendants: 1, convictions: 1 });
    expect(band('junior-officers')).toMatchObject({ defendants: 0 });
    expect(band('senior-officers')).toMatchObject({ defendants: 1, convictions: 0, acquittals: 1 });
    expect(band('general-officers')).toMatchObject({ cases: 2, defendants: 2, convictions: 1, pending: 1 });
    expect(f.matrix.army!['general-officers']).toMatchObject({ defendants: 1, pending: 1, convictions: 0 });
    expect(f.matrix['non-state']!['general-officers']).toMatchObject({ convictions: 1 });
    const military = await svc.justiceFiguresOf(poc, { court_type: ['military'] });
    expect(military.total.defendants).toBe(3);
    await expect(svc.justiceFiguresOf(poc, { court_type: ['martial'] })).rejects.toBeInstanceOf(ValidationError);
    // only the justice permission writes cases
    await expect(svc.createCase(as(db(), 'planner', ['military']), { title: 'x', court_type: 'military' } as any)).rejects.toMatchObject({ status: 403 });
  });

  it('a corrected registry posting is followed by the defendants read from it', async () => {
    // Lemera was in fact promoted Colonel in January 2019, before the crime of 10 March 2019.
    await reg.updatePosting(sys, R.p2a!, { end_date: '2018-12' } as any);
    await reg.updatePosting(sys, R.p2b!, { start_date: '2019-01' } as any);
    const cases = await svc.listCases(poc, { court_type: ['military'] });
    const lemera = cases[0]!.defendants.find((d) => d.person_id === R.p2)!;
    expect([lemera.rank_at_crime, lemera.posting_id, lemera.rank_band?.code]).toEqual(['Colonel', R.p2b, 'senior-officers']);
  });

  it('a changed setting takes effect; a restricted posting stays out of an internal defendant record', async () => {
    const { setSetting } = await import('../../src/platform/settings/settings.ts');
    const { DEFAULT_PROTECTION_CONFIG } = await import('../../src/protection/config.ts');
    const { DEFAULT_OPERATIONS } = await import('../../src/protection/schema.ts');
    const input = { received_at: '2024-04-01T10:00:00+02:00', channel: 'radio-okapi', threat_type: 'looting' } as any;
    await expect(svc.createAlert(poc, input)).rejects.toMatchObject({ problems: [{ field: 'channel' }] });
    await setSetting(sys, 'protection.config', { ...DEFAULT_PROTECTION_CONFIG, alertChannels: [...DEFAULT_PROTECTION_CONFIG.alertChannels, { code: 'radio-okapi', label: { en: 'Radio call-in', fr: 'Appel à la radio' } }] });
    await setSetting(sys, 'protection.operations', { ...DEFAULT_OPERATIONS, priorityRequiredIn: [] });
    const a = await svc.createAlert(poc, input);
    expect(a.labels.channel).toEqual({ en: 'Radio call-in', fr: 'Appel à la radio' });
    expect((await svc.transition(poc, a.id, { to: 'triaged', at: '2024-04-01T10:05:00+02:00' })).state).toBe('triaged');
    await expect(setSetting(sys, 'protection.operations', { ...DEFAULT_OPERATIONS, triageWithinHours: -1 })).rejects.toMatchObject({ problems: [{ field: 'value.triageWithinHours' }] });

    const unit = (await reg.createUnit(sys, { name: 'Garde républicaine', classifications: ['presidential-guard'], start_date: '2010' } as any)).id;
    const person = (await reg.createPerson(sys, { name: 'Olivier Kanku' } as any)).id;
    await reg.createPosting(sys, { person_id: person, unit_id: unit, rank: 'Colonel', role: 'Commandant', start_date: '2018', sensitivity: 'restricted' } as any);
    const c = await svc.createCase(rol, { title: 'Affaire Kanku', court_type: 'military', crime_date: '2019-01-05', defendants: [{ person_id: person }] } as any);
    expect(c.defendants[0]).toMatchObject({ name: 'Olivier Kanku', rank_at_crime: null, affiliation: null, posting_id: null });
    const r = await svc.createCase(rol, { title: 'Affaire Kanku (dossier restreint)', court_type: 'military', crime_date: '2019-01-05', sensitivity: 'restricted', defendants: [{ person_id: person }] } as any);
    expect(r.defendants[0]).toMatchObject({ rank_at_crime: 'Colonel', affiliation: 'army', rank_source: 'registry', sensitivity: 'restricted' });
  });
});

describe('protection settings', () => {
  it('registers both settings with valid defaults', async () => {
    const { settingDefinitions } = await import('../../src/platform/settings/settings.ts');
    const defs = settingDefinitions().filter((d) => d.key.startsWith('protection.'));
    expect(defs.map((d) => d.key)).toEqual(['protection.config', 'protection.operations']);
    for (const d of defs) expect(d.schema.safeParse(d.defaultValue).success).toBe(true);
  });
});
