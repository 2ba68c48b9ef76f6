import { describe, expect, it } from 'vitest';
import { chronological, normaliseDated, parseDay, preferAt, validityAt } from './intervals.ts';

describe('dated facts', () => {
  it('normalises dates and derives the query bounds', () => {
    expect(normaliseDated({ start_date: '2015-3', end_date: '2016' })).toEqual({
      start_date: '2015-03', start_exact: false, end_date: '2016', end_state: 'ended', start_min: '2015-03-01', end_max: '2016-12-31',
    });
    const open = normaliseDated({ start_date: '2015-06-12', start_exact: true, end_date: '2023-11', end_state: 'open' });
    expect(open.end_max).toBeNull();
    expect(open.start_exact).toBe(true);
    expect(normaliseDated({}).end_state).toBe('open');
    expect(normaliseDated({ end_date: '2018-06-30', end_state: 'exact' }).end_max).toBe('2018-06-30');
  });

  it('refuses bad dates, an exact end without date and an end before the start, naming the field', () => {
    expect(() => normaliseDated({ start_date: '2016-13' }, 'posting.')).toThrow(/posting\.start_date/);
    expect(() => normaliseDated({ end_state: 'exact' })).toThrow(/end_date/);
    expect(() => normaliseDated({ start_date: '2013', end_date: '2011' })).toThrow(/before it starts/);
    expect(normaliseDated({ start_date: '2013', end_date: '2011' }, '', { allowReversed: true }).start_min).toBe('2013-01-01');
  });

  it('holds on a day under the widest reading, and says when it certainly holds', () => {
    const p = { start_date: '2016', end_date: '2020-09', end_state: 'ended' };
    expect(validityAt(p, '2016-06-01')).toEqual({ valid: true, certain: false });
    expect(validityAt(p, '2017-06-01')).toEqual({ valid: true, certain: true });
    expect(validityAt(p, '2020-09-15')).toEqual({ valid: true, certain: false });
    expect(validityAt(p, '2020-10-01')).toEqual({ valid: false, certain: false });
    expect(validityAt(p, '2015-12-31').valid).toBe(false);
    // open: still true after the last citation
    expect(validityAt({ start_date: '2005-03', end_date: '2023-11', end_state: 'open' }, '2030-01-01')).toEqual({ valid: true, certain: true });
    // exact end: not after it
    expect(validityAt({ start_date: '2014-09', end_date: '2017-03-15', end_state: 'exact' }, '2017-03-16').valid).toBe(false);
    expect(validityAt({ start_date: '2014-09', end_date: '2017-03-15', end_state: 'exact' }, '2017-03-15').certain).toBe(true);
    // unknown start: may hold, not certain
    expect(validityAt({ start_date: null, end_date: null, end_state: 'open' }, '2000-01-01')).toEqual({ valid: true, certain: false });
  });

  it('asks for a full day', () => {
    expect(parseDay('2019-06-01')).toBe('2019-06-01');
    expect(() => parseDay('2019-06')).toThrow(/YYYY-MM-DD/);
    expect(() => parseDay('2019-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => parseDay(undefined)).toThrow();
  });

  it('prefers certain facts, then the latest start; orders careers chronologically', () => {
    const a = { id: 'a', start_min: '2015-01-01', validity: { valid: true, certain: false } };
    const b = { id: 'b', start_min: '2018-07-01', validity: { valid: true, certain: false } };
    const c = { id: 'c', start_min: '2010-01-01', validity: { valid: true, certain: true } };
    expect(preferAt([a, b, c]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(chronological([{ start_min: '2018-01-01' }, { start_min: null }, { start_min: '2015-01-01' }]).map((x) => x.start_min)).toEqual([null, '2015-01-01', '2018-01-01']);
  });
});
