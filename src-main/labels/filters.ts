import { gs1Mod10 } from '../domain';
import type { FilterCall } from './expression';

/** A field's value before formatting: text, a number, a date, or nothing. */
export type FieldValue = string | number | Date | undefined;

/** Every filter a template may apply with `{field|filter}`. */
export const FILTER_NAMES = [
  'mask',
  'upper',
  'lower',
  'date',
  'weight',
  'money',
  'default',
  'digits',
  'first',
  'sscc',
  'mod10',
] as const;

/** A filter name. */
export type FilterName = (typeof FILTER_NAMES)[number];

const DATE_TOKENS = /YYYY|MM|DD|HH|mm|ss/g;
const CURRENCY_SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$' };

/**
 * Masks a phone number for printing, as Chinese waybills require: a mainland mobile keeps its first 3 and last 4
 * digits (`13812345678` → `138****5678`, also with `+86`/spaces/dashes); a landline keeps its area code and last 4
 * digits (`0571-88886666` → `0571-****6666`); any other number of 7+ digits keeps its first 3 and last 4 digits
 * with the rest replaced by `****`. Shorter strings are returned unchanged.
 */
export function maskPhone(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  const mobile = /^(?:86)?(1\d{10})$/.exec(digits);
  if (mobile && /^(?:\+?86)?[\s-]*1[\d\s-]+$/.test(trimmed)) {
    const m = mobile[1] ?? '';
    return `${m.slice(0, 3)}****${m.slice(7)}`;
  }
  const landline = /^(0\d{2,3})[\s-]+(\d{7,8})(?:[\s-]*(?:转|ext\.?|x)\s*\d+)?$/i.exec(trimmed);
  if (landline) return `${landline[1]}-****${(landline[2] ?? '').slice(-4)}`;
  if (digits.length < 7) return trimmed;
  // Keep everything up to the 3rd digit and from the 4th-last digit on.
  const positions: number[] = [];
  for (let i = 0; i < trimmed.length; i++) if (/\d/.test(trimmed[i] ?? '')) positions.push(i);
  const headEnd = (positions[2] ?? 0) + 1;
  const tailStart = positions[positions.length - 4] ?? trimmed.length;
  return `${trimmed.slice(0, headEnd)}****${trimmed.slice(tailStart)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Formats a date in local time with the tokens YYYY, MM, DD, HH, mm, ss. */
export function formatDate(d: Date, format: string): string {
  return format.replace(DATE_TOKENS, (token) => {
    switch (token) {
      case 'YYYY':
        return pad(d.getFullYear(), 4);
      case 'MM':
        return pad(d.getMonth() + 1);
      case 'DD':
        return pad(d.getDate());
      case 'HH':
        return pad(d.getHours());
      case 'mm':
        return pad(d.getMinutes());
      default:
        return pad(d.getSeconds());
    }
  });
}

/**
 * SSCC-18: extension digit + GS1 company prefix + serial (the value's digits, last ones kept, left-padded with
 * zeros to fill 16 digits) + GS1 mod-10 check digit.
 */
export function sscc18(serial: string, extension: string, companyPrefix: string): string {
  const serialLength = 16 - companyPrefix.length;
  const digits = serial.replace(/\D/g, '').slice(-serialLength).padStart(serialLength, '0');
  const data = `${extension}${companyPrefix}${digits}`;
  return `${data}${gs1Mod10(data)}`;
}

function asText(value: FieldValue): string {
  if (value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

function asNumber(value: FieldValue): number | undefined {
  if (value === undefined || value instanceof Date) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

function trimZeros(n: number, decimals: number): string {
  return n.toFixed(decimals).replace(/\.?0+$/, '');
}

/** A problem with a filter call (unknown name, bad argument), or undefined when it is valid. */
export function checkFilter(call: FilterCall): string | undefined {
  const { name, arg } = call;
  if (!(FILTER_NAMES as readonly string[]).includes(name)) {
    return `unknown filter |${name}| (known: ${FILTER_NAMES.join(', ')})`;
  }
  const bad = (why: string): string => `filter |${name}${arg === undefined ? '' : `:${arg}`}|: ${why}`;
  switch (name as FilterName) {
    case 'date':
      if (arg !== undefined && !/YYYY|MM|DD|HH|mm|ss/.test(arg))
        return bad('the format needs YYYY, MM, DD, HH, mm or ss');
      return undefined;
    case 'weight':
      if (arg !== undefined && arg !== 'kg' && arg !== 'g') return bad('the unit is kg or g');
      return undefined;
    case 'money':
      if (arg !== undefined && !/^[A-Z]{3}$/.test(arg)) return bad('the currency is an ISO 4217 code such as CNY');
      return undefined;
    case 'first':
      if (arg === undefined || !/^[1-9]\d{0,3}$/.test(arg)) return bad('give a count, e.g. first:4');
      return undefined;
    case 'sscc': {
      const [ext, prefix] = (arg ?? '').split(':');
      if (!ext || !/^\d$/.test(ext) || !prefix || !/^\d{7,10}$/.test(prefix)) {
        return bad('write sscc:EXTENSION:COMPANYPREFIX, one digit and 7 to 10 digits, e.g. sscc:1:6901234');
      }
      return undefined;
    }
    case 'default':
      return undefined;
    default:
      return arg === undefined ? undefined : bad('takes no argument');
  }
}

/** Applies one (validated) filter. */
export function applyFilter(value: FieldValue, call: FilterCall): FieldValue {
  const { arg } = call;
  switch (call.name as FilterName) {
    case 'mask':
      return maskPhone(asText(value));
    case 'upper':
      return asText(value).toUpperCase();
    case 'lower':
      return asText(value).toLowerCase();
    case 'date': {
      const d = value instanceof Date ? value : value === undefined || value === '' ? undefined : new Date(value);
      if (!d || Number.isNaN(d.getTime())) return '';
      return formatDate(d, arg ?? 'YYYY-MM-DD HH:mm');
    }
    case 'weight': {
      const kg = asNumber(value);
      if (kg === undefined) return '';
      return arg === 'g' ? `${Math.round(kg * 1000)} g` : `${trimZeros(kg, 3)} kg`;
    }
    case 'money': {
      const amount = asNumber(value);
      if (amount === undefined) return '';
      const currency = arg ?? 'CNY';
      const decimals = currency === 'JPY' ? 0 : 2;
      const symbol = CURRENCY_SYMBOLS[currency];
      return symbol ? `${symbol}${amount.toFixed(decimals)}` : `${amount.toFixed(decimals)} ${currency}`;
    }
    case 'default':
      return asText(value).trim() === '' ? (arg ?? '') : value;
    case 'digits':
      return asText(value).replace(/\D/g, '');
    case 'first':
      return [...asText(value)].slice(0, Number(arg)).join('');
    case 'sscc': {
      const [ext = '0', prefix = ''] = (arg ?? '').split(':');
      return sscc18(asText(value), ext, prefix);
    }
    case 'mod10': {
      const digits = asText(value).replace(/\D/g, '');
      return digits === '' ? '' : `${digits}${gs1Mod10(digits)}`;
    }
  }
}

/** The printable text of a value with no more filters to apply. */
export function valueText(value: FieldValue): string {
  if (typeof value === 'number') return trimZeros(value, 3);
  return asText(value);
}
