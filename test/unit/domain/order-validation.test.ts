import { describe, expect, it } from 'vitest';
import { validateOrder, type Order } from '../../../src-main/domain';
import { chineseOrder } from '../../fixtures/orders';

const base: Order = chineseOrder;

describe('order validation', () => {
  it('passes a complete order', () => {
    expect(validateOrder(base)).toEqual([]);
  });

  it('names each missing piece with its field', () => {
    const issues = validateOrder({
      ...base,
      receiver: { ...base.receiver, name: ' ', phone: '', province: '' },
      lines: [{ ...chineseOrder.lines[0]!, lineNo: 1, barcode: '', quantity: 0 }],
    });
    expect(issues.map((i) => i.field).sort()).toEqual(
      ['lines[1].barcode', 'lines[1].quantity', 'receiver.name', 'receiver.phone', 'receiver.province'].sort(),
    );
  });

  it('refuses an order without lines', () => {
    expect(validateOrder({ ...base, lines: [] })).toMatchObject([{ code: 'no-lines' }]);
  });
});
