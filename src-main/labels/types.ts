import type { Order } from '../domain';

/**
 * A 1-bit raster of a label at the printer's resolution: 1 bit per dot, most significant bit first, 1 = black,
 * each row padded to whole bytes. This is exactly what prints.
 */
export interface LabelRaster {
  /** Width in dots: `round(widthMm * dpi / 25.4)`. */
  width: number;
  /** Height in dots: `round(heightMm * dpi / 25.4)`. */
  height: number;
  dpi: number;
  /** `ceil(width / 8)`. */
  bytesPerRow: number;
  /** `bytesPerRow * height` bytes. */
  data: Uint8Array;
}

/** A rendered label: the same layout as a PDF and as the raster that prints (plus that raster as a PNG). */
export interface RenderedLabel {
  template: string;
  widthMm: number;
  heightMm: number;
  /** One page, MediaBox exactly the label size, font embedded as a subset. */
  pdf: Uint8Array;
  /** The 1-bit raster encoded as a 1-bit grayscale PNG (the preview is what prints). */
  png: Uint8Array;
  raster: LabelRaster;
}

/** What to render. */
export interface RenderLabelInput {
  order: Order;
  trackingNumber: string;
  /** Template name under `assets/templates` (without `.json`); default `generic-100x150`. */
  template?: string;
  /** Printer resolution: 203, 300 or 600 (any whole number from 72 to 1200 works). */
  dpi: number;
}

/** Renders labels; holds the parsed font, templates and images, so create one per process and reuse it. */
export interface LabelRenderer {
  /**
   * Renders one label. Rejects with a {@link LabelError} when the template is unknown or invalid, when a string
   * holds a character the font lacks, or when the barcode cannot be encoded or does not fit.
   */
  render(input: RenderLabelInput): Promise<RenderedLabel>;
}

/** Options for {@link LabelRenderer} creation. */
export interface LabelRendererOptions {
  /** The assets folder holding `fonts/`, `templates/` and the images templates name. */
  assetsDir: string;
  /** Clock for the print date; defaults to the system clock. */
  now?: () => Date;
}
