import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabelRenderer } from '../../../src-main/labels';
import { BUILT_IN_TEMPLATE_NAMES, createLabelRenderer } from '../../../src-main/labels';
import { chineseOrder, trackingNumbers } from '../../fixtures/orders';
import { assetsDir } from '../../helpers/paths';

const run = promisify(execFile);
let dir: string;
let renderer: LabelRenderer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'dockside-pdf-fonts-'));
  renderer = createLabelRenderer({ assetsDir, now: () => new Date(2025, 10, 20, 9, 5) });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** PDF-02 (docs/requirements.md): the subsetter must keep CJK glyphs, including rare ones. */
const pdf02 = {
  ...chineseOrder,
  receiver: { ...chineseOrder.receiver, name: '张伟 镕堃', address: '上海市浦东新区 SKU-123' },
};

describe.each(BUILT_IN_TEMPLATE_NAMES)('%s PDF', (name) => {
  it('keeps the CJK text (pdftotext), embeds the font as a subset (pdffonts) and stays under 100 KB with the logo', async () => {
    const label = await renderer.render({
      order: pdf02,
      trackingNumber: trackingNumbers.chinese,
      template: name,
      dpi: 203,
    });
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, label.pdf);

    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['张伟镕堃', '上海市浦东新区SKU-123', trackingNumbers.chinese])
      expect(flat).toContain(expected);
    // The GS1 logistic label has no contents zone; all the others list the goods.
    if (name !== 'intl-4x6-sscc') expect(flat).toContain('无线蓝牙耳机');
    if (name.startsWith('cn-')) expect(flat).toMatch(/138\*\*\*\*5678/);

    const { stdout: fonts } = await run('pdffonts', [file]);
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows).toHaveLength(1);
    const [fontName, ...rest] = rows[0]?.trim().split(/\s+/) ?? [];
    expect(fontName).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei$/);
    expect(rest.slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
    expect(label.pdf.length).toBeLessThan(100_000);
  });
});

describe('batch PDF', () => {
  it('poppler reads every page of a 40-label batch with its text', async () => {
    const orders = Array.from({ length: 40 }, (_, i) => ({
      order: { ...pdf02, orderNo: `SO-B-${i}` },
      trackingNumber: `DS${String(200_000_000_000 + i)}`,
    }));
    const batch = await renderer.renderBatch({ orders, template: 'generic-100x150' });
    const file = path.join(dir, 'batch.pdf');
    await writeFile(file, batch.pdf);
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+40/);
    expect(info).toMatch(/Page size:\s+283\.46\d* x 425\.19\d* pts/);
    const { stdout: last } = await run('pdftotext', ['-f', '40', '-l', '40', '-enc', 'UTF-8', file, '-']);
    expect(last).toContain('SO-B-39');
    expect(last.replace(/\s+/g, '')).toContain('镕堃');
    expect(batch.pdf.length).toBeLessThan(40 * 20_000);
  });
});
