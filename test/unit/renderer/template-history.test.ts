import { describe, expect, it } from 'vitest';
import { pushStep, redoStep, undoStep, type History } from '../../../src-renderer/features/templates/history-steps';

const start: History<string> = { past: [], present: 'a', future: [] };

describe('template editor history', () => {
  it('undoes and redoes steps in order; a new edit drops what could be redone', () => {
    const h = pushStep(pushStep(start, 'b', false), 'c', false);
    expect(h).toEqual({ past: ['a', 'b'], present: 'c', future: [] });
    const back = undoStep(undoStep(h));
    expect(back).toEqual({ past: [], present: 'a', future: ['b', 'c'] });
    expect(undoStep(back)).toBe(back);
    const again = redoStep(back);
    expect(again.present).toBe('b');
    expect(pushStep(again, 'x', false)).toEqual({ past: ['a', 'b'], present: 'x', future: [] });
    expect(redoStep(pushStep(again, 'x', false)).present).toBe('x');
  });

  it('merges a coalesced edit (one drag, one typed word) into the step before it', () => {
    const h = pushStep(pushStep(pushStep(start, 'b', false), 'bb', true), 'bbb', true);
    expect(h).toEqual({ past: ['a'], present: 'bbb', future: [] });
    expect(undoStep(h).present).toBe('a');
    // The same value again is no step at all.
    expect(pushStep(h, h.present, false)).toBe(h);
  });
});
