/**
 * One line for a failed `fetch` to an ERP: a timeout says how long was waited, a socket error keeps its code
 * (`ECONNREFUSED`, `ENOTFOUND` …) from undici's `cause`.
 */
export function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = cause instanceof Error ? ((cause as Error & { code?: string }).code ?? cause.message) : undefined;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
