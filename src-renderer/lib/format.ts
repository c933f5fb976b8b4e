import { t, type Locale } from '../i18n';

/** A clock time (e.g. 14:02:11) in the locale's format. */
export function formatTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

/** Date and time in the locale's format. */
export function formatDateTime(locale: Locale, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/**
 * How long ago `iso` was, relative to `now`, in words (e.g. "5 minutes ago" / "5分钟前"). Never in the future: the
 * screen's clock ticks only every few seconds and the station's clock may run a little ahead of the page's, so a
 * moment just past can look ahead of `now`; it then reads "now".
 */
export function formatAge(locale: Locale, iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.min(0, Math.round((then - now) / 1000));
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/**
 * How long something has been waiting since `iso`, as a duration ("6 s", "5 min", "2 h" / "6 秒"), for "oldest
 * waiting 6 s". Never negative: a time just ahead of a stale `now` counts as 0 s.
 */
export function formatWaited(locale: Locale, iso: string, now: number): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  const n = (value: number) => formatNumber(locale, value);
  if (seconds < 60) return t(locale, 'age.seconds', { n: n(seconds) });
  if (seconds < 3600) return t(locale, 'age.minutes', { n: n(Math.floor(seconds / 60)) });
  if (seconds < 86400) return t(locale, 'age.hours', { n: n(Math.floor(seconds / 3600)) });
  return t(locale, 'age.days', { n: n(Math.floor(seconds / 86400)) });
}

/** A number in the locale's format. */
export function formatNumber(locale: Locale, n: number): string {
  return new Intl.NumberFormat(locale).format(n);
}
