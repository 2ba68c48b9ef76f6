import { describe, expect, it } from 'vitest';
import { ValidationError } from '../platform/errors.ts';
import { DEFAULT_PROTECTION_CONFIG } from './config.ts';
import { beforeAfterOutcome, type OutcomeIncident, type SupportActivity } from './outcomes.ts';

const config = DEFAULT_PROTECTION_CONFIG;

/** Training of battalions B1 and B2, 1–14 June 2019, in territory CD6101; 90-day windows. */
const training: SupportActivity = { id: 'trg-1', kind: 'training', unitIds: ['B1', 'B2'], areaCodes: ['CD6101'], start: '2019-06-01', end: '2019-06-14' };

/**
 * Before window: 3 March – 31 May 2019; after window: 15 June – 12 September 2019.
 * Hand count, units B1/B2:  before i1 (2 killed), i2, i7 (May, 3 killed) → 3 incidents, 5 killed
 *                           after  i5 (1 killed), i9 → 2 incidents, 1 killed
 *                           uncertain: i10 (March 2019, before), i8 (June 2019, after)
 * Hand count, area CD6101:  before i1, i3 (CD610102, 1 killed), i7 → 3 incidents, 6 killed
 *                           after  i5, i11 → 2 incidents, 1 killed
 */
const incidents: OutcomeIncident[] = [
  { id: 'i1', date: '2019-03-10', unitIds: ['B1'], areaCode: 'CD6101', fatalities: 2, actTypes: ['killing'] },
  { id: 'i2', date: '2019-04-15', unitIds: ['B2'], areaCode: 'CD6205', fatalities: 0, actTypes: ['looting'] },
  { id: 'i3', date: '2019-05-20', unitIds: ['X9'], areaCode: 'CD610102', fatalities: 1, actTypes: ['sexual-violence'] },
  { id: 'i4', date: '2019-06-05', unitIds: ['B1'], areaCode: 'CD6101', fatalities: 4, actTypes: ['killing'] },
  { id: 'i5', date: '2019-07-01', unitIds: ['B1'], areaCode: 'CD6101', fatalities: 1, actTypes: ['killing'] },
  { id: 'i6', date: '2019-03-02', unitIds: ['B1'], areaCode: 'CD6101', fatalities: 1, actTypes: ['killing'] },
  { id: 'i7', date: '2019-05', unitIds: ['B2'], areaCode: 'CD6101', fatalities: 3, actTypes: ['killing'] },
  { id: 'i8', date: '2019-06', unitIds: ['B1'], actTypes: ['looting'] },
  { id: 'i9', date: '2019-09-12', unitIds: ['B2'], areaCode: 'CD62', fatalities: 0, actTypes: ['looting'] },
  { id: 'i10', date: '2019-03', unitIds: ['B1'], actTypes: ['killing'] },
  { id: 'i11', date: '2019-08-01', unitIds: [], areaCode: 'CD6101', actTypes: ['arbitrary-arrest'] },
  { id: 'i12', date: '2019-09-13', unitIds: ['B1'], areaCode: 'CD6101', fatalities: 7, actTypes: ['killing'] },
];

const labels = { killing: { en: 'Killing', fr: 'Meurtre' }, looting: { en: 'Looting', fr: 'Pillage' } };

describe('before/after outcome view', () => {
  const v = beforeAfterOutcome(training, incidents, config, { windowDays: 90, actTypeLabels: labels });

  it('uses two equal windows around the activity', () => {
    expect(v.before).toEqual({ from: '2019-03-03', to: '2019-05-31', days: 90 });
    expect(v.after).toEqual({ from: '2019-06-15', to: '2019-09-12', days: 90 });
    expect(v.afterComplete).toBe(true);
    expect(v.kind).toEqual({ code: 'training', en: 'Training', fr: 'Formation' });
  });

  it('counts incidents attributed to the recipient units, with fatalities and the change', () => {
    const u = v.units!;
    expect(u.before.incidentIds).toEqual(['i1', 'i2', 'i7']);
    expect(u.after.incidentIds).toEqual(['i5', 'i9']);
    expect(u.incidents).toEqual({ before: 3, after: 2, absolute: -1, percent: -33.3 });
    expect(u.fatalities).toEqual({ before: 5, after: 1, absolute: -4, percent: -80 });
    expect(u.byActType).toEqual([
      { code: 'killing', en: 'Killing', fr: 'Meurtre', before: 2, after: 1, absolute: -1, percent: -50 },
      { code: 'looting', en: 'Looting', fr: 'Pillage', before: 1, after: 1, absolute: 0, percent: 0 },
    ]);
    // incidents during the training (i4) and outside the windows (i6, i12) are in neither
    expect([...u.before.incidentIds, ...u.after.incidentIds]).not.toContain('i4');
    expect(u.en).toBe('Incidents attributed to the supported units: 3 incident(s) in the 90 days before, 2 in the 90 days after (−1, −33.3%); fatalities 5 before, 1 after.');
    expect(u.fr).toContain('(−1, −33,3 %)');
  });

  it('lists incidents whose dates are too imprecise to place, without counting them', () => {
    expect(v.units!.uncertain).toEqual([
      { id: 'i8', window: 'after' },
      { id: 'i10', window: 'before' },
    ]);
  });

  it('counts incidents in the project area, including the areas beneath it', () => {
    const a = v.area!;
    expect(a.before.incidentIds).toEqual(['i1', 'i3', 'i7']);
    expect(a.after.incidentIds).toEqual(['i5', 'i11']);
    expect(a.fatalities).toEqual({ before: 6, after: 1, absolute: -5, percent: -83.3 });
    expect(a.byActType.find((t) => t.code === 'arbitrary-arrest')).toMatchObject({ before: 0, after: 1, percent: null, en: 'arbitrary-arrest' });
  });

  it('keeps the windows equal when the after window has not elapsed yet', () => {
    const early = beforeAfterOutcome(training, incidents, config, { windowDays: 90, asOf: '2019-07-15' });
    expect(early.windowDays).toBe(31);
    expect(early.before).toEqual({ from: '2019-05-01', to: '2019-05-31', days: 31 });
    expect(early.after).toEqual({ from: '2019-06-15', to: '2019-07-15', days: 31 });
    expect(early.afterComplete).toBe(false);
    expect(early.units!.before.incidentIds).toEqual(['i7']);
    expect(early.units!.after.incidentIds).toEqual(['i5']);
    expect(early.notes[0]!.en).toContain('shortened to 31 days');
    expect(early.notes[0]!.fr).toContain('ramenées à 31 jours');
    const ongoing = beforeAfterOutcome(training, incidents, config, { asOf: '2019-06-10' });
    expect([ongoing.windowDays, ongoing.units, ongoing.area]).toEqual([0, null, null]);
    expect(ongoing.notes).toHaveLength(1);
  });

  it('takes the default window from the configuration; a one-day activity has no end date', () => {
    const c = structuredClone(config);
    c.outcomeWindowDays = 30;
    const v2 = beforeAfterOutcome({ id: 'qip', kind: 'quick-impact-project', areaCodes: ['CD6101'], start: '2019-06-01' }, incidents, c);
    expect(v2.before).toEqual({ from: '2019-05-02', to: '2019-05-31', days: 30 });
    expect(v2.after).toEqual({ from: '2019-06-02', to: '2019-07-01', days: 30 });
    expect(v2.units).toBeNull();
    expect(v2.area!.after.incidentIds).toEqual(['i4', 'i5']);
    expect(v2.area!.uncertain.map((x) => x.id)).toEqual(['i7']); // May 2019 straddles 2 May
  });

  it('refuses an activity that ends before it starts or a window of no days', () => {
    expect(() => beforeAfterOutcome({ ...training, end: '2019-05-01' }, incidents, config)).toThrow(ValidationError);
    expect(() => beforeAfterOutcome(training, incidents, config, { windowDays: 0 })).toThrow(ValidationError);
  });
});
