/** Times as the office reads them: Beijing time (Asia/Shanghai) whatever the PC's own zone, 24-hour. */
const TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An ISO time (stored in UTC) in Beijing time, e.g. 2026/12/04 20:07:31; '' for none. */
export const localTime = (iso: string | null | undefined): string => (iso ? TIME.format(new Date(iso)) : '');
