import { z } from 'zod';
import { FIELD_NAMES, placeholderFields } from './order-fields';

const mm = z.number().finite().min(0).max(1000);
const size = z.number().finite().positive().max(1000);
const fontPt = z.number().finite().min(4).max(200);

const boxShape = { x: mm, y: mm, w: size, h: size };

const textElement = z.strictObject({
  type: z.literal('text'),
  id: z.string().optional(),
  ...boxShape,
  /** Literal text with `{field}` placeholders, e.g. `"{receiver.name}  {receiver.phone}"`. */
  value: z.string().min(1),
  fontSize: fontPt,
  /** Shrink down to this size before truncating; default: no shrinking. */
  minFontSize: fontPt.optional(),
  lineHeight: z.number().min(1).max(3).default(1.2),
  align: z.enum(['left', 'center', 'right']).default('left'),
  valign: z.enum(['top', 'middle', 'bottom']).default('top'),
  /** When false, each paragraph stays on one line (shrink, then truncate with "…"). */
  wrap: z.boolean().default(true),
  maxLines: z.number().int().positive().optional(),
});

const itemListElement = z.strictObject({
  type: z.literal('item-list'),
  id: z.string().optional(),
  ...boxShape,
  fontSize: fontPt,
  minFontSize: fontPt.optional(),
  lineHeight: z.number().min(1).max(3).default(1.2),
  /** One line per order line; `{name}`, `{qty}`, `{sku}` are replaced. */
  item: z.string().default('{name} ×{qty}'),
  /** The last line when not every item fits; `{n}` is the number left out. */
  more: z.string().default('… +{n} more'),
});

const code128Element = z.strictObject({
  type: z.literal('code128'),
  id: z.string().optional(),
  ...boxShape,
  value: z.string().min(1).default('{trackingNumber}'),
  /** Target module (narrowest bar) width; rounded to whole dots at the printer's dpi (0.375 mm = 3 dots @203). */
  moduleMm: z.number().min(0.1).max(2).default(0.375),
  /** Never narrower than this many dots; below it the barcode does not fit and rendering fails. */
  minModuleDots: z.number().int().min(1).max(10).default(2),
  quietZoneModules: z.number().int().min(10).max(40).default(10),
  align: z.enum(['left', 'center', 'right']).default('center'),
});

const imageElement = z.strictObject({
  type: z.literal('image'),
  id: z.string().optional(),
  ...boxShape,
  /** PNG or JPEG path relative to the assets folder. */
  src: z
    .string()
    .regex(/^[A-Za-z0-9_\-/]+\.(png|jpe?g)$/, 'a relative .png/.jpg path without ".."')
    .refine((s) => !s.split('/').includes('..'), 'no ".." in image paths'),
  align: z.enum(['left', 'center', 'right']).default('left'),
});

const lineElement = z.strictObject({
  type: z.literal('line'),
  id: z.string().optional(),
  x1: mm,
  y1: mm,
  x2: mm,
  y2: mm,
  thickness: z.number().min(0.05).max(10).default(0.3),
});

const boxElement = z.strictObject({
  type: z.literal('box'),
  id: z.string().optional(),
  ...boxShape,
  thickness: z.number().min(0.05).max(10).default(0.3),
  fill: z.boolean().default(false),
});

/** One element of a label template; positions and sizes in mm from the label's top-left corner, fonts in pt. */
export const templateElementSchema = z.discriminatedUnion('type', [
  textElement,
  itemListElement,
  code128Element,
  imageElement,
  lineElement,
  boxElement,
]);

/** A label template: data, versioned, validated before use. */
export const labelTemplateSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string().optional(),
    widthMm: size,
    heightMm: size,
    elements: z.array(templateElementSchema).min(1),
  })
  .superRefine((t, ctx) => {
    t.elements.forEach((el, i) => {
      const where = ['elements', i];
      const [x0, y0, x1, y1] =
        el.type === 'line'
          ? [Math.min(el.x1, el.x2), Math.min(el.y1, el.y2), Math.max(el.x1, el.x2), Math.max(el.y1, el.y2)]
          : [el.x, el.y, el.x + el.w, el.y + el.h];
      if (x1 > t.widthMm + 1e-9 || y1 > t.heightMm + 1e-9 || x0 < 0 || y0 < 0) {
        ctx.addIssue({ code: 'custom', path: where, message: 'element lies outside the label' });
      }
      if (el.type === 'line' && el.x1 !== el.x2 && el.y1 !== el.y2) {
        ctx.addIssue({ code: 'custom', path: where, message: 'lines must be horizontal or vertical' });
      }
      if (
        (el.type === 'text' || el.type === 'item-list') &&
        el.minFontSize !== undefined &&
        el.minFontSize > el.fontSize
      ) {
        ctx.addIssue({ code: 'custom', path: [...where, 'minFontSize'], message: 'minFontSize exceeds fontSize' });
      }
      if (el.type === 'text' || el.type === 'code128') {
        for (const field of placeholderFields(el.value)) {
          if (!(FIELD_NAMES as readonly string[]).includes(field)) {
            ctx.addIssue({ code: 'custom', path: [...where, 'value'], message: `unknown field {${field}}` });
          }
        }
      }
    });
  });

/** A validated label template. */
export type LabelTemplate = z.infer<typeof labelTemplateSchema>;
/** One validated template element. */
export type TemplateElement = z.infer<typeof templateElementSchema>;
