import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../platform/errors.ts';
import {
  type Alert,
  alertTimeline,
  allowedTransitions,
  median,
  mergeAlerts,
  minutesToFirstResponse,
  type NewAlert,
  parseTimestamp,
  receiveAlert,
  recordResponse,
  responseFigures,
  transitionAlert,
} from './alerts.ts';
import { DEFAULT_PROTECTION_CONFIG } from './config.ts';

const config = DEFAULT_PROTECTION_CONFIG;

const base = (over: Partial<NewAlert> & { id: string; receivedAt: string }): NewAlert => ({
  receivedBy: 'cla.kiwanja',
  channel: 'community-alert-network',
  threatType: 'killing',
  area: 'CD61',
  priority: 'high',
  ...over,
});

/**
 * Seeded alerts in Goma (UTC+2) and Kinshasa (UTC+1). Hand count (A8 is a duplicate of A7 and is
 * counted through it):
 *   A1 CD61 killing     immediate  patrol 90 min after
 *   A2 CD10 protest     high       engagement 90 min after (08:00+01:00 → 10:30+02:00)
 *   A3 CD61 looting     medium     none: "road cut by the rains"
 *   A4 CD62 sexual viol high       referral 720 min after (a patrol later)
 *   A5 CD61 killing     immediate  patrol 30 min after (00:30 local on 1 April = 31 March UTC)
 *   A6 CD62 abduction   medium     nothing
 *   A7 CD61 killing     high       deployment at 16:00; its duplicate A8 came in at 11:00 → 300 min
 * Responded 5 of 7; times 30, 90, 90, 300, 720 → median 90 min, mean 246 min (4.1 h).
 */
function seed(): Alert[] {
  let a1 = receiveAlert(base({ id: 'A1', receivedAt: '2019-03-04T22:15:00+02:00', priority: 'immediate' }), config);
  a1 = transitionAlert(a1, { to: 'triaged', at: '2019-03-04T22:25:00+02:00', by: 'poc.officer' }, config);
  a1 = recordResponse(a1, { type: 'patrol', at: '2019-03-04T23:45:00+02:00', by: 'ops.room', unitId: 'quick-reaction-force' }, config);
  a1 = transitionAlert(a1, { to: 'response', at: '2019-03-04T23:45:00+02:00', by: 'ops.room' }, config);
  a1 = transitionAlert(a1, { to: 'closed', at: '2019-03-05T08:00:00+02:00', by: 'poc.officer' }, config);

  let a2 = receiveAlert(base({ id: 'A2', receivedAt: '2019-03-10T08:00:00+01:00', area: 'CD10', threatType: 'violence-at-protest', channel: 'hotline' }), config);
  a2 = recordResponse(a2, { type: 'engagement-with-authorities', at: '2019-03-10T10:30:00+02:00', by: 'head.of.office' }, config);

  let a3 = receiveAlert(base({ id: 'A3', receivedAt: '2019-03-15T14:00:00+02:00', threatType: 'looting', priority: 'medium' }), config);
  a3 = recordResponse(a3, { type: 'none', at: '2019-03-16T09:00:00+02:00', by: 'ops.room', reason: 'road cut by the rains' }, config);
  a3 = transitionAlert(a3, { to: 'closed', at: '2019-03-16T09:05:00+02:00', by: 'poc.officer' }, config);

  let a4 = receiveAlert(base({ id: 'A4', receivedAt: '2019-03-20T06:00:00+02:00', area: 'CD62', threatType: 'sexual-violence', channel: 'partner' }), config);
  a4 = recordResponse(a4, { type: 'patrol', at: '2019-03-21T06:00:00+02:00', by: 'ops.room' }, config);
  a4 = recordResponse(a4, { type: 'referral', at: '2019-03-20T18:00:00+02:00', by: 'gender.adviser' }, config);

  let a5 = receiveAlert(base({ id: 'A5', receivedAt: '2019-04-01T00:30:00+02:00', priority: 'immediate' }), config);
  a5 = recordResponse(a5, { type: 'patrol', at: '2019-04-01T01:00:00+02:00', by: 'ops.room' }, config);

  let a6 = receiveAlert(base({ id: 'A6', receivedAt: '2019-04-05T10:00:00+02:00', area: 'CD62', threatType: 'abduction', priority: 'medium' }), config);
  a6 = transitionAlert(a6, { to: 'triaged', at: '2019-04-05T11:00:00+02:00', by: 'poc.officer' }, config);

  let a7 = receiveAlert(base({ id: 'A7', receivedAt: '2019-04-06T12:00:00+02:00' }), config);
  a7 = recordResponse(a7, { type: 'deployment', at: '2019-04-06T16:00:00+02:00', by: 'sector.commander' }, config);
  const a8 = receiveAlert(base({ id: 'A8', receivedAt: '2019-04-06T11:00:00+02:00', channel: 'hotline', receivedBy: 'hotline.operator' }), config);
  const merged = mergeAlerts(a7, a8, { at: '2019-04-06T17:00:00+02:00', by: 'poc.officer', note: 'same attack on Kibirizi' }, config);
  return [a1, a2, a3, a4, a5, a6, merged.primary, merged.duplicate];
}

describe('alert timestamps', () => {
  it('keeps the time zone as written and computes on the instant', () => {
    const t = parseTimestamp('2019-04-01T00:30:00+02:00')!;
    expect(t.text).toBe('2019-04-01T00:30:00+02:00');
    expect(t.localDay).toBe('2019-04-01');
    expect(t.offsetMinutes).toBe(120);
    expect(new Date(t.instant).toISOString()).toBe('2019-03-31T22:30:00.000Z');
  });
  it('refuses a time without a zone, or an impossible one', () => {
    expect(parseTimestamp('2019-04-01T00:30:00')).toBeNull();
    expect(parseTimestamp('2019-02-30T10:00:00Z')).toBeNull();
    expect(parseTimestamp('2019-04-01T25:00:00Z')).toBeNull();
    expect(() => receiveAlert(base({ id: 'x', receivedAt: '2019-04-01 10:00' }), config)).toThrow(ValidationError);
  });
});

describe('alert workflow', () => {
  const fresh = () => receiveAlert(base({ id: 'W1', receivedAt: '2019-05-01T10:00:00+02:00' }), config);

  it('starts in the initial state with the reception as its first, attributed event', () => {
    const a = fresh();
    expect(a.state).toBe('received');
    expect(a.history).toEqual([{ kind: 'received', at: '2019-05-01T10:00:00+02:00', by: 'cla.kiwanja', to: 'received', note: null }]);
    expect(allowedTransitions(a, config).sort()).toEqual(['closed', 'response', 'triaged']);
  });

  it('refuses transitions the workflow does not allow', () => {
    expect(() => transitionAlert(fresh(), { to: 'verification', at: '2019-05-01T10:10:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    expect(() => transitionAlert(fresh(), { to: 'archived', at: '2019-05-01T10:10:00+02:00', by: 'x' }, config)).toThrow(ValidationError);
  });

  it('refuses a step without author, without zone, or before the last change of state', () => {
    const a = transitionAlert(fresh(), { to: 'triaged', at: '2019-05-01T10:30:00+02:00', by: 'poc.officer' }, config);
    expect(() => transitionAlert(a, { to: 'verification', at: '2019-05-01T10:40:00+02:00', by: ' ' }, config)).toThrow(ValidationError);
    expect(() => transitionAlert(a, { to: 'verification', at: '2019-05-01T10:40:00', by: 'x' }, config)).toThrow(ValidationError);
    // 08:20 UTC is 10:20 in Goma, before the triage at 10:30+02:00
    expect(() => transitionAlert(a, { to: 'verification', at: '2019-05-01T08:20:00Z', by: 'x' }, config)).toThrow(/before the last change/);
  });

  it('will not enter the response state before a response that counts, nor close without any response or a reason for none', () => {
    const a = fresh();
    expect(() => transitionAlert(a, { to: 'response', at: '2019-05-01T10:30:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    expect(() => transitionAlert(a, { to: 'closed', at: '2019-05-01T10:30:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    const none = recordResponse(a, { type: 'none', at: '2019-05-01T10:20:00+02:00', by: 'ops', reason: 'outside the area of operations' }, config);
    expect(() => transitionAlert(none, { to: 'response', at: '2019-05-01T10:30:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    expect(transitionAlert(none, { to: 'closed', at: '2019-05-01T10:30:00+02:00', by: 'x' }, config).state).toBe('closed');
  });

  it('a "no response" entry needs its reason; a response cannot precede the alert', () => {
    expect(() => recordResponse(fresh(), { type: 'none', at: '2019-05-01T11:00:00+02:00', by: 'ops' }, config)).toThrow(/why there was no response/);
    expect(() => recordResponse(fresh(), { type: 'patrol', at: '2019-05-01T09:00:00+02:00', by: 'ops' }, config)).toThrow(/before the alert was received/);
    expect(() => recordResponse(fresh(), { type: 'airstrike', at: '2019-05-01T11:00:00+02:00', by: 'ops' }, config)).toThrow(ValidationError);
  });

  it('times and attributes every step', () => {
    const a1 = seed()[0]!;
    const t = alertTimeline(a1, config);
    expect(t.map((s) => [s.kind, s.to ?? s.responseType, s.by, s.minutesSinceReceived, s.minutesSincePrevious])).toEqual([
      ['received', 'received', 'cla.kiwanja', 0, 0],
      ['transition', 'triaged', 'poc.officer', 10, 10],
      ['response', 'patrol', 'ops.room', 90, 80],
      ['transition', 'response', 'ops.room', 90, 0],
      ['transition', 'closed', 'poc.officer', 585, 495],
    ]);
    expect(t[2]!.fr).toBe('Patrouille envoyée');
    expect(t[4]!.en).toBe('Closed');
  });
});

describe('merging duplicate alerts', () => {
  it('keeps both histories, closes the duplicate and points it to the primary', () => {
    const alerts = seed();
    const a7 = alerts.find((a) => a.id === 'A7')!;
    const a8 = alerts.find((a) => a.id === 'A8')!;
    expect(a7.merged).toHaveLength(1);
    expect(a7.merged[0]!.id).toBe('A8');
    expect(a7.merged[0]!.history[0]!.by).toBe('hotline.operator');
    expect(a7.merged[0]!.channel).toBe('hotline');
    expect(a7.history.at(-1)).toMatchObject({ kind: 'merged-in', relatedAlertId: 'A8', by: 'poc.officer', note: 'same attack on Kibirizi' });
    expect(a8.mergedInto).toBe('A7');
    expect(a8.state).toBe('closed');
    expect(a8.history.map((e) => e.kind)).toEqual(['received', 'merged-into']);
  });

  it('the primary counts from the earliest reception and takes the first response of either', () => {
    const alerts = seed();
    expect(minutesToFirstResponse(alerts.find((a) => a.id === 'A7')!, config)).toBe(300);
    let dup = receiveAlert(base({ id: 'D', receivedAt: '2019-04-06T12:30:00+02:00' }), config);
    dup = recordResponse(dup, { type: 'patrol', at: '2019-04-06T13:00:00+02:00', by: 'ops' }, config);
    const primary = receiveAlert(base({ id: 'P', receivedAt: '2019-04-06T12:00:00+02:00' }), config);
    const { primary: p } = mergeAlerts(primary, dup, { at: '2019-04-06T14:00:00+02:00', by: 'poc' }, config);
    expect(minutesToFirstResponse(p, config)).toBe(60);
  });

  it('refuses merging an alert into itself, twice, or working on a merged duplicate', () => {
    const alerts = seed();
    const a7 = alerts.find((a) => a.id === 'A7')!;
    const a8 = alerts.find((a) => a.id === 'A8')!;
    const a6 = alerts.find((a) => a.id === 'A6')!;
    expect(() => mergeAlerts(a6, a6, { at: '2019-04-07T10:00:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    expect(() => mergeAlerts(a6, a8, { at: '2019-04-07T10:00:00+02:00', by: 'x' }, config)).toThrow(/already merged/);
    expect(() => mergeAlerts(a8, a6, { at: '2019-04-07T10:00:00+02:00', by: 'x' }, config)).toThrow(/itself merged/);
    expect(() => recordResponse(a8, { type: 'patrol', at: '2019-04-07T10:00:00+02:00', by: 'x' }, config)).toThrow(ConflictError);
    expect(a7.mergedInto).toBeNull();
  });
});

describe('response figures', () => {
  it('response rate and median time to first response match the hand count', () => {
    const f = responseFigures(seed(), { groupBy: 'period' }, config);
    expect(f.total.alerts).toBe(7);
    expect(f.total.responded).toBe(5);
    expect(f.total.responseRate).toBeCloseTo(5 / 7, 10);
    expect(f.total.medianMinutes).toBe(90);
    expect(f.total.medianHours).toBe(1.5);
    expect(f.total.meanMinutes).toBe(246);
    expect(f.total.meanHours).toBe(4.1);
    expect(f.total.unanswered.map((u) => u.id)).toEqual(['A3', 'A6']);
    expect(f.total.unanswered[0]!.reasons).toEqual(['road cut by the rains']);
    expect(f.total.unanswered[1]!.reasons).toEqual([]);
    // targets by priority: A3 and A6 (medium) got nothing; A4 answered at exactly 12 h counts as within
    expect([f.total.withTarget, f.total.withinTarget]).toEqual([7, 5]);
  });

  it('groups by period of reception at the place (local day), not by UTC', () => {
    const f = responseFigures(seed(), { groupBy: 'period' }, config);
    expect(f.rows.map((r) => [r.key, r.alerts, r.responded, r.medianMinutes, r.meanMinutes])).toEqual([
      ['2019-03', 4, 3, 90, 300],
      ['2019-04', 3, 2, 165, 165],
    ]);
    expect(f.rows[0]!.fr).toBe('mars 2019');
    const weeks = responseFigures(seed(), { groupBy: 'period', step: 'week' }, config);
    expect(weeks.rows.map((r) => r.key)).toEqual(['2019-W10', '2019-W11', '2019-W12', '2019-W14']);
  });

  it('groups by area and by threat type', () => {
    const byArea = responseFigures(seed(), { groupBy: 'area' }, config);
    expect(byArea.rows.map((r) => [r.key, r.alerts, r.responded, r.medianMinutes])).toEqual([
      ['CD61', 4, 3, 90],
      ['CD62', 2, 1, 720],
      ['CD10', 1, 1, 90],
    ]);
    expect(byArea.rows[1]!.unanswered.map((u) => u.id)).toEqual(['A6']);
    const byThreat = responseFigures(seed(), { groupBy: 'threatType' }, config);
    const killing = byThreat.rows.find((r) => r.key === 'killing')!;
    expect([killing.alerts, killing.responded, killing.responseRate, killing.medianMinutes]).toEqual([3, 3, 1, 90]);
    expect(killing.fr).toBe('Meurtre');
    expect(byThreat.rows[0]!.key).toBe('killing'); // configuration order
  });

  it('filters on the local day of reception', () => {
    const april = responseFigures(seed(), { groupBy: 'area', from: '2019-04-01', to: '2019-04-30' }, config);
    expect(april.total.alerts).toBe(3);
    expect(april.rows.find((r) => r.key === 'CD61')!.responded).toBe(2);
  });

  it('reports no rate rather than zero when there are no alerts', () => {
    expect(responseFigures([], { groupBy: 'area' }, config).total).toMatchObject({ alerts: 0, responseRate: null, medianMinutes: null });
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
