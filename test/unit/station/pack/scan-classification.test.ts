import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommandBarcode, parseScanCommand, SCAN_COMMAND_CATALOGUE } from '../../../../src-main/domain';
import {
  createOrdersRepository,
  createScanLookup,
  openStationDatabase,
  type ScanLookup,
} from '../../../../src-main/store';
import {
  idleScanRefusal,
  packingScanRefusal,
  unknownCommandBarcode,
} from '../../../../src-main/station/pack/scan-classification';
import { en } from '../../../../src-renderer/i18n/en';
import { zhCN } from '../../../../src-renderer/i18n/zh-CN';
import { chineseOrder, latinOrder } from '../../../fixtures/orders';

// What a scan turned out to be, looked up in a real station database (SQLite file, migrations applied).

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-scan-classification-'));
let db: Database.Database;
let lookup: ScanLookup;
const shipped = { ...latinOrder, orderNo: 'SO-100009' };
const open = { ...chineseOrder, orderNo: 'SO-100007' };

beforeAll(() => {
  db = openStationDatabase(tmp);
  const orders = createOrdersRepository(db);
  orders.upsert(open, [], '2026-12-02T08:00:00.000Z');
  orders.upsert(shipped, [], '2026-12-02T08:00:00.000Z');
  // The parcel of SO-100009 was shipped here (as the shipping store records it).
  db.prepare(
    `INSERT INTO shipments (id, order_no, tracking_number, carrier, order_version, created_at)
     VALUES ('s1', 'SO-100009', 'DS000000012345', 'DSX', 1, '2026-12-02T09:15:00.000Z')`,
  ).run();
  lookup = createScanLookup(db);
});

afterAll(() => {
  db.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the scan look-up', () => {
  it('finds order numbers in any case, and only whole numbers', () => {
    expect(lookup.orderNumber('SO-100007')).toBe('SO-100007');
    expect(lookup.orderNumber('so-100007')).toBe('SO-100007');
    expect(lookup.orderNumber('So-100009')).toBe('SO-100009');
    expect(lookup.orderNumber('SO-10000')).toBeNull();
  });

  it("finds a shipped parcel by its label's tracking number, and an item by barcode or SKU", () => {
    expect(lookup.shippedLabel('DS000000012345')).toEqual({
      orderNo: 'SO-100009',
      trackingNumber: 'DS000000012345',
      shippedAt: '2026-12-02T09:15:00.000Z',
    });
    expect(lookup.shippedLabel('ds000000012345')?.orderNo).toBe('SO-100009');
    expect(lookup.shippedLabel('DS000000099999')).toBeNull();
    const item = open.lines[1]!;
    expect(lookup.itemOwner(item.barcode)).toEqual({ orderNo: 'SO-100007', sku: item.sku });
    expect(lookup.itemOwner(item.sku)?.sku).toBe(item.sku);
    expect(lookup.itemOwner('0000000000000')).toBeNull();
  });
});

describe('scan classification', () => {
  it('while idle, names a shipped label and an item for what they are; anything else may be an ERP order', () => {
    expect(idleScanRefusal('DS000000012345', lookup)).toMatchObject({
      code: 'scan-is-shipped-label',
      params: { orderNo: 'SO-100009', trackingNumber: 'DS000000012345', shippedAt: '2026-12-02T09:15:00.000Z' },
    });
    expect(idleScanRefusal(open.lines[0]!.barcode, lookup)).toMatchObject({
      code: 'scan-is-item',
      params: { barcode: open.lines[0]!.barcode, sku: open.lines[0]!.sku },
    });
    expect(idleScanRefusal('SO-999999', lookup)).toBeNull();
  });

  it('mid-pack, names another order and the open order scanned again; anything else is a wrong item', () => {
    const other = packingScanRefusal('so-100009', 'SO-100007', lookup);
    expect(other).toMatchObject({
      code: 'another-order-open',
      params: { orderNo: 'SO-100009', openOrderNo: 'SO-100007' },
    });
    expect(other?.message).toBe('SO-100009 is another order: finish or cancel SO-100007 first (scan CANCEL)');
    expect(packingScanRefusal('SO-100007', 'SO-100007', lookup)).toMatchObject({ code: 'order-already-open' });
    expect(packingScanRefusal('0000000000000', 'SO-100007', lookup)).toBeNull();
  });

  it('refuses a %DS% code outside the catalogue as an unknown command barcode, in any case', () => {
    expect(isCommandBarcode('%DS%FOO')).toBe(true);
    expect(isCommandBarcode('%ds%confirm')).toBe(true);
    expect(isCommandBarcode('SO-100007')).toBe(false);
    expect(parseScanCommand('%DS%FOO')).toBeNull();
    expect(unknownCommandBarcode('%DS%FOO')).toMatchObject({
      code: 'unknown-command-barcode',
      params: { code: '%DS%FOO' },
    });
    expect(unknownCommandBarcode('%DS%FOO').message).toMatch(/^unknown command barcode %DS%FOO/);
  });
});

describe('the command barcode catalogue', () => {
  it('has a barcode %DS%NAME, labels and a one-line description in both languages for each command', () => {
    expect(SCAN_COMMAND_CATALOGUE.map((c) => c.barcode)).toEqual(['%DS%CONFIRM', '%DS%REPRINT', '%DS%CANCEL']);
    for (const entry of SCAN_COMMAND_CATALOGUE) {
      expect(entry.barcode).toBe(`%DS%${entry.command.toUpperCase()}`);
      expect(parseScanCommand(entry.barcode)).toBe(entry.command);
      for (const text of [entry.label.en, entry.label['zh-CN'], entry.what.en, entry.what['zh-CN']]) {
        expect(text.trim()).not.toBe('');
        expect(text).not.toContain('\n');
      }
    }
  });

  it('holds every command a screen tells the packer to scan, under the name the screen uses', () => {
    // English: "scan CONFIRM", "scan REPRINT" … ; Chinese: 扫描"确认"条码 …
    const named = (texts: string[], pattern: RegExp) =>
      new Set(texts.flatMap((text) => [...text.matchAll(pattern)].map((m) => m[1]!)));
    const enNames = named(Object.values(en), /\bscan ([A-Z]{3,})\b/gi);
    const zhNames = named(Object.values(zhCN), /扫描"([^"]+)"条码/g);
    // Words after "scan" that are not command names (an ordinary sentence: "scan an order", "scan its label").
    const enCommands = [...enNames].filter((name) => name === name.toUpperCase());
    expect(enCommands.length).toBeGreaterThan(0);
    expect(zhNames.size).toBeGreaterThan(0);
    for (const name of enCommands) expect(SCAN_COMMAND_CATALOGUE.map((c) => c.label.en)).toContain(name);
    for (const name of zhNames) expect(SCAN_COMMAND_CATALOGUE.map((c) => c.label['zh-CN'])).toContain(name);
    // No screen points at command barcodes "printed from settings": they are on the Commands screen.
    expect(Object.values(en).join('\n')).not.toMatch(/printed from settings/i);
    expect(Object.values(zhCN).join('\n')).not.toContain('从设置中打印');
  });
});
