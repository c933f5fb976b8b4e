/** Retry delays: exponential from 2 s, capped at 10 min, with full jitter so stations do not retry in step. */
export function backoffDelayMs(attempts: number, random: () => number, baseMs = 2_000, capMs = 600_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts));
  return Math.round(baseMs / 2 + random() * (ceiling - baseMs / 2));
}
