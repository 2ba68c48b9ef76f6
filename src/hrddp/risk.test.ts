import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HRDDP_CONFIG } from './config.ts';
import { applyOverride, assessRisk, compareAssessments, scoreLevel, waiverCovers, type DossierAllegation, type EvidenceDossier, type Waiver } from './risk.ts';

const risk = DEFAULT_HRDDP_CONFIG.risk;
const fixture = (): EvidenceDossier => JSON.parse(readFileSync(new URL('../../test/fixtures/hrddp/dossier-12th-battalion.json', import.meta.url), 'utf8'));
const ON = '2015-01-15';
const MONTH = 365.25 / 12;
const decay = (days: number, halfLife: number) => Math.pow(0.5, days / MONTH / halfLife);
const crit = (r: ReturnType<typeof assessRisk>, id: string) => r.criteria.find((c) => c.criterionId === id)!;

/** A bare dossier: one battalion, one commander, all judgement inputs neutral. */
function bare(allegations: DossierAllegation[] = [], extra: Partial<EvidenceDossier> = {}): EvidenceDossier {
  return {
    requestId: 'REQ-1',
    recipients: [{ unitId: 'u-1', name: '1st Battalion', ancestors: [{ id: 'u-b', name: '1st Brigade' }], commanders: [{ personId: 'p-1', name: 'Col. Test' }] }],
    participants: [],
    allegations,
    correctiveActions: [],
    screeningHits: [],
    listings: [],
    waivers: [],
    assessorInputs: { 'influence-of-support': { option: 'neutral' }, 'effect-of-withholding': { option: 'no-effect' }, 'mitigation-potential': { option: 'none' } },
    ...extra,
  };
}
const alleg = (over: Partial<DossierAllegation>): DossierAllegation => ({
  id: 'A',
  actTypes: ['killing'],
  grave: true,
  categories: ['gross-violation'],
  verification: 'verified',
  date: '2015-01-15',
  paths: [{ kind: 'direct', unitId: 'u-1' }],
  ...over,
});
const recordPoints = (d: EvidenceDossier, on = ON) => crit(assessRisk(d, risk, on), 'record').facts.reduce((s, f) => s + f.points, 0);

describe('assessRisk on the fictional 12th Battalion dossier (hand count)', () => {
  const r = assessRisk(fixture(), risk, ON);

  it('counts the record of the unit, its sub-unit and its brigade, and leaves out the disproved allegation', () => {
    // A-1 verified, 126 victims (scale 1.5), 421 days old; A-2 war crime: no decay, credible 0.8 × sub-unit 0.8;
    // A-3 not grave 0.25 × unverified 0.35, dated June 2014 read as 30 June (199 days); A-6 credible 0.8 × brigade 0.4, 370 days.
    const points = 1.5 * decay(421, 36) + 0.8 * 0.8 + 0.25 * 0.35 * decay(199, 36) + 0.8 * 0.4 * decay(370, 36);
    const record = crit(r, 'record');
    expect(record.value).toBeCloseTo(points / 4, 5);
    expect(record.contribution).toBeCloseTo(points, 5);
    expect(record.facts.find((f) => f.id === 'A-4')).toMatchObject({ counted: false, points: 0 });
    expect(record.facts.find((f) => f.id === 'A-2')!.points).toBeCloseTo(0.64, 6);
  });

  it('counts the commander’s past posting under command responsibility, without decay for a crime against humanity', () => {
    const command = crit(r, 'command');
    expect(command.facts.map((f) => f.id)).toEqual(['A-5']);
    expect(command.facts[0]!.personIds).toEqual(['p-kalume']);
    expect(command.contribution).toBeCloseTo(3 * (0.7 / 3), 6);
  });

  it('lowers the score by the corrective action taken: one ongoing prosecution out of three grave allegations', () => {
    const acc = crit(r, 'accountability');
    expect(acc.value).toBeCloseTo(-0.7 / 3, 6);
    expect(acc.contribution).toBeCloseTo((-0.7 / 3) * 2, 5);
    expect(acc.facts.find((f) => f.id === 'A-2')!.points).toBe(0); // the abandoned investigation earns nothing
  });

  it('counts listed persons, screening hits and the assessor’s judgements', () => {
    expect(crit(r, 'listed-persons').contribution).toBe(3); // watch-listed commander 1 + red-listed participant 2 × 0.5 = 2 = saturation
    expect(crit(r, 'screening').contribution).toBeCloseTo(0.45, 6); // 0.9 confirmed / 2; dismissed hit 0
    expect(crit(r, 'influence-of-support').contribution).toBe(-0.5);
    expect(crit(r, 'effect-of-withholding').contribution).toBe(-1);
    expect(crit(r, 'mitigation-potential').contribution).toBe(-1);
  });

  it('adds the contributions, reaches medium by score and is forced to prohibitive by the red-listed participant', () => {
    const sum = r.criteria.reduce((s, c) => s + c.contribution, 0);
    expect(r.total).toBeCloseTo(sum, 5);
    expect(r.total).toBeCloseTo(3.303, 2);
    expect(r.scoreLevel).toBe('medium');
    expect(r.proposedLevel).toBe('prohibitive');
    expect(r.forced).toHaveLength(1);
    expect(r.forced[0]).toMatchObject({ condition: 'listed-participant-without-waiver', personIds: ['p-lwesso'] });
    expect(r.complete).toBe(true);
  });

  it('explains every contribution in both languages, naming allegations and persons', () => {
    expect(r.explanation.en).toContain('A-1 mass rapes in Kanzenze (20 November 2013; verified; grave');
    expect(r.explanation.en).toContain('under Col. Jean-Pierre Kalume in an earlier posting (5th Battalion)');
    expect(r.explanation.en).toContain('no decay (crime against humanity)');
    expect(r.explanation.en).toContain('Gen. Baraka Lwesso (red list) → level Prohibitive');
    expect(r.explanation.fr).toContain('A-1 mass rapes in Kanzenze (20 novembre 2013 ; vérifiée ; grave');
    expect(r.explanation.fr).toContain('sous Col. Jean-Pierre Kalume lors d’une affectation antérieure');
    expect(r.explanation.fr).toContain('pas d’atténuation dans le temps (crime contre l’humanité)');
    expect(r.explanation.fr).toContain('poursuites CA-1 (en cours)');
    for (const c of r.criteria) {
      expect(c.explanation.en.startsWith(c.label.en)).toBe(true);
      expect(c.explanation.fr.startsWith(c.label.fr)).toBe(true);
    }
  });

  it('lifts the forcing once a waiver covers the listed participant, keeping part of the risk', () => {
    const d = fixture();
    const waiver: Waiver = { id: 'W-1', requestId: 'REQ-2015-004', personIds: ['p-lwesso'], reason: 'x', decidedBy: 'srsg', decisionBody: 'head-of-mission', decidedOn: '2015-01-10', validUntil: '2015-06-30' };
    d.waivers = [waiver];
    const w = assessRisk(d, risk, ON);
    expect(w.forced).toEqual([]);
    expect(w.proposedLevel).toBe('medium');
    expect(crit(w, 'listed-persons').contribution).toBeCloseTo(3 * ((1 + 2 * 0.5 * 0.5) / 2), 6);
    expect(crit(w, 'listed-persons').explanation.en).toContain('waiver W-1 of 10 January 2015');
  });
});

describe('waivers', () => {
  const w: Waiver = { id: 'W', requestId: 'REQ-1', personIds: ['p-9'], reason: 'r', decidedBy: 'u', decisionBody: 'head-of-mission', decidedOn: '2015-01-10', validUntil: '2015-03-31' };
  it('cover only the named person, the named request, and the validity period', () => {
    expect(waiverCovers(w, 'p-9', 'REQ-1', '2015-02-01')).toBe(true);
    expect(waiverCovers(w, 'p-8', 'REQ-1', '2015-02-01')).toBe(false);
    expect(waiverCovers(w, 'p-9', 'REQ-2', '2015-02-01')).toBe(false);
    expect(waiverCovers(w, 'p-9', 'REQ-1', '2015-01-09')).toBe(false);
    expect(waiverCovers(w, 'p-9', 'REQ-1', '2015-04-01')).toBe(false);
  });
  it('an expired waiver no longer prevents the prohibitive level', () => {
    const listing = { personId: 'p-9', name: 'Gen. X', list: 'red-list', role: 'commander' as const };
    expect(assessRisk(bare([], { listings: [listing], waivers: [w] }), risk, '2015-02-01').proposedLevel).not.toBe('prohibitive');
    expect(assessRisk(bare([], { listings: [listing], waivers: [w] }), risk, '2015-04-01').proposedLevel).toBe('prohibitive');
  });
  it('a watch-listed commander adds risk but does not force the level', () => {
    const r = assessRisk(bare([], { listings: [{ personId: 'p-1', name: 'Col. Test', list: 'watch-list', role: 'commander' }] }), risk, ON);
    expect(r.forced).toEqual([]);
    expect(crit(r, 'listed-persons').contribution).toBeCloseTo(1.5, 6);
  });
});

describe('decay and improvement', () => {
  it('halves an allegation’s weight after one half-life', () => {
    // 36-month half-life = 1095.75 days; choose a date exactly 1096 days before.
    const recent = recordPoints(bare([alleg({ date: '2015-01-15' })]));
    const old = recordPoints(bare([alleg({ date: '2012-01-15' })]), '2015-01-15');
    expect(recent).toBeCloseTo(1, 6);
    expect(old).toBeCloseTo(decay(1096, 36) * 0.5, 6); // improvement ×0.5 too: nothing since (36 months ≥ 24)
  });

  it('never decays war crimes and crimes against humanity, even twenty years on and after a quiet period', () => {
    for (const category of ['war-crime', 'crime-against-humanity']) {
      const pts = recordPoints(bare([alleg({ date: '1995-07', categories: [category] })]), '2015-01-15');
      expect(pts).toBe(1);
    }
    const gross = recordPoints(bare([alleg({ date: '1995-07', categories: ['gross-violation'] })]), '2015-01-15');
    expect(gross).toBeLessThan(0.02);
  });

  it('weighs older violations less after a quiet period (improvement since)', () => {
    const date = '2012-06-01';
    const quiet = recordPoints(bare([alleg({ date })]), '2015-01-15');
    const recentToo = recordPoints(bare([alleg({ date }), alleg({ id: 'B', date: '2014-12-01', verification: 'unverified', grave: false })]), '2015-01-15');
    const days = 958; // 2012-06-01 → 2015-01-15
    expect(quiet).toBeCloseTo(decay(days, 36) * 0.5, 5);
    expect(recentToo).toBeCloseTo(decay(days, 36) + 0.25 * 0.35 * decay(45, 36), 5);
    const r = assessRisk(bare([alleg({ date })]), risk, '2015-01-15');
    expect(crit(r, 'record').explanation.en).toMatch(/Improvement: no counted allegation since 1 June 2012 \(31 months/);
  });

  it('reads a date known only to the year as its last day (never discounted too early)', () => {
    expect(recordPoints(bare([alleg({ date: '2013' })]), '2015-01-15')).toBeCloseTo(recordPoints(bare([alleg({ date: '2013-12-31' })]), '2015-01-15'), 9);
  });

  it('takes the half-life from the configuration', () => {
    const c = structuredClone(risk);
    const rec = c.criteria.find((x) => x.id === 'record')!;
    if (rec.method !== 'violation-record') throw new Error('fixture');
    rec.params.halfLifeMonths = 12;
    rec.params.improvement = null;
    const d = bare([alleg({ date: '2014-01-15' })]);
    const pts = crit(assessRisk(d, c, ON), 'record').facts[0]!.points;
    expect(pts).toBeCloseTo(decay(365, 12), 6);
  });
});

describe('weights by verification status, path and magnitude', () => {
  const on = '2015-01-15';
  it('weighs unverified and unsubstantiated allegations less than verified ones, disproved not at all', () => {
    const w = (verification: string) => recordPoints(bare([alleg({ verification })]), on);
    expect(w('verified')).toBe(1);
    expect(w('credible')).toBeCloseTo(0.8, 9);
    expect(w('unverified')).toBeCloseTo(0.35, 9);
    expect(w('unsubstantiated')).toBeCloseTo(0.1, 9);
    expect(w('disproved')).toBe(0);
    expect(w('rumour')).toBeCloseTo(risk.criteria[0]!.method === 'violation-record' ? risk.criteria[0]!.params.unknownVerificationFactor : NaN, 9);
  });

  it('counts an allegation once per criterion, by its strongest path', () => {
    const a = alleg({ paths: [{ kind: 'parent-unit', unitId: 'u-1', parentUnitId: 'u-b' }, { kind: 'direct', unitId: 'u-1' }] });
    const r = assessRisk(bare([a]), risk, on);
    expect(crit(r, 'record').facts).toHaveLength(1);
    expect(crit(r, 'record').facts[0]!.points).toBe(1);
  });

  it('weighs a commander’s past posting less than the current one', () => {
    const cur = crit(assessRisk(bare([alleg({ paths: [{ kind: 'commander', personId: 'p-1', posting: 'current' }] })]), risk, on), 'command');
    const past = crit(assessRisk(bare([alleg({ paths: [{ kind: 'commander', personId: 'p-1', posting: 'past' }] })]), risk, on), 'command');
    expect(cur.facts[0]!.points).toBe(1);
    expect(past.facts[0]!.points).toBeCloseTo(0.7, 9);
    expect(cur.explanation.en).toContain('under the command of Col. Test');
  });

  it('raises the weight with the number of victims', () => {
    expect(recordPoints(bare([alleg({ victims: 9 })]), on)).toBe(1);
    expect(recordPoints(bare([alleg({ victims: 10 })]), on)).toBe(1.25);
    expect(recordPoints(bare([alleg({ fatalities: 60 })]), on)).toBe(1.5);
  });

  it('saturates at full weight', () => {
    const many = Array.from({ length: 10 }, (_, i) => alleg({ id: `A${i}` }));
    expect(crit(assessRisk(bare(many), risk, on), 'record').value).toBe(1);
  });
});

describe('accountability', () => {
  const on = '2015-01-15';
  it('credits the removal of a commander to the allegations reaching the unit through that commander', () => {
    const a = alleg({ id: 'A-9', paths: [{ kind: 'commander', personId: 'p-1', posting: 'current' }] });
    const d = bare([a], { correctiveActions: [{ id: 'CA-9', type: 'removal-of-commander', status: 'completed', allegationIds: [], personIds: ['p-1'] }] });
    const acc = crit(assessRisk(d, risk, on), 'accountability');
    expect(acc.value).toBeCloseTo(-0.8, 9);
    expect(acc.explanation.en).toContain('removal of the commander CA-9 (completed, concerning Col. Test)');
  });
  it('takes the best action and ignores non-credited statuses', () => {
    const d = bare([alleg({ id: 'A-1' })], {
      correctiveActions: [
        { id: 'C1', type: 'investigation', status: 'completed', allegationIds: ['A-1'] },
        { id: 'C2', type: 'conviction', status: 'abandoned', allegationIds: ['A-1'] },
        { id: 'C3', type: 'prosecution', status: 'ongoing', allegationIds: ['A-1'] },
      ],
    });
    expect(crit(assessRisk(d, risk, on), 'accountability').value).toBeCloseTo(-0.7, 9);
  });
  it('is zero when nothing calls for corrective action', () => {
    const acc = crit(assessRisk(bare([alleg({ grave: false })]), risk, on), 'accountability');
    expect(acc.value).toBe(0);
    expect(acc.explanation.fr).toContain('aucune allégation grave appelant des mesures correctives');
  });
});

describe('assessor inputs and levels', () => {
  it('marks the assessment incomplete while a required judgement is missing', () => {
    const d = bare();
    delete d.assessorInputs['mitigation-potential'];
    d.assessorInputs['effect-of-withholding'] = { option: 'not-an-option' };
    const r = assessRisk(d, risk, ON);
    expect(r.complete).toBe(false);
    expect(r.missingInputs).toEqual(['effect-of-withholding', 'mitigation-potential']);
    expect(r.explanation.en).toContain('Incomplete: the assessor has not entered');
    expect(r.explanation.fr).toContain('pas encore renseigné par l’évaluateur');
  });

  it('maps the total onto the configured thresholds', () => {
    expect(scoreLevel(-3, risk)).toBe('low');
    expect(scoreLevel(1.99, risk)).toBe('low');
    expect(scoreLevel(2, risk)).toBe('medium');
    expect(scoreLevel(5, risk)).toBe('high');
    expect(scoreLevel(100, risk)).toBe('high'); // prohibitive is reached only by a forcing rule
    const c = structuredClone(risk);
    c.levels[1]!.minScore = 1;
    expect(scoreLevel(1.5, c)).toBe('medium');
  });
});

describe('applyOverride', () => {
  const r = assessRisk(bare([alleg({})]), risk, ON);
  const ok = 'The battalion was rotated out and replaced by a vetted unit last week.';
  it('keeps both the computed and the final level', () => {
    const o = applyOverride(r, { level: 'high', justification: ok, by: 'hro1', on: ON }, risk);
    expect(o).toEqual({ ok: true, value: { computedLevel: r.proposedLevel, finalLevel: 'high', override: { level: 'high', justification: ok, by: 'hro1', on: ON } } });
  });
  it('without an override, the final level is the computed one', () => {
    expect(applyOverride(r, null, risk)).toEqual({ ok: true, value: { computedLevel: r.proposedLevel, finalLevel: r.proposedLevel, override: null } });
  });
  it('requires a justification', () => {
    const o = applyOverride(r, { level: 'low', justification: '  too short  ', by: 'hro1', on: ON }, risk);
    expect(o.ok).toBe(false);
    if (!o.ok) {
      expect(o.error.code).toBe('justification-required');
      expect(o.error.fr).toContain('40 caractères');
    }
  });
  it('refuses an unknown level', () => {
    const o = applyOverride(r, { level: 'green', justification: ok, by: 'x', on: ON }, risk);
    expect(!o.ok && o.error.code).toBe('unknown-level');
  });
  it('cannot lower a level forced by a listed commander: only a waiver can', () => {
    const forced = assessRisk(bare([], { listings: [{ personId: 'p-1', name: 'Col. Test', list: 'red-list', role: 'commander' }] }), risk, ON);
    expect(forced.proposedLevel).toBe('prohibitive');
    const o = applyOverride(forced, { level: 'high', justification: ok, by: 'x', on: ON }, risk);
    expect(!o.ok && o.error.code).toBe('below-forced-level');
    expect(!o.ok && o.error.en).toContain('only a waiver decision');
    const lenient = { ...risk, override: { ...risk.override, allowBelowForcedLevel: true } };
    expect(applyOverride(forced, { level: 'high', justification: ok, by: 'x', on: ON }, lenient).ok).toBe(true);
  });
});

describe('compareAssessments', () => {
  it('shows what changed per criterion after a new allegation and a change of judgement', () => {
    const before = assessRisk(bare([alleg({ id: 'A-1', date: '2014-06-01' })]), risk, ON);
    const d = bare([alleg({ id: 'A-1', date: '2014-06-01' }), alleg({ id: 'A-2', date: '2015-01-02', victims: 60 })]);
    d.assessorInputs['mitigation-potential'] = { option: 'refused' };
    d.listings = [{ personId: 'p-1', name: 'Col. Test', list: 'watch-list', role: 'commander' }];
    const after = assessRisk(d, risk, ON);
    const cmp = compareAssessments(before, after, risk);
    const rec = cmp.criteria.find((c) => c.criterionId === 'record')!;
    expect(rec.status).toBe('changed');
    expect(rec.factsAdded).toEqual(['allegation:A-2']);
    expect(rec.contributionDelta).toBeCloseTo(after.criteria[0]!.contribution - before.criteria[0]!.contribution, 6);
    expect(cmp.criteria.find((c) => c.criterionId === 'mitigation-potential')).toMatchObject({ status: 'changed', inputChanged: true, contributionDelta: 1 });
    expect(cmp.criteria.find((c) => c.criterionId === 'screening')!.status).toBe('unchanged');
    expect(cmp.totalDelta).toBeCloseTo(after.total - before.total, 6);
    expect(cmp.levelChanged).toBe(before.proposedLevel !== after.proposedLevel);
    expect(cmp.summary.en).toContain('new: allegation:A-2');
    expect(cmp.summary.fr).toContain('appréciation de l’évaluateur modifiée');
  });

  it('reports criteria added or removed between configuration versions', () => {
    const c = structuredClone(risk);
    c.criteria = c.criteria.filter((x) => x.id !== 'screening');
    const a = assessRisk(bare(), risk, ON);
    const b = assessRisk(bare(), c, ON);
    expect(compareAssessments(a, b).criteria.find((x) => x.criterionId === 'screening')!.status).toBe('removed');
    expect(compareAssessments(b, a).criteria.find((x) => x.criterionId === 'screening')!.status).toBe('added');
  });
});
