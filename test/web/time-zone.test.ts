/** The reception time of an alert is sent with its offset, as the protection API requires. */
import { describe, expect, it } from 'vitest';
import { localOffset, withOffset } from '../../web/src/domains/protection.tsx';

describe('alert reception time', () => {
  it('joins a datetime-local value and an offset into a timestamp with its time zone', () => {
    expect(withOffset('2026-11-30T21:40', '+02:00')).toBe('2026-11-30T21:40:00+02:00');
    expect(withOffset('2026-11-30T21:40:15', '-05:30')).toBe('2026-11-30T21:40:15-05:30');
    expect(withOffset('2026-11-30T21:40', ' Z ')).toBe('2026-11-30T21:40:00Z');
    expect(withOffset('', '+02:00')).toBe('');
  });
  it('writes the browser offset as +HH:MM, east of Greenwich positive', () => {
    const at = (minutesWest: number) => ({ getTimezoneOffset: () => minutesWest }) as Date;
    expect(localOffset(at(-120))).toBe('+02:00');
    expect(localOffset(at(330))).toBe('-05:30');
    expect(localOffset(at(0))).toBe('+00:00');
  });
});
