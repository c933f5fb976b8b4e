import { describe, expect, it } from 'vitest';
import {
  GROUP_SEPARATOR,
  ScanDetector,
  bindScanner,
  decodeUsKey,
  stripAffixes,
  traceKeys,
  type KeyEventSource,
  type KeydownLike,
  type ScanKey,
  type ScanMode,
  type ScannerClock,
  type ScannerHandlers,
} from '../../../src-renderer/lib/scanner';

/** Key records a US scanner sends for `text` (Shift for upper case and symbols). */
function keysFor(
  text: string,
  start: number,
  gapMs: number,
  opts: { capsLock?: boolean; ime?: boolean } = {},
): ScanKey[] {
  const shifted = ')!@#$%^&*(';
  return [...text].map((ch, i) => {
    let code: string;
    let shiftKey = false;
    if (/[a-z]/i.test(ch)) {
      code = `Key${ch.toUpperCase()}`;
      shiftKey = ch !== ch.toLowerCase();
    } else if (/[0-9]/.test(ch)) {
      code = `Digit${ch}`;
    } else if (shifted.includes(ch)) {
      code = `Digit${shifted.indexOf(ch)}`;
      shiftKey = true;
    } else if (ch === '-') {
      code = 'Minus';
    } else if (ch === '_') {
      code = 'Minus';
      shiftKey = true;
    } else if (ch === '.') {
      code = 'Period';
    } else {
      code = 'Unidentified';
    }
    // Caps Lock inverts the case `key` reports for letters; `code` + Shift still tell what the scanner sent.
    const key = opts.capsLock && /[a-z]/i.test(ch) ? (shiftKey ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    return opts.ime
      ? { key: 'Process', code, shiftKey, timeStamp: start + i * gapMs, isComposing: true, keyCode: 229 }
      : {
          key,
          code,
          shiftKey,
          timeStamp: start + i * gapMs,
          isComposing: false,
          ...(opts.capsLock ? { capsLock: true } : {}),
        };
  });
}

function enter(timeStamp: number, extra: Partial<ScanKey> = {}): ScanKey {
  return { key: 'Enter', code: 'Enter', shiftKey: false, timeStamp, isComposing: false, ...extra };
}

function run(detector: ScanDetector, keys: ScanKey[]) {
  return keys.map((k) => detector.feed(k));
}

describe('ScanDetector', () => {
  it('takes 10 ms gaps + Enter as a scan and swallows every key after the first', () => {
    const d = new ScanDetector();
    const keys = keysFor('SO-100001', 1000, 10);
    const outcomes = run(d, [...keys, enter(1000 + keys.length * 10)]);
    expect(outcomes[0]!.action).toBe('hold');
    expect(outcomes.slice(1, -1).every((o) => o.action === 'swallow')).toBe(true);
    expect(outcomes.at(-1)).toMatchObject({ action: 'swallow', scan: 'SO-100001' });
  });

  it('treats 120 ms gaps as typing, not a scan', () => {
    const d = new ScanDetector();
    const keys = keysFor('12345', 0, 120);
    const outcomes = run(d, [...keys, enter(5 * 120)]);
    expect(outcomes.some((o) => o.scan !== undefined)).toBe(false);
    // Each held key is given back as typing once the next key shows the gap was too long.
    expect(outcomes.map((o) => o.replay ?? '').join('')).toBe('12345');
    expect(outcomes.at(-1)!.action).toBe('pass');
  });

  it('gives typed characters back when the gap runs out', () => {
    const d = new ScanDetector();
    d.feed(keysFor('7', 0, 10)[0]!);
    expect(d.expire(20)).toBeNull();
    expect(d.expire(100)).toEqual({ action: 'pass', replay: '7' });
  });

  it('decodes letters from code + Shift when Caps Lock is on', () => {
    const d = new ScanDetector();
    const keys = keysFor('AbC123xY', 0, 10, { capsLock: true });
    expect(keys[0]!.key).toBe('a');
    const outcomes = run(d, [...keys, enter(80)]);
    expect(outcomes.at(-1)!.scan).toBe('AbC123xY');
  });

  it('infers Caps Lock from Shift + a lower-case key when the state is not reported', () => {
    const d = new ScanDetector();
    const keys = keysFor('ABCD', 0, 10, { capsLock: true }).map(({ capsLock: _c, ...k }) => k);
    expect(run(d, [...keys, enter(40)]).at(-1)!.scan).toBe('ABCD');
  });

  it('trusts key when a wedge sends upper case or symbols without Shift', () => {
    const d = new ScanDetector();
    const keys: ScanKey[] = [
      { key: 'S', code: 'KeyS', shiftKey: false, timeStamp: 0, isComposing: false },
      { key: 'O', code: 'KeyO', shiftKey: false, timeStamp: 10, isComposing: false },
      { key: '_', code: 'Minus', shiftKey: false, timeStamp: 20, isComposing: false },
      { key: '1', code: 'Digit1', shiftKey: false, timeStamp: 30, isComposing: false },
    ];
    expect(run(d, [...keys, enter(40)]).at(-1)!.scan).toBe('SO_1');
  });

  it('decodes from the scanner layout when the OS layout disagrees (AZERTY digits)', () => {
    expect(decodeUsKey('Digit1', false)).toBe('1');
    expect(decodeUsKey('Digit2', true)).toBe('@');
    expect(decodeUsKey('Quote', true)).toBe('"');
    const d = new ScanDetector();
    const azerty: ScanKey[] = ['&', 'é', '"', "'"].map((key, i) => ({
      key,
      code: `Digit${i + 1}`,
      shiftKey: false,
      timeStamp: i * 10,
      isComposing: false,
    }));
    expect(run(d, [...azerty, enter(40)]).at(-1)!.scan).toBe('1234');
  });

  it('refuses a burst typed through an IME', () => {
    const d = new ScanDetector();
    const keys = keysFor('SO100001', 0, 10, { ime: true });
    const outcomes = run(d, [...keys, enter(80, { isComposing: true, keyCode: 229 })]);
    expect(outcomes.some((o) => o.scan !== undefined)).toBe(false);
    expect(outcomes.at(-1)!.reject).toBe('ime-active');
  });

  it('refuses an IME burst even when the Enter never arrives', () => {
    const d = new ScanDetector();
    run(d, keysFor('SO100001', 0, 10, { ime: true }));
    expect(d.expire(200)).toMatchObject({ reject: 'ime-active' });
  });

  it('ignores bursts shorter than four characters', () => {
    const d = new ScanDetector();
    const outcomes = run(d, [...keysFor('123', 0, 10), enter(30)]);
    expect(outcomes.some((o) => o.scan !== undefined)).toBe(false);
    expect(outcomes.at(-1)).toMatchObject({ action: 'pass', replay: '123' });
  });

  it('keeps the GS1 group separator, sent as Ctrl+] or raw', () => {
    const d = new ScanDetector();
    const keys = [
      ...keysFor('0109501101530003', 0, 10),
      { key: ']', code: 'BracketRight', shiftKey: false, ctrlKey: true, timeStamp: 160, isComposing: false },
      ...keysFor('10AB', 170, 10),
      { key: GROUP_SEPARATOR, code: '', shiftKey: false, timeStamp: 210, isComposing: false },
      ...keysFor('17251231', 220, 10),
    ];
    const outcomes = run(d, [...keys, enter(300)]);
    expect(outcomes.at(-1)!.scan).toBe(`0109501101530003${GROUP_SEPARATOR}10AB${GROUP_SEPARATOR}17251231`);
  });

  it('accepts Tab as a suffix and ignores Shift keydowns between characters', () => {
    const d = new ScanDetector();
    const shift: ScanKey = { key: 'Shift', code: 'ShiftLeft', shiftKey: true, timeStamp: 5, isComposing: false };
    const keys = keysFor('ABCD', 0, 10);
    const outcomes = run(d, [keys[0]!, shift, ...keys.slice(1), { ...enter(40), key: 'Tab', code: 'Tab' }]);
    expect(outcomes.at(-1)!.scan).toBe('ABCD');
  });

  it('honours a longer maxGapMs for Bluetooth scanners', () => {
    const d = new ScanDetector({ maxGapMs: 150 });
    expect(run(d, [...keysFor('12345', 0, 120), enter(600)]).at(-1)!.scan).toBe('12345');
  });

  it('reports a plain Enter when no burst is in progress', () => {
    const d = new ScanDetector();
    expect(d.feed(enter(0))).toEqual({ action: 'pass', plain: true });
    expect(
      d.feed({ key: 'Escape', code: 'Escape', shiftKey: false, timeStamp: 500, isComposing: false }),
    ).toMatchObject({ plain: true });
  });
});

describe('bindScanner', () => {
  class FakeWindow implements KeyEventSource {
    listener: ((e: KeydownLike) => void) | null = null;
    addEventListener(_t: 'keydown', l: (e: KeydownLike) => void): void {
      this.listener = l;
    }
    removeEventListener(): void {
      this.listener = null;
    }
  }

  function fakeClock(): ScannerClock & { t: number; run(): void } {
    const timers = new Map<number, () => void>();
    let next = 1;
    return {
      t: 0,
      now() {
        return this.t;
      },
      setTimeout(fn) {
        timers.set(next, fn);
        return next++;
      },
      clearTimeout(h) {
        timers.delete(h as number);
      },
      run() {
        for (const [id, fn] of [...timers]) {
          timers.delete(id);
          fn();
        }
      },
    };
  }

  function press(win: FakeWindow, k: ScanKey, target: unknown) {
    const ev = {
      ...k,
      target,
      prevented: false,
      stopped: false,
      preventDefault() {
        ev.prevented = true;
      },
      stopPropagation() {
        ev.stopped = true;
      },
    };
    win.listener!(ev);
    return ev;
  }

  it('a scan never reaches a focused text field, and a scan fires', () => {
    const win = new FakeWindow();
    const scans: string[] = [];
    const replayed: string[] = [];
    const field = { kind: 'textarea' };
    bindScanner(
      win,
      {
        onScan: (c) => scans.push(c),
        onReject: () => undefined,
        isTextField: (t) => t === field,
        replay: (_t, s) => replayed.push(s),
      },
      {},
      fakeClock(),
    );
    const events = [...keysFor('4006381333931', 0, 10), enter(130)].map((k) => press(win, k, field));
    expect(events.every((e) => e.prevented)).toBe(true);
    expect(scans).toEqual(['4006381333931']);
    expect(replayed).toEqual([]);
  });

  it('gives slow typing back to the field it was meant for', () => {
    const win = new FakeWindow();
    const clock = fakeClock();
    const replayed: string[] = [];
    const field = {};
    bindScanner(
      win,
      {
        onScan: () => undefined,
        onReject: () => undefined,
        isTextField: () => true,
        replay: (_t, s) => replayed.push(s),
      },
      {},
      clock,
    );
    press(win, keysFor('a', 0, 0)[0]!, field);
    clock.t = 100;
    clock.run();
    expect(replayed).toEqual(['a']);
  });

  it('hands plain Enter to the screen', () => {
    const win = new FakeWindow();
    const plain: string[] = [];
    bindScanner(
      win,
      { onScan: () => undefined, onReject: () => undefined, onPlainKey: (e) => plain.push(e.key) },
      {},
      fakeClock(),
    );
    press(win, enter(0), null);
    expect(plain).toEqual(['Enter']);
  });
});

describe('ScanDetector: slow keys, prefix and suffix', () => {
  it('reports slow keys with no field focused, ended by Enter, as a slow burst with every gap', () => {
    const d = new ScanDetector({ maxGapMs: 50 });
    const outcomes = run(d, [...keysFor('SO-100002', 0, 80), enter(9 * 80)]);
    expect(outcomes.some((o) => o.scan !== undefined)).toBe(false);
    const last = outcomes.at(-1)!;
    expect(last.slow).toEqual({ code: 'SO-100002', raw: 'SO-100002', gaps: Array(9).fill(80), tooShort: false });
    // The Enter that ends slow keys is not a plain Enter (it must not confirm a parcel by itself).
    expect(last.plain).toBeUndefined();
  });

  it('never makes a slow burst of keys typed into a text field', () => {
    const d = new ScanDetector({ maxGapMs: 50 });
    const keys = keysFor('SO-100002', 0, 80).map((k) => ({ ...k, field: true }));
    const last = run(d, [...keys, enter(9 * 80, { field: true })]).at(-1)!;
    expect(last.slow).toBeUndefined();
  });

  it('starts over after a long pause, after Backspace, and never starts with a lone Space', () => {
    const d = new ScanDetector({ maxGapMs: 50, slowMaxGapMs: 1000 });
    const backspace: ScanKey = {
      key: 'Backspace',
      code: 'Backspace',
      shiftKey: false,
      timeStamp: 500,
      isComposing: false,
    };
    const space: ScanKey = { key: ' ', code: 'Space', shiftKey: false, timeStamp: 5000, isComposing: false };
    const keys = [
      ...keysFor('xy', 0, 100),
      backspace,
      ...keysFor('ab', 3000, 100),
      space,
      ...keysFor('1234', 5100, 100),
    ];
    expect(run(d, [...keys, enter(5500)]).at(-1)!.slow).toMatchObject({ raw: '1234' });
  });

  it('marks a slow burst shorter than minLength as too short', () => {
    const d = new ScanDetector({ maxGapMs: 50, minLength: 4 });
    expect(run(d, [...keysFor('x', 0, 0), enter(200)]).at(-1)!.slow).toMatchObject({ raw: 'x', tooShort: true });
  });

  it('takes a scanner whose gaps straddle the limit as one slow burst, never its fast tail as a cut-off scan', () => {
    const d = new ScanDetector({ maxGapMs: 50 });
    // "SO-1" slowly, then "00002" fast: the fast tail alone is long enough to pass for a scan.
    const keys = [...keysFor('SO-1', 0, 80), ...keysFor('00002', 320, 20)];
    const last = run(d, [...keys, enter(420)]).at(-1)!;
    expect(last.scan).toBeUndefined();
    expect(last.slow?.code).toBe('SO-100002');
  });

  it('still scans a fast burst that follows a stray key typed well before it', () => {
    const d = new ScanDetector({ maxGapMs: 50 });
    const keys = [...keysFor('q', 0, 0), ...keysFor('SO-100001', 1500, 10)];
    expect(run(d, [...keys, enter(1590)]).at(-1)).toMatchObject({ scan: 'SO-100001' });
  });

  it('strips the prefix and suffix the scanner adds, and reports the gaps of a scan', () => {
    const d = new ScanDetector({ prefix: ']C1', suffix: '$' });
    const keys: ScanKey[] = [
      { key: ']', code: 'BracketRight', shiftKey: false, timeStamp: 0, isComposing: false },
      { key: 'C', code: 'KeyC', shiftKey: true, timeStamp: 10, isComposing: false },
      ...keysFor('1SO-9', 20, 10),
      { key: '$', code: 'Digit4', shiftKey: true, timeStamp: 70, isComposing: false },
    ];
    const last = run(d, [...keys, enter(80)]).at(-1)!;
    expect(last.scan).toBe('SO-9');
    expect(last.gaps).toEqual(Array(8).fill(10));
    expect(stripAffixes('SO-9', ']C1', '$')).toBe('SO-9');
  });

  it('forgets a pending burst on cancel()', () => {
    const d = new ScanDetector();
    run(d, keysFor('SO-1', 0, 10));
    expect(d.pending()).toBe(true);
    d.cancel();
    expect(d.pending()).toBe(false);
    expect(d.feed(enter(50))).toEqual({ action: 'pass', plain: true });
  });
});

describe('traceKeys (the Scanner screen test field)', () => {
  it('says a fast burst counts as a scan, with the code and the gaps', () => {
    const trace = traceKeys([...keysFor('SO-100003', 0, 10), enter(90)], { maxGapMs: 50 });
    expect(trace).toMatchObject({ verdict: 'scan', code: 'SO-100003', raw: 'SO-100003', slowestGapMs: 10 });
    expect(trace.gaps).toHaveLength(9);
  });

  it('says why slow keys are not a scan, and what arrived', () => {
    const trace = traceKeys([...keysFor('SO-100005', 0, 80), enter(720)], { maxGapMs: 50 });
    expect(trace).toMatchObject({ verdict: 'slow', code: 'SO-100005', slowestGapMs: 80 });
  });

  it('says when a scan is too short, was typed by an IME, or had nothing printable', () => {
    expect(traceKeys([...keysFor('abc', 0, 10), enter(30)], { minLength: 4 }).verdict).toBe('too-short');
    expect(traceKeys([...keysFor('SO100001', 0, 10, { ime: true }), enter(80)]).verdict).toBe('ime');
    expect(traceKeys([enter(0)]).verdict).toBe('empty');
  });

  it('shows the code with the prefix stripped and the keys as they came', () => {
    const trace = traceKeys([...keysFor('XSO-1', 0, 10), enter(50)], { prefix: 'X' });
    expect(trace).toMatchObject({ verdict: 'scan', code: 'SO-1', raw: 'XSO-1' });
  });
});

describe('bindScanner: where scans go', () => {
  class Win implements KeyEventSource {
    listener: ((e: KeydownLike) => void) | null = null;
    addEventListener(_t: 'keydown', l: (e: KeydownLike) => void): void {
      this.listener = l;
    }
    removeEventListener(): void {
      this.listener = null;
    }
  }
  const clock: ScannerClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined };
  function press(win: Win, k: ScanKey, target: unknown) {
    const ev = {
      ...k,
      target,
      prevented: false,
      preventDefault() {
        ev.prevented = true;
      },
      stopPropagation() {},
    };
    win.listener!(ev);
    return ev;
  }
  function bind(mode: ScanMode, extra: Partial<ScannerHandlers> = {}) {
    const win = new Win();
    const seen = { scans: [] as string[], ignored: [] as string[], plain: [] as string[], slow: [] as string[] };
    bindScanner(
      win,
      {
        onScan: (c) => seen.scans.push(c),
        onReject: () => undefined,
        onIgnoredScan: (c) => seen.ignored.push(c),
        onPlainKey: (e) => seen.plain.push(e.key),
        onSlowBurst: (b) => {
          seen.slow.push(b.code);
          return true;
        },
        modeFor: () => mode,
        isTextField: (t) => t === 'field',
        ...extra,
      },
      { maxGapMs: 50 },
      clock,
    );
    return { win, seen };
  }

  it('leaves every key alone where a field types for itself (pass), however fast', () => {
    const { win, seen } = bind('pass');
    const events = [...keysFor('/api', 0, 20), enter(80)].map((k) => press(win, k, 'field'));
    expect(events.some((e) => e.prevented)).toBe(false);
    expect(seen).toEqual({ scans: [], ignored: [], plain: [], slow: [] });
  });

  it('swallows a burst on a screen that takes no scans and reports it as ignored, plain keys untouched', () => {
    const { win, seen } = bind('ignore');
    const events = [...keysFor('SO-100001', 0, 5), enter(45)].map((k) => press(win, k, 'button'));
    expect(events.slice(1).every((e) => e.prevented)).toBe(true);
    expect(seen.ignored).toEqual(['SO-100001']);
    expect(seen.scans).toEqual([]);
    press(win, enter(1000), 'button');
    expect(seen.plain).toEqual([]);
  });

  it('offers slow keys with no field focused and swallows their Enter when used', () => {
    const { win, seen } = bind('capture');
    const events = [...keysFor('SO-100002', 0, 80), enter(720)].map((k) => press(win, k, 'body'));
    expect(seen.slow).toEqual(['SO-100002']);
    expect(events.at(-1)!.prevented).toBe(true);
    expect(seen.plain).toEqual([]);
  });
});
