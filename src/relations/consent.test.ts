import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_RELATIONS_CONFIG, type RelationsConfig } from './config.ts';
import { commitmentFacts, computeConsentIndex, type ConsentFact, type ConsentPoint, restrictionFact } from './consent.ts';

const config = DEFAULT_RELATIONS_CONFIG;
const HALF_LIFE = config.consent.halfLifeDays;

/** A sequence of facts for two actors over the first half of 2019. */
const facts: ConsentFact[] = [
  // Actor A (a military region): a good start, then obstruction and a broken promise in March.
  { kind: 'engagement', id: 'e1', actorId: 'A', date: '2019-01-10', outcome: 'agreement', tier: 'operational', scope: 'provincial', area: 'CD61' },
  { kind: 'commitment', id: 'c1-made', commitmentId: 'c1', actorId: 'A', date: '2019-01-10', status: 'open', summary: 'free access to Kalehe' },
  { kind: 'restriction', id: 'r1', actorId: 'A', date: '2019-03-05', type: 'movement-denied-checkpoint', area: 'CD6101' },
  { kind: 'restriction', id: 'r2', actorId: 'A', date: '2019-03-12', type: 'staff-detained', area: 'CD6101', summary: 'two human rights officers held overnight' },
  { kind: 'restriction', id: 'r3', actorId: 'A', date: '2019-03-20', type: 'area-off-limits', ongoing: true, area: 'CD6102' },
  { kind: 'commitment', id: 'c1-broken', commitmentId: 'c1', actorId: 'A', date: '2019-03-25', status: 'broken', summary: 'free access to Kalehe' },
  // Actor B (a ministry): meetings without result, nothing else.
  { kind: 'engagement', id: 'b1', actorId: 'B', date: '2019-01-15', outcome: 'no-result', tier: 'technical', scope: 'national' },
  { kind: 'engagement', id: 'b2', actorId: 'B', date: '2019-02-15', outcome: 'postponed', tier: 'technical', scope: 'national' },
  { kind: 'engagement', id: 'b3', actorId: 'B', date: '2019-03-15', outcome: 'no-result', tier: 'technical', scope: 'national' },
  { kind: 'engagement', id: 'b4', actorId: 'B', date: '2019-04-15', outcome: 'no-result', tier: 'technical', scope: 'national' },
];

const series = (actorId: string, extra: Partial<Parameters<typeof computeConsentIndex>[2]> = {}, cfg: RelationsConfig = config, list = facts) =>
  computeConsentIndex(list, cfg, { actorId, from: '2019-01-01', to: '2019-06-30', step: 'month', ...extra });

const point = (points: ConsentPoint[], period: string) => points.find((p) => p.period === period)!;

describe('consent index', () => {
  it('falls for an actor who obstructs and breaks a commitment, with a sudden-drop flag naming the facts', () => {
    const a = series('A');
    expect(a.points.map((p) => p.period)).toEqual(['2019-01', '2019-02', '2019-03', '2019-04', '2019-05', '2019-06']);
    const feb = point(a.points, '2019-02').value;
    const mar = point(a.points, '2019-03').value;
    expect(feb).toBeGreaterThan(0); // the January agreement still counts
    expect(mar).toBeLessThan(feb - config.consent.dropThreshold);
    expect(mar).toBeLessThan(-20);

    const drops = a.flags.filter((f) => f.kind === 'sudden-drop');
    expect(drops).toHaveLength(1);
    const drop = drops[0]!;
    expect(drop.period).toBe('2019-03');
    expect(drop.change).toBeCloseTo(mar - feb, 2);
    // the worst three causes: the detention (−10 fading), the off-limits area (−8, ongoing), the broken commitment (−8 fading)
    expect(drop.factIds).toEqual(expect.arrayContaining(['r2', 'r3', 'c1-broken']));
    expect(drop.factIds).not.toContain('e1');
    expect(drop.en).toContain('two human rights officers held overnight');
    expect(drop.en).toContain('Staff detained');
    expect(drop.en).toContain('February 2019');
    expect(drop.fr).toContain('Personnel détenu');
    expect(drop.fr).toContain('mars 2019');
  });

  it('stays flat for an actor with only neutral facts, with no flag', () => {
    const b = series('B');
    expect(new Set(b.points.map((p) => p.value))).toEqual(new Set([config.consent.baseline]));
    expect(b.flags).toEqual([]);
    // the neutral meetings are still listed, each adding nothing
    expect(point(b.points, '2019-04').contributions.map((c) => [c.factId, c.delta])).toEqual([['b1', 0], ['b2', 0], ['b3', 0], ['b4', 0]]);
  });

  it('every value is the baseline plus the sum of its contributions', () => {
    for (const actorId of ['A', 'B']) {
      for (const p of series(actorId).points) {
        const sum = p.contributions.reduce((s, c) => s + c.delta, 0);
        expect(p.value).toBeCloseTo(config.consent.baseline + sum, 6);
        for (const c of p.contributions) expect(c.delta).toBeCloseTo(c.weight * c.factor, 2);
      }
    }
    const withBaseline = structuredClone(config);
    withBaseline.consent.baseline = 50;
    expect(point(series('B', {}, withBaseline).points, '2019-05').value).toBe(50);
  });

  it('explains each contribution in English and French, naming the fact and its weight', () => {
    const mar = point(series('A').points, '2019-03');
    const r2 = mar.contributions.find((c) => c.factId === 'r2')!;
    expect(r2.kind).toBe('restriction');
    expect(r2.weight).toBe(-10); // severity 5 × −2
    expect(r2.en).toMatch(/Restriction r2|two human rights officers/);
    expect(r2.en).toContain('severity 5');
    expect(r2.en).toContain('12 March 2019');
    expect(r2.fr).toContain('gravité 5');
    expect(r2.fr).toContain('12 mars 2019');
    expect(r2.fr).toMatch(/−\d+,\d\d$/); // French decimal comma, true minus sign
    const r3 = mar.contributions.find((c) => c.factId === 'r3')!;
    expect(r3.en).toContain('still in force');
  });

  it('an ongoing restriction keeps its full weight; an ended one halves every half-life', () => {
    const june = point(series('A').points, '2019-06');
    expect(june.contributions.find((c) => c.factId === 'r3')!.delta).toBe(-8);
    const ended: ConsentFact[] = [{ kind: 'restriction', id: 'x', actorId: 'X', date: '2019-01-01', endDate: '2019-01-31', type: 'area-off-limits' }];
    // asOf 2019-01-31 + 90 days = 2019-05-01
    const s = computeConsentIndex(ended, config, { actorId: 'X', from: '2019-01-01', to: '2019-05-01', step: 'month' });
    expect(point(s.points, '2019-01').value).toBe(-8);
    expect(point(s.points, '2019-05').asOf).toBe('2019-05-01');
    expect(point(s.points, '2019-05').value).toBe(-4);
    expect(HALF_LIFE).toBe(90);
  });

  it('a restriction given a duration stays in force for that many days', () => {
    const f: ConsentFact[] = [{ kind: 'restriction', id: 'd', actorId: 'X', date: '2019-01-10', durationDays: 60, type: 'area-off-limits' }];
    const s = computeConsentIndex(f, config, { actorId: 'X', from: '2019-01-01', to: '2019-04-30', step: 'month' });
    expect(point(s.points, '2019-02').value).toBe(-8); // still in force on 28 February (day 50)
    expect(point(s.points, '2019-03').value).toBeGreaterThan(-8); // ended 10 March, fading
  });

  it('leaves out facts that ended more than the window before the point', () => {
    const f: ConsentFact[] = [{ kind: 'cooperation', id: 'old', actorId: 'X', date: '2018-01-15', type: 'joint-patrol' }];
    const s = computeConsentIndex(f, config, { actorId: 'X', from: '2018-12-01', to: '2019-02-28', step: 'month' });
    expect(point(s.points, '2018-12').contributions.map((c) => c.factId)).toEqual(['old']);
    expect(point(s.points, '2019-02').contributions).toEqual([]);
  });

  it('counts a commitment once, through its latest status', () => {
    const f: ConsentFact[] = [
      { kind: 'commitment', id: 's1', commitmentId: 'k', actorId: 'X', date: '2019-01-05', status: 'partly-kept' },
      { kind: 'commitment', id: 's2', commitmentId: 'k', actorId: 'X', date: '2019-02-05', status: 'kept' },
    ];
    const s = computeConsentIndex(f, config, { actorId: 'X', from: '2019-01-01', to: '2019-02-28', step: 'month' });
    expect(point(s.points, '2019-01').contributions.map((c) => c.factId)).toEqual(['s1']);
    expect(point(s.points, '2019-02').contributions.map((c) => c.factId)).toEqual(['s2']);
    expect(point(s.points, '2019-02').contributions[0]!.weight).toBe(config.consent.weights.commitment['kept']);
  });

  it('takes its weights from the configuration, not from the code', () => {
    const lenient = structuredClone(config);
    lenient.consent.weights.restrictionPerSeverityPoint = -0.5;
    lenient.consent.weights.commitment['broken'] = -1;
    const a = series('A', {}, lenient);
    expect(a.flags.filter((x) => x.kind === 'sudden-drop')).toEqual([]);
    const severe = structuredClone(config);
    severe.restrictionTypes.find((t) => t.code === 'staff-detained')!.severity = 10;
    expect(point(series('A', {}, severe).points, '2019-03').contributions.find((c) => c.factId === 'r2')!.weight).toBe(-20);
    const overridden: ConsentFact[] = [{ kind: 'restriction', id: 'o', actorId: 'X', date: '2019-01-05', type: 'visa-delayed', severity: 4 }];
    expect(computeConsentIndex(overridden, config, { actorId: 'X', from: '2019-01-01', to: '2019-01-31', step: 'month' }).points[0]!.contributions[0]!.weight).toBe(-8);
  });

  it('flags a downward trend when the index falls period after period without a sudden drop', () => {
    const f: ConsentFact[] = ['2019-02-10', '2019-03-10', '2019-04-10', '2019-05-10'].map((date, i) => ({ kind: 'restriction' as const, id: `t${i + 1}`, actorId: 'T', date, type: 'visa-delayed' }));
    const s = computeConsentIndex(f, config, { actorId: 'T', from: '2019-01-01', to: '2019-06-30', step: 'month' });
    expect(s.flags.filter((x) => x.kind === 'sudden-drop')).toEqual([]);
    const trends = s.flags.filter((x) => x.kind === 'downward-trend');
    expect(trends).toHaveLength(1); // once per run, at the period where it qualifies
    expect(trends[0]!.period).toBe('2019-04');
    expect(trends[0]!.change).toBeLessThanOrEqual(-config.consent.trendMinDrop);
    expect(trends[0]!.factIds).toEqual(expect.arrayContaining(['t1', 't2', 't3']));
    expect(trends[0]!.en).toContain('Visa delayed');
    expect(trends[0]!.fr).toContain('Visa retardé');
  });

  it('detects a drop in the first period against the period before it', () => {
    const f: ConsentFact[] = [{ kind: 'restriction', id: 'z', actorId: 'Z', date: '2019-03-02', type: 'staff-expelled' }, { kind: 'restriction', id: 'z2', actorId: 'Z', date: '2019-03-03', type: 'strategic-asset-refused' }];
    const s = computeConsentIndex(f, config, { actorId: 'Z', from: '2019-03-01', to: '2019-03-31', step: 'month' });
    expect(s.flags.map((x) => [x.kind, x.period])).toEqual([['sudden-drop', '2019-03']]);
  });

  it('filters by actor (one or several), level and area (an area includes the areas beneath it)', () => {
    const all = computeConsentIndex(facts, config, { from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(all.contributions.map((c) => c.factId).sort()).toEqual(['b1', 'b2', 'b3', 'c1-broken', 'e1', 'r1', 'r2', 'r3']);
    const both = computeConsentIndex(facts, config, { actorId: ['A', 'B'], from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(both.contributions).toHaveLength(8);
    const technical = computeConsentIndex(facts, config, { level: 'technical', from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(technical.contributions.map((c) => c.factId)).toEqual(['b1', 'b2', 'b3']);
    const national = computeConsentIndex(facts, config, { level: 'national', from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(national.contributions.map((c) => c.factId)).toEqual(['b1', 'b2', 'b3']);
    const province = computeConsentIndex(facts, config, { area: 'CD61', from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(province.contributions.map((c) => c.factId).sort()).toEqual(['e1', 'r1', 'r2', 'r3']);
    const territory = computeConsentIndex(facts, config, { area: 'CD6102', from: '2019-03-01', to: '2019-03-31', step: 'month' }).points[0]!;
    expect(territory.contributions.map((c) => c.factId)).toEqual(['r3']);
  });

  it('steps by ISO week, the last point computed at the end date', () => {
    const s = computeConsentIndex(facts, config, { actorId: 'A', from: '2019-03-01', to: '2019-03-20', step: 'week' });
    expect(s.points.map((p) => p.period)).toEqual(['2019-W09', '2019-W10', '2019-W11', '2019-W12']);
    expect(s.points[0]!.start).toBe('2019-02-25');
    expect(s.points.at(-1)!.asOf).toBe('2019-03-20');
    expect(s.points.at(-1)!.label.fr).toContain('semaine 12 de 2019');
    expect(s.points[1]!.contributions.map((c) => c.factId)).toContain('r1');
  });

  it('accepts partial dates (a fact known to the month counts from its first day)', () => {
    const f: ConsentFact[] = [{ kind: 'cooperation', id: 'p', actorId: 'X', date: '2019-02', type: 'joint-patrol' }];
    const s = computeConsentIndex(f, config, { actorId: 'X', from: '2019-01', to: '2019-02', step: 'month' });
    expect(s.points.map((p) => p.value)).toEqual([0, expect.any(Number)]);
    expect(s.points[1]!.value).toBeGreaterThan(0);
    expect(s.points[1]!.contributions[0]!.en).toContain('February 2019');
  });

  it('refuses a period that ends before it starts or is not a date, naming the field', () => {
    expect(() => computeConsentIndex(facts, config, { from: '2019-05-01', to: '2019-01-01', step: 'month' })).toThrow(ValidationError);
    try {
      computeConsentIndex(facts, config, { from: 'last spring', to: '2019-01-01', step: 'month' });
    } catch (e) {
      expect((e as ValidationError).problems).toContainEqual({ field: 'from', reason: 'not a date' });
    }
  });

  it('builds facts from the tabulated restriction and commitment records', () => {
    const r = restrictionFact({ id: 'r', date: '2019-02-01', type: 'area-off-limits', ongoing: true, actorId: 'X', area: 'SS04', reportedToHqOn: '2019-02-02' }, 'Jebel area closed');
    expect(r).toMatchObject({ kind: 'restriction', id: 'r', ongoing: true, actorId: 'X', area: 'SS04', summary: 'Jebel area closed' });
    const k = commitmentFacts({ id: 'k', actorId: 'X', madeOn: '2019-01-10', summary: 'release the detained staff', statusChanges: [{ date: '2019-02-15', status: 'broken' }] }, config);
    expect(k.map((f) => [f.id, f.status])).toEqual([['k@2019-01-10', 'open'], ['k@2019-02-15', 'broken']]);
    const s = computeConsentIndex([r, ...k], config, { actorId: 'X', from: '2019-01-01', to: '2019-02-28', step: 'month' });
    expect(point(s.points, '2019-02').contributions.map((c) => c.factId)).toEqual(['r', 'k@2019-02-15']);
    expect(point(s.points, '2019-02').value).toBeCloseTo(-8 - 8 * Math.pow(0.5, 13 / 90), 2);
  });
});
