import type { ScannerSettings } from '../../lib/scanner-settings';

/** The Scanner screen's form as typed (numbers as text, so a half-typed value is not coerced). */
export interface ScannerForm {
  maxGapMs: string;
  minLength: string;
  prefix: string;
  suffix: string;
  slowInput: ScannerSettings['slowInput'];
}

/** Which fields do not hold a valid value. */
export interface ScannerFormProblems {
  maxGapMs?: true;
  minLength?: true;
  prefix?: true;
  suffix?: true;
}

/** The form showing `settings`. */
export function scannerFormOf(settings: ScannerSettings): ScannerForm {
  return {
    maxGapMs: String(settings.maxGapMs),
    minLength: String(settings.minLength),
    prefix: settings.prefix,
    suffix: settings.suffix,
    slowInput: settings.slowInput,
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

const affixOk = (text: string) => text.length <= 16 && !/[\r\n]/.test(text);

/** The settings the form holds, or the fields that are wrong (the same ranges as the contract's schema). */
export function parseScannerForm(
  form: ScannerForm,
): { ok: true; settings: ScannerSettings } | { ok: false; problems: ScannerFormProblems } {
  const maxGapMs = wholeNumber(form.maxGapMs, 10, 500);
  const minLength = wholeNumber(form.minLength, 1, 64);
  const problems: ScannerFormProblems = {};
  if (maxGapMs === null) problems.maxGapMs = true;
  if (minLength === null) problems.minLength = true;
  if (!affixOk(form.prefix)) problems.prefix = true;
  if (!affixOk(form.suffix)) problems.suffix = true;
  if (maxGapMs === null || minLength === null || Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: { maxGapMs, minLength, prefix: form.prefix, suffix: form.suffix, slowInput: form.slowInput },
  };
}

/** True when the form differs from the saved settings (unsaved edits). */
export function scannerFormDirty(form: ScannerForm, saved: ScannerSettings): boolean {
  const shown = scannerFormOf(saved);
  // Numbers compare as typed, spaces around them aside; a prefix or suffix may be a space itself.
  return (
    form.maxGapMs.trim() !== shown.maxGapMs ||
    form.minLength.trim() !== shown.minLength ||
    form.prefix !== shown.prefix ||
    form.suffix !== shown.suffix ||
    form.slowInput !== shown.slowInput
  );
}

/** A gap that would take keys `slowestGapMs` apart as a scan, with room to spare (rounded up to 10 ms, ≤ 500). */
export function suggestedGapMs(slowestGapMs: number): number {
  return Math.min(500, Math.max(10, Math.ceil((slowestGapMs * 1.5) / 10) * 10));
}

/** A code as text a person can read: the GS1 group separator and other control characters named. */
export function visibleCode(code: string): string {
  // eslint-disable-next-line no-control-regex
  return code.replace(/[\x00-\x1f\x7f]/g, (ch) =>
    ch === '\x1d' ? '⟨GS⟩' : `⟨${ch.charCodeAt(0).toString(16).padStart(2, '0')}⟩`,
  );
}
