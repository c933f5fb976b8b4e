import { describe, expect, it } from 'vitest';
import { isValidGs1, validateOrder } from '../../../src-main/domain';
import { generateSeedData, mulberry32 } from '../../../src-main/demo';

const now = new Date('2025-03-01T08:00:00.000Z');

describe('demo ERP seed data', () => {
  it('is the same for the same seed and different for another', () => {
    expect(generateSeedData({ seed: 1, now })).toEqual(generateSeedData({ seed: 1, now }));
    expect(generateSeedData({ seed: 2, now }).orders).not.toEqual(generateSeedData({ seed: 1, now }).orders);
  });

  it('mulberry32 gives a reproducible sequence in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('has ~40 SKUs with valid, unique EAN-13 barcodes, bilingual names and stock 100-1000', () => {
    const { stock } = generateSeedData({ now });
    expect(stock).toHaveLength(40);
    for (const item of stock) {
      expect(item.barcode).toMatch(/^\d{13}$/);
      expect(isValidGs1(item.barcode)).toBe(true);
      expect(item.name).toMatch(/[\u4e00-\u9fff]/);
      expect(item.name).toMatch(/[A-Za-z]/);
      expect(item.onHand).toBeGreaterThanOrEqual(100);
      expect(item.onHand).toBeLessThanOrEqual(1000);
    }
    expect(new Set(stock.map((s) => s.barcode)).size).toBe(40);
    expect(new Set(stock.map((s) => s.sku)).size).toBe(40);
  });

  it('makes 50 orders by default, SO-100001 upward, pending v1 except a couple cancelled', () => {
    const { orders } = generateSeedData({ now });
    expect(orders).toHaveLength(50);
    expect(orders[0]!.orderNo).toBe('SO-100001');
    expect(orders[49]!.orderNo).toBe('SO-100050');
    const cancelled = orders.filter((o) => o.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThanOrEqual(1);
    expect(cancelled.length).toBeLessThanOrEqual(3);
    for (const order of orders.filter((o) => o.status !== 'cancelled')) {
      expect(order.status).toBe('pending');
      expect(order.version).toBe(1);
    }
    expect(generateSeedData({ orders: 7, now }).orders).toHaveLength(7);
  });

  it('fills orders that pass validation, with 1-4 lines of 1-3 units from the stock list', () => {
    const { orders, stock } = generateSeedData({ now });
    const bySku = new Map(stock.map((s) => [s.sku, s]));
    expect(orders.some((o) => o.lines.length > 1)).toBe(true);
    for (const order of orders) {
      expect(validateOrder(order)).toEqual([]);
      expect(order.carrier).toBe('DSX');
      expect(order.sender.name).toBe('Dockside 示例仓');
      expect(order.sender.province).toBe('浙江省');
      expect(order.lines.length).toBeGreaterThanOrEqual(1);
      expect(order.lines.length).toBeLessThanOrEqual(4);
      expect(new Set(order.lines.map((l) => l.sku)).size).toBe(order.lines.length);
      for (const line of order.lines) {
        expect(line.quantity).toBeGreaterThanOrEqual(1);
        expect(line.quantity).toBeLessThanOrEqual(3);
        expect(bySku.get(line.sku)?.barcode).toBe(line.barcode);
      }
      expect(Date.parse(order.createdAt)).toBeLessThanOrEqual(now.getTime());
    }
  });

  it('mixes ~75% Chinese receivers with US, DE and FR ones in their own formats', () => {
    const { orders } = generateSeedData({ orders: 400, now });
    const cn = orders.filter((o) => o.receiver.country === 'CN');
    expect(cn.length / orders.length).toBeGreaterThan(0.65);
    expect(cn.length / orders.length).toBeLessThan(0.85);
    for (const { receiver } of cn) {
      expect(receiver.phone).toMatch(/^1[3-9]\d{9}$/);
      expect(receiver.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(receiver.province).toBeTruthy();
      expect(receiver.district).toBeTruthy();
      expect(receiver.address).toMatch(/号 \d+ 栋 \d+$/);
    }
    const postcodes: Record<string, RegExp> = { US: /^\d{5}$/, DE: /^\d{5}$/, FR: /^\d{5}$/ };
    const foreign = orders.filter((o) => o.receiver.country !== 'CN');
    expect(new Set(foreign.map((o) => o.receiver.country))).toEqual(new Set(['US', 'DE', 'FR']));
    for (const { receiver } of foreign) {
      expect(receiver.postcode).toMatch(postcodes[receiver.country]!);
      expect(receiver.phone).toMatch(/^\+\d/);
    }
    expect(foreign.some((o) => /[äöüßéèëêç]/i.test(o.receiver.name + o.receiver.city))).toBe(true);
  });
});
