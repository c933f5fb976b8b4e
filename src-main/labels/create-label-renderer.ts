import path from 'node:path';
import type { DisplayList } from './display-list';
import { GlyphCache } from './glyph-cache';
import type { ImageAsset } from './image-asset';
import { loadImageAsset } from './image-asset';
import { LabelError } from './label-error';
import type { LabelFont } from './label-font';
import { loadLabelFont } from './label-font';
import { layoutLabel } from './layout';
import { PdfLabelDocument, renderPdf } from './pdf-backend';
import { encodeRasterPng } from './png-encode';
import type { RasterContext } from './raster-backend';
import { rasterize } from './raster-backend';
import type { TemplateProblem } from './template-check';
import { checkLaidOutLabel, missingRequiredFields, summarizeCheck } from './template-check';
import type { LabelTemplate } from './template-schema';
import { DEFAULT_TEMPLATE, TemplateStore } from './template-store';
import type {
  BatchWarning,
  CheckTemplateInput,
  LabelRenderer,
  LabelRendererOptions,
  RenderBatchInput,
  RenderLabelInput,
  RenderedBatch,
  RenderedLabel,
} from './types';

/** The label font shipped in `assets/fonts` (WenQuanYi Micro Hei: Latin with diacritics and GBK Hanzi). */
export const LABEL_FONT_FILE = 'fonts/wqy-microhei.ttf';

/** Pages between two yields to the event loop in a batch, so a long batch never blocks the process. */
const PAGES_PER_TICK = 50;
/** Images kept decoded (asset paths and uploaded data: URLs). */
const MAX_CACHED_IMAGES = 32;

function checkDpi(dpi: number): void {
  if (!Number.isInteger(dpi) || dpi < 72 || dpi > 1200) {
    throw new RangeError(`dpi must be a whole number from 72 to 1200 (203, 300 or 600 for label printers), got ${dpi}`);
  }
}

/**
 * Creates a label renderer over an assets folder. The font is parsed once here (lazily, on the first render),
 * templates and images once per name; renders share them.
 */
export function createLabelRenderer(options: LabelRendererOptions): LabelRenderer {
  const { assetsDir } = options;
  const clock = options.now ?? (() => new Date());
  const templates = new TemplateStore(assetsDir);
  const images = new Map<string, Promise<ImageAsset>>();
  let font: LabelFont | undefined;
  let rasterContext: RasterContext | undefined;

  const labelFont = (): LabelFont => (font ??= loadLabelFont(path.join(assetsDir, LABEL_FONT_FILE)));

  const loadImages = async (template: LabelTemplate): Promise<Map<string, ImageAsset>> => {
    const out = new Map<string, ImageAsset>();
    for (const el of template.elements) {
      if (el.type !== 'image' || out.has(el.src)) continue;
      let pending = images.get(el.src);
      if (!pending) {
        if (images.size >= MAX_CACHED_IMAGES) images.clear();
        pending = loadImageAsset(assetsDir, el.src);
        images.set(el.src, pending);
        pending.catch(() => images.delete(el.src));
      }
      out.set(el.src, await pending);
    }
    return out;
  };

  const layout = (
    template: LabelTemplate,
    assets: ReadonlyMap<string, ImageAsset>,
    input: { order: RenderLabelInput['order']; trackingNumber: string; now?: Date | undefined },
    dpi: number,
  ): DisplayList =>
    layoutLabel(
      template,
      { order: input.order, trackingNumber: input.trackingNumber, now: input.now ?? clock() },
      dpi,
      {
        font: labelFont(),
        imageSize: (src) => assets.get(src) ?? { width: 1, height: 1 },
      },
    );

  return {
    async render(input: RenderLabelInput): Promise<RenderedLabel> {
      const { dpi } = input;
      checkDpi(dpi);
      const f = labelFont();
      rasterContext ??= {
        glyphs: new GlyphCache(f.canvasFamily, f.ascentEm, f.descentEm),
        emWidth: (ch) => f.emWidth(ch),
      };
      const template = await templates.resolve(input.template ?? DEFAULT_TEMPLATE);
      const assets = await loadImages(template);
      const list = layout(template, assets, input, dpi);
      // Raster first and synchronously: the glyph cache's scratch canvas is never shared between two renders.
      const raster = rasterize(list, rasterContext, assets);
      const png = encodeRasterPng(raster);
      const pdf = await renderPdf(list, f, assets);
      return {
        template: template.name,
        widthMm: template.widthMm,
        heightMm: template.heightMm,
        pdf,
        png,
        raster,
        warnings: list.warnings,
      };
    },

    async renderBatch(input: RenderBatchInput): Promise<RenderedBatch> {
      const dpi = input.dpi ?? 203;
      checkDpi(dpi);
      const template = await templates.resolve(input.template ?? DEFAULT_TEMPLATE);
      const assets = await loadImages(template);
      const doc = await PdfLabelDocument.create(labelFont());
      const total = input.orders.length;
      const now = input.now ?? clock();
      const warnings: BatchWarning[] = [];
      input.onProgress?.(0, total);
      for (let i = 0; i < total; i++) {
        const label = input.orders[i];
        if (!label) continue;
        let list: DisplayList;
        try {
          list = layout(template, assets, { ...label, now }, dpi);
        } catch (err) {
          if (!(err instanceof LabelError)) throw err;
          const uncovered =
            err.character !== undefined && err.field !== undefined
              ? { character: err.character, field: err.field }
              : undefined;
          throw new LabelError(
            err.code,
            `label ${i + 1} of ${total} (order ${label.order.orderNo}): ${err.message}`,
            uncovered,
          );
        }
        for (const w of list.warnings) warnings.push({ ...w, index: i, orderNo: label.order.orderNo });
        doc.addPage(list, assets);
        input.onProgress?.(i + 1, total);
        if ((i + 1) % PAGES_PER_TICK === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const pdf = await doc.save();
      return { pdf, pages: doc.pageCount, warnings };
    },

    async check(input: CheckTemplateInput) {
      const dpi = input.dpi ?? 203;
      checkDpi(dpi);
      const template = await templates.resolve(input.template);
      const assets = await loadImages(template);
      const now = input.now ?? clock();
      const problems: TemplateProblem[] = missingRequiredFields(template);
      for (const { order, trackingNumber } of input.samples) {
        const ctx = { order, trackingNumber, now };
        try {
          const list = layout(template, assets, ctx, dpi);
          problems.push(...checkLaidOutLabel(template, list, ctx));
        } catch (err) {
          if (!(err instanceof LabelError)) throw err;
          // A label that cannot be drawn for this order would stop the packer at this order: blocking.
          problems.push({
            code: 'render-failed',
            blocking: true,
            orderNo: order.orderNo,
            params: { reason: err.code, ...(err.field !== undefined ? { field: err.field } : {}) },
          });
        }
      }
      return summarizeCheck(problems, input.samples.length);
    },
  };
}
