import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/net';
import { runCli, startCliServer, type CliServer } from '../../helpers/cli';
import { decodeBarcodes, pdfToPng } from '../../helpers/zbar';

// The slice end to end through the real CLI: demo ERP over HTTP on loopback, SQLite files, the virtual printer,
// zbarimg reading the printed barcode.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-slice-'));
const erpData = path.join(tmp, 'erp');
const stationData = path.join(tmp, 'station');
const labels = path.join(tmp, 'labels');
let erp: CliServer;
let erpUrl: string;
let erpPort: string;

const getJson = async (route: string) => {
  const response = await fetch(`${erpUrl}/api/v1${route}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const startErp = async (port: string) => {
  erp = await startCliServer(['demo-erp', '--port', port, '--data', erpData], /http:\/\/127\.0\.0\.1:(\d+)/);
  erpPort = erp.match[1]!;
  erpUrl = `http://127.0.0.1:${erpPort}`;
};

beforeAll(async () => {
  await startErp('0');
});
afterAll(async () => {
  await erp.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** `dockside ship ORDER` against the test ERP, station and virtual printer. */
const shipArgs = (orderNo: string) => [
  'ship',
  orderNo,
  '--erp',
  erpUrl,
  '--data',
  stationData,
  '--printer',
  `file:${labels}`,
];

/** One line, no stack trace: what a person should see on failure. */
const expectOneLineError = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^dockside: /);
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('dockside ship against the demo ERP', () => {
  it('prints a label whose barcode is the tracking number, and the ERP ships the order and lowers stock', async () => {
    const before = await getJson('/orders/SO-100001');
    expect(before.body.status).toBe('pending');
    const lines = before.body.lines as { sku: string; quantity: number }[];
    const stockBefore = await Promise.all(
      lines.map(async (line) => (await getJson(`/stock/${line.sku}`)).body.onHand as number),
    );

    const run = await runCli([...shipArgs('SO-100001'), '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { trackingNumber: string; uploaded: boolean };
    expect(result.uploaded).toBe(true);

    const files = readdirSync(labels).filter((f) => f.startsWith('SO-100001_'));
    expect(files.sort()).toEqual([`SO-100001_${result.trackingNumber}.pdf`, `SO-100001_${result.trackingNumber}.png`]);
    expect(await decodeBarcodes(path.join(labels, `SO-100001_${result.trackingNumber}.png`))).toContain(
      result.trackingNumber,
    );
    const fromPdf = await pdfToPng(
      path.join(labels, `SO-100001_${result.trackingNumber}.pdf`),
      path.join(tmp, 'from-pdf'),
    );
    expect(await decodeBarcodes(fromPdf)).toContain(result.trackingNumber);

    const after = await getJson('/orders/SO-100001');
    expect(after.body).toMatchObject({ status: 'shipped', trackingNumber: result.trackingNumber });
    expect(after.body.shipments).toHaveLength(1);
    for (const [index, line] of lines.entries()) {
      const stock = (await getJson(`/stock/${line.sku}`)).body.onHand as number;
      // Other lines of this order may share a SKU; count every unit of it that shipped.
      const shipped = lines.filter((l) => l.sku === line.sku).reduce((sum, l) => sum + l.quantity, 0);
      expect(stock).toBe(stockBefore[index]! - shipped);
    }
  });

  it('shipping the same order again prints nothing new and names the existing tracking number', async () => {
    const before = readdirSync(labels).length;
    const run = await runCli([...shipArgs('SO-100001')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/already shipped with tracking number DS\d{12}/);
    expect(readdirSync(labels).length).toBe(before);
  });

  it('keeps packing while the ERP is down, queues the shipment, and uploads it exactly once when it is back', async () => {
    const pulled = await runCli(['sync', '--erp', erpUrl, '--data', stationData, '--json']);
    expect(pulled.code).toBe(0);
    expect((JSON.parse(pulled.stdout) as { pulled: number }).pulled).toBeGreaterThan(0);

    await erp.stop();
    const run = await runCli([...shipArgs('SO-100002'), '--json']);
    expect(run.code).toBe(0);
    const shipped = JSON.parse(run.stdout) as { trackingNumber: string; uploaded: boolean; outboxDepth: number };
    expect(shipped).toMatchObject({ uploaded: false, outboxDepth: 1 });
    expect(await decodeBarcodes(path.join(labels, `SO-100002_${shipped.trackingNumber}.png`))).toContain(
      shipped.trackingNumber,
    );

    const status = await runCli(['status', '--data', stationData, '--json']);
    expect(status.code).toBe(0);
    const queue = JSON.parse(status.stdout) as {
      outbox: { depth: number; oldestPendingAgeS: number; pending: { orderNo: string }[] };
    };
    expect(queue.outbox.depth).toBe(1);
    expect(queue.outbox.pending.map((p) => p.orderNo)).toEqual(['SO-100002']);
    expect(queue.outbox.oldestPendingAgeS).toBeGreaterThanOrEqual(0);

    const offlineSync = await runCli(['sync', '--erp', erpUrl, '--data', stationData]);
    expect(offlineSync.code).not.toBe(0);
    expectOneLineError(offlineSync.stderr);

    await startErp(erpPort);
    const drained = await runCli(['sync', '--erp', erpUrl, '--data', stationData, '--json']);
    expect(drained.stderr).toBe('');
    expect(drained.code).toBe(0);
    expect(JSON.parse(drained.stdout)).toMatchObject({ uploaded: 1, depth: 0 });
    const again = await runCli(['sync', '--erp', erpUrl, '--data', stationData, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ uploaded: 0, depth: 0 });

    const order = await getJson('/orders/SO-100002');
    expect(order.body).toMatchObject({ status: 'shipped', trackingNumber: shipped.trackingNumber });
    expect(order.body.shipments).toHaveLength(1);
  });
});

describe('bad input gives one clear line and a non-zero exit', () => {
  it('unknown order', async () => {
    const run = await runCli([...shipArgs('SO-999999')]);
    expect(run.code).not.toBe(0);
    expectOneLineError(run.stderr);
    expect(run.stderr).toMatch(/SO-999999/);
  });

  it('malformed order JSON, and an order JSON that fails the contract', async () => {
    const broken = path.join(tmp, 'broken.json');
    writeFileSync(broken, '{"orderNo": "SO-1", ');
    const run = await runCli([
      'label',
      '--order',
      broken,
      '--format',
      'pdf',
      '--out',
      path.join(tmp, 'x.pdf'),
      '--tracking',
      'DS000000000017',
    ]);
    expect(run.code).not.toBe(0);
    expectOneLineError(run.stderr);
    expect(run.stderr).toMatch(/not valid JSON/);

    const wrong = path.join(tmp, 'wrong.json');
    writeFileSync(
      wrong,
      JSON.stringify({
        orderNo: 'SO-1',
        status: 'pending',
        version: 1,
        createdAt: 'x',
        updatedAt: 'x',
        receiver: { name: 'a' },
      }),
    );
    const invalid = await runCli([
      'label',
      '--order',
      wrong,
      '--format',
      'pdf',
      '--out',
      path.join(tmp, 'x.pdf'),
      '--tracking',
      'DS000000000017',
    ]);
    expect(invalid.code).not.toBe(0);
    expectOneLineError(invalid.stderr);
    expect(invalid.stderr).toMatch(/receiver\./);
  });

  it('an unreachable ERP', async () => {
    const run = await runCli([
      'sync',
      '--erp',
      `http://127.0.0.1:${await closedPort()}`,
      '--data',
      path.join(tmp, 'other-station'),
    ]);
    expect(run.code).not.toBe(0);
    expectOneLineError(run.stderr);
    expect(run.stderr).toMatch(/ERP could not be reached/);
  });

  it('an unwritable data directory', async () => {
    const blocker = path.join(tmp, 'a-file');
    writeFileSync(blocker, 'x');
    const run = await runCli(['ship', 'SO-100003', '--erp', erpUrl, '--data', path.join(blocker, 'data')]);
    expect(run.code).not.toBe(0);
    expectOneLineError(run.stderr);
    expect(run.stderr).toMatch(/cannot use data directory/);
  });

  it('a usage error', async () => {
    const run = await runCli(['ship']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('label renders an order file whose barcode decodes', async () => {
    const order = await getJson('/orders/SO-100003');
    const file = path.join(tmp, 'order.json');
    writeFileSync(file, JSON.stringify(order.body));
    const out = path.join(tmp, 'label.png');
    const run = await runCli([
      'label',
      '--order',
      file,
      '--format',
      'png',
      '--dpi',
      '300',
      '--out',
      out,
      '--tracking',
      'DS000000000017',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(await decodeBarcodes(out)).toContain('DS000000000017');
  });
});
