import { describe, expect, it } from 'vitest';
import type { PackState } from '../../../src-main/contract';
import { soundForChange } from '../../../src-renderer/lib/feedback';
import { clampVolume } from '../../../src-renderer/lib/volume';

const base: PackState = { phase: 'packing', order: null, error: null, lastScan: null, label: null, lastShipped: null };

describe('soundForChange', () => {
  it('beeps on a new accepted scan, buzzes on a refusal, plays done on a shipment', () => {
    const accepted = { ...base, lastScan: { code: '690', verdict: 'accepted' as const, at: '1' } };
    expect(soundForChange(null, accepted)).toBeNull();
    expect(soundForChange(base, accepted)).toBe('accepted');
    expect(soundForChange(accepted, accepted)).toBeNull();
    const refused = {
      ...base,
      lastScan: { code: '999', verdict: 'refused' as const, at: '2' },
      error: { code: 'wrong-item' as const, message: 'x', params: { barcode: '999' } },
    };
    expect(soundForChange(accepted, refused)).toBe('refused');
    const shipped = {
      ...base,
      phase: 'idle' as const,
      lastShipped: { orderNo: 'SO-1', trackingNumber: 'T', queued: false },
    };
    expect(soundForChange(refused, shipped)).toBe('done');
    expect(soundForChange(shipped, { ...shipped })).toBeNull();
  });
});

describe('clampVolume', () => {
  it('never goes below 20%', () => {
    expect(clampVolume(0)).toBe(0.2);
    expect(clampVolume(0.5)).toBe(0.5);
    expect(clampVolume(3)).toBe(1);
    expect(clampVolume(Number.NaN)).toBe(0.8);
  });
});
