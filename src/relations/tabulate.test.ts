import { describe, expect, it } from 'vitest';
import { DEFAULT_RELATIONS_CONFIG } from './config.ts';
import {
  type CommitmentRecord,
  commitmentStatusAt,
  escalationByActor,
  type ForceRecord,
  type LeverageAction,
  openCommitmentsByActor,
  type RestrictionRecord,
  restrictionReport,
  tabulateRestrictions,
  useOfForceFigures,
} from './tabulate.ts';

const config = DEFAULT_RELATIONS_CONFIG;

const restrictions: RestrictionRecord[] = [
  { id: 'r1', date: '2019-01-05', type: 'movement-denied-checkpoint', actorId: 'army-3rd-region', area: 'SS0401', prevented: ['patrol'], resolvedOn: '2019-01-06', reportedToHqOn: '2019-01-07' },
  { id: 'r2', date: '2019-01-20', type: 'movement-denied-checkpoint', actorId: 'army-3rd-region', area: 'SS0402', prevented: ['patrol', 'verification'], reportedToHqOn: '2019-01-21', reportedToCouncilOn: '2019-03-15' },
  { id: 'r3', date: '2019-02-02', type: 'visa-delayed', actorId: 'ministry-interior', prevented: ['deployment'] },
  { id: 'r4', date: '2019-02-14', type: 'internet-restricted', actorId: 'ministry-telecom', area: 'SS04' },
  { id: 'r5', date: '2019-02-20', type: 'investigation-blocked', actorId: 'army-3rd-region', area: 'SS0401', prevented: ['investigation', 'verification'], resolvedOn: '2019-04-01', reportedToHqOn: '2019-02-21' },
  { id: 'r6', date: '2019-03', type: 'internet-restricted', actorId: 'ministry-telecom', area: 'SS04', sofaViolation: true },
  { id: 'r7', date: '2019-03-30', type: 'fuel-blocked', area: 'SS0402' },
  { id: 'r8', date: '2018-12-31', type: 'staff-detained', actorId: 'nss', area: 'SS0401' },
];

describe('restriction tabulations (status-of-forces violation reporting)', () => {
  const opts = { from: '2019-01-01', to: '2019-03-31', asOf: '2019-03-31' };

  it('counts by type in configuration order, with SOFA violations, resolution and reporting', () => {
    const t = tabulateRestrictions(restrictions, config, { ...opts, groupBy: 'type' });
    expect(t.total.count).toBe(7); // r8 is before the period
    const row = (k: string) => t.rows.find((r) => r.key === k)!;
    const checkpoint = row('movement-denied-checkpoint');
    expect([checkpoint.count, checkpoint.sofaViolations, checkpoint.resolved, checkpoint.unresolved, checkpoint.reportedToHq, checkpoint.reportedToCouncil]).toEqual([2, 2, 1, 1, 2, 1]);
    expect(checkpoint.prevented).toEqual({ patrol: 2, verification: 1 });
    expect(checkpoint.fr).toBe('Passage refusé à un point de contrôle');
    // internet restriction is not a SOFA violation by default, but one record says it was
    expect(row('internet-restricted').count).toBe(2);
    expect(row('internet-restricted').sofaViolations).toBe(1);
    // a type no longer configured is shown under its code, never dropped
    expect(row('fuel-blocked')).toMatchObject({ count: 1, en: 'fuel-blocked' });
    expect(row('staff-detained').count).toBe(0);
    expect(t.rows.indexOf(row('movement-denied-checkpoint'))).toBeLessThan(t.rows.indexOf(row('visa-delayed')));
    // SOFA total: r1 r2 r3 r5 r6 (not r4 internet by default, not r7 unknown type)
    expect(t.total.sofaViolations).toBe(5);
    expect(t.total.resolved + t.total.unresolved).toBe(t.total.count);
  });

  it('reads resolution and reporting as of a day', () => {
    const early = tabulateRestrictions(restrictions, config, { from: '2019-01-01', to: '2019-03-31', asOf: '2019-03-01', groupBy: 'type' });
    expect(early.total.resolved).toBe(1); // r5 resolved only in April
    expect(early.total.reportedToCouncil).toBe(0);
    const later = tabulateRestrictions(restrictions, config, { from: '2019-01-01', to: '2019-03-31', asOf: '2019-04-30', groupBy: 'type' });
    expect(later.total.resolved).toBe(2);
  });

  it('counts by actor (most first, unattributed last) and by area, optionally at a coarser area level', () => {
    const byActor = tabulateRestrictions(restrictions, config, { ...opts, groupBy: 'actor', names: { 'army-3rd-region': '3rd military region' } });
    expect(byActor.rows.map((r) => [r.key, r.count])).toEqual([['army-3rd-region', 3], ['ministry-telecom', 2], ['ministry-interior', 1], ['', 1]]);
    expect(byActor.rows[0]!.en).toBe('3rd military region');
    expect(byActor.rows.at(-1)!.fr).toBe('Non attribué');
    const byArea = tabulateRestrictions(restrictions, config, { ...opts, groupBy: 'area' });
    expect(byArea.rows.find((r) => r.key === 'SS0401')!.ids).toEqual(['r1', 'r5']);
    expect(byArea.rows.find((r) => r.key === '')!.ids).toEqual(['r3']);
    const byState = tabulateRestrictions(restrictions, config, { ...opts, groupBy: 'area', areaPrefixLength: 4 });
    expect(byState.rows.map((r) => [r.key, r.count])).toEqual([['SS04', 6], ['', 1]]);
  });

  it('counts by month, listing months with none', () => {
    const t = tabulateRestrictions(restrictions, config, { from: '2018-12-01', to: '2019-04-30', groupBy: 'month' });
    expect(t.rows.map((r) => [r.key, r.count])).toEqual([['2018-12', 1], ['2019-01', 2], ['2019-02', 3], ['2019-03', 2], ['2019-04', 0]]);
    expect(t.rows[1]!.fr).toBe('janvier 2019');
  });

  it('produces the four tables of a report at once', () => {
    const r = restrictionReport(restrictions, config, opts);
    expect(Object.keys(r).sort()).toEqual(['actor', 'area', 'month', 'type']);
    for (const t of Object.values(r)) expect(t.total.count).toBe(7);
  });
});

describe('open commitments per actor', () => {
  const commitments: CommitmentRecord[] = [
    { id: 'k1', actorId: 'governor', madeOn: '2019-01-10', dueOn: '2019-02-10', summary: 'open the road to the mine' },
    { id: 'k2', actorId: 'governor', madeOn: '2019-02-01', statusChanges: [{ date: '2019-03-01', status: 'kept' }] },
    { id: 'k3', actorId: 'governor', madeOn: '2019-03-01', dueOn: '2019-06-30' },
    { id: 'k4', actorId: 'army-hq', madeOn: '2019-01-05', statusChanges: [{ date: '2019-01-20', status: 'partly-kept' }, { date: '2019-02-20', status: 'broken' }] },
    { id: 'k5', actorId: 'army-hq', madeOn: '2019-05-01' },
  ];

  it('the status on a day is the latest change on or before it, else the initial status', () => {
    expect(commitmentStatusAt(commitments[3]!, '2019-01-10', config)).toBe('open');
    expect(commitmentStatusAt(commitments[3]!, '2019-02-01', config)).toBe('partly-kept');
    expect(commitmentStatusAt(commitments[3]!, '2019-03-01', config)).toBe('broken');
  });

  it('lists what each actor still owes, oldest first, with overdue ones counted', () => {
    const view = openCommitmentsByActor(commitments, config, { asOf: '2019-04-01' });
    expect(view.map((a) => a.actorId)).toEqual(['governor', 'army-hq']);
    const gov = view[0]!;
    expect(gov.open.map((c) => c.id)).toEqual(['k1', 'k3']);
    expect(gov.open[0]).toMatchObject({ overdue: true, daysOverdue: 50, daysOpen: 81, summary: 'open the road to the mine', en: 'Open', fr: 'En cours' });
    expect(gov.open[1]!.overdue).toBe(false);
    expect(gov.overdue).toBe(1);
    expect(gov.closed).toEqual({ kept: 1 });
    // k5 is made after the day and does not appear yet
    expect(view[1]).toMatchObject({ open: [], closed: { broken: 1 } });
  });
});

describe('escalation per actor (the leverage ladder)', () => {
  const actions: LeverageAction[] = [
    { id: 'l1', actorId: 'gen-x', date: '2018-03-01', tool: 'dialogue' },
    { id: 'l2', actorId: 'gen-x', date: '2018-06-01', tool: 'confidential-reporting' },
    { id: 'l3', actorId: 'gen-x', date: '2019-01-15', tool: 'sanctions-referral', coordinatedWith: ['embassy-a'], endedOn: '2019-06-30' },
    { id: 'l4', actorId: 'gen-x', date: '2018-04-01', tool: 'dialogue', result: 'promised an inquiry' },
    { id: 'l5', actorId: 'police-chief', date: '2019-02-01', tool: 'public-reporting' },
    { id: 'l6', actorId: 'police-chief', date: '2019-02-10', tool: 'quiet-word' },
  ];

  it('orders actions by rank, then date, and names the current highest rung', () => {
    const view = escalationByActor(actions, config, { asOf: '2019-03-01' });
    const gen = view.find((v) => v.actorId === 'gen-x')!;
    expect(gen.actions.map((a) => a.id)).toEqual(['l1', 'l4', 'l2', 'l3']);
    expect(gen.currentRung).toMatchObject({ tool: 'sanctions-referral', rank: 7, en: 'Referral for sanctions', actionIds: ['l3'] });
    expect(gen.actions.find((a) => a.id === 'l3')!.fr).toBe('Demande de sanctions');
    expect(view[0]!.actorId).toBe('gen-x'); // highest current rung first
  });

  it('a tool that ended is no longer the current rung but stays the highest reached', () => {
    const gen = escalationByActor(actions, config, { asOf: '2019-09-01' }).find((v) => v.actorId === 'gen-x')!;
    expect(gen.currentRung!.tool).toBe('confidential-reporting');
    expect(gen.highestRung!.tool).toBe('sanctions-referral');
  });

  it('actions after the day are left out; unknown tools are kept, unranked, at the end', () => {
    const early = escalationByActor(actions, config, { asOf: '2018-05-01' }).find((v) => v.actorId === 'gen-x')!;
    expect(early.currentRung).toMatchObject({ tool: 'dialogue', since: '2018-03-01', actionIds: ['l1', 'l4'] });
    const chief = escalationByActor(actions, config).find((v) => v.actorId === 'police-chief')!;
    expect(chief.actions.map((a) => [a.id, a.rank])).toEqual([['l5', 4], ['l6', null]]);
    expect(chief.currentRung!.tool).toBe('public-reporting');
  });
});

describe('use of force', () => {
  const uses: ForceRecord[] = [
    { id: 'f1', date: '2016-07-10', level: 'interposition', targetType: 'state-army', area: 'SS-Juba', summary: 'between soldiers and a crowd at a protection site' },
    { id: 'f2', date: '2016-08-01', level: 'patrol', targetType: 'non-state-armed-group' },
    { id: 'f3', date: '2016-08-02', level: 'warning-shots', targetType: 'non-state-armed-group' },
    { id: 'f4', date: '2016-06-01', level: 'show-of-force', targetType: 'state-police' },
    { id: 'f5', date: '2016-09-01', level: 'lethal-force', targetType: 'non-state-armed-group' },
    { id: 'f6', date: '2016-09-05', level: 'patrol', targetType: 'unidentified' },
    { id: 'f7', date: '2015-01-01', level: 'patrol', targetType: 'state-army' },
  ];

  it('counts by level in ladder order and by target type, and lists every confrontation with state forces', () => {
    const u = useOfForceFigures(uses, config, { from: '2016-01-01', to: '2016-12-31' });
    expect(u.total).toBe(6);
    expect(u.againstState).toBe(2);
    expect(u.byLevel.map((l) => [l.code, l.count, l.againstState])).toEqual([
      ['presence', 0, 0],
      ['patrol', 2, 0],
      ['show-of-force', 1, 1],
      ['interposition', 1, 1],
      ['warning-shots', 1, 0],
      ['lethal-force', 1, 0],
    ]);
    expect(u.byTargetType.find((t) => t.code === 'non-state-armed-group')!.count).toBe(3);
    expect(u.matrix['patrol']).toEqual({ 'non-state-armed-group': 1, unidentified: 1 });
    expect(u.stateConfrontations.map((c) => c.id)).toEqual(['f4', 'f1']);
    expect(u.stateConfrontations[1]!.levelLabel.fr).toBe('Interposition');
    expect(u.stateConfrontations[1]!.targetLabel.en).toBe('Host-state armed forces');
  });
});
