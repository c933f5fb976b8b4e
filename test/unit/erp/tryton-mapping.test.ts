import { describe, expect, it } from 'vitest';
import {
  shipmentToOrder,
  statusOfState,
  trytonMoveSchema,
  trytonShipmentSchema,
} from '../../../src-main/erp/tryton/tryton-mapping';

const dt = (second: number, microsecond = 0) => ({
  __class__: 'datetime',
  year: 2025,
  month: 3,
  day: 14,
  hour: 9,
  minute: 30,
  second,
  microsecond,
});

// Shaped as Tryton 6.0.29 answers search_read with the connector's dotted fields.
const shipment = trytonShipmentSchema.parse({
  id: 12,
  number: ' OUT-00012 ',
  state: 'assigned',
  create_date: dt(1),
  write_date: dt(2, 500_000),
  effective_date: null,
  reference: null,
  outgoing_moves: [31, 30],
  'carrier.': { id: 1, rec_name: 'SF Express' },
  'customer.': { id: 3, name: '李娜', phone: '', mobile: '１３９００１３９０００' },
  'delivery_address.': {
    id: 4,
    party_name: null,
    name: '',
    street: '朝阳区建国路88号\n SOHO现代城 5号楼',
    postal_code: '100022',
    city: '北京市',
    'country.': { id: 1, code: 'cn' },
    'subdivision.': { id: 2, name: '北京市' },
  },
  'warehouse.': { id: 5, 'address.': null },
  'company.': {
    id: 1,
    'party.': {
      id: 1,
      name: 'ACME 仓库',
      phone: '010-1234567',
      mobile: '',
      'addresses.': [
        {
          id: 1,
          party_name: null,
          name: null,
          street: '顺义区物流园',
          postal_code: null,
          city: '北京市',
          'country.': { id: 1, code: 'CN' },
          'subdivision.': null,
        },
      ],
    },
  },
  'packages.': [],
});

const move = (id: number, code: string | null, quantity: number, extra: Record<string, unknown> = {}) =>
  trytonMoveSchema.parse({
    id,
    quantity,
    state: 'assigned',
    create_date: dt(1),
    write_date: dt(1),
    'product.': { id: id * 10, code, name: `Product ${id}`, 'identifiers.': [] },
    ...extra,
  });

describe('Tryton customer shipment → order', () => {
  it('maps number, receiver, sender and lines; a later move write bumps the version', () => {
    const moves = [
      move(31, 'SKU-B', 1, { 'product.': { id: 2, code: 'SKU-B', name: 'B', 'identifiers.': [] } }),
      move(30, 'SKU-A', 2, {
        write_date: dt(3),
        'product.': {
          id: 1,
          code: 'SKU-A',
          name: ' A ',
          'identifiers.': [
            { id: 1, type: 'isan', code: 'X' },
            { id: 2, type: 'ean', code: '6901234567892' },
          ],
        },
      }),
    ];
    const order = shipmentToOrder(shipment, moves);
    expect(order).toMatchObject({
      orderNo: 'OUT-00012',
      status: 'pending',
      version: Date.UTC(2025, 2, 14, 9, 30, 3),
      createdAt: '2025-03-14T09:30:01.000Z',
      receiver: {
        name: '李娜',
        phone: '13900139000',
        country: 'CN',
        province: '北京市',
        city: '北京市',
        address: '朝阳区建国路88号 SOHO现代城 5号楼',
        postcode: '100022',
      },
      sender: { name: 'ACME 仓库', phone: '010-1234567', city: '北京市', address: '顺义区物流园' },
      carrier: 'SF Express',
      lines: [
        { lineNo: 1, sku: 'SKU-A', name: 'A', barcode: '6901234567892', quantity: 2 },
        { lineNo: 2, sku: 'SKU-B', name: 'B', barcode: 'SKU-B', quantity: 1 },
      ],
      trackingNumber: null,
      shipments: [],
    });
    expect(shipmentToOrder(shipment, [moves[0]!]).version).toBe(Math.floor(Date.UTC(2025, 2, 14, 9, 30, 2) + 500));
  });

  it('leaves cancelled moves out and gives products without a code a stable SKU', () => {
    const order = shipmentToOrder(shipment, [move(30, null, 1), move(31, 'SKU-B', 1, { state: 'cancelled' })]);
    expect(order.lines).toEqual([
      { lineNo: 1, sku: 'product-300', name: 'Product 30', barcode: 'product-300', quantity: 1 },
    ]);
  });

  it('reports a done shipment as shipped with its packages as tracking numbers', () => {
    const done = trytonShipmentSchema.parse({
      ...shipment,
      state: 'done',
      effective_date: { __class__: 'date', year: 2025, month: 3, day: 15 },
      'packages.': [{ id: 9, shipping_reference: 'DS100' }],
    });
    expect(shipmentToOrder(done, [move(30, 'SKU-A', 1)])).toMatchObject({
      status: 'shipped',
      trackingNumber: 'DS100',
      shipments: [
        {
          id: 'stock.package,9',
          trackingNumber: 'DS100',
          carrier: 'SF Express',
          shippedAt: '2025-03-15T00:00:00.000Z',
        },
      ],
    });
  });

  it('maps states: done → shipped, cancelled → cancelled, everything else pending', () => {
    expect(['draft', 'waiting', 'assigned', 'picked', 'packed', 'done', 'cancelled'].map(statusOfState)).toEqual([
      'pending',
      'pending',
      'pending',
      'pending',
      'pending',
      'shipped',
      'cancelled',
    ]);
  });
});
