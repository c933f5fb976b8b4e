/**
 * The waybill label engine: a JSON template (mm) plus an order becomes one layout, drawn as a PDF (pdf-lib,
 * MediaBox = label) and as the 1-bit raster that prints (barcode bars on whole dots), plus that raster as PNG.
 */
export { createLabelRenderer, LABEL_FONT_FILE } from './create-label-renderer';
export { LabelError, type LabelErrorCode } from './label-error';
export type { LabelRaster, LabelRenderer, LabelRendererOptions, RenderLabelInput, RenderedLabel } from './types';
export {
  labelTemplateSchema,
  templateElementSchema,
  type LabelTemplate,
  type TemplateElement,
} from './template-schema';
export { parseTemplate, DEFAULT_TEMPLATE } from './template-store';
export { layoutLabel, type LayoutDeps } from './layout';
export type { DisplayItem, DisplayList, TextItem, BarsItem, RectItem, ImageItem, BoxMm } from './display-list';
export { FIELD_NAMES, type FieldName } from './order-fields';
