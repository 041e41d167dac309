/**
 * Times as the office reads them: Beijing time (Asia/Shanghai) whatever the machine's own zone,
 * 24-hour — on the dashboard and in exported files alike. Stored times are ISO strings in UTC.
 */
const BEIJING_MINUTES: Intl.DateTimeFormatOptions = {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
};
const SECONDS = new Intl.DateTimeFormat('zh-CN', { ...BEIJING_MINUTES, second: '2-digit' });
const MINUTES = new Intl.DateTimeFormat('zh-CN', BEIJING_MINUTES);

/** An ISO time in Beijing time, e.g. 2026/12/04 20:07:31; '' for none. */
export const localTime = (iso: string | null | undefined): string => (iso ? SECONDS.format(new Date(iso)) : '');

/** A moment in Beijing time to the minute, e.g. 2026/12/04 20:07 (a title's time of export). */
export const localMinute = (at: Date): string => MINUTES.format(at);

/** The Beijing calendar day (yyyy-mm-dd) of a stored UTC moment. */
export const beijingDate = (iso: string): string => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
