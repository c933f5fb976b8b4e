import { describe, expect, it } from 'vitest';
import { validateOrder, type Order } from '../../../src-main/domain';

const base: Order = {
  orderNo: 'SO-1',
  status: 'pending',
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  receiver: {
    name: '张伟',
    phone: '13812345678',
    country: 'CN',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    address: '科技园南路 18 号',
  },
  sender: {
    name: 'Dockside',
    phone: '0571-88888888',
    country: 'CN',
    province: '浙江省',
    city: '杭州市',
    address: '仓前街道 1 号',
  },
  lines: [{ lineNo: 1, sku: 'A', name: 'A', barcode: '6901234567892', quantity: 1 }],
  shipments: [],
};

describe('order validation', () => {
  it('passes a complete order', () => {
    expect(validateOrder(base)).toEqual([]);
  });

  it('names each missing piece with its field', () => {
    const issues = validateOrder({
      ...base,
      receiver: { ...base.receiver, name: ' ', phone: '', province: '' },
      lines: [{ lineNo: 1, sku: 'A', name: 'A', barcode: '', quantity: 0 }],
    });
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['lines[1].barcode', 'lines[1].quantity', 'receiver.name', 'receiver.phone', 'receiver.province'].sort(),
    );
  });

  it('refuses an order without lines', () => {
    expect(validateOrder({ ...base, lines: [] })).toMatchObject([{ code: 'no-lines' }]);
  });
});
