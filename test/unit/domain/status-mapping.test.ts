import { describe, expect, it } from 'vitest';
import {
  DELIVERY_FLOW,
  DELIVERY_STATUS_NAMES,
  isForwardTransition,
  toDeliveryStatus,
  toOrderStatus,
} from '../../../src-main/domain';

describe('status mapping: one table for every ERP and carrier status', () => {
  it.each([
    ['待发货', 'pending'],
    ['已揽收', 'picked-up'],
    ['运输中', 'in-transit'],
    ['派送中', 'out-for-delivery'],
    ['已签收', 'delivered'],
    ['异常', 'exception'],
    ['已取消', 'cancelled'],
    ['Pending', 'pending'],
    ['picked_up', 'picked-up'],
    ['In Transit', 'in-transit'],
    ['OUT-FOR-DELIVERY', 'out-for-delivery'],
    ['canceled', 'cancelled'],
    ['ｃａｎｃｅｌｌｅｄ', 'cancelled'],
    ['waiting', 'pending'],
    [3, 'delivered'],
    ['2', 'in-transit'],
  ] as const)('%s → %s', (raw, status) => {
    expect(toDeliveryStatus(raw)).toBe(status);
  });

  it('knows nothing it was not told', () => {
    expect(toDeliveryStatus('teleported')).toBeNull();
    expect(toDeliveryStatus('')).toBeNull();
    expect(toDeliveryStatus(undefined)).toBeNull();
  });

  it('maps onto the station order status', () => {
    expect(toOrderStatus('待发货')).toBe('pending');
    expect(toOrderStatus('claimed')).toBe('claimed');
    expect(toOrderStatus('已揽收')).toBe('shipped');
    expect(toOrderStatus('已签收')).toBe('shipped');
    expect(toOrderStatus('已取消')).toBe('cancelled');
    expect(toOrderStatus('??')).toBeNull();
  });

  it('has a Chinese and an English name for each status, in flow order', () => {
    expect(DELIVERY_FLOW.map((s) => DELIVERY_STATUS_NAMES[s].zh)).toEqual([
      '待发货',
      '已揽收',
      '运输中',
      '派送中',
      '已签收',
    ]);
    expect(DELIVERY_STATUS_NAMES.exception.zh).toBe('异常');
  });

  it('moves only forward', () => {
    expect(isForwardTransition('pending', 'in-transit')).toBe(true);
    expect(isForwardTransition('in-transit', 'picked-up')).toBe(false);
    expect(isForwardTransition('delivered', 'exception')).toBe(false);
    expect(isForwardTransition('in-transit', 'exception')).toBe(true);
    expect(isForwardTransition('cancelled', 'pending')).toBe(false);
  });
});
