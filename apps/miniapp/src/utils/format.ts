const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 2026年11月26日 14:05 in the device's time zone (no Intl: not on every weapp runtime). */
export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(
    d.getMinutes(),
  )}`;
}

/** 2026年11月26日 */
export function formatDate(value: string | number | Date | null | undefined): string {
  const full = formatDateTime(value);
  return full ? full.split(' ')[0] : '';
}

/** Length as the user sees it (an emoji or a rare character counts once). */
export function textLength(text: string): number {
  return Array.from(text).length;
}
