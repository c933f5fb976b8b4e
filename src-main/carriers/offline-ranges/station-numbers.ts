import { gs1Mod10 } from '../../domain';

/** Digits in the serial part of a station tracking number. */
export const TRACKING_SERIAL_DIGITS = 11;

/**
 * Formats a tracking number from a pool prefix and serial: PREFIX + 11-digit serial + GS1 mod-10 check digit,
 * e.g. `DS` + `00000000001` + `7`. The check digit lets a scan of a damaged label be told from a real number.
 */
export function formatTrackingNumber(prefix: string, serial: number): string {
  if (!/^[A-Z]{1,4}$/.test(prefix)) throw new Error(`tracking prefix must be 1-4 capital letters, got "${prefix}"`);
  if (!Number.isSafeInteger(serial) || serial < 0 || serial >= 10 ** TRACKING_SERIAL_DIGITS) {
    throw new Error(`tracking serial out of range: ${serial}`);
  }
  const digits = String(serial).padStart(TRACKING_SERIAL_DIGITS, '0');
  return `${prefix}${digits}${gs1Mod10(digits)}`;
}

/** True when `value` is a well-formed station tracking number with a correct check digit. */
export function isTrackingNumber(value: string): boolean {
  const match = /^([A-Z]{1,4})(\d{11})(\d)$/.exec(value);
  if (!match) return false;
  return gs1Mod10(match[2]!) === Number(match[3]);
}
