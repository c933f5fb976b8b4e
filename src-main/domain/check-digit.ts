/**
 * GS1 mod-10 check digit (GTIN, SSCC, and the station's own tracking numbers): from the rightmost data digit,
 * weights 3,1,3,...; check = (10 - sum mod 10) mod 10.
 * @param digits - the data digits without the check digit
 * @throws Error when `digits` holds anything but 0-9
 */
export function gs1Mod10(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new Error(`check digit needs digits only, got "${digits}"`);
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** True when the last digit of `code` is the GS1 mod-10 check digit of the digits before it. */
export function isValidGs1(code: string): boolean {
  if (!/^\d{2,}$/.test(code)) return false;
  return gs1Mod10(code.slice(0, -1)) === Number(code.slice(-1));
}
