import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { chineseOrder, latinOrder } from '../../fixtures/orders';

// `dockside template list|export|import` and `dockside label` with saved templates and batches, as a person runs
// them: the built CLI (node scripts/build.mjs --main), real SQLite files, pdfinfo/pdftotext from poppler-utils.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-template-cli-'));
const data = path.join(tmp, 'station');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const file = (name: string) => path.join(tmp, name);
const pdfPages = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const pdfText = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
const expectOneLineError = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dockside: /);
  expect(stderr).not.toMatch(/\n\s+at /);
};

interface Listed {
  templates: { name: string; version: number; versions: number; builtIn: boolean }[];
  active: { name: string; version: number };
}
const listJson = async (dir = data): Promise<Listed> => {
  const run = await runCli(['template', 'list', '--json', '--data', dir]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Listed;
};

describe('dockside template', () => {
  it('lists the built-in templates without a station database, and creates none', async () => {
    const empty = file('no-station');
    const listed = await listJson(empty);
    expect(listed.templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['cn-76x130', 'cn-100x180', 'generic-100x150', 'intl-4x6-sscc', 'a6-on-a4']),
    );
    expect(listed.templates.every((t) => t.builtIn && t.version === 1)).toBe(true);
    const text = await runCli(['template', 'list', '--data', empty]);
    expect(text.stdout).toMatch(/generic-100x150 {2}v1/);
    expect(() => readFileSync(path.join(empty, 'station.sqlite'))).toThrow();
  });

  it('exports a built-in, imports it under a new name and as a new version, and lists the versions', async () => {
    const exported = await runCli(['template', 'export', 'generic-100x150', file('generic.json'), '--data', data]);
    expect(exported.code, exported.stderr).toBe(0);
    const template = JSON.parse(readFileSync(file('generic.json'), 'utf8')) as {
      name: string;
      elements: unknown[];
    };
    expect(template.name).toBe('generic-100x150');

    template.name = 'shop-waybill';
    template.elements.push({ type: 'text', x: 40, y: 145, w: 58, h: 4, value: 'SHOP-MARK-1', fontSize: 8 });
    writeFileSync(file('shop.json'), JSON.stringify(template));
    const imported = await runCli(['template', 'import', file('shop.json'), '--data', data, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ name: 'shop-waybill', version: 1 });
    const again = await runCli(['template', 'import', file('shop.json'), '--data', data]);
    expect(again.stdout).toMatch(/shop-waybill v2/);

    const listed = await listJson();
    expect(listed.templates.find((t) => t.name === 'shop-waybill')).toMatchObject({
      version: 2,
      versions: 2,
      builtIn: false,
    });
    expect(listed.templates.find((t) => t.name === 'generic-100x150')).toMatchObject({ version: 1, builtIn: true });

    const back = await runCli([
      'template',
      'export',
      'shop-waybill',
      file('shop-v1.json'),
      '--template-version',
      '1',
      '--data',
      data,
    ]);
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(readFileSync(file('shop-v1.json'), 'utf8'))).toMatchObject({ name: 'shop-waybill' });
  });

  it('refuses a bad template file and an unknown name in one line', async () => {
    writeFileSync(
      file('bad.json'),
      JSON.stringify({ version: 1, name: 'bad', widthMm: 10, heightMm: 10, elements: [] }),
    );
    const bad = await runCli(['template', 'import', file('bad.json'), '--data', data]);
    expect(bad.code).not.toBe(0);
    expectOneLineError(bad.stderr);
    expect(bad.stderr).toMatch(/elements/);

    const unknown = await runCli(['template', 'export', 'no-such', file('x.json'), '--data', data]);
    expect(unknown.code).not.toBe(0);
    expectOneLineError(unknown.stderr);
    expect(unknown.stderr).toMatch(/no-such/);
  });
});

describe('dockside label with saved templates and batches', () => {
  it('renders one order with a saved template', async () => {
    writeFileSync(file('order.json'), JSON.stringify({ ...chineseOrder, trackingNumber: 'DS000000000017' }));
    const run = await runCli([
      'label',
      '--order',
      file('order.json'),
      '--template',
      'shop-waybill',
      '--format',
      'pdf',
      '--out',
      file('one.pdf'),
      '--data',
      data,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/shop-waybill 100x150 mm/);
    expect(pdfText(file('one.pdf'))).toContain('SHOP-MARK-1');

    // Without the station's data only built-ins exist.
    const elsewhere = await runCli([
      'label',
      '--order',
      file('order.json'),
      '--template',
      'shop-waybill',
      '--format',
      'pdf',
      '--out',
      file('none.pdf'),
      '--data',
      file('no-station'),
    ]);
    expect(elsewhere.code).not.toBe(0);
    expectOneLineError(elsewhere.stderr);
    expect(elsewhere.stderr).toMatch(/shop-waybill/);
  });

  it('renders a JSON array of orders into one PDF with a page per order, numbering those without tracking', async () => {
    const orders = Array.from({ length: 7 }, (_, i) => ({
      ...(i % 2 === 0 ? chineseOrder : latinOrder),
      orderNo: `SO-BATCH-${i}`,
      trackingNumber: i === 0 ? 'DS000000000017' : null,
    }));
    writeFileSync(file('orders.json'), JSON.stringify(orders));
    const run = await runCli([
      'label',
      '--orders',
      file('orders.json'),
      '--template',
      'shop-waybill',
      '--tracking-prefix',
      'DS',
      '--out',
      file('batch.pdf'),
      '--data',
      data,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/7 labels/);
    // stderr is a pipe here, not a terminal: no progress bar.
    expect(run.stderr).toBe('');
    expect(pdfPages(file('batch.pdf'))).toBe(orders.length);
    const text = pdfText(file('batch.pdf'));
    expect(text).toContain('SO-BATCH-6');
    expect(text).toContain('DS000000000017');
  });

  it('names the index and the field of a bad order in a batch, in one line', async () => {
    const orders = [
      { ...chineseOrder, trackingNumber: 'DS000000000017' },
      { ...chineseOrder, orderNo: 'SO-BAD', receiver: { ...chineseOrder.receiver, city: 42 } },
    ];
    writeFileSync(file('bad-orders.json'), JSON.stringify(orders));
    const run = await runCli(['label', '--orders', file('bad-orders.json'), '--out', file('bad.pdf')]);
    expect(run.code).not.toBe(0);
    expectOneLineError(run.stderr);
    expect(run.stderr).toMatch(/order \[1\]: receiver\.city/);

    const untracked = await runCli(['label', '--orders', file('orders.json'), '--out', file('bad.pdf')]);
    expect(untracked.code).not.toBe(0);
    expectOneLineError(untracked.stderr);
    expect(untracked.stderr).toMatch(/order \[1\].*--tracking-prefix/);
  });
});
