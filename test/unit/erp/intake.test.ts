import { describe, expect, it } from 'vitest';
import type { ApiOrder } from '../../../src-main/erp';
import { normalizePhone, toOrder } from '../../../src-main/erp/intake';

const apiOrder: ApiOrder = {
  orderNo: ' SO-100001 ',
  status: 'pending',
  version: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  receiver: {
    name: '  张伟 ',
    phone: '１３８ ００１３ ８０００',
    country: 'CN',
    province: ' 广东省',
    city: '深圳市 ',
    district: '南山区',
    address: ' 科技园南路 18 号 3 栋 1201 ',
    postcode: '   ',
  },
  sender: {
    name: 'Dockside 示例仓',
    phone: '0571-88886666',
    country: 'CN',
    city: '杭州市',
    address: '文一西路 998 号',
  },
  lines: [{ lineNo: 1, sku: ' DS-1001 ', name: '无线鼠标 Wireless Mouse ', barcode: ' 6901234567892 ', quantity: 2 }],
  carrier: 'DSX',
  trackingNumber: null,
  shipments: [
    { id: 'SH-1', trackingNumber: 'DS000000000017', carrier: 'DSX', shippedAt: '2025-03-01T09:00:00Z', fee: 8 },
  ],
};

describe('toOrder', () => {
  it('trims strings, normalizes full-width phone digits and keeps structure', () => {
    const order = toOrder(apiOrder);
    expect(order.orderNo).toBe('SO-100001');
    expect(order.receiver).toEqual({
      name: '张伟',
      phone: '138 0013 8000',
      country: 'CN',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      address: '科技园南路 18 号 3 栋 1201',
    });
    expect(order.receiver.postcode).toBeUndefined();
    expect(order.lines).toEqual([
      { lineNo: 1, sku: 'DS-1001', name: '无线鼠标 Wireless Mouse', barcode: '6901234567892', quantity: 2 },
    ]);
    expect(order.shipments).toEqual([
      {
        id: 'SH-1',
        trackingNumber: 'DS000000000017',
        carrier: 'DSX',
        shippedAt: '2025-03-01T09:00:00Z',
        weightKg: undefined,
      },
    ]);
    expect(order.trackingNumber).toBeNull();
    expect(order.carrier).toBe('DSX');
  });

  it('upper-cases the country code', () => {
    const order = toOrder({ ...apiOrder, receiver: { ...apiOrder.receiver, country: ' de' } });
    expect(order.receiver.country).toBe('DE');
  });

  it('normalizes full-width signs and the ideographic space in phones', () => {
    expect(normalizePhone('＋４９\u3000３０－１２３４５６７')).toBe('+49 30-1234567');
    expect(normalizePhone(' 13800138000 ')).toBe('13800138000');
  });
});
