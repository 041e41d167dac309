/** When the scheduled collection is due: a pure function of the schedule and the time (Beijing). */

export interface Schedule {
  enabled: boolean;
  /** MM-DD, both days included; a season that wraps the new year (12-01 to 03-31) is allowed. */
  fromDay: string;
  toDay: string;
  /** Hour (0–23, Beijing time) from which the day's run may start. */
  hour: number;
  /** The Beijing date (yyyy-mm-dd) the last scheduled run started. */
  lastRunOn: string | null;
}

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hour12: false,
});

/** The Beijing date (yyyy-mm-dd) and hour of a moment. */
export function beijing(at: Date): { date: string; monthDay: string; hour: number } {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, monthDay: `${p.month}-${p.day}`, hour: Number(p.hour) % 24 };
}

/** Whether a scheduled run should start at `at`: enabled, in season, past the hour, not yet today. */
export function isDue(s: Schedule, at: Date): boolean {
  if (!s.enabled) return false;
  const b = beijing(at);
  const inSeason =
    s.fromDay <= s.toDay ? b.monthDay >= s.fromDay && b.monthDay <= s.toDay : b.monthDay >= s.fromDay || b.monthDay <= s.toDay;
  return inSeason && b.hour >= s.hour && s.lastRunOn !== b.date;
}
