/**
 * The template editor's model: a label template as JSON (sizes in mm), edited as plain data. The station
 * validates it (the label engine's schema) on preview and save; these helpers keep edits inside the label so
 * what the supervisor drags stays a valid template.
 */

/** One element as the editor sees it: the engine's element JSON, with the fields the editor touches typed. */
export interface EditorElement {
  type: string;
  id?: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  value?: string;
  /** Free text of a custom area. */
  text?: string;
  /** Symbology of a `barcode` element (a `code128` element is always Code 128). */
  symbology?: string;
  fontSize?: number;
  src?: string;
  [key: string]: unknown;
}

/** A template as the editor holds it. */
export interface EditorTemplate {
  name: string;
  widthMm: number;
  heightMm: number;
  description?: string;
  elements: EditorElement[];
  [key: string]: unknown;
}

/** A rectangle in mm. */
export interface BoxMm {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The barcode symbologies a barcode element may use. */
export const BARCODE_TYPES = ['code128', 'gs1-128', 'qrcode', 'datamatrix', 'pdf417'] as const;

/** The symbology of a barcode element. */
export const barcodeType = (el: EditorElement): string =>
  el.type === 'barcode' ? String(el.symbology ?? 'code128') : el.type;

/** Element kinds the editor adds. */
export type NewElementKind = 'text' | 'barcode' | 'image' | 'line' | 'box';

/** Which edges a resize handle moves. */
export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w';

/** Smallest element side in mm while resizing. */
export const MIN_SIZE_MM = 1;

/** Rounds to 0.1 mm, the precision worth storing. */
export const roundMm = (v: number): number => Math.round(v * 10) / 10;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** True for elements drawn from (x1,y1) to (x2,y2). */
export const isLine = (el: EditorElement): boolean => el.type === 'line';

/** True for barcode elements (any symbology). */
export const isBarcode = (el: EditorElement): boolean => el.type === 'code128' || el.type === 'barcode';

/** The key holding an element's bound expression (`value`, or a custom area's `text`), or null. */
export const valueKey = (el: EditorElement): 'value' | 'text' | null =>
  el.type === 'text' || isBarcode(el) ? 'value' : el.type === 'custom' ? 'text' : null;

/** True for elements with a font size. */
export const hasFontSize = (el: EditorElement): boolean =>
  el.type === 'text' || el.type === 'item-list' || el.type === 'custom';

/** The element's bounding box in mm (a line's is its extent, thickness ignored). */
export function elementBox(el: EditorElement): BoxMm {
  if (isLine(el)) {
    const x1 = el.x1 ?? 0;
    const x2 = el.x2 ?? 0;
    const y1 = el.y1 ?? 0;
    const y2 = el.y2 ?? 0;
    return { x: Math.min(x1, x2), y: Math.min(y1, y2), w: Math.abs(x2 - x1), h: Math.abs(y2 - y1) };
  }
  return { x: el.x ?? 0, y: el.y ?? 0, w: el.w ?? 0, h: el.h ?? 0 };
}

/** Moves an element by (dx, dy) mm, kept inside the label. */
export function moveElement(el: EditorElement, dx: number, dy: number, t: EditorTemplate): EditorElement {
  const box = elementBox(el);
  const nx = roundMm(clamp(box.x + dx, 0, Math.max(0, t.widthMm - box.w)));
  const ny = roundMm(clamp(box.y + dy, 0, Math.max(0, t.heightMm - box.h)));
  const mx = roundMm(nx - box.x);
  const my = roundMm(ny - box.y);
  if (isLine(el)) {
    return {
      ...el,
      x1: roundMm((el.x1 ?? 0) + mx),
      x2: roundMm((el.x2 ?? 0) + mx),
      y1: roundMm((el.y1 ?? 0) + my),
      y2: roundMm((el.y2 ?? 0) + my),
    };
  }
  return { ...el, x: nx, y: ny };
}

/** Resizes `original` by dragging `handle` (dx, dy) mm, kept inside the label and at least MIN_SIZE_MM. */
export function resizeElement(
  original: EditorElement,
  handle: Handle,
  dx: number,
  dy: number,
  t: EditorTemplate,
): EditorElement {
  const b = elementBox(original);
  let left = b.x;
  let top = b.y;
  let right = b.x + b.w;
  let bottom = b.y + b.h;
  if (handle.includes('w')) left = clamp(left + dx, 0, right - MIN_SIZE_MM);
  if (handle.includes('e')) right = clamp(right + dx, left + MIN_SIZE_MM, t.widthMm);
  if (handle.includes('n')) top = clamp(top + dy, 0, bottom - MIN_SIZE_MM);
  if (handle.includes('s')) bottom = clamp(bottom + dy, top + MIN_SIZE_MM, t.heightMm);
  if (isLine(original)) {
    const horizontal = (original.y1 ?? 0) === (original.y2 ?? 0);
    if (horizontal) return { ...original, x1: roundMm(left), x2: roundMm(right) };
    return { ...original, y1: roundMm(top), y2: roundMm(bottom) };
  }
  return { ...original, x: roundMm(left), y: roundMm(top), w: roundMm(right - left), h: roundMm(bottom - top) };
}

/** Sets one coordinate from the properties panel, kept inside the label. */
export function setCoordinate(
  el: EditorElement,
  key: 'x' | 'y' | 'w' | 'h' | 'x1' | 'y1' | 'x2' | 'y2',
  value: number,
  t: EditorTemplate,
): EditorElement {
  if (!Number.isFinite(value)) return el;
  const v = roundMm(value);
  switch (key) {
    case 'x':
      return { ...el, x: clamp(v, 0, Math.max(0, t.widthMm - (el.w ?? 0))) };
    case 'y':
      return { ...el, y: clamp(v, 0, Math.max(0, t.heightMm - (el.h ?? 0))) };
    case 'w':
      return { ...el, w: clamp(v, MIN_SIZE_MM, t.widthMm - (el.x ?? 0)) };
    case 'h':
      return { ...el, h: clamp(v, MIN_SIZE_MM, t.heightMm - (el.y ?? 0)) };
    case 'x1':
    case 'x2':
      return { ...el, [key]: clamp(v, 0, t.widthMm) };
    case 'y1':
    case 'y2':
      return { ...el, [key]: clamp(v, 0, t.heightMm) };
  }
}

/** Changes a barcode's symbology; properties only one symbology has are dropped. */
export function setBarcodeType(el: EditorElement, symbology: string): EditorElement {
  const { id, x, y, w, h, value } = el;
  const next: EditorElement =
    symbology === 'code128'
      ? { type: 'code128', x, y, w, h, value: value ?? '{trackingNumber}' }
      : { type: 'barcode', symbology, x, y, w, h, value: value ?? '{trackingNumber}' };
  if (id !== undefined) next.id = id;
  return next;
}

/** A new element of `kind` near the label's top-left quarter, sized to fit. */
export function newElement(kind: NewElementKind, t: EditorTemplate, src?: string): EditorElement {
  const w = Math.min(40, t.widthMm - 4);
  const x = roundMm(Math.min(10, t.widthMm - w));
  const y = roundMm(Math.min(10, t.heightMm - 12));
  switch (kind) {
    case 'text':
      return { type: 'text', x, y, w, h: 8, value: '{receiver.name}', fontSize: 12, minFontSize: 8 };
    case 'barcode':
      return { type: 'code128', x, y, w: Math.min(60, t.widthMm - x), h: 12, value: '{trackingNumber}' };
    case 'image':
      return { type: 'image', x, y, w, h: 12, src: src ?? 'logo.png' };
    case 'line':
      return { type: 'line', x1: x, y1: y, x2: roundMm(x + w), y2: y, thickness: 0.3 };
    case 'box':
      return { type: 'box', x, y, w, h: 12, thickness: 0.3 };
  }
}

/** Inserts `{field}` into a value expression at `at` (the caret), or at the end. */
export function insertField(value: string, field: string, at?: number): string {
  const token = `{${field}}`;
  const pos = at === undefined ? value.length : Math.max(0, Math.min(value.length, at));
  return value.slice(0, pos) + token + value.slice(pos);
}
