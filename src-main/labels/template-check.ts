import type { DisplayList, LabelWarningCode, TextItem } from './display-list';
import type { FieldContext } from './order-fields';
import { expandTemplate, placeholderFields } from './order-fields';
import type { LabelTemplate, TemplateElement } from './template-schema';

/**
 * What every waybill must carry, whole: without any of these a parcel cannot be delivered (or not scanned at the
 * depot). Each is bound through the fields listed in {@link REQUIRED_BINDINGS}; the tracking barcode is a Code 128
 * element whose data binds `{trackingNumber}`.
 */
export const REQUIRED_FIELDS = [
  'receiverName',
  'receiverPhone',
  'receiverAddress',
  'trackingBarcode',
  'senderName',
] as const;

/** A field every waybill must print whole. */
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

type TextRequired = Exclude<RequiredField, 'trackingBarcode'>;

/** The template fields that print each required text field (any one of them counts as binding it). */
export const REQUIRED_BINDINGS: Readonly<Record<TextRequired, readonly string[]>> = {
  receiverName: ['receiver.name'],
  receiverPhone: ['receiver.phone'],
  receiverAddress: ['receiver.fullAddress', 'receiver.address'],
  senderName: ['sender.name'],
};

const BOUND_BY = new Map<string, TextRequired>(
  (Object.entries(REQUIRED_BINDINGS) as [TextRequired, readonly string[]][]).flatMap(([required, fields]) =>
    fields.map((field) => [field, required] as [string, TextRequired]),
  ),
);

/**
 * A problem the check found:
 * - `missing-field`: no element of the template prints the required field;
 * - `cuts-field`: for a sample order, an element bound to a required field does not show it whole (cut with "…",
 *   or pushed out of the box by the text before it);
 * - `shrinks-field`: the text holding a required field had to be drawn below its minimum size;
 * - `render-failed`: a sample order's label could not be drawn at all (a barcode that does not fit, a character
 *   the font lacks);
 * - a label warning's code for anything else cut (product names, notes): shown, but not blocking.
 */
export type TemplateProblemCode = 'missing-field' | 'cuts-field' | 'shrinks-field' | 'render-failed' | LabelWarningCode;

/** One problem: what, where (element, sample order) and whether it keeps the template from packing. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  /** True when the template may not be used for packing because of it. */
  blocking: boolean;
  requiredField?: RequiredField;
  elementId?: string;
  orderNo?: string;
  /** Values the translation shows (sizes, counts, a label error's code). */
  params: Record<string, string | number>;
}

/** The result of checking a template against sample orders. */
export interface TemplateCheck {
  /** True when no problem blocks: the template may be used for packing. */
  passes: boolean;
  /** How many sample orders were rendered. */
  samples: number;
  /** Blocking problems first, each problem once (its first sample order). */
  problems: TemplateProblem[];
}

function elementIdOf(el: TemplateElement, index: number): string {
  return el.id ?? `#${index}`;
}

/** The expression an element prints as text, or null. */
function textSource(el: TemplateElement): string | null {
  if (el.type === 'text') return el.value;
  if (el.type === 'custom') return el.text;
  return null;
}

function isTrackingBarcode(el: TemplateElement): boolean {
  const code128 = el.type === 'code128' || (el.type === 'barcode' && el.symbology === 'code128');
  return code128 && 'value' in el && placeholderFields(el.value).includes('trackingNumber');
}

/** Text compared without whitespace and without the truncation mark: wrapping moves spaces, never characters. */
const squeeze = (text: string): string => text.replace(/[\s…]/g, '');

/** The required fields no element of `template` binds at all (the same for every order). */
export function missingRequiredFields(template: LabelTemplate): TemplateProblem[] {
  const bound = new Set<RequiredField>();
  template.elements.forEach((el) => {
    if (isTrackingBarcode(el)) bound.add('trackingBarcode');
    const source = textSource(el);
    if (source === null) return;
    for (const field of placeholderFields(source)) {
      const required = BOUND_BY.get(field);
      if (required) bound.add(required);
    }
  });
  return REQUIRED_FIELDS.filter((f) => !bound.has(f)).map((requiredField) => ({
    code: 'missing-field',
    blocking: true,
    requiredField,
    params: {},
  }));
}

/**
 * The problems of one laid-out label: every element bound to a required field must show that field's text whole
 * (and at no less than its minimum size); the tracking barcode must carry the tracking number. Whatever else the
 * layout cut comes back as a non-blocking problem with the warning's code.
 */
export function checkLaidOutLabel(template: LabelTemplate, list: DisplayList, ctx: FieldContext): TemplateProblem[] {
  const orderNo = ctx.order.orderNo;
  const problems: TemplateProblem[] = [];
  const shownText = new Map<string, string>();
  for (const item of list.items) {
    if (item.kind !== 'text') continue;
    shownText.set(item.elementId, (shownText.get(item.elementId) ?? '') + (item as TextItem).text);
  }
  /** Elements whose warnings a required-field problem already explains. */
  const explained = new Set<string>();
  template.elements.forEach((el, index) => {
    const elementId = elementIdOf(el, index);
    if (isTrackingBarcode(el)) {
      const bars = list.items.find((i) => (i.kind === 'bars' || i.kind === 'matrix') && i.elementId === elementId);
      if (!bars || !('data' in bars) || !bars.data.includes(ctx.trackingNumber)) {
        problems.push({
          code: 'cuts-field',
          blocking: true,
          requiredField: 'trackingBarcode',
          elementId,
          orderNo,
          params: {},
        });
      }
    }
    const source = textSource(el);
    if (source === null) return;
    const expansion = expandTemplate(source, ctx, `template element ${elementId}`);
    const shown = squeeze(shownText.get(elementId) ?? '');
    const belowMinimum = list.warnings.find((w) => w.elementId === elementId && w.code === 'text-below-minimum');
    for (const placeholder of expansion.placeholders) {
      const requiredField = BOUND_BY.get(placeholder.field);
      const wanted = squeeze(placeholder.value);
      if (!requiredField || wanted === '') continue;
      if (!shown.includes(wanted)) {
        problems.push({ code: 'cuts-field', blocking: true, requiredField, elementId, orderNo, params: {} });
        explained.add(elementId);
      } else if (belowMinimum) {
        problems.push({
          code: 'shrinks-field',
          blocking: true,
          requiredField,
          elementId,
          orderNo,
          params: { ...belowMinimum.params },
        });
        explained.add(elementId);
      }
    }
  });
  for (const w of list.warnings) {
    if (explained.has(w.elementId)) continue;
    problems.push({ code: w.code, blocking: false, elementId: w.elementId, orderNo, params: { ...w.params } });
  }
  return problems;
}

/** Merges per-order problems: each (code, element, field) once, blocking ones first. */
export function summarizeCheck(problems: readonly TemplateProblem[], samples: number): TemplateCheck {
  const seen = new Set<string>();
  const unique: TemplateProblem[] = [];
  for (const p of problems) {
    const key = `${p.code}|${p.elementId ?? ''}|${p.requiredField ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(p);
  }
  const ordered = [...unique.filter((p) => p.blocking), ...unique.filter((p) => !p.blocking)];
  return { passes: !ordered.some((p) => p.blocking), samples, problems: ordered };
}
