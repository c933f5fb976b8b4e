import { describe, expect, it } from 'vitest';
import { formatAge, formatWaited } from '../../../src-renderer/lib/format';

// "Oldest in 6 seconds": the header's clock ticks every 15 s, so an item queued after the last tick (or stamped by
// a station clock slightly ahead) lies in the page's future. An age never reads as future.

const now = Date.parse('2026-12-02T10:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

describe('formatWaited', () => {
  it('says how long the oldest item has waited, in each language', () => {
    expect(formatWaited('en', at(-6_000), now)).toBe('6 s');
    expect(formatWaited('en', at(-5 * 60_000 - 30_000), now)).toBe('5 min');
    expect(formatWaited('en', at(-2 * 3_600_000), now)).toBe('2 h');
    expect(formatWaited('en', at(-3 * 86_400_000), now)).toBe('3 d');
    expect(formatWaited('zh-CN', at(-6_000), now)).toBe('6 秒');
    expect(formatWaited('zh-CN', at(-5 * 60_000), now)).toBe('5 分钟');
  });

  it('reads 0 s for a time slightly ahead of a stale now', () => {
    expect(formatWaited('en', at(6_000), now)).toBe('0 s');
    expect(formatWaited('zh-CN', at(14_000), now)).toBe('0 秒');
  });

  it('returns a time it cannot read as it came', () => {
    expect(formatWaited('en', 'not a time', now)).toBe('not a time');
  });
});

describe('formatAge', () => {
  it('is never in the future', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = formatAge(locale, at(6_000), now);
      expect(text).not.toMatch(/\bin\b|后/);
      expect(text).toBe(new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second'));
    }
    expect(formatAge('en', at(-6_000), now)).toBe('6 seconds ago');
  });
});
