import type { Order } from '../domain';
import type { LabelWarning } from './display-list';
import type { TemplateCheck } from './template-check';
import type { LabelTemplate } from './template-schema';

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
  /** What had to be cut to fit (text truncated with "…", order lines left out); empty when everything fit. */
  warnings: LabelWarning[];
}

/** What to render. */
export interface RenderLabelInput {
  order: Order;
  trackingNumber: string;
  /**
   * A built-in template name (under `assets/templates`, without `.json`) or a template object (the editor's
   * unsaved template; validated here); default `generic-100x150`.
   */
  template?: string | LabelTemplate;
  /** Printer resolution: 203, 300 or 600 (any whole number from 72 to 1200 works). */
  dpi: number;
  /** The print time (for `{printDate}` and `{now|date}`); default: the renderer's clock. */
  now?: Date;
  /** What the carrier said about this parcel's waybill (marks, names); absent for offline-range numbers. */
  waybill?: LabelWaybill | undefined;
}

/**
 * The carrier's side of a label: the routing marks sorting centres read and the carrier's names, as the waybill
 * service returned them (each may be null), and which parcel of a multi-parcel waybill this label is.
 */
export interface LabelWaybill {
  /** 大头笔. */
  markDestination: string | null;
  /** 三段码. */
  sortingCode: string | null;
  /** 集包地. */
  packageName: string | null;
  /** 集包编码. */
  packageCode: string | null;
  /** The carrier's name as the receiver knows it: 中通快递, 顺丰速运 … */
  carrierName: string | null;
  /** The service: 标准快递, 顺丰标快 … */
  serviceName: string | null;
  /** Parcel `seq` of `of` under the parent waybill `parentNumber` (子母件); absent for a single parcel. */
  parcel?: { seq: number; of: number; parentNumber: string } | undefined;
}

/** One label of a batch. */
export interface BatchLabel {
  order: Order;
  trackingNumber: string;
}

/** What to render into one multi-page PDF. */
export interface RenderBatchInput {
  orders: BatchLabel[];
  /** A built-in name or a template object; default `generic-100x150`. */
  template?: string | LabelTemplate;
  /** Called after each page (and once with 0 before the first). */
  onProgress?: (done: number, total: number) => void;
  /** The dot grid barcode bars are placed on: the printer's dpi; default 203. */
  dpi?: number;
  /** The print time; default: the renderer's clock. */
  now?: Date;
}

/** A warning of one label in a batch: which label (`index` into `orders`, its order number) and what. */
export interface BatchWarning extends LabelWarning {
  index: number;
  orderNo: string;
}

/** A batch rendered as one PDF, one page per label. */
export interface RenderedBatch {
  pdf: Uint8Array;
  pages: number;
  warnings: BatchWarning[];
}

/** Renders labels; holds the parsed font, templates and images, so create one per process and reuse it. */
export interface LabelRenderer {
  /**
   * Renders one label. Rejects with a {@link LabelError} when the template is unknown or invalid, when a string
   * holds a character the font lacks, or when the barcode cannot be encoded or does not fit.
   */
  render(input: RenderLabelInput): Promise<RenderedLabel>;
  /**
   * Renders many labels into one PDF, one page per label (an A4 page per label for `a6-on-a4`), built page by
   * page with the font subset and each image embedded once. Rejects with a {@link LabelError} naming the order
   * when one label cannot be rendered.
   */
  renderBatch(input: RenderBatchInput): Promise<RenderedBatch>;
  /**
   * Lays the template out for every sample order (no raster, no PDF) and reports what it leaves out, cuts or draws
   * below its minimum size; see `template-check.ts`. Rejects only when the template itself is invalid.
   */
  check(input: CheckTemplateInput): Promise<TemplateCheck>;
}

/** What to check a template with. */
export interface CheckTemplateInput {
  template: string | LabelTemplate;
  samples: readonly BatchLabel[];
  /** The dot grid barcodes are placed on; default 203. */
  dpi?: number;
  /** The print time; default: the renderer's clock. */
  now?: Date;
}

/** Options for {@link LabelRenderer} creation. */
export interface LabelRendererOptions {
  /** The assets folder holding `fonts/`, `templates/` and the images templates name. */
  assetsDir: string;
  /** Clock for the print date; defaults to the system clock. */
  now?: () => Date;
}
