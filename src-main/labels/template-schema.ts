import { z } from 'zod';
import { expressionProblems } from './order-fields';

const mm = z.number().finite().min(0).max(1000);
const size = z.number().finite().positive().max(1000);
const fontPt = z.number().finite().min(4).max(200);
const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "-", "_" or ".", at most 64')
  .optional();

const boxShape = { x: mm, y: mm, w: size, h: size };
const align = z.enum(['left', 'center', 'right']);
const valign = z.enum(['top', 'middle', 'bottom']);

/** Text fit options shared by text, item lists and custom areas. */
const fitShape = {
  /** Font size in pt. */
  fontSize: fontPt,
  /** Shrink down to this size before truncating; default: no shrinking. */
  minFontSize: fontPt.optional(),
  lineHeight: z.number().min(1).max(3).default(1.2),
};

const textElement = z.strictObject({
  type: z.literal('text'),
  id,
  ...boxShape,
  /** Literal text with `{field|filter}` placeholders, e.g. `"{receiver.name}  {receiver.phone|mask}"`. */
  value: z.string().min(1),
  ...fitShape,
  align: align.default('left'),
  valign: valign.default('top'),
  /** When false, each paragraph stays on one line (shrink, then truncate with "…"). */
  wrap: z.boolean().default(true),
  maxLines: z.number().int().positive().optional(),
  /** White text on a black box (for the sorting code). */
  inverse: z.boolean().default(false),
});

const itemListElement = z.strictObject({
  type: z.literal('item-list'),
  id,
  ...boxShape,
  ...fitShape,
  /** One line per order line; `{name}`, `{qty}`, `{sku}` are replaced. */
  item: z.string().default('{name} ×{qty}'),
  /** The last line when not every item fits; `{n}` is the number left out. */
  more: z.string().default('… +{n} more'),
});

/** The symbologies a barcode element can draw (all through bwip-js, on whole printer dots). */
export const SYMBOLOGIES = ['code128', 'gs1-128', 'qrcode', 'datamatrix', 'pdf417'] as const;
/** A barcode symbology. */
export type Symbology = (typeof SYMBOLOGIES)[number];

const barcodeShape = {
  ...boxShape,
  /** The data, an expression: `{trackingNumber}`; GS1-128 with AI parentheses, e.g. `(00){trackingNumber|sscc:1:6901234}`. */
  value: z.string().min(1).default('{trackingNumber}'),
  /** Target module (narrowest bar, or 2D cell) width; rounded to whole dots at the printer's dpi (0.375 mm = 3 dots @203). */
  moduleMm: z.number().min(0.1).max(5).default(0.375),
  /** Never smaller than this many dots; below it the barcode does not fit and rendering fails. */
  minModuleDots: z.number().int().min(1).max(20).default(2),
  align: align.default('center'),
  valign: valign.default('top'),
};

const code128Element = z.strictObject({
  type: z.literal('code128'),
  id,
  ...barcodeShape,
  quietZoneModules: z.number().int().min(10).max(40).default(10),
});

const barcodeElement = z.strictObject({
  type: z.literal('barcode'),
  id,
  symbology: z.enum(SYMBOLOGIES),
  ...barcodeShape,
  /** Quiet zone inside the box, in modules; default 10 for linear codes, 4 for QR, 2 for Data Matrix and PDF417. */
  quietZoneModules: z.number().int().min(0).max(40).optional(),
  /** QR error correction level. */
  ecLevel: z.enum(['L', 'M', 'Q', 'H']).default('M'),
  /** PDF417 row height in modules. */
  rowModules: z.number().int().min(2).max(5).default(3),
  /** PDF417 data columns (0: bwip-js chooses). */
  columns: z.number().int().min(0).max(30).default(0),
});

const imageSource = z
  .string()
  .max(2_800_000, 'an embedded image of at most about 2 MB')
  .refine(
    (s) =>
      /^data:image\/(png|jpeg|jpg);base64,[A-Za-z0-9+/=\s]+$/.test(s) ||
      (/^[A-Za-z0-9_\-/]+\.(png|jpe?g)$/.test(s) && !s.split('/').includes('..')),
    'a relative .png/.jpg path without "..", or a data:image/png|jpeg;base64 URL',
  );

const imageElement = z.strictObject({
  type: z.literal('image'),
  id,
  ...boxShape,
  /** PNG or JPEG path relative to the assets folder, or a `data:image/png;base64,…` URL (an uploaded logo). */
  src: imageSource,
  align: align.default('left'),
});

const lineElement = z.strictObject({
  type: z.literal('line'),
  id,
  x1: mm,
  y1: mm,
  x2: mm,
  y2: mm,
  thickness: z.number().min(0.05).max(10).default(0.3),
  /** Dashes `[on, off]` in mm (a tear line); solid when absent. */
  dash: z.tuple([z.number().min(0.2).max(50), z.number().min(0.2).max(50)]).optional(),
});

const boxElement = z.strictObject({
  type: z.literal('box'),
  id,
  ...boxShape,
  thickness: z.number().min(0.05).max(10).default(0.3),
  fill: z.boolean().default(false),
});

const customElement = z.strictObject({
  type: z.literal('custom'),
  id,
  ...boxShape,
  /** Free text (after-sales notes, a greeting), an expression; may be empty when only the QR is wanted. */
  text: z.string().default(''),
  ...fitShape,
  /** Optional QR code data (an expression, e.g. a shop URL), drawn at the right of the area. */
  qr: z.string().min(1).optional(),
  qrModuleMm: z.number().min(0.1).max(5).default(0.5),
  border: z.boolean().default(true),
  paddingMm: z.number().min(0).max(10).default(1),
});

/** One element of a label template; positions and sizes in mm from the label's top-left corner, fonts in pt. */
export const templateElementSchema = z.discriminatedUnion('type', [
  textElement,
  itemListElement,
  code128Element,
  barcodeElement,
  imageElement,
  lineElement,
  boxElement,
  customElement,
]);

function expressionsOf(el: z.infer<typeof templateElementSchema>): Array<[string, string]> {
  switch (el.type) {
    case 'text':
    case 'code128':
    case 'barcode':
      return [['value', el.value]];
    case 'custom':
      return [['text', el.text], ...(el.qr === undefined ? [] : [['qr', el.qr] as [string, string]])];
    default:
      return [];
  }
}

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
    const ids = new Set<string>();
    t.elements.forEach((el, i) => {
      const where = ['elements', i];
      if (el.id !== undefined) {
        if (ids.has(el.id)) ctx.addIssue({ code: 'custom', path: [...where, 'id'], message: `duplicate id ${el.id}` });
        ids.add(el.id);
      }
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
        (el.type === 'text' || el.type === 'item-list' || el.type === 'custom') &&
        el.minFontSize !== undefined &&
        el.minFontSize > el.fontSize
      ) {
        ctx.addIssue({ code: 'custom', path: [...where, 'minFontSize'], message: 'minFontSize exceeds fontSize' });
      }
      if (el.type === 'barcode' && el.symbology === 'gs1-128' && !el.value.trimStart().startsWith('(')) {
        ctx.addIssue({
          code: 'custom',
          path: [...where, 'value'],
          message: 'GS1-128 data starts with an AI in parentheses, e.g. (00)',
        });
      }
      for (const [key, source] of expressionsOf(el)) {
        for (const message of expressionProblems(source)) {
          ctx.addIssue({ code: 'custom', path: [...where, key], message });
        }
      }
    });
  });

/** A validated label template. */
export type LabelTemplate = z.infer<typeof labelTemplateSchema>;
/** A label template as written in JSON (defaults not yet applied). */
export type LabelTemplateInput = z.input<typeof labelTemplateSchema>;
/** One validated template element. */
export type TemplateElement = z.infer<typeof templateElementSchema>;
