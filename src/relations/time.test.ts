import { describe, expect, it } from 'vitest';
import { addDays, formatNumber, formatPlain, periodOf, periodsBetween, previousPeriod } from './time.ts';

describe('reporting periods', () => {
  it('months run from the first to the last day, labelled in both languages', () => {
    expect(periodOf('2020-02-14', 'month')).toEqual({ key: '2020-02', start: '2020-02-01', end: '2020-02-29', en: 'February 2020', fr: 'février 2020' });
    expect(periodsBetween('2019-11-20', '2020-01-03', 'month').map((p) => p.key)).toEqual(['2019-11', '2019-12', '2020-01']);
  });
  it('weeks follow ISO 8601 (Monday to Sunday, numbered by the year of their Thursday)', () => {
    expect(periodOf('2019-12-30', 'week').key).toBe('2020-W01');
    expect(periodOf('2021-01-03', 'week').key).toBe('2020-W53');
    const w = periodOf('2019-03-06', 'week');
    expect([w.key, w.start, w.end]).toEqual(['2019-W10', '2019-03-04', '2019-03-10']);
    expect(previousPeriod(w, 'week').key).toBe('2019-W09');
  });
  it('adds days across month and year ends', () => {
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
  });
  it('words numbers for English and French readers', () => {
    expect(formatNumber(-4.5, 'fr')).toBe('−4,50');
    expect(formatNumber(2, 'en', 2, true)).toBe('+2.00');
    expect(formatNumber(-0.001, 'en')).toBe('0.00');
    expect(formatPlain(7.5, 'fr')).toBe('7,5');
    expect(formatPlain(10, 'en')).toBe('10');
  });
});
