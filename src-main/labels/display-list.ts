/** A rectangle in mm from the label's top-left corner. */
export interface BoxMm {
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
}

/** One line of text, left edge at `xMm`, baseline at `baselineMm` (from the top). */
export interface TextItem {
  kind: 'text';
  text: string;
  xMm: number;
  baselineMm: number;
  /** Em size in mm (`sizePt * 25.4 / 72`). */
  sizeMm: number;
  sizePt: number;
  /** Advance width measured by the layout (no kerning, so what is drawn is at most this wide). */
  widthMm: number;
  /** The template box this line belongs to; the line stays inside it. */
  box: BoxMm;
  /** The template element this line belongs to (its `id`, or `#<index>`). */
  elementId: string;
  /** White text (on a black box); black otherwise. */
  white?: boolean;
}

/** A filled black rectangle (lines, box strokes). The raster back end snaps its edges to whole dots. */
export interface RectItem extends BoxMm {
  kind: 'rect';
  /** A white rectangle (clears what is under it); black otherwise. */
  white?: boolean;
}

/**
 * Barcode bars: `pattern` alternates bar/space widths in modules starting with a bar; bar `i` starts at
 * `xDots + offset * moduleDots`. Positions are whole dots at `dpi` so bars land on whole dots in both back ends.
 */
export interface BarsItem {
  kind: 'bars';
  dpi: number;
  xDots: number;
  yMm: number;
  hMm: number;
  moduleDots: number;
  pattern: number[];
  /** The encoded data (for tests and debugging). */
  data: string;
  symbology: 'code128' | 'gs1-128';
  /** The template box, quiet zones included. */
  box: BoxMm;
  elementId: string;
}

/**
 * A 2D symbol: `cols` × `rows` cells (1 = dark, row by row), each `moduleDots` wide and `rowDots` high, its
 * top-left cell at whole dots (`xDots`, `yDots`) at `dpi`.
 */
export interface MatrixItem {
  kind: 'matrix';
  dpi: number;
  xDots: number;
  yDots: number;
  moduleDots: number;
  rowDots: number;
  cols: number;
  rows: number;
  bits: Uint8Array;
  data: string;
  symbology: 'qrcode' | 'datamatrix' | 'pdf417';
  box: BoxMm;
  elementId: string;
}

/** An image fitted (contain) into its box; `src` is relative to the assets folder. */
export interface ImageItem extends BoxMm {
  kind: 'image';
  src: string;
}

/** Anything the back ends draw. Everything is black on white. */
export type DisplayItem = TextItem | RectItem | BarsItem | MatrixItem | ImageItem;

/** The result of the layout pass: what to draw, in mm, for one label at one dpi. */
export interface DisplayList {
  template: string;
  widthMm: number;
  heightMm: number;
  dpi: number;
  items: DisplayItem[];
  /** What the layout had to cut (text truncated with "…", items left out). */
  warnings: LabelWarning[];
}

/**
 * What a warning says, as a code a screen translates:
 * - `text-cut`: the text did not fit even at its smallest size and ends with "…";
 * - `text-below-minimum`: not even one line fitted at the minimum size, so the text was drawn smaller still;
 * - `lines-left-out`: not every order line fitted, the last line says how many more;
 * - `names-cut`: product names cut to fit the item list's width.
 */
export type LabelWarningCode = 'text-cut' | 'text-below-minimum' | 'lines-left-out' | 'names-cut';

/** Something the label shows incompletely: which element, which field, and what happened. */
export interface LabelWarning {
  elementId: string;
  field?: string;
  code: LabelWarningCode;
  /** Values the translation shows (sizes in pt and mm, counts); the same on every screen. */
  params: Record<string, string | number>;
  /** The same in English, for logs and the CLI. */
  message: string;
}
