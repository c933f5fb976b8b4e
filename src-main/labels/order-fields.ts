import type { Address, Order } from '../domain';
import { totalUnits } from '../domain';

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
] as const;

type AddressKey = (typeof ADDRESS_KEYS)[number];

/** Every field a template may bind with `{field}`. */
export const FIELD_NAMES = [
  'orderNo',
  'trackingNumber',
  'carrier',
  'printDate',
  'weightKg',
  'totalUnits',
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

const PLACEHOLDER = /\{([A-Za-z.]+)\}/g;

/** The field names a `{field}` template string refers to. */
export function placeholderFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
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

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `YYYY-MM-DD HH:mm` in local time. */
export function formatPrintDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

function addressParts(a: Address, who: 'receiver' | 'sender'): FieldPart[] {
  const part = (key: keyof Address): FieldPart[] => {
    const v = a[key];
    return typeof v === 'string' && v.trim() !== '' ? [{ field: `${who}.${key}`, value: v.trim() }] : [];
  };
  if (a.country.toUpperCase() === 'CN') {
    // Chinese order: province city district street, then postcode.
    return [...part('province'), ...part('city'), ...part('district'), ...part('address'), ...part('postcode')];
  }
  // Latin order: street; postcode city; province; country.
  return [...part('address'), ...part('postcode'), ...part('city'), ...part('province'), ...part('country')];
}

function joinAddress(a: Address, parts: FieldPart[]): string {
  if (a.country.toUpperCase() === 'CN') return parts.map((p) => p.value).join(' ');
  const get = (suffix: string): string | undefined => parts.find((p) => p.field.endsWith(`.${suffix}`))?.value;
  const cityLine = [get('postcode'), get('city')].filter(Boolean).join(' ');
  return [get('address'), cityLine, get('province'), get('country')].filter(Boolean).join(', ');
}

function addressField(a: Address, who: 'receiver' | 'sender', key: AddressKey): FieldPart[] {
  if (key === 'fullAddress') {
    const parts = addressParts(a, who);
    return parts;
  }
  const v = a[key];
  return [{ field: `${who}.${key}`, value: v === undefined ? '' : String(v) }];
}

/** The raw parts a field is made of, each tagged with the order field it came from. */
export function fieldParts(field: string, ctx: FieldContext): FieldPart[] {
  const { order } = ctx;
  const [head, key] = field.split('.', 2);
  if ((head === 'receiver' || head === 'sender') && key !== undefined) {
    if (!(ADDRESS_KEYS as readonly string[]).includes(key)) return [];
    return addressField(order[head], head, key as AddressKey);
  }
  const one = (value: string | number | null | undefined): FieldPart[] => [
    { field, value: value === null || value === undefined ? '' : String(value) },
  ];
  switch (field) {
    case 'orderNo':
      return one(order.orderNo);
    case 'trackingNumber':
      return one(ctx.trackingNumber);
    case 'carrier':
      return one(order.carrier);
    case 'printDate':
      return one(formatPrintDate(ctx.now));
    case 'weightKg':
      return one(order.weightKg === undefined ? '' : `${order.weightKg} kg`);
    case 'totalUnits':
      return one(totalUnits(order));
    case 'note':
      return one(order.note);
    default:
      return [];
  }
}

/** The printable value of one field. */
export function fieldValue(field: string, ctx: FieldContext): string {
  const parts = fieldParts(field, ctx);
  const [head, key] = field.split('.', 2);
  if ((head === 'receiver' || head === 'sender') && key === 'fullAddress') {
    return joinAddress(ctx.order[head], parts);
  }
  return parts.map((p) => p.value).join('');
}

/**
 * Expands a `{field}` template string. Returns the text and the parts it was made of (the literal text counts as
 * field `literalField`), so every character can be traced back to the field it came from.
 */
export function expandTemplate(
  template: string,
  ctx: FieldContext,
  literalField: string,
): { text: string; parts: FieldPart[] } {
  const parts: FieldPart[] = [];
  let last = 0;
  let text = '';
  for (const m of template.matchAll(PLACEHOLDER)) {
    const literal = template.slice(last, m.index);
    if (literal) parts.push({ field: literalField, value: literal });
    const field = m[1] ?? '';
    parts.push(...fieldParts(field, ctx));
    text += literal + fieldValue(field, ctx);
    last = m.index + m[0].length;
  }
  const tail = template.slice(last);
  if (tail) parts.push({ field: literalField, value: tail });
  text += tail;
  return { text: sanitizeText(text), parts };
}
