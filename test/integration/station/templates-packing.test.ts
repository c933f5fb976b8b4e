import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import type { PackState } from '../../../src-main/contract';
import { loadBuiltInTemplate } from '../../../src-main/labels';
import { assetsDir } from '../../../src-main/platform';

// Packing keeps the template version it started with: a supervisor who saves and activates a new version while a
// parcel is being packed changes the next parcel's label, never the one in hand.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-templates-'));
const labels = path.join(tmp, 'labels');
let station: Station;

beforeAll(async () => {
  station = await createStation({ dataDir: path.join(tmp, 'station'), printer: `file:${labels}` });
  await station.sync.syncNow();
});
afterAll(async () => {
  await station.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A copy of the generic template with a text element that says which version printed it. */
function marked(marker: string) {
  const template = structuredClone(loadBuiltInTemplate(assetsDir(), 'generic-100x150'));
  template.elements.push({
    type: 'text',
    id: 'version-marker',
    x: 40,
    y: 145.2,
    w: 58,
    h: 4,
    value: marker,
    fontSize: 8,
    lineHeight: 1.2,
    align: 'left',
    valign: 'top',
    wrap: false,
    inverse: false,
  } as (typeof template.elements)[number]);
  return template;
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

async function packAll(state: PackState): Promise<PackState> {
  for (const line of state.order!.lines) {
    for (let unit = 0; unit < line.quantity; unit++) state = await station.pack.scan(line.barcode);
  }
  return state;
}

describe('packing with a saved template', () => {
  it('prints an order with the version active when it was opened, and the next order with the new one', async () => {
    const h = station.api.handlers;
    const v1 = await h['templates:save']({ template: marked('MARKER-V-ONE'), name: 'shop-waybill', note: 'first' });
    expect(v1).toEqual({ name: 'shop-waybill', version: 1 });
    await h['templates:setActive']({ name: 'shop-waybill' });

    const pending = (await h['orders:list']({ limit: 100 })).filter(
      (o) => o.status === 'pending' && o.issues.length === 0,
    );
    const [first, second] = pending;
    let state = await station.pack.scan(first!.orderNo);
    expect(state.phase).toBe('packing');

    // Mid-parcel: the supervisor saves v2 and makes it the packing template.
    const v2 = await h['templates:save']({ template: marked('MARKER-V-TWO'), name: 'shop-waybill' });
    expect(v2.version).toBe(2);
    expect(await h['templates:setActive']({ name: 'shop-waybill', version: 2 })).toEqual(v2);

    state = await packAll(state);
    expect(state.phase).toBe('printed');
    const firstPdf = path.join(labels, `${first!.orderNo}_${state.label!.trackingNumber}.pdf`);
    expect(pdfText(firstPdf)).toContain('MARKER-V-ONE');
    expect(pdfText(firstPdf)).not.toContain('MARKER-V-TWO');
    state = await station.pack.confirm();
    expect(state.phase).toBe('idle');

    state = await packAll(await station.pack.scan(second!.orderNo));
    expect(state.phase).toBe('printed');
    const secondPdf = path.join(labels, `${second!.orderNo}_${state.label!.trackingNumber}.pdf`);
    expect(pdfText(secondPdf)).toContain('MARKER-V-TWO');
    await station.pack.confirm();

    const list = await h['templates:list']({});
    expect(list.active).toEqual({ name: 'shop-waybill', version: 2 });
    expect(list.templates.find((t) => t.name === 'shop-waybill')).toMatchObject({ version: 2, versions: 2 });
    expect(readdirSync(labels).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
  });

  it('previews an unsaved template through the contract handler', async () => {
    const preview = await station.api.handlers['templates:preview']({ template: marked('UNSAVED') });
    expect(preview.png).toMatch(/^data:image\/png;base64,/);
    await expect(
      station.api.handlers['templates:preview']({ template: { ...marked('x'), widthMm: -1 } }),
    ).rejects.toMatchObject({ code: 'bad-template' });
  });
});
