import { ssccCheckDigit, ups1ZCheckDigit, upuS10CheckDigit } from './carrier-check-digits';

/** The carrier numbering schemes a tracking-number range can follow. */
export type NumberScheme = 'sscc' | 'upu-s10' | 'ups-1z';

/** The fixed parts of a carrier range: `prefix` + serial + check digit (+ `suffix` for S10). */
export interface RangeFormat {
  scheme: NumberScheme;
  /** SSCC: extension digit + GS1 company prefix (7-13 digits); S10: service indicator (2 capitals); UPS: account + service (8). */
  prefix: string;
  /** S10 only: the ISO country code of the issuing post (2 capitals); empty otherwise. */
  suffix: string;
}

/** How many serial digits a range of this format has. */
export function serialDigits(format: RangeFormat): number {
  switch (format.scheme) {
    case 'sscc':
      return 17 - format.prefix.length;
    case 'upu-s10':
      return 8;
    case 'ups-1z':
      return 7;
  }
}

/**
 * Checks the fixed parts of a range; returns what is wrong (empty when it is fine), each naming the field.
 */
export function rangeFormatProblems(format: RangeFormat): string[] {
  const problems: string[] = [];
  const { scheme, prefix, suffix } = format;
  if (scheme === 'sscc') {
    if (!/^\d{7,13}$/.test(prefix))
      problems.push(`prefix: SSCC needs the extension digit and GS1 company prefix, 7-13 digits, got "${prefix}"`);
    if (suffix !== '') problems.push('suffix: SSCC numbers have no suffix');
  } else if (scheme === 'upu-s10') {
    if (!/^[A-Z]{2}$/.test(prefix))
      problems.push(`prefix: UPU S10 needs a 2-letter service indicator, got "${prefix}"`);
    if (!/^[A-Z]{2}$/.test(suffix)) problems.push(`suffix: UPU S10 needs a 2-letter country code, got "${suffix}"`);
  } else if (scheme === 'ups-1z') {
    if (!/^[0-9A-Z]{8}$/.test(prefix))
      problems.push(`prefix: UPS 1Z needs the 6-character account and 2-character service code, got "${prefix}"`);
    if (suffix !== '') problems.push('suffix: UPS 1Z numbers have no suffix');
  } else {
    problems.push(`scheme: unknown numbering scheme "${String(scheme)}" (use sscc, upu-s10 or ups-1z)`);
  }
  return problems;
}

/** The largest serial a range of this format can hold. */
export function maxSerial(format: RangeFormat): number {
  return 10 ** serialDigits(format) - 1;
}

/**
 * Formats one carrier tracking number with its scheme's check digit.
 * @throws Error when the format is invalid or the serial does not fit
 */
export function formatCarrierNumber(format: RangeFormat, serial: number): string {
  const problems = rangeFormatProblems(format);
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (!Number.isSafeInteger(serial) || serial < 0 || serial > maxSerial(format))
    throw new Error(`serial ${serial} does not fit ${serialDigits(format)} digits`);
  const digits = String(serial).padStart(serialDigits(format), '0');
  switch (format.scheme) {
    case 'sscc': {
      const data = format.prefix + digits;
      return `${data}${ssccCheckDigit(data)}`;
    }
    case 'upu-s10':
      return `${format.prefix}${digits}${upuS10CheckDigit(digits)}${format.suffix}`;
    case 'ups-1z': {
      const body = format.prefix + digits;
      return `1Z${body}${ups1ZCheckDigit(body)}`;
    }
  }
}

/** True when `value` is a well-formed number of `scheme` whose check digit is right. */
export function isValidCarrierNumber(scheme: NumberScheme, value: string): boolean {
  if (scheme === 'sscc') return /^\d{18}$/.test(value) && ssccCheckDigit(value.slice(0, 17)) === Number(value[17]);
  if (scheme === 'upu-s10') {
    const match = /^[A-Z]{2}(\d{8})(\d)[A-Z]{2}$/.exec(value);
    return match !== null && upuS10CheckDigit(match[1]!) === Number(match[2]);
  }
  const match = /^1Z([0-9A-Z]{15})(\d)$/.exec(value);
  return match !== null && ups1ZCheckDigit(match[1]!) === Number(match[2]);
}
