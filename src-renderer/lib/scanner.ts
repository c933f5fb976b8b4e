/**
 * Global scan capture for keyboard-wedge scanners (SCN-01..07, docs/requirements.md).
 *
 * Two parts: {@link ScanDetector}, pure logic fed with plain key records (unit-testable in Node, no DOM types),
 * and {@link bindScanner}, a thin binding that listens to capture-phase `keydown` on a window-like target.
 *
 * A scan is a burst of printable keys with gaps ≤ `maxGapMs`, at least `minLength` characters, ending in a
 * suffix key (Enter or Tab). Anything slower is typing. Characters are decoded from `code` + `shiftKey` on a US
 * layout (the scanner's layout), so Caps Lock and the OS keyboard layout cannot change them. The `prefix` and
 * `suffix` characters a scanner is set to add are stripped from the code.
 *
 * Keys slower than `maxGapMs` that land in no text field and end in Enter are not typing into anything: the
 * detector reports them as a {@link SlowBurst} (a slow Bluetooth wedge, or a person typing with no field
 * focused), so the screen can take them as a scan or say what arrived, instead of losing them.
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
  /** True when the key lands in a text field: then slow keys are typing into it, never a {@link SlowBurst}. */
  field?: boolean;
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
  /** Characters the scanner puts before every code; stripped from scans. */
  prefix: string;
  /** Characters the scanner puts after every code, before its Enter; stripped from scans. */
  suffix: string;
  /** Longest gap between two keys of a {@link SlowBurst}; a longer pause starts a new one. */
  slowMaxGapMs: number;
}

/** Defaults: 50 ms gaps, 4+ characters, Enter or Tab, US-layout decoding, no prefix or suffix. */
export const DEFAULT_SCANNER_OPTIONS: ScannerOptions = {
  maxGapMs: 50,
  minLength: 4,
  maxTotalMs: 5000,
  suffixKeys: ['Enter', 'Tab'],
  suffixRequired: true,
  decode: 'us',
  prefix: '',
  suffix: '',
  slowMaxGapMs: 2000,
};

/**
 * Printable keys slower than a scan, typed with no text field focused and ended by a suffix key. Not a scan by the
 * timing rules, but not typing into anything either: the screen decides (take it as a scan, or show it).
 */
export interface SlowBurst {
  /** The characters with the configured prefix and suffix stripped. */
  code: string;
  /** The characters as they arrived. */
  raw: string;
  /** Milliseconds between successive keys, the suffix key included. */
  gaps: number[];
  /** Fewer characters than `minLength`. */
  tooShort: boolean;
}

/** `raw` without the scanner's `prefix` and `suffix` (each only where it is there). */
export function stripAffixes(raw: string, prefix: string, suffix: string): string {
  let code = raw;
  if (prefix && code.startsWith(prefix)) code = code.slice(prefix.length);
  if (suffix && code.endsWith(suffix)) code = code.slice(0, code.length - suffix.length);
  return code;
}

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
  /** A completed scan (prefix and suffix stripped). */
  scan?: string;
  /** Milliseconds between the keys of the completed scan, its suffix key included. */
  gaps?: number[];
  /** Slow keys with no field focused, ended by a suffix key (see {@link SlowBurst}). */
  slow?: SlowBurst;
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
  private times: number[] = [];
  private imeKeys = 0;
  private startedAt = 0;
  private lastAt = 0;
  /** Printable keys outside text fields since the last scan, whatever their gaps: a possible {@link SlowBurst}. */
  private slowChars: string[] = [];
  private slowTimes: number[] = [];
  private readonly ring: RawKeystroke[] = [];
  private static readonly RING_SIZE = 64;

  constructor(options: Partial<ScannerOptions> = {}) {
    this.options = { ...DEFAULT_SCANNER_OPTIONS, ...options };
  }

  /** True while keys are arriving fast enough to be part of one burst. */
  inBurst(now: number): boolean {
    return this.length > 0 && now - this.lastAt <= this.options.maxGapMs;
  }

  /** True while a burst or slow keys are pending. */
  pending(): boolean {
    return this.length > 0 || this.slowChars.length > 0;
  }

  /** Forgets any burst and slow keys in progress (focus moved into a field that types for itself). */
  cancel(): void {
    this.reset();
    this.resetSlow();
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
      // An input method is typing: nothing of it is a slow scan.
      this.resetSlow();
      if (this.length === 0) this.startedAt = k.timeStamp;
      if (this.options.suffixKeys.includes(k.key)) return merge(carried, this.finish(k.timeStamp));
      // We cannot stop the IME; we can only make sure its burst is not taken for a scan.
      this.imeKeys += 1;
      this.lastAt = k.timeStamp;
      return carried;
    }

    if (this.options.suffixKeys.includes(k.key) && !k.ctrlKey && !k.altKey && !k.metaKey) {
      const finished = this.length > 0 ? this.finish(k.timeStamp) : null;
      if (finished?.scan !== undefined || finished?.reject !== undefined) {
        this.resetSlow();
        return merge(carried, finished);
      }
      const slow = k.field ? null : this.takeSlow(k.timeStamp);
      if (slow) return merge(carried, { ...(finished ?? {}), action: 'pass', slow });
      this.resetSlow();
      if (finished) return merge(carried, finished);
      return merge(carried, { action: 'pass', plain: PLAIN_KEYS.has(k.key) });
    }

    const ch = scanCharOf(k, this.options.decode);
    if (ch === null) {
      // Any other key (arrows, Backspace, shortcuts) means a person is at the keyboard.
      this.resetSlow();
      const ended = this.length > 0 ? this.end() : {};
      return merge(carried, { ...ended, action: 'pass', plain: PLAIN_KEYS.has(k.key) });
    }
    this.addSlow(ch, k);
    if (this.length === 0) {
      this.startedAt = k.timeStamp;
      this.chars.push(ch);
      this.times.push(k.timeStamp);
      this.lastAt = k.timeStamp;
      // A lone space is a plain key (acknowledge); it only becomes part of a scan if more keys follow quickly.
      return merge(carried, { action: 'hold', plain: k.key === ' ' });
    }
    this.chars.push(ch);
    this.times.push(k.timeStamp);
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
    if (fast && long && !this.joinsSlowKeys()) {
      const scan = this.scanned();
      const gaps = gapsOf([...this.times, now]);
      this.reset();
      return { action: 'swallow', scan, gaps };
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
      const scan = this.scanned();
      const gaps = gapsOf(this.times);
      this.reset();
      this.resetSlow();
      return { action: 'pass', scan, gaps };
    }
    const replay = this.chars.join('');
    this.reset();
    return replay ? { action: 'pass', replay } : { action: 'pass' };
  }

  private scanned(): string {
    return stripAffixes(this.chars.join(''), this.options.prefix, this.options.suffix);
  }

  /**
   * True when slow keys came just before this fast burst (within a few gaps): a scanner whose gaps straddle the
   * limit. Taking only the fast tail as the scan would send a cut-off code, so the whole goes as one slow burst.
   */
  private joinsSlowKeys(): boolean {
    const before = this.slowChars.length - this.chars.length;
    if (before <= 0) return false;
    const previous = this.slowTimes[before - 1]!;
    return this.startedAt - previous <= 4 * this.options.maxGapMs;
  }

  private addSlow(ch: string, k: ScanKey): void {
    if (k.field) {
      this.resetSlow();
      return;
    }
    const last = this.slowTimes.at(-1);
    if (last !== undefined && k.timeStamp - last > this.options.slowMaxGapMs) this.resetSlow();
    // A lone Space acknowledges a refusal; it does not start slow keys.
    if (this.slowChars.length === 0 && ch === ' ') return;
    this.slowChars.push(ch);
    this.slowTimes.push(k.timeStamp);
  }

  /** The slow keys ended by a suffix at `now`, or null when there are none (or the last came too long ago). */
  private takeSlow(now: number): SlowBurst | null {
    const last = this.slowTimes.at(-1);
    if (last === undefined || now - last > this.options.slowMaxGapMs) return null;
    const raw = this.slowChars.join('');
    const burst: SlowBurst = {
      code: stripAffixes(raw, this.options.prefix, this.options.suffix),
      raw,
      gaps: gapsOf([...this.slowTimes, now]),
      tooShort: raw.length < this.options.minLength,
    };
    this.resetSlow();
    return burst;
  }

  private reset(): void {
    this.chars = [];
    this.times = [];
    this.imeKeys = 0;
    this.startedAt = 0;
    this.lastAt = 0;
  }

  private resetSlow(): void {
    this.slowChars = [];
    this.slowTimes = [];
  }

  private record(k: ScanKey, ime: boolean): void {
    this.ring.push({ key: k.key, code: k.code, shiftKey: k.shiftKey, timeStamp: k.timeStamp, ime });
    if (this.ring.length > ScanDetector.RING_SIZE) this.ring.shift();
  }
}

/** Differences between successive times, rounded to whole ms. */
function gapsOf(times: readonly number[]): number[] {
  return times.slice(1).map((t, i) => Math.round(t - times[i]!));
}

/** Combines the outcome of ending a previous burst with the outcome of the key that ended it. */
function merge(first: KeyOutcome, second: KeyOutcome): KeyOutcome {
  const out: KeyOutcome = { ...second };
  if (first.scan !== undefined && out.scan === undefined) {
    out.scan = first.scan;
    if (first.gaps) out.gaps = first.gaps;
  }
  if (first.reject !== undefined && out.reject === undefined) out.reject = first.reject;
  if (first.replay) out.replay = first.replay + (second.replay ?? '');
  return out;
}

/** What the station made of a run of keys (the Scanner screen's test field). */
export interface KeyTrace {
  /** The code the station takes (prefix and suffix stripped); empty when nothing printable arrived. */
  code: string;
  /** The characters as they arrived. */
  raw: string;
  /** Milliseconds between successive keys, the suffix key included. */
  gaps: number[];
  /** `scan`: counted as a scan. `slow`: gaps over the limit. `too-short`: fewer than `minLength` characters.
   * `ime`: an input method typed it. `empty`: no printable key before the suffix. */
  verdict: 'scan' | 'slow' | 'too-short' | 'ime' | 'empty';
  /** The longest gap, in ms (0 for a single key). */
  slowestGapMs: number;
}

/**
 * Runs `keys` (ending in a suffix key) through a fresh detector as if no field had focus, and says what the
 * station would have made of them: the test field of the Scanner screen, which shows exactly what arrived.
 */
export function traceKeys(keys: readonly ScanKey[], options: Partial<ScannerOptions> = {}): KeyTrace {
  const detector = new ScanDetector(options);
  let last: KeyOutcome = { action: 'pass' };
  const counted = keys.filter((k) => !MODIFIER_KEYS.has(k.key));
  for (const k of keys) {
    const outcome = detector.feed({ ...k, field: false });
    if (!MODIFIER_KEYS.has(k.key)) last = outcome;
  }
  const raw = counted
    .slice(0, -1)
    .map((k) => scanCharOf(k, detector.options.decode))
    .filter((ch): ch is string => ch !== null)
    .join('');
  const gaps = gapsOf(counted.map((k) => k.timeStamp));
  const slowestGapMs = gaps.length > 0 ? Math.max(...gaps) : 0;
  const { prefix, suffix } = detector.options;
  if (last.scan !== undefined) return { code: last.scan, raw, gaps: last.gaps ?? gaps, verdict: 'scan', slowestGapMs };
  if (last.reject !== undefined || counted.some(isImeKey)) return { code: '', raw, gaps, verdict: 'ime', slowestGapMs };
  if (last.slow) {
    return {
      code: last.slow.code,
      raw: last.slow.raw,
      gaps: last.slow.gaps,
      verdict: last.slow.tooShort ? 'too-short' : 'slow',
      slowestGapMs: Math.max(0, ...last.slow.gaps),
    };
  }
  return { code: stripAffixes(raw, prefix, suffix), raw, gaps, verdict: raw ? 'slow' : 'empty', slowestGapMs };
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

/**
 * What the capture does with a key, decided per key from where it lands (see `use-scanner-binding.ts`):
 * - `capture`: bursts are scans for the screen (`onScan`), slow keys are offered (`onSlowBurst`), plain keys go to
 *   `onPlainKey`.
 * - `ignore`: this screen takes no scans: a burst is still swallowed (so it cannot press a focused button or change
 *   a form) and reported through `onIgnoredScan`; plain keys are left alone.
 * - `pass`: a text field that types for itself has focus: the key is left alone entirely, however fast it comes (a
 *   password manager's auto-type stays typing).
 */
export type ScanMode = 'capture' | 'ignore' | 'pass';

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
  /** How to treat a key on this target; `capture` when absent. */
  modeFor?(target: unknown): ScanMode;
  /** A scan on a screen that takes none (mode `ignore`). */
  onIgnoredScan?(code: string): void;
  /** Slow keys with no field focused, ended by Enter (mode `capture`). Return true when used: the Enter is then
   * swallowed. */
  onSlowBurst?(burst: SlowBurst): boolean;
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
 * field it was meant for. Where `modeFor` says `pass` the capture stays out of the way.
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
  /** The mode of the last key, for outcomes the timer delivers. */
  let mode: ScanMode = 'capture';

  /** Applies an outcome; returns true when a slow burst was used (its Enter is then swallowed). */
  const apply = (outcome: KeyOutcome): boolean => {
    if (outcome.replay && holding && handlers.replay) handlers.replay(holdTarget, outcome.replay);
    if (outcome.replay !== undefined || outcome.scan !== undefined || outcome.reject !== undefined) holding = false;
    if (outcome.scan !== undefined) {
      if (mode === 'capture') handlers.onScan(outcome.scan);
      else handlers.onIgnoredScan?.(outcome.scan);
    }
    if (outcome.reject !== undefined && mode === 'capture') handlers.onReject(outcome.reject);
    if (outcome.slow && mode === 'capture' && handlers.onSlowBurst) return handlers.onSlowBurst(outcome.slow);
    return false;
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
    mode = handlers.modeFor ? handlers.modeFor(event.target) : 'capture';
    if (mode === 'pass') {
      // A field that types for itself: whatever was pending is not a scan any more.
      if (detector.pending()) detector.cancel();
      holding = false;
      return;
    }
    const capsLock = typeof event.getModifierState === 'function' ? event.getModifierState('CapsLock') : undefined;
    const field = handlers.isTextField ? handlers.isTextField(event.target) : false;
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
      field,
    });
    const usedSlow = apply(outcome);
    if (usedSlow) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    const plainKeys = mode === 'capture';
    if (outcome.action === 'hold') {
      holdTarget = event.target;
      holding = field;
      if (holding) event.preventDefault();
      schedule();
    } else if (outcome.action === 'swallow') {
      event.preventDefault();
      event.stopPropagation();
      if (outcome.scan === undefined && outcome.reject === undefined) schedule();
    } else if (outcome.plain) {
      if (plainKeys) handlers.onPlainKey?.(event);
    } else if (isImeKey(event)) {
      schedule();
    }
    if (outcome.action === 'hold' && outcome.plain && !holding && plainKeys) {
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
