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
}

/** A filled black rectangle (lines, box strokes). The raster back end snaps its edges to whole dots. */
export interface RectItem extends BoxMm {
  kind: 'rect';
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
  /** The template box, quiet zones included. */
  box: BoxMm;
}

/** An image fitted (contain) into its box; `src` is relative to the assets folder. */
export interface ImageItem extends BoxMm {
  kind: 'image';
  src: string;
}

/** Anything the back ends draw. Everything is black on white. */
export type DisplayItem = TextItem | RectItem | BarsItem | ImageItem;

/** The result of the layout pass: what to draw, in mm, for one label at one dpi. */
export interface DisplayList {
  template: string;
  widthMm: number;
  heightMm: number;
  dpi: number;
  items: DisplayItem[];
}
