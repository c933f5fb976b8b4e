import path from 'node:path';
import type { ImageAsset } from './image-asset';
import { loadImageAsset } from './image-asset';
import type { LabelFont } from './label-font';
import { loadLabelFont } from './label-font';
import { layoutLabel } from './layout';
import { renderPdf } from './pdf-backend';
import { encodeRasterPng } from './png-encode';
import { GlyphCache } from './glyph-cache';
import type { RasterContext } from './raster-backend';
import { rasterize } from './raster-backend';
import type { LabelTemplate } from './template-schema';
import { DEFAULT_TEMPLATE, TemplateStore } from './template-store';
import type { LabelRenderer, LabelRendererOptions, RenderLabelInput, RenderedLabel } from './types';

/** The label font shipped in `assets/fonts` (WenQuanYi Micro Hei: Latin with diacritics and GBK Hanzi). */
export const LABEL_FONT_FILE = 'fonts/wqy-microhei.ttf';

/**
 * Creates a label renderer over an assets folder. The font is parsed once here (lazily, on the first render),
 * templates and images once per name; renders share them.
 */
export function createLabelRenderer(options: LabelRendererOptions): LabelRenderer {
  const { assetsDir } = options;
  const now = options.now ?? (() => new Date());
  const templates = new TemplateStore(assetsDir);
  const images = new Map<string, Promise<ImageAsset>>();
  let font: LabelFont | undefined;
  let rasterContext: RasterContext | undefined;

  const loadImages = async (template: LabelTemplate): Promise<Map<string, ImageAsset>> => {
    const out = new Map<string, ImageAsset>();
    for (const el of template.elements) {
      if (el.type !== 'image') continue;
      let pending = images.get(el.src);
      if (!pending) {
        pending = loadImageAsset(assetsDir, el.src);
        images.set(el.src, pending);
        pending.catch(() => images.delete(el.src));
      }
      out.set(el.src, await pending);
    }
    return out;
  };

  return {
    async render(input: RenderLabelInput): Promise<RenderedLabel> {
      const { dpi } = input;
      if (!Number.isInteger(dpi) || dpi < 72 || dpi > 1200) {
        throw new RangeError(
          `dpi must be a whole number from 72 to 1200 (203, 300 or 600 for label printers), got ${dpi}`,
        );
      }
      font ??= loadLabelFont(path.join(assetsDir, LABEL_FONT_FILE));
      const labelFont = font;
      rasterContext ??= {
        glyphs: new GlyphCache(labelFont.canvasFamily, labelFont.ascentEm, labelFont.descentEm),
        emWidth: (ch) => labelFont.emWidth(ch),
      };
      const template = await templates.get(input.template ?? DEFAULT_TEMPLATE);
      const assets = await loadImages(template);
      const list = layoutLabel(
        template,
        { order: input.order, trackingNumber: input.trackingNumber, now: now() },
        dpi,
        {
          font,
          imageSize: (src) => assets.get(src) ?? { width: 1, height: 1 },
        },
      );
      // Raster first and synchronously: the glyph cache's scratch canvas is never shared between two renders.
      const raster = rasterize(list, rasterContext, assets);
      const png = encodeRasterPng(raster);
      const pdf = await renderPdf(list, font, assets);
      return { template: template.name, widthMm: template.widthMm, heightMm: template.heightMm, pdf, png, raster };
    },
  };
}
