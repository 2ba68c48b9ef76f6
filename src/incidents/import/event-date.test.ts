import { describe, expect, it } from 'vitest';
import { acledEventDate, parseDayDate, rangeEventDate } from './event-date.ts';

describe('parseDayDate', () => {
  it('reads the forms found in ACLED exports', () => {
    const d = (s: string) => parseDayDate(s);
    expect(d('2020-08-01')).toEqual({ year: 2020, month: 8, day: 1 });
    expect(d('2020-08-01 00:00:00.000')).toEqual({ year: 2020, month: 8, day: 1 });
    expect(d('2020/08/01')).toEqual({ year: 2020, month: 8, day: 1 });
    expect(d('31 December 2020')).toEqual({ year: 2020, month: 12, day: 31 });
    expect(d('1 Dec 2020')).toEqual({ year: 2020, month: 12, day: 1 });
    expect(d('9-May-20')).toEqual({ year: 2020, month: 5, day: 9 });
    expect(d('09-Sept-97')).toEqual({ year: 1997, month: 9, day: 9 });
    expect(d('December 31, 2020')).toEqual({ year: 2020, month: 12, day: 31 });
    expect(d('30/12/20')).toEqual({ year: 2020, month: 12, day: 30 });
    expect(d('30/12/2020')).toEqual({ year: 2020, month: 12, day: 30 });
    expect(d('30.12.2020')).toEqual({ year: 2020, month: 12, day: 30 });
    expect(d('1er janvier 2021')).toEqual({ year: 2021, month: 1, day: 1 });
    expect(d('15 août 2021')).toEqual({ year: 2021, month: 8, day: 15 });
  });

  it('refuses what is not a real day', () => {
    for (const s of ['', '2020', '2020-08', '2023-02-30', '31 Smarch 2020', '13/25/23', '12/13/20', 'yesterday', '2020-13-01']) expect(parseDayDate(s), s).toBeNull();
  });

  it('reads numeric dates day first, or month first when told', () => {
    expect(parseDayDate('05/04/20')).toEqual({ year: 2020, month: 4, day: 5 });
    expect(parseDayDate('05/04/20', 'mdy')).toEqual({ year: 2020, month: 5, day: 4 });
    expect(parseDayDate('12/13/20', 'mdy')).toEqual({ year: 2020, month: 12, day: 13 });
  });
});

describe('event dates', () => {
  const day = { year: 2020, month: 2, day: 28 };
  it('ACLED time precision: 1 day, 2 week (day kept, ±3 days), 3 month (day dropped)', () => {
    expect(acledEventDate(day, 1, '28/02/20')).toEqual({ value: '2020-02-28', precision: 'day', start: '2020-02-28', end: '2020-02-28', source: '28/02/20' });
    expect(acledEventDate(day, 2, 'x')).toMatchObject({ value: '2020-02-28', precision: 'week', start: '2020-02-25', end: '2020-03-02' });
    expect(acledEventDate(day, 3, 'x')).toMatchObject({ value: '2020-02', precision: 'month', start: '2020-02-01', end: '2020-02-29' });
  });

  it('ranges: never more precise than stated', () => {
    const d = (y: number, m: number, dd: number) => ({ year: y, month: m, day: dd });
    expect(rangeEventDate(d(2013, 3, 27), d(2013, 3, 27), 'day', '')).toMatchObject({ value: '2013-03-27', start: '2013-03-27', end: '2013-03-27' });
    expect(rangeEventDate(d(2012, 8, 12), d(2012, 8, 17), 'week', '')).toMatchObject({ value: '2012-08', precision: 'week', start: '2012-08-12', end: '2012-08-17' });
    expect(rangeEventDate(d(2014, 5, 10), d(2014, 5, 10), 'month', '')).toMatchObject({ value: '2014-05', start: '2014-05-01', end: '2014-05-31' });
    expect(rangeEventDate(d(2016, 1, 1), d(2016, 12, 31), 'year', '')).toMatchObject({ value: '2016', start: '2016-01-01', end: '2016-12-31' });
    expect(rangeEventDate(d(2014, 1, 20), d(2014, 2, 15), 'month', '')).toMatchObject({ value: '2014', start: '2014-01-20', end: '2014-02-15' });
    expect(rangeEventDate(d(2013, 12, 20), d(2014, 1, 5), 'week', '')).toMatchObject({ value: '2013', start: '2013-12-20', end: '2014-01-05' });
  });
});
