import type { Address, Order } from '../../domain';
import { resolveChineseAddress } from './china-divisions';
import { checkPostcode, toCountryCode } from './countries';
import type { IntakeIssue } from './issues';
import { standardizePhone } from './phone';
import { cleanOptional, cleanText } from './text';

const CJK = /[\u3400-\u9fff]/;

function cleanAddress(address: Address): Address {
  return {
    name: cleanText(address.name),
    phone: cleanText(address.phone),
    company: cleanOptional(address.company),
    country: cleanText(address.country),
    province: cleanOptional(address.province),
    city: cleanText(address.city),
    district: cleanOptional(address.district),
    address: cleanText(address.address),
    postcode: cleanOptional(address.postcode),
  };
}

/**
 * Standardizes one receiver: ISO country code (a domestic order without a country but with Chinese place names is
 * `CN`), Chinese divisions resolved against the division table, postcode to its country's pattern, phone through
 * libphonenumber-js. Returns the address and what is wrong with it.
 */
export function standardizeReceiver(raw: Address, field = 'receiver'): { address: Address; issues: IntakeIssue[] } {
  const issues: IntakeIssue[] = [];
  let address = cleanAddress(raw);

  let country = toCountryCode(address.country);
  if (
    country === null &&
    address.country === '' &&
    CJK.test(`${address.province ?? ''}${address.city}${address.address}`)
  )
    country = 'CN';
  if (country === null) {
    issues.push({
      code: 'unknown-country',
      field: `${field}.country`,
      message:
        address.country === ''
          ? 'the address has no country'
          : `"${address.country}" is not a country code or name the station knows`,
    });
  } else {
    address = { ...address, country };
  }

  if (country === 'CN') {
    const resolved = resolveChineseAddress(address);
    address = { ...address, ...resolved.address };
    for (const problem of resolved.problems) {
      issues.push({
        code: problem.kind === 'unknown' ? 'unknown-region' : 'incomplete-address',
        field: `${field}.${problem.field}`,
        message: problem.message,
      });
    }
  }

  if (country !== null) {
    const postcode = checkPostcode(country, address.postcode);
    address = { ...address, postcode: postcode.postcode };
    if (!postcode.ok) {
      issues.push({
        code: 'invalid-postcode',
        field: `${field}.postcode`,
        message:
          postcode.reason === 'missing'
            ? `an address in ${country} needs a postcode`
            : `postcode "${postcode.postcode}" does not fit the pattern of ${country}`,
      });
    }
  }

  // An empty phone is reported by validation (missing-receiver-phone); here only numbers that cannot be called.
  if (address.phone !== '') {
    const phone = standardizePhone(address.phone, country ?? '');
    if (phone.ok) address = { ...address, phone: phone.phone };
    else
      issues.push({
        code: 'invalid-phone',
        field: `${field}.phone`,
        message: `"${address.phone}" is not a valid phone number`,
      });
  }
  return { address, issues };
}

/**
 * The standardize stage, the same for every connector: text half-width and trimmed (names keep every character
 * they had, HTML and SQL included: they are data, never markup or code), the receiver standardized, the sender
 * cleaned (a sender phone that cannot be parsed is kept as written), weights rounded to whole grams.
 */
export function standardizeOrder(order: Order): { order: Order; issues: IntakeIssue[] } {
  const receiver = standardizeReceiver(order.receiver);
  let sender = cleanAddress(order.sender);
  const senderCountry = toCountryCode(sender.country);
  if (senderCountry) {
    sender = { ...sender, country: senderCountry };
    const phone = standardizePhone(sender.phone, senderCountry);
    if (phone.ok) sender = { ...sender, phone: phone.phone };
  }
  return {
    order: {
      ...order,
      orderNo: cleanText(order.orderNo),
      receiver: receiver.address,
      sender,
      lines: order.lines.map((line) => ({
        ...line,
        sku: cleanText(line.sku),
        name: cleanText(line.name),
        barcode: cleanText(line.barcode).replace(/\s/g, ''),
      })),
      carrier: cleanOptional(order.carrier),
      weightKg: order.weightKg === undefined ? undefined : Math.round(order.weightKg * 1000) / 1000,
      note: cleanOptional(order.note),
    },
    issues: receiver.issues,
  };
}
