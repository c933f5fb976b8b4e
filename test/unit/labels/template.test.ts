import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LabelError, createLabelRenderer, parseTemplate } from '../../../src-main/labels';
import { assetsDir } from '../../helpers/paths';
import { chineseOrder, trackingNumbers } from '../../fixtures/orders';

const shipped = (): unknown =>
  JSON.parse(readFileSync(path.join(assetsDir, 'templates', 'generic-100x150.json'), 'utf8'));

function badTemplateMessage(json: unknown): string {
  try {
    parseTemplate(json, 'test');
  } catch (err) {
    expect(err).toBeInstanceOf(LabelError);
    expect((err as LabelError).code).toBe('bad-template');
    return (err as LabelError).message;
  }
  throw new Error('expected the template to be rejected');
}

describe('label templates', () => {
  it('accepts the shipped generic-100x150 template', () => {
    const t = parseTemplate(shipped(), 'generic-100x150');
    expect(t.widthMm).toBe(100);
    expect(t.heightMm).toBe(150);
    expect(t.elements.some((e) => e.type === 'barcode' && e.symbology === 'code128')).toBe(true);
    expect(t.elements.some((e) => e.type === 'image')).toBe(true);
    expect(t.elements.some((e) => e.type === 'item-list')).toBe(true);
  });

  it('rejects an unknown field with its path', () => {
    const json = shipped() as { elements: Array<Record<string, unknown>> };
    json.elements.push({ type: 'text', x: 1, y: 1, w: 10, h: 10, value: '{receiver.shoeSize}', fontSize: 10 });
    expect(badTemplateMessage(json)).toMatch(/unknown field \{receiver\.shoeSize\}/);
  });

  it('rejects elements outside the label, diagonal lines and unknown element types', () => {
    const base = { version: 1, name: 'x', widthMm: 50, heightMm: 30 };
    expect(badTemplateMessage({ ...base, elements: [{ type: 'box', x: 40, y: 0, w: 20, h: 10 }] })).toMatch(
      /outside the label/,
    );
    expect(badTemplateMessage({ ...base, elements: [{ type: 'line', x1: 0, y1: 0, x2: 10, y2: 10 }] })).toMatch(
      /horizontal or vertical/,
    );
    expect(badTemplateMessage({ ...base, elements: [{ type: 'qr', x: 0, y: 0, w: 10, h: 10 }] })).toMatch(
      /elements\.0/,
    );
    expect(badTemplateMessage({ ...base, version: 2, elements: [{ type: 'box', x: 0, y: 0, w: 10, h: 10 }] })).toMatch(
      /version/,
    );
  });

  it('rejects a quiet zone under 10 modules', () => {
    const base = { version: 1, name: 'x', widthMm: 100, heightMm: 30 };
    const el = { type: 'code128', x: 0, y: 0, w: 100, h: 15, quietZoneModules: 5 };
    expect(badTemplateMessage({ ...base, elements: [el] })).toMatch(/quietZoneModules/);
  });

  it('reports unknown template names', async () => {
    const renderer = createLabelRenderer({ assetsDir });
    const err = await renderer
      .render({ order: chineseOrder, trackingNumber: trackingNumbers.chinese, dpi: 203, template: 'no-such-label' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabelError);
    expect((err as LabelError).code).toBe('unknown-template');
  });
});
