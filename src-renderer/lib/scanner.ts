/**
 * Global scan capture for keyboard-wedge scanners (SCN-01..07, docs/requirements.md).
 *
 * Two parts: {@link ScanDetector}, pure logic fed with plain key records (unit-testable in Node, no DOM types),
 * and {@link bindScanner}, a thin binding that listens to capture-phase `keydown` on a window-like target.
 *
 * A scan is a burst of printable keys with gaps ≤ `maxGapMs`, at least `minLength` characters, ending in a
 * suffix key (Enter or Tab). Anything slower is typing. Characters are decoded from `code` + `shiftKey` on a US
 * layout (the scanner's layout), so Caps Lock and the OS keyboard layout cannot change them.
 */

/** The parts of a keyboard event the detector needs. */
export interface ScanKey {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  /** Event time in ms (DOM `timeStamp`); only differences matter. */
  timeStamp: number;
  isComposing: boolean;
  /** Legacy `keyCode`; 229 means an IME owns the key. */
  keyCode?: number;
  /** Caps Lock state (`getModifierState('CapsLock')`) when known. */
  capsLock?: boolean;
}

/** Tuning of the detector; every field has a default. */
export interface ScannerOptions {
  /** Longest gap between two keys of one scan. Bluetooth scanners may need 100-150 ms. */
  maxGapMs: number;
  /** Shortest scan, in characters. */
  minLength: number;
  /** Longest whole scan from first key to suffix. */
  maxTotalMs: number;
  /** Keys that end a scan. */
  suffixKeys: readonly string[];
  /** When false, a burst that stops without a suffix also counts as a scan once the gap runs out. */
  suffixRequired: boolean;
  /** `us`: the scanner types on a US layout; decode from `code` + `shiftKey` where Caps Lock or the OS layout
   * changed `key` (see {@link scanCharOf}). `key`: trust `key` as is. */
  decode: 'us' | 'key';
}

/** Defaults: 50 ms gaps, 4+ characters, Enter or Tab, US-layout decoding. */
export const DEFAULT_SCANNER_OPTIONS: ScannerOptions = {
  maxGapMs: 50,
  minLength: 4,
  maxTotalMs: 5000,
  suffixKeys: ['Enter', 'Tab'],
  suffixRequired: true,
  decode: 'us',
};

/** ASCII 29, the GS1 group separator. */
export const GROUP_SEPARATOR = '\x1d';

/** Why a burst was refused instead of becoming a scan. */
export type ScanRejectReason = 'ime-active';

/**
 * What the binding must do with one key.
 * - `pass`: leave the event alone (not part of a burst).
 * - `hold`: a printable key that may start a scan; swallow it if it would land in a text field (it is given back
 *   through `replay` if it turns out to be typing).
 * - `swallow`: part of a burst or its suffix; preventDefault so no focused field sees it.
 */
export interface KeyOutcome {
  action: 'pass' | 'hold' | 'swallow';
  /** A completed scan. */
  scan?: string;
  /** A refused burst. */
  reject?: ScanRejectReason;
  /** Held characters that turned out to be typing, to be given back to the field that had focus. */
  replay?: string;
  /** True for Enter/Escape/Space etc. pressed while no burst is in progress. */
  plain?: boolean;
}

const MODIFIER_KEYS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Fn',
]);

const US_SHIFTED_DIGITS = ')!@#$%^&*(';
/** US layout: code -> [unshifted, shifted]. Letters and digits are handled separately. */
const US_PUNCTUATION: Readonly<Record<string, readonly [string, string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Backquote: ['`', '~'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

/**
 * The character a key stands for on a US layout, from `code` + `shiftKey`, or null when `code` is not a printable
 * key. Caps Lock is ignored on purpose: the scanner sends Shift for upper case.
 */
export function decodeUsKey(code: string, shiftKey: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return shiftKey ? letter[1]! : letter[1]!.toLowerCase();
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return shiftKey ? US_SHIFTED_DIGITS[Number(digit[1])]! : digit[1]!;
  const numpad = /^Numpad([0-9])$/.exec(code);
  if (numpad) return numpad[1]!;
  const punct = US_PUNCTUATION[code];
  return punct ? punct[shiftKey ? 1 : 0] : null;
}

/** True when an IME owns this key (Chinese input method active). */
export function isImeKey(k: ScanKey): boolean {
  return k.isComposing || k.keyCode === 229 || k.key === 'Process';
}

/**
 * The printable character of a key for a scan, or null when the key is not printable. GS survives as `\x1d`
 * whether sent raw or as Ctrl+].
 *
 * With `decode: 'us'` (the default) the scanner is assumed to type on a US layout:
 * - Letters: with Caps Lock on (reported, or given away by Shift + a lower-case `key`) the case comes from
 *   `shiftKey`, so Caps Lock cannot flip it. Otherwise `key` is trusted: some wedges and virtual keyboards send
 *   upper-case letters without Shift.
 * - Other keys: `key` is trusted when it is one of the two characters the US key at `code` can type; when it is
 *   not (AZERTY `&` on Digit1, UK `@`/`"` swapped) the character is decoded from `code` + `shiftKey`.
 */
export function scanCharOf(k: ScanKey, decode: ScannerOptions['decode'] = 'us'): string | null {
  if (k.key === GROUP_SEPARATOR) return GROUP_SEPARATOR;
  if (k.ctrlKey && !k.altKey && (k.code === 'BracketRight' || k.key === ']')) return GROUP_SEPARATOR;
  // Ctrl/Meta combos are shortcuts, not characters; Ctrl+Alt is AltGr on Windows and does print.
  if (k.metaKey || (k.ctrlKey && !k.altKey)) return null;
  if (k.key.length !== 1) return null;
  if (decode === 'key') return k.key;
  const us = decodeUsKey(k.code, k.shiftKey);
  if (us === null) return k.key;
  const letter = /^Key([A-Z])$/.exec(k.code)?.[1];
  if (letter !== undefined) {
    if (k.key.toUpperCase() !== letter) return us;
    const capsLock = k.capsLock ?? (k.shiftKey && k.key !== k.key.toUpperCase());
    return capsLock ? us : k.key;
  }
  const alternatives = [decodeUsKey(k.code, false), decodeUsKey(k.code, true)];
  return alternatives.includes(k.key) ? k.key : us;
}

/** Keys with a meaning of their own on the pack screen when no burst is in progress. */
const PLAIN_KEYS = new Set(['Enter', 'Escape', ' ']);

/** One raw keystroke as recorded in the diagnostic ring buffer. */
export interface RawKeystroke {
  key: string;
  code: string;
  shiftKey: boolean;
  timeStamp: number;
  ime: boolean;
}

/**
 * Pure scan detector: feed it every keydown with {@link feed}, and call {@link expire} when `maxGapMs` has passed
 * without a key. It never touches the DOM.
 */
export class ScanDetector {
  readonly options: ScannerOptions;
  private chars: string[] = [];
  private imeKeys = 0;
  private startedAt = 0;
  private lastAt = 0;
  private readonly ring: RawKeystroke[] = [];
  private static readonly RING_SIZE = 64;

  constructor(options: Partial<ScannerOptions> = {}) {
    this.options = { ...DEFAULT_SCANNER_OPTIONS, ...options };
  }

  /** True while keys are arriving fast enough to be part of one burst. */
  inBurst(now: number): boolean {
    return this.length > 0 && now - this.lastAt <= this.options.maxGapMs;
  }

  /** The last keystrokes seen, oldest first (for diagnosing a scanner that misbehaves). */
  recentKeys(): readonly RawKeystroke[] {
    return [...this.ring];
  }

  private get length(): number {
    return this.chars.length + this.imeKeys;
  }

  /** Classifies one keydown. */
  feed(k: ScanKey): KeyOutcome {
    if (MODIFIER_KEYS.has(k.key)) return { action: 'pass' };
    const ime = isImeKey(k);
    this.record(k, ime);

    // A key after the gap ran out ends the previous burst first.
    const carried: KeyOutcome =
      this.length > 0 && k.timeStamp - this.lastAt > this.options.maxGapMs ? this.end() : { action: 'pass' };

    if (ime) {
      if (this.length === 0) this.startedAt = k.timeStamp;
      if (this.options.suffixKeys.includes(k.key)) return merge(carried, this.finish(k.timeStamp));
      // We cannot stop the IME; we can only make sure its burst is not taken for a scan.
      this.imeKeys += 1;
      this.lastAt = k.timeStamp;
      return carried;
    }

    if (this.options.suffixKeys.includes(k.key) && !k.ctrlKey && !k.altKey && !k.metaKey) {
      if (this.length > 0) return merge(carried, this.finish(k.timeStamp));
      return merge(carried, { action: 'pass', plain: PLAIN_KEYS.has(k.key) });
    }

    const ch = scanCharOf(k, this.options.decode);
    if (ch === null) {
      // Any other key (arrows, Backspace, shortcuts) means a person is at the keyboard.
      const ended = this.length > 0 ? this.end() : {};
      return merge(carried, { ...ended, action: 'pass', plain: PLAIN_KEYS.has(k.key) });
    }
    if (this.length === 0) {
      this.startedAt = k.timeStamp;
      this.chars.push(ch);
      this.lastAt = k.timeStamp;
      // A lone space is a plain key (acknowledge); it only becomes part of a scan if more keys follow quickly.
      return merge(carried, { action: 'hold', plain: k.key === ' ' });
    }
    this.chars.push(ch);
    this.lastAt = k.timeStamp;
    return merge(carried, { action: 'swallow' });
  }

  /**
   * Ends the burst when the gap has run out: held characters go back as typing, an IME burst is refused, and
   * with `suffixRequired: false` a long enough burst becomes a scan. Returns null when nothing was pending.
   */
  expire(now: number): KeyOutcome | null {
    if (this.length === 0 || now - this.lastAt <= this.options.maxGapMs) return null;
    return this.end();
  }

  /** A suffix key arrived: scan, refusal, or typing followed by a normal Enter/Tab. */
  private finish(now: number): KeyOutcome {
    const { minLength, maxGapMs, maxTotalMs } = this.options;
    const fast = now - this.lastAt <= maxGapMs && now - this.startedAt <= maxTotalMs;
    const long = this.length >= minLength;
    if (fast && long && this.imeKeys > 0) {
      this.reset();
      return { action: 'swallow', reject: 'ime-active' };
    }
    if (fast && long) {
      const scan = this.chars.join('');
      this.reset();
      return { action: 'swallow', scan };
    }
    const replay = this.chars.join('');
    this.reset();
    return replay ? { action: 'pass', replay } : { action: 'pass' };
  }

  /** Ends a burst without a suffix. */
  private end(): KeyOutcome {
    const { minLength, maxTotalMs, suffixRequired } = this.options;
    const long = this.length >= minLength;
    if (long && this.imeKeys > 0 && this.lastAt - this.startedAt <= maxTotalMs) {
      this.reset();
      return { action: 'pass', reject: 'ime-active' };
    }
    if (long && !suffixRequired && this.lastAt - this.startedAt <= maxTotalMs) {
      const scan = this.chars.join('');
      this.reset();
      return { action: 'pass', scan };
    }
    const replay = this.chars.join('');
    this.reset();
    return replay ? { action: 'pass', replay } : { action: 'pass' };
  }

  private reset(): void {
    this.chars = [];
    this.imeKeys = 0;
    this.startedAt = 0;
    this.lastAt = 0;
  }

  private record(k: ScanKey, ime: boolean): void {
    this.ring.push({ key: k.key, code: k.code, shiftKey: k.shiftKey, timeStamp: k.timeStamp, ime });
    if (this.ring.length > ScanDetector.RING_SIZE) this.ring.shift();
  }
}

/** Combines the outcome of ending a previous burst with the outcome of the key that ended it. */
function merge(first: KeyOutcome, second: KeyOutcome): KeyOutcome {
  const out: KeyOutcome = { ...second };
  if (first.scan !== undefined && out.scan === undefined) out.scan = first.scan;
  if (first.reject !== undefined && out.reject === undefined) out.reject = first.reject;
  if (first.replay) out.replay = first.replay + (second.replay ?? '');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// DOM binding. Structural types keep this file free of DOM lib types, so Node tests compile it as is.

/** The keydown event fields the binding uses. */
export interface KeydownLike extends ScanKey {
  target: unknown;
  getModifierState?(key: string): boolean;
  preventDefault(): void;
  stopPropagation(): void;
}

/** The window-like object the binding listens on. */
export interface KeyEventSource {
  addEventListener(type: 'keydown', listener: (event: KeydownLike) => void, options: { capture: boolean }): void;
  removeEventListener(type: 'keydown', listener: (event: KeydownLike) => void, options: { capture: boolean }): void;
}

/** Callbacks of {@link bindScanner}. */
export interface ScannerHandlers {
  /** A completed scan. */
  onScan(code: string): void;
  /** A burst refused (an IME was composing). */
  onReject(reason: ScanRejectReason): void;
  /** Enter/Escape/Space (and other keys) pressed while no burst is in progress. The handler may preventDefault. */
  onPlainKey?(event: KeydownLike): void;
  /** Gives typed characters that were held back to the field that had focus. */
  replay?(target: unknown, text: string): void;
  /** Whether a key on this target would type into a text field (held keys are swallowed only there). */
  isTextField?(target: unknown): boolean;
}

/** A bound scanner; call `dispose` to stop listening. */
export interface BoundScanner {
  detector: ScanDetector;
  dispose(): void;
}

/** Timer functions, injectable for tests. */
export interface ScannerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Listens to capture-phase keydown on `source` (the window) and turns bursts into scans. Keys of a burst are
 * swallowed so a focused field never receives scan characters; typing that was held back is replayed into the
 * field it was meant for.
 */
export function bindScanner(
  source: KeyEventSource,
  handlers: ScannerHandlers,
  options: Partial<ScannerOptions> = {},
  clock: ScannerClock = {
    now: () => performance.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): BoundScanner {
  const detector = new ScanDetector(options);
  let timer: unknown = null;
  let holdTarget: unknown = null;
  let holding = false;

  const apply = (outcome: KeyOutcome): void => {
    if (outcome.replay && holding && handlers.replay) handlers.replay(holdTarget, outcome.replay);
    if (outcome.replay !== undefined || outcome.scan !== undefined || outcome.reject !== undefined) holding = false;
    if (outcome.scan !== undefined) handlers.onScan(outcome.scan);
    if (outcome.reject !== undefined) handlers.onReject(outcome.reject);
  };

  const schedule = (): void => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = clock.setTimeout(() => {
      timer = null;
      const outcome = detector.expire(clock.now());
      if (outcome) apply(outcome);
    }, detector.options.maxGapMs + 5);
  };

  const listener = (event: KeydownLike): void => {
    const capsLock = typeof event.getModifierState === 'function' ? event.getModifierState('CapsLock') : undefined;
    const outcome = detector.feed({
      key: event.key,
      code: event.code,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      altKey: event.altKey,
      metaKey: event.metaKey,
      timeStamp: event.timeStamp,
      isComposing: event.isComposing,
      keyCode: event.keyCode,
      capsLock,
    });
    apply(outcome);
    if (outcome.action === 'hold') {
      holdTarget = event.target;
      holding = handlers.isTextField ? handlers.isTextField(event.target) : false;
      if (holding) event.preventDefault();
      schedule();
    } else if (outcome.action === 'swallow') {
      event.preventDefault();
      event.stopPropagation();
      if (outcome.scan === undefined && outcome.reject === undefined) schedule();
    } else if (outcome.plain) {
      handlers.onPlainKey?.(event);
    } else if (isImeKey(event)) {
      schedule();
    }
    if (outcome.action === 'hold' && outcome.plain && !holding) {
      // A lone Space on a non-text target: the pack screen may use it to acknowledge.
      handlers.onPlainKey?.(event);
    }
  };

  source.addEventListener('keydown', listener, { capture: true });
  return {
    detector,
    dispose: () => {
      source.removeEventListener('keydown', listener, { capture: true });
      if (timer !== null) clock.clearTimeout(timer);
    },
  };
}
