import { gs1Mod10 } from '../../domain';

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * UPU S10 check digit (international postal items, `RB12345678` + check + `GB`): weights 8 6 4 2 3 5 9 7 over the
 * eight serial digits; r = 11 - (sum mod 11), with r = 10 giving 0 and r = 11 giving 5.
 * @throws Error when `serial` is not exactly eight digits
 */
export function upuS10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`UPU S10 serial must be 8 digits, got "${serial}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (serial.charCodeAt(i) - 48) * S10_WEIGHTS[i]!;
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 5 : r;
}

/**
 * UPS 1Z check digit over the 15 characters after `1Z` (account 6, service 2, package 7): letters count as
 * (ASCII - 63) mod 10, characters at odd 0-based positions are doubled, check = (10 - sum mod 10) mod 10.
 * @throws Error when `body` is not 15 digits or capital letters
 */
export function ups1ZCheckDigit(body: string): number {
  if (!/^[0-9A-Z]{15}$/.test(body)) throw new Error(`UPS 1Z body must be 15 digits or capitals, got "${body}"`);
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const code = body.charCodeAt(i);
    const value = code <= 57 ? code - 48 : (code - 63) % 10;
    sum += i % 2 === 1 ? value * 2 : value;
  }
  return (10 - (sum % 10)) % 10;
}

/** GS1 SSCC check digit over its 17 data digits (extension digit, company prefix, serial reference). */
export function ssccCheckDigit(data: string): number {
  if (!/^\d{17}$/.test(data)) throw new Error(`SSCC data must be 17 digits, got "${data}"`);
  return gs1Mod10(data);
}
