import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { cleanText } from './text';

/** The outcome of reading a phone number: its standard spelling, or why it is not a number one can call. */
export type PhoneCheck = { ok: true; phone: string } | { ok: false; reason: 'missing' | 'invalid'; phone: string };

/**
 * Reads a phone number with libphonenumber-js (min metadata), the receiver's country as the default region.
 * Chinese numbers come out as carriers print them (`13800138000`, landlines `010-12345678`), all others in
 * international format (`+1 415 555 0123`). Extensions and a second number after `/`, `,` or `;` are dropped.
 */
export function standardizePhone(raw: string, country: string): PhoneCheck {
  const cleaned = cleanText(raw);
  if (cleaned === '') return { ok: false, reason: 'missing', phone: '' };
  const first = cleaned.split(/[/,;，、]| or /)[0]!.trim();
  const region = /^[A-Z]{2}$/.test(country) ? (country as CountryCode) : undefined;
  let parsed: ReturnType<typeof parsePhoneNumberFromString>;
  try {
    parsed = parsePhoneNumberFromString(first, region);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'invalid', phone: cleaned };
  if (parsed.country === 'CN') {
    const national = parsed.nationalNumber;
    // Min metadata is lenient: a Chinese number starting with 1 (but not Beijing's area code 10) is a mobile and
    // has exactly 11 digits.
    if (national.startsWith('1') && !national.startsWith('10')) {
      return /^1[3-9]\d{9}$/.test(national)
        ? { ok: true, phone: national }
        : { ok: false, reason: 'invalid', phone: cleaned };
    }
    // Landlines: the area code (2 digits for 10, 20-29; else 3) before a dash, the trunk prefix 0 restored.
    const areaLength = /^(10|2\d)/.test(national) ? 2 : 3;
    return { ok: true, phone: `0${national.slice(0, areaLength)}-${national.slice(areaLength)}` };
  }
  return { ok: true, phone: parsed.formatInternational() };
}
