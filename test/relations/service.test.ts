import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/platform/access/policy.ts';
import { getSetting, setSetting } from '../../src/platform/settings/settings.ts';
import { type Ctx, context, recordRevisions } from '../../src/platform/store.ts';
import { relationsModule } from '../../src/relations/index.ts';
import {
  consentByActor,
  consentIndex,
  createRelationsRecord,
  escalation,
  forceFigures,
  importRelationsRecords,
  lapseOverdueCommitments,
  listRelations,
  openCommitments,
  setCommitmentStatus,
  sofaTables,
  stanceBoard,
  updateRelationsRecord,
} from '../../src/relations/service.ts';
import { createLink, createPerson, createUnit } from '../../src/registry/service.ts';
import { forEachEngine } from '../helpers/engines.ts';

async function problemsOf(p: Promise<unknown>): Promise<{ field: string; reason: string }[]> {
  try {
    await p;
  } catch (e: any) {
    return e.problems ?? [{ field: '?', reason: e.message }];
  }
  throw new Error('expected a validation error');
}

forEachEngine('relations service: consent index, status-of-forces tables, commitments, stances, leverage, force', (db) => {
  let ctx: Ctx;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    ctx = context(db(), systemActor('test'));
    id.north = (await createUnit(ctx, { name: 'Région militaire Nord', classifications: ['army'], level: 'provincial' })).id;
    id.battalion = (await createUnit(ctx, { name: '31e Bataillon', classifications: ['army'], level: 'local' })).id;
    id.south = (await createUnit(ctx, { name: 'Gouvernorat du Sud', kind: 'civilian-authority', level: 'provincial' })).id;
    id.ministry = (await createUnit(ctx, { name: 'Ministère de la Défense', kind: 'ministry', level: 'national' })).id;
    id.governor = (await createPerson(ctx, { name: 'Aline Mbeki' })).id;
  });

  it('the consent index falls for an actor under a run of restrictions and broken commitments, and stays flat for another; every contribution is named', async () => {
    // Actor A (Région militaire Nord): commitments made, then a run of restrictions and broken promises.
    const c1 = await createRelationsRecord(ctx, 'commitments', { actor_unit: id.north, summary: 'Lift the checkpoint at Kilo 12', made_on: '2024-02-10', due_on: '2024-03-15' });
    const c2 = await createRelationsRecord(ctx, 'commitments', { actor_unit: 'Région militaire Nord', summary: 'Grant access to the Bunia detention site', made_on: '2024-03-01', due_on: '2024-04-01' });
    const r1 = await createRelationsRecord(ctx, 'restrictions', { occurred_on: '2024-03-31', type: 'movement-denied-checkpoint', actor_unit: id.north, area: 'CD54', description: 'Patrol turned back at Kilo 12', prevented: ['patrol'] });
    const r2 = await createRelationsRecord(ctx, 'restrictions', { occurred_on: '2024-04-05', ongoing: true, type: 'area-off-limits', actor_unit: id.north, area: 'CD5401', description: 'Djugu territory declared off-limits' });
    await setCommitmentStatus(ctx, c1.id, { status: 'broken', date: '2024-04-20', note: 'checkpoint still manned' });
    const r3 = await createRelationsRecord(ctx, 'restrictions', { occurred_on: '2024-05-12', end_date: '2024-05-14', type: 'staff-detained', actor_unit: id.north, area: 'CD54', description: 'Two human rights officers held at Bunia camp' });
    await setCommitmentStatus(ctx, c2.id, { status: 'broken', date: '2024-05-20' });
    expect(r1.scope).toBe('provincial'); // the scope of the organisation responsible, from the registry

    // Actor B (Gouvernorat du Sud): monthly meetings without result and a commitment still open.
    for (const m of ['01', '02', '03', '04', '05', '06']) await createRelationsRecord(ctx, 'engagements', { occurred_on: `2024-${m}-08`, actor_unit: id.south, tier: 'operational', scope: 'provincial', outcome: 'no-result', summary: `Monthly security meeting ${m}` });
    await createRelationsRecord(ctx, 'commitments', { actor_unit: id.south, summary: 'Deploy police to the market', made_on: '2024-02-01', due_on: '2025-12-31' });

    const a = await consentIndex(ctx, { actor: id.north, from: '2024-01', to: '2024-06-30' });
    const values = Object.fromEntries(a.points.map((p) => [p.period, p.value]));
    expect(values['2024-01']).toBe(0);
    expect(values['2024-02']).toBe(0);
    expect(values['2024-03']).toBe(-4); // one checkpoint denial, severity 2 × weight −2, on the last day of March
    const r2fade = (w: number, days: number) => Math.round(w * Math.pow(0.5, days / 90) * 100) / 100;
    expect(values['2024-04']).toBeCloseTo(r2fade(-4, 30) + -8 + r2fade(-8, 10), 2);
    expect(values['2024-05']!).toBeLessThan(values['2024-04']!);
    expect(values['2024-05']!).toBeLessThan(-30);
    for (const p of a.points) expect(p.value).toBeCloseTo(a.baseline + p.contributions.reduce((s, c) => s + c.delta, 0), 2);

    const may = a.points.find((p) => p.period === '2024-05')!;
    expect(may.contributions.map((c) => c.factId).sort()).toEqual([r1.id, r2.id, r3.id, `${c1.id}@2024-04-20`, `${c2.id}@2024-05-20`].sort());
    const r2c = may.contributions.find((c) => c.factId === r2.id)!;
    expect(r2c).toMatchObject({ kind: 'restriction', weight: -8, factor: 1, delta: -8 }); // still in force: no fading
    expect(r2c.en).toContain('Djugu territory declared off-limits');
    expect(r2c.fr).toContain('Zone déclarée interdite d’accès');

    const drop = a.flags.find((f) => f.kind === 'sudden-drop')!;
    expect(drop.period).toBe('2024-04');
    expect(drop.factIds).toEqual(expect.arrayContaining([r2.id, `${c1.id}@2024-04-20`]));
    expect(drop.en).toContain('Djugu territory declared off-limits');
    expect(drop.en).toContain('Lift the checkpoint at Kilo 12');
    const trend = a.flags.find((f) => f.kind === 'downward-trend')!;
    expect(trend.period).toBe('2024-05');
    expect(trend.factIds).toEqual(expect.arrayContaining([r3.id]));
    expect(trend.fr).toContain('Tendance à la baisse');

    const b = await consentIndex(ctx, { actor: 'Gouvernorat du Sud', from: '2024-01', to: '2024-06-30' });
    expect(b.points.map((p) => p.value)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(b.points[5]!.contributions.length).toBeGreaterThan(0); // its facts are counted, they just weigh nothing
    expect(b.flags).toEqual([]);

    // Area and level filters; sub-units; the comparison of actors.
    const area = await consentIndex(ctx, { area: 'CD5401', from: '2024-04', to: '2024-04-30' });
    expect(area.points[0]!.contributions.map((c) => c.factId)).toEqual([r2.id]);
    const local = await consentIndex(ctx, { level: 'local', from: '2024-04', to: '2024-04-30' });
    expect(local.points[0]!.value).toBe(0);
    const all = await consentByActor(ctx, { from: '2024-01', to: '2024-06-30' });
    expect(all.actors[0]!.actor).toMatchObject({ id: id.north, name: 'Région militaire Nord' });
    expect(all.actors.find((x) => x.actor.id === id.south)).toMatchObject({ first: 0, last: 0, flags: [] });
    expect((await problemsOf(consentIndex(ctx, { level: 'galactic' })))[0]!.field).toBe('level');
  });

  it('the weights are a setting: changing them changes the index, and a bad configuration is refused naming the path', async () => {
    const unit = (await createUnit(ctx, { name: 'Brigade fluviale', classifications: ['navy'] })).id;
    const lifted = await createRelationsRecord(ctx, 'restrictions', { occurred_on: '2022-03-01', ongoing: true, type: 'area-off-limits', actor_unit: unit, description: 'Lake shore off-limits' });
    const q = { actor: unit, from: '2022-03', to: '2022-05-31' };
    expect((await consentIndex(ctx, q)).points.map((p) => p.value)).toEqual([-8, -8, -8]);
    const cfg = await getSetting<any>(ctx.q, 'relations.config');
    await setSetting(ctx, 'relations.config', { ...cfg, consent: { ...cfg.consent, weights: { ...cfg.consent.weights, restrictionPerSeverityPoint: -1 } } }, 'lighter restrictions');
    const after = await consentIndex(ctx, q);
    expect(after.points.map((p) => p.value)).toEqual([-4, -4, -4]);
    expect(after.method.en).toContain('−1 per point of severity');
    expect(after.method.fr).toContain('−1 par point de gravité');
    await setSetting(ctx, 'relations.config', cfg, 'back to the defaults');
    // lifted on 31 March: full weight until then, fading afterwards
    await updateRelationsRecord(ctx, 'restrictions', lifted.id, { resolved_on: '2022-03-31', resolution: 'access restored after the governor intervened' });
    const faded = (await consentIndex(ctx, q)).points.map((p) => p.value);
    expect(faded[0]).toBe(-8);
    expect(faded[1]).toBeCloseTo(-8 * Math.pow(0.5, 30 / 90), 2);
    const broken = { ...cfg, commitmentInitialStatus: 'kept', restrictionTypes: [{ ...cfg.restrictionTypes[0], severity: 12 }, ...cfg.restrictionTypes.slice(1)] };
    const problems = await problemsOf(setSetting(ctx, 'relations.config', broken));
    expect(problems.map((p) => p.field)).toEqual(expect.arrayContaining(['value.restrictionTypes.0.severity']));
  });

  it('status-of-forces tables match a hand count', async () => {
    const items = [
      { occurred_on: '2023-01-05', type: 'visa-delayed', actor_unit: id.ministry, area: 'CD10', reported_to_hq_on: '2023-01-10' },
      { occurred_on: '2023-01-20', type: 'visa-delayed', actor_unit: id.ministry, area: 'CD10', resolved_on: '2023-03-01' },
      { occurred_on: '2023-02-02', type: 'equipment-held-customs', actor_unit: id.ministry, area: 'CD10', reported_to_hq_on: '2023-02-03', reported_to_council_on: '2023-02-20' },
      { occurred_on: '2023-02-14', type: 'movement-denied-checkpoint', actor_unit: id.battalion, area: 'CD61', prevented: ['patrol', 'alert-response'] },
      { occurred_on: '2023-02-15', type: 'movement-denied-checkpoint', actor_unit: id.battalion, area: 'CD61', prevented: ['patrol'], sofa_violation: false },
      { occurred_on: '2023-03-09', type: 'internet-restricted', area: 'CD10', actor_description: 'unknown' },
      { occurred_on: '2023-03-30', type: 'investigation-blocked', actor_person: id.governor, area: 'CD61', prevented: ['verification'], resolved_on: '2023-04-15' },
    ];
    expect((await importRelationsRecords(ctx, 'restrictions', items)).created).toBe(7);
    const { tables } = await sofaTables(ctx, { from: '2023-01-01', to: '2023-03-31' });
    const byType = Object.fromEntries(tables.type!.rows.filter((r) => r.count).map((r) => [r.key, r.count]));
    expect(byType).toEqual({ 'movement-denied-checkpoint': 2, 'visa-delayed': 2, 'equipment-held-customs': 1, 'internet-restricted': 1, 'investigation-blocked': 1 });
    expect(tables.type!.total).toMatchObject({ count: 7, sofaViolations: 5, resolved: 1, unresolved: 6, reportedToHq: 2, reportedToCouncil: 1, prevented: { patrol: 2, 'alert-response': 1, verification: 1 } });
    expect(tables.actor!.rows.map((r) => [r.en, r.count])).toEqual([['Ministère de la Défense', 3], ['31e Bataillon', 2], ['Aline Mbeki', 1], ['Not attributed', 1]]);
    expect(tables.area!.rows.map((r) => [r.key, r.count, r.sofaViolations])).toEqual([['CD10', 4, 3], ['CD61', 3, 2]]);
    expect(tables.month!.rows.map((r) => [r.key, r.count])).toEqual([['2023-01', 2], ['2023-02', 3], ['2023-03', 2]]);
    const only = await sofaTables(ctx, { by: 'type', from: '2023-01-01', to: '2023-03-31', violationsOnly: true });
    expect(only.tables.type!.total.count).toBe(5);
    const late = await sofaTables(ctx, { by: 'month', from: '2023-01-01', to: '2023-03-31', asOf: '2023-04-30' });
    expect(late.tables.month!.total.resolved).toBe(2);

    // the host state is not one actor: an organisation's index may take in its sub-units (registry links)
    await createLink(ctx, { unit_id: id.battalion, related_unit_id: id.north, kind: 'parent', start_date: '2020' });
    const febIds = tables.month!.rows.find((r) => r.key === '2023-02')!.ids;
    const checkpointIds = febIds.filter((x) => tables.actor!.rows.find((r) => r.en === '31e Bataillon')!.ids.includes(x));
    expect(checkpointIds).toHaveLength(2);
    const alone = await consentIndex(ctx, { actor: id.north, from: '2023-02', to: '2023-02-28' });
    expect(alone.points[0]!.contributions).toEqual([]);
    const withSub = await consentIndex(ctx, { actor: id.north, includeSubunits: true, from: '2023-02', to: '2023-02-28' });
    expect(withSub.actor!.ids).toEqual([id.north, id.battalion]);
    expect(withSub.points[0]!.contributions.map((c) => c.factId).sort()).toEqual(checkpointIds.sort());

    const bad = await problemsOf(importRelationsRecords(ctx, 'restrictions', [items[0], { occurred_on: '2023-13-01', type: 'visa-delayed' }, { occurred_on: '2023-01-01', type: 'teleport-refused', prevented: ['patrol', 'picnic'] }]));
    expect(bad.map((p) => p.field)).toEqual(['items.1.occurred_on', 'items.2.type', 'items.2.prevented.1']);
    expect((await listRelations(ctx, 'restrictions', { from: '2023-01-01', to: '2023-12-31' })).length).toBe(7); // nothing of the refused import
  });

  it('commitments go from open to kept, partly kept, broken or lapsed, with the open ones per actor and overdue ones in the notifications', async () => {
    const e = await createRelationsRecord(ctx, 'engagements', {
      occurred_on: '2025-01-15',
      actor_person: id.governor,
      tier: 'strategic',
      scope: 'provincial',
      topics: ['threats-to-civilians', 'freedom-of-movement'],
      tone: 'constructive',
      outcome: 'commitment-obtained',
      summary: 'Head of office meets the governor on the Ituri displacement sites',
      mission_participants: [{ name: 'Head of field office', role: 'HoO' }],
      counterpart_participants: [{ person: 'Aline Mbeki', role: 'Governor' }, { name: 'Chef de cabinet' }],
      commitments: [
        { summary: 'Open the road to the Plaine Savo site', due_on: '2025-02-15' },
        { summary: 'Investigate the killing in Djaiba', due_on: '2025-03-01', made_by: 'the governor' },
      ],
    });
    expect(e.commitments).toHaveLength(2);
    expect(e.counterpart_participants[0]).toMatchObject({ name: 'Aline Mbeki', person_id: id.governor });
    const [road, inquiry] = e.commitments as any[];
    expect(road).toMatchObject({ actor_kind: 'person', actor_id: id.governor, made_on: '2025-01-15', status: 'open', scope: 'provincial', engagement_id: e.id });

    await setCommitmentStatus(ctx, road.id, { status: 'partly-kept', date: '2025-02-10', note: 'one lane open' });
    const kept = await setCommitmentStatus(ctx, road.id, { status: 'kept', date: '2025-02-20' });
    expect(kept.status_changes.map((s: any) => s.status)).toEqual(['partly-kept', 'kept']);
    expect((await recordRevisions(ctx, 'relations-commitment', road.id)).map((r) => r.action)).toEqual(['create', 'commitment.status', 'commitment.status']);
    expect((await problemsOf(setCommitmentStatus(ctx, road.id, { status: 'broken', date: '2025-02-01' })))[0]!.field).toBe('date');
    expect((await problemsOf(setCommitmentStatus(ctx, road.id, { status: 'kept', date: '2025-03-01' })))[0]!.field).toBe('status');
    expect((await problemsOf(setCommitmentStatus(ctx, road.id, { status: 'forgotten' })))[0]!.field).toBe('status');
    expect((await problemsOf(setCommitmentStatus(ctx, inquiry.id, { status: 'broken', date: '2024-12-01' })))[0]!.field).toBe('date');
    // a status is not patched: the patch schema has no status field
    expect((await updateRelationsRecord(ctx, 'commitments', road.id, { status: 'open' })).changed).toBe(false);

    const open = await openCommitments(ctx, { asOf: '2025-03-31', actorId: id.governor });
    expect(open.actors).toHaveLength(1);
    expect(open.actors[0]).toMatchObject({ actorId: id.governor, actor_name: 'Aline Mbeki', overdue: 1, closed: { kept: 1 } });
    expect(open.actors[0]!.open.map((c) => [c.id, c.daysOverdue])).toEqual([[inquiry.id, 30]]);

    const notes = await relationsModule.notifications!(ctx);
    const overdue = notes.find((n) => n.id === inquiry.id)!;
    expect(overdue).toMatchObject({ domain: 'relations', kind: 'relations.commitment-overdue', type: 'relations-commitment', severity: 'urgent' });
    expect(overdue.title).toContain('Investigate the killing in Djaiba');
    expect(notes.some((n) => n.id === road.id)).toBe(false);

    const dry = await lapseOverdueCommitments(ctx, { asOf: '2025-06-30', dryRun: true });
    expect(dry.lapsed.map((c) => c.id)).toContain(inquiry.id);
    expect((await listRelations(ctx, 'commitments', { code: 'lapsed' })).length).toBe(0);
    const policy = await getSetting<any>(ctx.q, 'relations.policy');
    await setSetting(ctx, 'relations.policy', { ...policy, lapseAfterDays: 200 });
    expect((await lapseOverdueCommitments(ctx, { asOf: '2025-06-30' })).lapsed.map((c) => c.id)).not.toContain(inquiry.id);
    await setSetting(ctx, 'relations.policy', policy);
    expect((await lapseOverdueCommitments(ctx, { asOf: '2025-06-30' })).lapsed.map((c) => c.id)).toContain(inquiry.id);
    expect((await listRelations(ctx, 'commitments', { code: 'lapsed' })).map((c) => c.id)).toContain(inquiry.id);
  });

  it('stances per actor and level, escalation per actor, and use of force with confrontations counted', async () => {
    await createRelationsRecord(ctx, 'stances', { actor_unit: id.ministry, level: 'strategic', as_of: '2024-01-10', stance: 'cooperative', reasons: 'joint plan signed' });
    await createRelationsRecord(ctx, 'stances', { actor_unit: id.ministry, level: 'strategic', as_of: '2024-06-01', stance: 'hostile', reasons: 'head of human rights office expelled' });
    await createRelationsRecord(ctx, 'stances', { actor_unit: id.ministry, level: 'technical', as_of: '2024-06-15', stance: 'technical-only', reasons: 'child-protection working group still meets' });
    const board = await stanceBoard(ctx, { actorId: id.ministry, asOf: '2024-12-31' });
    expect(board.actors[0]!.stances.map((s) => [s.level, s.stance, s.previous?.stance ?? null])).toEqual([
      ['strategic', 'hostile', 'cooperative'],
      ['technical', 'technical-only', null],
    ]);
    expect(board.actors[0]!.top_level).toBe('strategic');
    expect(board.actors[0]!.open_below_top).toEqual([board.actors[0]!.stances[1]!.id]); // technical dialogue open while the top is hostile
    const earlier = await stanceBoard(ctx, { actorId: id.ministry, asOf: '2024-03-01' });
    expect(earlier.actors[0]!.stances.map((s) => s.stance)).toEqual(['cooperative']);
    expect((await problemsOf(createRelationsRecord(ctx, 'stances', { actor_unit: id.ministry, as_of: '2024-01-01', stance: 'friendly', reasons: 'x' })))[0]!.field).toBe('stance');

    const lev = await createRelationsRecord(ctx, 'leverage', { actor_unit: id.battalion, tool: 'confidential-reporting', occurred_on: '2024-02-01', summary: 'Note verbale on the checkpoint extortion', partners: ['OHCHR'] });
    expect(lev.sensitivity).toBe('restricted');
    await createRelationsRecord(ctx, 'leverage', { actor_unit: id.battalion, tool: 'dialogue', occurred_on: '2024-01-05', summary: 'Meeting with the battalion commander' });
    await createRelationsRecord(ctx, 'leverage', { actor_unit: id.battalion, tool: 'sanctions-referral', occurred_on: '2024-05-01', ended_on: '2024-06-01', summary: 'Referral to the sanctions committee', partners: ['Group of Experts', 'EU delegation'], result: 'commander listed' });
    const esc = await escalation(ctx, { actorId: id.battalion, asOf: '2024-12-31' });
    expect(esc.actors[0]!.actions.map((a) => a.tool)).toEqual(['dialogue', 'confidential-reporting', 'sanctions-referral']);
    expect(esc.actors[0]!.currentRung!.tool).toBe('confidential-reporting');
    expect(esc.actors[0]!.highestRung!.tool).toBe('sanctions-referral');
    expect(esc.actors[0]!.actor_name).toBe('31e Bataillon');

    const f1 = await createRelationsRecord(ctx, 'force', { occurred_on: '2024-03-03', level: 'interposition', target_type: 'state-army', target_unit: id.battalion, purpose: 'Protect displaced people at the Rhoe site', authority: 'Sector commander', outcome: 'soldiers withdrew', civilians_injured: 2 });
    expect(f1).toMatchObject({ sensitivity: 'restricted', target_kind: 'unit', target_id: id.battalion });
    await createRelationsRecord(ctx, 'force', { occurred_on: '2024-03-20', level: 'warning-shots', target_type: 'non-state-armed-group', target_description: 'CODECO fighters', purpose: 'Stop an attack on Drodro', civilians_killed: 1 });
    await createRelationsRecord(ctx, 'force', { occurred_on: '2024-04-02', level: 'show-of-force', target_type: 'state-police', threat_only: true, purpose: 'Deter shooting at protesters' });
    const figures = await forceFigures(ctx, { from: '2024-01-01', to: '2024-12-31' });
    expect(figures).toMatchObject({ total: 3, againstState: 2, threats: 1, civilians_killed: 1, civilians_injured: 2 });
    expect(figures.stateConfrontations.map((c: any) => [c.id, c.targetName])).toEqual([[f1.id, '31e Bataillon'], [expect.any(String), null]]);
    expect(figures.byLevel.find((l) => l.code === 'interposition')).toMatchObject({ count: 1, againstState: 1 });
    expect((await problemsOf(createRelationsRecord(ctx, 'force', { occurred_on: '2024-03-03', level: 'nuke', target_type: 'state-army', purpose: 'x', target_unit: 'No Such Unit Anywhere' })))[0]!.field).toBe('target_unit');
  });
});
