import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src-main/sync';

describe('backoff', () => {
  it('grows exponentially with full jitter and stays under the cap', () => {
    expect(backoffDelayMs(0, () => 0)).toBe(1000);
    expect(backoffDelayMs(0, () => 1)).toBe(2000);
    expect(backoffDelayMs(3, () => 1)).toBe(16_000);
    expect(backoffDelayMs(30, () => 1)).toBe(600_000);
    for (let attempts = 0; attempts < 20; attempts++) {
      const delay = backoffDelayMs(attempts, Math.random);
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(600_000);
    }
  });
});
