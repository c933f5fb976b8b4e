import type { Address, Order } from '../domain';
import { totalUnits } from '../domain';
import type { ExpressionPart } from './expression';
import { checkExpression, parseExpression } from './expression';
import type { FieldValue } from './filters';
import { applyFilter, checkFilter, formatDate, valueText } from './filters';

const ADDRESS_KEYS = [
  'name',
  'phone',
  'company',
  'country',
  'province',
  'city',
  'district',
  'address',
  'postcode',
  /** Composed: the whole postal address in the order the country writes it. */
  'fullAddress',
  /** Composed: province, city and district (CN), or postcode and city. */
  'region',
] as const;

type AddressKey = (typeof ADDRESS_KEYS)[number];

/** Every field a template may bind with `{field}` (filters format them, see filters.ts). */
export const FIELD_NAMES = [
  'orderNo',
  'trackingNumber',
  'carrier',
  /** The print time as `YYYY-MM-DD HH:mm` (a text; `{now|date:…}` formats it otherwise). */
  'printDate',
  /** The print time (a date, for the `date` filter). */
  'now',
  /** When the order was created in the ERP (a date). */
  'createdAt',
  'weightKg',
  'totalUnits',
  'lineCount',
  /** The freight fee, when the order carries one (a number, for the `money` filter); empty otherwise. */
  'fee',
  /** The sorting code (大头笔/三段码): the order's own, or derived from the receiver's city and district. */
  'sortCode',
  'note',
  ...ADDRESS_KEYS.map((k) => `receiver.${k}` as const),
  ...ADDRESS_KEYS.map((k) => `sender.${k}` as const),
] as const;

/** A field name a template may bind. */
export type FieldName = (typeof FIELD_NAMES)[number];

/** A piece of printed text and the order field it came from (for coverage errors). */
export interface FieldPart {
  field: string;
  value: string;
}

/** The values a label is rendered from. */
export interface FieldContext {
  order: Order;
  trackingNumber: string;
  now: Date;
}

/** The problems of an expression (unknown fields and filters, syntax), each naming what is wrong. */
export function expressionProblems(source: string): string[] {
  return checkExpression(source, FIELD_NAMES, checkFilter);
}

/** The field names an expression refers to (in order, repeated as often as they appear). */
export function placeholderFields(source: string): string[] {
  try {
    return parseExpression(source).flatMap((p) => (p.kind === 'field' ? [p.field] : []));
  } catch {
    return [];
  }
}

/**
 * Normalises to NFC and removes what a label cannot show: CR, tabs (become spaces), control and zero-width
 * characters. Newlines stay: they start a new paragraph.
 */
export function sanitizeText(value: string): string {
  let out = '';
  // NFC: a decomposed "é" (e + U+0301) becomes the single glyph the font has.
  for (const ch of value.normalize('NFC').replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '\t') out += ' ';
    else if (ch === '\n' || !isInvisible(cp)) out += ch;
  }
  return out;
}

function isInvisible(cp: number): boolean {
  return (
    cp < 0x20 ||
    (cp >= 0x7f && cp <= 0x9f) ||
    (cp >= 0x200b && cp <= 0x200f) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0xfeff
  );
}

/** `YYYY-MM-DD HH:mm` in local time. */
export function formatPrintDate(d: Date): string {
  return formatDate(d, 'YYYY-MM-DD HH:mm');
}

const isChinese = (a: Address): boolean => a.country.toUpperCase() === 'CN';

function addressParts(a: Address, who: 'receiver' | 'sender', keys: readonly (keyof Address)[]): FieldPart[] {
  return keys.flatMap((key) => {
    const v = a[key];
    return typeof v === 'string' && v.trim() !== '' ? [{ field: `${who}.${key}`, value: v.trim() }] : [];
  });
}

function composedParts(a: Address, who: 'receiver' | 'sender', key: 'fullAddress' | 'region'): FieldPart[] {
  if (isChinese(a)) {
    // Chinese order: province city district street, then postcode.
    const keys: (keyof Address)[] = ['province', 'city', 'district'];
    if (key === 'fullAddress') keys.push('address', 'postcode');
    return addressParts(a, who, keys);
  }
  const keys: (keyof Address)[] =
    key === 'fullAddress' ? ['address', 'postcode', 'city', 'province', 'country'] : ['postcode', 'city'];
  return addressParts(a, who, keys);
}

function joinComposed(a: Address, parts: FieldPart[], key: 'fullAddress' | 'region'): string {
  if (isChinese(a) || key === 'region') return parts.map((p) => p.value).join(' ');
  // Latin order: street; postcode city; province; country.
  const get = (suffix: string): string | undefined => parts.find((p) => p.field.endsWith(`.${suffix}`))?.value;
  const cityLine = [get('postcode'), get('city')].filter(Boolean).join(' ');
  return [get('address'), cityLine, get('province'), get('country')].filter(Boolean).join(', ');
}

const ADMIN_SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|盟|旗)$/;

function shortPlace(name: string | undefined): string {
  const t = (name ?? '').trim();
  const short = t.replace(ADMIN_SUFFIX, '');
  return short.length >= 2 ? short : t;
}

/**
 * The sorting code (大头笔) printed large on Chinese waybills when the carrier gave none: the receiver's city and
 * district in short form (`深圳市`/`南山区` → `深圳 南山`), or province and city without a district; for other
 * countries the country code and the postcode's first three characters (or the city, upper case).
 */
export function deriveSortCode(a: Address): string {
  if (isChinese(a)) {
    const city = [...shortPlace(a.city)].slice(0, 4).join('');
    const district = [...shortPlace(a.district)].slice(0, 4).join('');
    if (district) return `${city} ${district}`;
    const province = [...shortPlace(a.province)].slice(0, 2).join('');
    return province && province !== city ? `${province} ${city}` : city;
  }
  const post = (a.postcode ?? '').replace(/\s/g, '').slice(0, 3).toUpperCase();
  return `${a.country.toUpperCase()} ${post || [...a.city.trim().toUpperCase()].slice(0, 3).join('')}`.trim();
}

/** The raw value of one field and the parts it is made of (each tagged with the order field it came from). */
export function fieldSource(field: string, ctx: FieldContext): { value: FieldValue; parts: FieldPart[] } {
  const { order } = ctx;
  const [head, key] = field.split('.', 2);
  if ((head === 'receiver' || head === 'sender') && key !== undefined) {
    const a = order[head];
    if (key === 'fullAddress' || key === 'region') {
      const parts = composedParts(a, head, key);
      return { value: joinComposed(a, parts, key), parts };
    }
    if (!(ADDRESS_KEYS as readonly string[]).includes(key)) return { value: undefined, parts: [] };
    const v = a[key as Exclude<AddressKey, 'fullAddress' | 'region'>];
    const text = v === undefined ? '' : String(v).trim();
    return { value: text, parts: [{ field, value: text }] };
  }
  const one = (value: FieldValue): { value: FieldValue; parts: FieldPart[] } => ({
    value,
    parts: [{ field, value: valueText(value) }],
  });
  const extra = order as Order & { fee?: unknown; sortCode?: unknown };
  switch (field) {
    case 'orderNo':
      return one(order.orderNo);
    case 'trackingNumber':
      return one(ctx.trackingNumber);
    case 'carrier':
      return one(order.carrier);
    case 'printDate':
      return one(formatPrintDate(ctx.now));
    case 'now':
      return { value: ctx.now, parts: [] };
    case 'createdAt': {
      const d = new Date(order.createdAt);
      return { value: Number.isNaN(d.getTime()) ? undefined : d, parts: [] };
    }
    case 'weightKg':
      return one(order.weightKg);
    case 'totalUnits':
      return one(totalUnits(order));
    case 'lineCount':
      return one(order.lines.length);
    case 'fee':
      return one(typeof extra.fee === 'number' ? extra.fee : undefined);
    case 'sortCode':
      return one(
        typeof extra.sortCode === 'string' && extra.sortCode.trim() !== ''
          ? extra.sortCode.trim()
          : deriveSortCode(order.receiver),
      );
    case 'note':
      return one(order.note);
    default:
      return { value: undefined, parts: [] };
  }
}

/** The printable value of one field, with no filter. */
export function fieldValue(field: string, ctx: FieldContext): string {
  return valueText(fieldSource(field, ctx).value);
}

/** An expanded expression: the text, the parts it was made of, and the fields it used (for warnings). */
export interface Expansion {
  text: string;
  parts: FieldPart[];
  fields: string[];
  /** Each placeholder's own output (filters applied), tagged with the field it binds: what must appear whole. */
  placeholders: FieldPart[];
}

const parsedCache = new Map<string, ExpressionPart[]>();

function parsed(source: string): ExpressionPart[] {
  let parts = parsedCache.get(source);
  if (!parts) {
    parts = parseExpression(source);
    if (parsedCache.size > 5000) parsedCache.clear();
    parsedCache.set(source, parts);
  }
  return parts;
}

/**
 * Expands an expression against an order. Returns the text and the parts it was made of (the literal text
 * counts as field `literalField`; a filtered value counts as its field), so every character can be traced back
 * to the field it came from. Expressions are validated with the template; an invalid one throws here.
 */
export function expandTemplate(source: string, ctx: FieldContext, literalField: string): Expansion {
  const parts: FieldPart[] = [];
  const fields: string[] = [];
  const placeholders: FieldPart[] = [];
  let text = '';
  for (const part of parsed(source)) {
    if (part.kind === 'literal') {
      parts.push({ field: literalField, value: part.text });
      text += part.text;
      continue;
    }
    fields.push(part.field);
    const src = fieldSource(part.field, ctx);
    if (part.filters.length === 0) {
      const value = valueText(src.value);
      parts.push(...src.parts);
      placeholders.push({ field: part.field, value: sanitizeText(value) });
      text += value;
      continue;
    }
    let value = src.value;
    for (const call of part.filters) value = applyFilter(value, call);
    const out = valueText(value);
    parts.push({ field: part.field, value: out });
    placeholders.push({ field: part.field, value: sanitizeText(out) });
    text += out;
  }
  return { text: sanitizeText(text), parts, fields, placeholders };
}
