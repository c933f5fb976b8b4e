/** A URL safe to log and show: user info and secret-looking query parameters replaced by `***`. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.username) url.username = '***';
    if (url.password) url.password = '***';
    for (const key of [...url.searchParams.keys()]) {
      if (/key|token|secret|password|sign/i.test(key)) url.searchParams.set(key, '***');
    }
    return url.toString();
  } catch {
    return '<invalid url>';
  }
}
