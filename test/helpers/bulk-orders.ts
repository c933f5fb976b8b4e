import { createDemoErp, generateSeedData } from '../../src-main/demo';
import { openDemoErpDb } from '../../src-main/demo/erp/demo-erp-db';
import { createDemoErpRepository } from '../../src-main/demo/erp/demo-erp-repository';
import type { Order } from '../../src-main/domain';

/** The order number of the bulk order {@link seedDemoErpWithBulkOrder} adds. */
export const BULK_ORDER_NO = 'SO-190001';

/**
 * Seeds a demo ERP file (as `dockside demo-erp` would on its first start) and adds one pending order with a line
 * of `units` units and a line of one, built from a seeded order so its products exist in the ERP's stock. The
 * seed has at most three units a line; a line of many is what the quantity prompt is for.
 * @returns the added order
 */
export async function seedDemoErpWithBulkOrder(dbPath: string, units = 12, seed?: number): Promise<Order> {
  await createDemoErp({ dbPath, ...(seed === undefined ? {} : { seed }) }).close();
  const template = generateSeedData({
    ...(seed === undefined ? {} : { seed }),
    orders: 50,
    now: new Date(),
  }).orders.find((o) => o.status === 'pending' && o.lines.length >= 2)!;
  const [first, second] = template.lines;
  const order: Order = {
    ...template,
    orderNo: BULK_ORDER_NO,
    status: 'pending',
    version: 1,
    trackingNumber: null,
    shipments: [],
    lines: [
      { ...first!, lineNo: 1, quantity: units },
      { ...second!, lineNo: 2, quantity: 1 },
    ],
  };
  const repo = createDemoErpRepository(openDemoErpDb(dbPath));
  try {
    repo.insertOrder(order);
  } finally {
    repo.close();
  }
  return order;
}
