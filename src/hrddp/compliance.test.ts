import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { complianceFigures, median, periodOf, type ComplianceData } from './compliance.ts';

const data: ComplianceData = JSON.parse(readFileSync(new URL('../../test/fixtures/hrddp/compliance-2015.json', import.meta.url), 'utf8'));

describe('helpers', () => {
  it('names periods', () => {
    expect(periodOf('2015-05-15', 'quarter')).toBe('2015-Q2');
    expect(periodOf('2015-12-31', 'quarter')).toBe('2015-Q4');
    expect(periodOf('2015-05-15', 'month')).toBe('2015-05');
    expect(periodOf('2015-05-15', 'year')).toBe('2015');
  });
  it('takes medians', () => {
    expect(median([])).toBeNull();
    expect(median([31, 16, 23])).toBe(23);
    expect(median([31, 16, 23, 28])).toBe(25.5);
  });
});

describe('complianceFigures, against a hand count of the fictional 2015 data', () => {
  const { total, groups } = complianceFigures(data, { asOf: '2015-12-31', period: 'quarter', groupBy: ['mission'] });

  it('total: R6 (requested after the reference day) is left out', () => {
    expect(total.requests).toBe(5);
  });

  it('total: 2 of the 4 deliveries had an assessment completed by the day support started (R1, R5 same day; not R2 late, not R3 none)', () => {
    expect(total.supportDelivered).toBe(4);
    expect(total.assessedBeforeSupport).toBe(2);
    expect(total.shareAssessedBeforeSupport).toBe(0.5);
  });

  it('total: median days request → first decision is 25.5 (16, 23, 28, 31; R3 undecided; R2’s second decision ignored)', () => {
    expect(total.decided).toBe(4);
    expect(total.medianDaysToDecision).toBe(25.5);
  });

  it('total: 2 of 4 measures on time (M1, M5 early; M2 late; M3 overdue; M4 not yet due)', () => {
    expect(total.measuresDue).toBe(4);
    expect(total.measuresOnTime).toBe(2);
    expect(total.shareMeasuresOnTime).toBe(0.5);
  });

  it('total: waivers and reviews by trigger and by resolution', () => {
    expect(total.waivers).toBe(2);
    expect(total.reviews).toBe(4);
    expect(total.reviewsByTrigger).toEqual({ 'new-allegation': 2, 'listed-person-posted': 1, 'mitigation-overdue': 1 });
    expect(total.reviewsByResolution).toEqual({ intervention: 1, suspension: 1, open: 1, 'no-change': 1 });
  });

  it('total: allegations against supported units during support, each counted once', () => {
    // AL1 in R1’s support; AL2 after R1 ended; AL3 (February) before R2 started; AL4 (2015) may fall in R2’s;
    // AL5 in R3’s; AL6 against a unit never supported; AL7 against R5’s unit (and R1’s, ended): once; AL8 in R2’s.
    expect(total.allegationIds).toEqual(['AL1', 'AL4', 'AL5', 'AL7', 'AL8']);
    expect(total.allegationsDuringSupport).toBe(5);
    const filtered = complianceFigures(data, { asOf: '2015-12-31', period: 'quarter', groupBy: [], allegationStatuses: ['verified', 'credible', 'unverified'] });
    expect(filtered.total.allegationIds).toEqual(['AL1', 'AL4', 'AL5', 'AL7']);
  });

  it('by mission', () => {
    expect(groups.map((g) => g.group)).toEqual([{ mission: 'MINUSCA' }, { mission: 'MONUSCO' }]);
    const [minusca, monusco] = groups;
    expect(minusca).toMatchObject({
      requests: 2,
      supportDelivered: 1,
      shareAssessedBeforeSupport: 1,
      medianDaysToDecision: 29.5,
      measuresDue: 1,
      measuresOnTime: 1,
      waivers: 1,
      reviews: 1,
      allegationsDuringSupport: 1,
    });
    expect(monusco).toMatchObject({
      requests: 3,
      supportDelivered: 3,
      assessedBeforeSupport: 1,
      medianDaysToDecision: 19.5,
      measuresDue: 3,
      measuresOnTime: 1,
      waivers: 1,
      reviews: 3,
      allegationIds: ['AL1', 'AL4', 'AL5', 'AL8'],
    });
    expect(monusco!.shareAssessedBeforeSupport).toBeCloseTo(1 / 3, 9);
  });

  it('by mission, component and quarter', () => {
    const g = complianceFigures(data, { asOf: '2015-12-31', period: 'quarter', groupBy: ['mission', 'component', 'period'] }).groups;
    expect(g.map((x) => `${x.group.mission}|${x.group.component}|${x.group.period}`)).toEqual([
      'MINUSCA|military|2015-Q2',
      'MINUSCA|police|2015-Q2',
      'MONUSCO|military|2015-Q1',
      'MONUSCO|police|2015-Q1',
    ]);
    expect(g[2]).toMatchObject({ requests: 2, supportDelivered: 2, assessedBeforeSupport: 1, medianDaysToDecision: 19.5, allegationIds: ['AL1', 'AL4', 'AL8'] });
    expect(g[3]).toMatchObject({ requests: 1, supportDelivered: 1, assessedBeforeSupport: 0, shareAssessedBeforeSupport: 0, decided: 0, medianDaysToDecision: null, shareMeasuresOnTime: null, allegationIds: ['AL5'] });
    expect(g[0]).toMatchObject({ supportDelivered: 0, shareAssessedBeforeSupport: null, medianDaysToDecision: 28 });
  });

  it('looks only up to the reference day', () => {
    const q1 = complianceFigures(data, { asOf: '2015-03-31', period: 'quarter', groupBy: [] }).total;
    expect(q1.requests).toBe(3);
    expect(q1.medianDaysToDecision).toBe(19.5);
    expect(q1).toMatchObject({ measuresDue: 2, measuresOnTime: 1, reviews: 1, waivers: 1 });
    expect(q1.allegationIds).toEqual(['AL1', 'AL4', 'AL5']);
  });
});
