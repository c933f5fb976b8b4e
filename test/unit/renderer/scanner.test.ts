import { describe, expect, it } from 'vitest';
import {
  GROUP_SEPARATOR,
  ScanDetector,
  bindScanner,
  decodeUsKey,
  type KeyEventSource,
  type KeydownLike,
  type ScanKey,
  type ScannerClock,
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
