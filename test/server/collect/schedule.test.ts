import { describe, expect, it } from 'vitest';
import { beijing, isDue, type Schedule } from '../../../server/collect/schedule';

// The office's season: daily from 1月1日 to 3月31日, from 02:00 Beijing time (UTC+8), by hand.
const season: Schedule = { enabled: true, fromDay: '01-01', toDay: '03-31', hour: 2, lastRunOn: null };

describe('the scheduled collection', () => {
  it('reads a moment in Beijing time', () => {
    // 2026-12-31 18:30 UTC is 2027-01-01 02:30 in Beijing
    expect(beijing(new Date('2026-12-31T18:30:00Z'))).toEqual({ date: '2027-01-01', monthDay: '01-01', hour: 2 });
  });

  it('is due once a day in the season, from the hour on', () => {
    expect(isDue(season, new Date('2026-12-31T18:30:00Z'))).toBe(true); // 1月1日 02:30
    expect(isDue(season, new Date('2026-12-31T17:30:00Z'))).toBe(false); // 1月1日 01:30: before the hour
    expect(isDue({ ...season, lastRunOn: '2027-01-01' }, new Date('2027-01-01T05:00:00Z'))).toBe(false); // ran today
    expect(isDue({ ...season, lastRunOn: '2027-01-01' }, new Date('2027-01-01T18:00:00Z'))).toBe(true); // 1月2日 02:00
    expect(isDue(season, new Date('2027-03-31T10:00:00Z'))).toBe(true); // 3月31日: the last day
    expect(isDue(season, new Date('2027-03-31T16:30:00Z'))).toBe(false); // 4月1日 00:30 Beijing
    expect(isDue(season, new Date('2027-06-01T10:00:00Z'))).toBe(false);
    expect(isDue({ ...season, enabled: false }, new Date('2027-01-10T10:00:00Z'))).toBe(false);
  });

  it('takes a season across the new year', () => {
    const winter = { ...season, fromDay: '12-15', toDay: '02-15' };
    expect(isDue(winter, new Date('2026-12-20T10:00:00Z'))).toBe(true);
    expect(isDue(winter, new Date('2027-02-10T10:00:00Z'))).toBe(true);
    expect(isDue(winter, new Date('2027-03-01T10:00:00Z'))).toBe(false);
  });
});
