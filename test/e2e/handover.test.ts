import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { shipWithCli, startCliServer, type CliServer } from '../helpers/cli';
import { repoRoot } from '../helpers/paths';

// The courier's pickup at the bench, driven like a packer drives it: a scanner typing each waybill, a wrong parcel
// stopping the line, one confirm for the lot; the demo ERP then shows the parcels picked up (已揽收).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-e2e-handover-'));
const station = path.join(tmp, 'station');
const shots = path.resolve(repoRoot, process.env.DOCKSIDE_SCREENSHOTS ?? path.join('test-results', 'screenshots'));
mkdirSync(shots, { recursive: true });
let erp: CliServer;
let erpUrl: string;
let serve: CliServer;
let browser: Browser;
let page: Page;
const shipped: string[] = [];

/** A scanner: characters ~5 ms apart, then Enter. */
const scan = async (code: string) => {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
};

const deliveryStatus = async (orderNo: string) =>
  ((await (await fetch(`${erpUrl}/api/v1/orders/${orderNo}`)).json()) as { deliveryStatus?: string }).deliveryStatus;

beforeAll(async () => {
  erp = await startCliServer(
    ['demo-erp', '--port', '0', '--data', path.join(tmp, 'erp')],
    /(http:\/\/127\.0\.0\.1:\d+)\/api\/v1/,
  );
  erpUrl = erp.match[1]!;
  for (const orderNo of ['SO-100001', 'SO-100002', 'SO-100003'])
    shipped.push(await shipWithCli(orderNo, { erp: erpUrl, data: station, labels: path.join(tmp, 'labels') }));
  serve = await startCliServer(
    ['serve', '--port', '0', '--erp', erpUrl, '--data', station, '--printer', `file:${path.join(tmp, 'labels')}`],
    /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.match[1]!);
  await page.evaluate(`localStorage.setItem('dockside.locale', 'en')`);
  // As in the packing e2e: a wider scanner gap so a loaded CI machine cannot split a scan.
  await page.evaluate(`localStorage.setItem('dockside.scanner', '{"maxGapMs":150}')`);
  await page.reload();
  await page.getByTestId('nav-handover').click();
  await page.getByTestId('handover-screen').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  await erp?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('courier handover screen', () => {
  it('stops the line on a foreign parcel, lists the scanned ones, and hands them over once', async () => {
    await scan('DS999999999999');
    const error = page.getByTestId('handover-error');
    await error.waitFor();
    expect(await error.getAttribute('data-code')).toBe('parcel-unknown');
    expect(await error.textContent()).toContain('DS999999999999 was not shipped at this station');
    expect(await page.getByTestId('handover-confirm').isDisabled()).toBe(true);

    for (const tracking of shipped.slice(0, 2)) await scan(tracking);
    await expect.poll(() => page.getByTestId('handover-row').count()).toBe(2);
    expect(await page.getByTestId('handover-error').count()).toBe(0);
    await scan(shipped[0]!);
    await expect.poll(() => page.getByTestId('handover-error').getAttribute('data-code')).toBe('duplicate');
    expect(await page.getByTestId('handover-row').count()).toBe(2);
    await page.screenshot({ path: path.join(shots, 'handover-en.png') });

    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-done').waitFor();
    expect(await page.getByTestId('handover-done').textContent()).toMatch(
      /2 parcels handed over to \S+; the ERP is told/,
    );
    expect(await page.getByTestId('handover-row').count()).toBe(0);
    await expect.poll(() => page.getByTestId('handover-recent').locator('tr').count()).toBe(1);
    // The station uploads in the background; the ERP then shows both parcels picked up.
    await expect.poll(() => deliveryStatus('SO-100001'), { timeout: 15_000 }).toBe('picked-up');
    await expect.poll(() => deliveryStatus('SO-100002'), { timeout: 15_000 }).toBe('picked-up');

    // A parcel handed over is refused if someone tries to give it again.
    await scan(shipped[1]!);
    await expect.poll(() => page.getByTestId('handover-error').getAttribute('data-code')).toBe('parcel-handed-over');

    await page.evaluate(`localStorage.setItem('dockside.locale', 'zh-CN')`);
    await page.reload();
    await page.getByTestId('nav-handover').click();
    await scan('DS999999999999');
    await page.getByTestId('handover-error').waitFor();
    expect(await page.getByTestId('handover-error').textContent()).toContain('不是本工作台发出的包裹');
    await page.screenshot({ path: path.join(shots, 'handover-zh-CN.png') });
  });

  it('takes a parcel scanned by its order number, saying which parcel that is', async () => {
    const tracking = shipped[2]!;
    for (const size of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      for (const locale of ['en', 'zh-CN']) {
        await page.evaluate(`localStorage.setItem('dockside.locale', ${JSON.stringify(locale)})`);
        await page.reload();
        await page.getByTestId('nav-handover').click();
        await page.getByTestId('handover-screen').waitFor();
        // The packing slip's order number, not the waybill: the station shipped that order as one parcel.
        await scan('SO-100003');
        const info = page.getByTestId('handover-info');
        await info.waitFor();
        expect(await info.textContent()).toContain(
          locale === 'en'
            ? `SO-100003 is the order number: its parcel ${tracking} is on the list.`
            : `SO-100003 是订单号：已把它的包裹 ${tracking} 加入列表。`,
        );
        expect(await page.getByTestId('handover-error').count()).toBe(0);
        expect(await page.getByTestId('handover-row').getAttribute('data-tracking')).toBe(tracking);
        await page.screenshot({ path: path.join(shots, `handover-order-number-${locale}-${size.width}.png`) });
        // The same parcel again, now by its waybill (or the order number in lower case): already on the list.
        await scan(tracking);
        await expect.poll(() => page.getByTestId('handover-error').getAttribute('data-code')).toBe('duplicate');
        await scan('so-100003');
        await expect.poll(() => page.getByTestId('handover-error').textContent()).toContain(tracking);
        expect(await page.getByTestId('handover-row').count()).toBe(1);
      }
    }
    // An order handed over already is refused by its order number too, naming its parcel.
    await page.getByTestId('handover-confirm').click();
    await page.getByTestId('handover-done').waitFor();
    await scan('SO-100003');
    await expect.poll(() => page.getByTestId('handover-error').getAttribute('data-code')).toBe('parcel-handed-over');
    expect(await page.getByTestId('handover-error').textContent()).toContain(tracking);
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
