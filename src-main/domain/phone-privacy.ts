/**
 * Receiver phones on supervisor lists: the packer and the supervisor browsing orders never need the whole number,
 * so lists show it masked (138****5678) and search it by its last four digits only.
 */

/** The last four digits of a phone number (whatever its spelling), or null when it has fewer than four. */
export function phoneLast4(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/**
 * The phone with every digit but the first three and the last four replaced by `*`, keeping its spelling
 * (`13812345678` → `138****5678`, `010-12345678` → `010-****5678`, `+1 415 555 0123` → `+1 41* *** 0123`).
 * Numbers of seven digits or fewer keep only their last two digits.
 */
export function maskPhone(phone: string): string {
  const total = phone.replace(/\D/g, '').length;
  if (total === 0) return phone;
  const keepHead = total > 7 ? 3 : 0;
  const keepTail = total > 7 ? 4 : Math.min(2, total);
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= keepHead || seen > total - keepTail ? digit : '*';
  });
}
