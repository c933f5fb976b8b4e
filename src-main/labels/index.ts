/**
 * The waybill label engine: a JSON template (mm) plus an order becomes one layout, drawn as a PDF (pdf-lib,
 * MediaBox = label) and as the 1-bit raster that prints (barcode bars on whole dots), plus that raster as PNG.
 */
export { createLabelRenderer, LABEL_FONT_FILE } from './create-label-renderer';
export { LabelError, codePointLabel, type LabelErrorCode } from './label-error';
export type {
  BatchLabel,
  BatchWarning,
  CheckTemplateInput,
  LabelRaster,
  LabelRenderer,
  LabelRendererOptions,
  RenderBatchInput,
  RenderLabelInput,
  LabelWaybill,
  RenderedBatch,
  RenderedLabel,
} from './types';
export {
  labelTemplateSchema,
  templateElementSchema,
  SYMBOLOGIES,
  type LabelTemplate,
  type LabelTemplateInput,
  type Symbology,
  type TemplateElement,
} from './template-schema';
export {
  parseTemplate,
  DEFAULT_TEMPLATE,
  BUILT_IN_TEMPLATE_NAMES,
  listBuiltInTemplates,
  loadBuiltInTemplate,
  type BuiltInTemplateInfo,
  type BuiltInTemplateName,
} from './template-store';
export { layoutLabel, type LayoutDeps } from './layout';
export type {
  DisplayItem,
  DisplayList,
  TextItem,
  BarsItem,
  MatrixItem,
  RectItem,
  ImageItem,
  BoxMm,
  LabelWarning,
  LabelWarningCode,
} from './display-list';
export {
  REQUIRED_FIELDS,
  REQUIRED_BINDINGS,
  checkLaidOutLabel,
  missingRequiredFields,
  summarizeCheck,
  type RequiredField,
  type TemplateCheck,
  type TemplateProblem,
  type TemplateProblemCode,
} from './template-check';
export { CHECK_ORDERS } from './check-orders';
export { FIELD_NAMES, deriveSortCode, expressionProblems, type FieldName } from './order-fields';
export { FILTER_NAMES, maskPhone, sscc18, type FilterName } from './filters';
export { parseExpression, ExpressionError, type ExpressionPart, type FilterCall } from './expression';
export {
  commandBarcodeSvg,
  commandsSheetLayout,
  createCommandsSheetRenderer,
  SHEET_LANGUAGES,
  type CommandsSheetRenderer,
  type SheetLanguage,
} from './commands-sheet';
