import type { Address, Order, OrderLine, OrderStatus } from '../../domain';
import type { DemoErpDatabase } from './demo-erp-db';

/** A shipment as the demo ERP stores it (the domain record plus the freight fee). */
export interface DemoShipmentRecord {
  id: string;
  trackingNumber: string;
  carrier: string;
  shippedAt: string;
  weightKg?: number | undefined;
  fee?: number | undefined;
}

/** An order as the demo ERP stores it: the domain order plus its list position and claim lease. */
export interface DemoOrderRecord extends Omit<Order, 'shipments'> {
  /** Insertion position; the list cursor pages by it. */
  seq: number;
  shipments: DemoShipmentRecord[];
  /** Station holding the claim, or null. The claim is live only while `leaseUntil` lies in the future. */
  claimedBy: string | null;
  leaseUntil: string | null;
}

/** One SKU's stock level. */
export interface DemoStockRecord {
  sku: string;
  name: string;
  barcode: string;
  onHand: number;
}

/** The first answer stored under an idempotency key, replayed for every later request with that key. */
export interface DemoStoredResponse {
  requestHash: string;
  statusCode: number;
  responseJson: string;
}

/** What `insertShipment` records. */
export interface DemoShipmentInsert {
  orderNo: string;
  trackingNumber: string;
  carrier: string;
  shippedAt: string;
  weightKg?: number | undefined;
  fee?: number | undefined;
  stationId?: string | undefined;
  createdAt: string;
}

/**
 * Which orders `listOrders` returns. `pending` means pending with no live claim, `claimed` pending with a live
 * claim (judged against `now`); the other statuses match the stored status.
 */
export interface DemoOrderFilter {
  status?: OrderStatus | undefined;
  now: string;
  afterSeq: number;
  limit: number;
}

/** SQL access to the demo ERP's file. Every function is synchronous (better-sqlite3). */
export interface DemoErpRepository {
  /** True once seed data has been written (seeding happens only into a new file). */
  isSeeded(): boolean;
  /** Records that the file was seeded, with the seed parameters for reference. */
  markSeeded(info: string): void;
  insertStock(stock: DemoStockRecord): void;
  /** Inserts an order with its lines (its shipments are ignored; seed orders have none). */
  insertOrder(order: Order): void;
  listOrders(filter: DemoOrderFilter): DemoOrderRecord[];
  getOrder(orderNo: string): DemoOrderRecord | undefined;
  /** Sets (or renews) the claim lease; does not bump the order version. */
  setClaim(orderNo: string, stationId: string, leaseUntil: string): void;
  getStock(sku: string): DemoStockRecord | undefined;
  /** Lowers `on_hand` by `quantity` (stock may go negative, as real warehouses' books do). */
  deductStock(sku: string, quantity: number): void;
  /** Records a shipment and returns it with its new id (`SH-000001`, ...). */
  insertShipment(shipment: DemoShipmentInsert): DemoShipmentRecord;
  /** Sets status `shipped` and the tracking number, clears the claim and bumps the version. */
  markShipped(orderNo: string, trackingNumber: string, updatedAt: string): void;
  getStoredResponse(key: string): DemoStoredResponse | undefined;
  storeResponse(key: string, response: DemoStoredResponse, createdAt: string): void;
  /** Runs `fn` in one IMMEDIATE transaction (all of it commits, or none of it). */
  transaction<T>(fn: () => T): T;
  /** Counts shipments of one order (all orders when omitted). */
  countShipments(orderNo?: string): number;
  close(): void;
}

interface OrderRow {
  seq: number;
  order_no: string;
  status: OrderStatus;
  version: number;
  created_at: string;
  updated_at: string;
  receiver_json: string;
  sender_json: string;
  carrier: string | null;
  weight_kg: number | null;
  tracking_number: string | null;
  note: string | null;
  claimed_by: string | null;
  lease_until: string | null;
}

interface LineRow {
  line_no: number;
  sku: string;
  name: string;
  barcode: string;
  quantity: number;
}

interface ShipmentRow {
  id: string;
  tracking_number: string;
  carrier: string;
  shipped_at: string;
  weight_kg: number | null;
  fee: number | null;
}

interface StockRow {
  sku: string;
  name: string;
  barcode: string;
  on_hand: number;
}

interface StoredRow {
  request_hash: string;
  status_code: number;
  response_json: string;
}

const ORDER_COLUMNS = `seq, order_no, status, version, created_at, updated_at, receiver_json, sender_json, carrier,
  weight_kg, tracking_number, note, claimed_by, lease_until`;

const orNothing = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

/** Creates the repository over an open database (see `openDemoErpDb`). `close()` closes that database. */
export function createDemoErpRepository(db: DemoErpDatabase): DemoErpRepository {
  const statements = {
    getMeta: db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    putMeta: db.prepare<[string, string]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    insertStock: db.prepare<[string, string, string, number]>(
      'INSERT INTO stock (sku, name, barcode, on_hand) VALUES (?, ?, ?, ?)',
    ),
    insertOrder: db.prepare(
      `INSERT INTO orders (order_no, status, version, created_at, updated_at, receiver_json, sender_json, carrier,
         weight_kg, tracking_number, note)
       VALUES (@orderNo, @status, @version, @createdAt, @updatedAt, @receiver, @sender, @carrier, @weightKg,
         @trackingNumber, @note)`,
    ),
    insertLine: db.prepare<[string, number, string, string, string, number]>(
      'INSERT INTO order_lines (order_no, line_no, sku, name, barcode, quantity) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    listAll: db.prepare<[number, number], OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE seq > ? ORDER BY seq LIMIT ?`,
    ),
    listByStatus: db.prepare<[string, number, number], OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    listUnclaimed: db.prepare<[string, number, number], OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders
       WHERE status = 'pending' AND (lease_until IS NULL OR lease_until <= ?) AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    listClaimed: db.prepare<[string, number, number], OrderRow>(
      `SELECT ${ORDER_COLUMNS} FROM orders
       WHERE status IN ('pending', 'claimed') AND lease_until > ? AND seq > ? ORDER BY seq LIMIT ?`,
    ),
    getOrder: db.prepare<[string], OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE order_no = ?`),
    lines: db.prepare<[string], LineRow>(
      'SELECT line_no, sku, name, barcode, quantity FROM order_lines WHERE order_no = ? ORDER BY line_no',
    ),
    shipments: db.prepare<[string], ShipmentRow>(
      `SELECT id, tracking_number, carrier, shipped_at, weight_kg, fee FROM shipments WHERE order_no = ?
       ORDER BY seq`,
    ),
    setClaim: db.prepare<[string, string, string]>(
      'UPDATE orders SET claimed_by = ?, lease_until = ? WHERE order_no = ?',
    ),
    getStock: db.prepare<[string], StockRow>('SELECT sku, name, barcode, on_hand FROM stock WHERE sku = ?'),
    deductStock: db.prepare<[number, string]>('UPDATE stock SET on_hand = on_hand - ? WHERE sku = ?'),
    nextShipmentSeq: db.prepare<[], { next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM shipments'),
    insertShipment: db.prepare(
      `INSERT INTO shipments (seq, id, order_no, tracking_number, carrier, shipped_at, weight_kg, fee, station_id,
         created_at)
       VALUES (@seq, @id, @orderNo, @trackingNumber, @carrier, @shippedAt, @weightKg, @fee, @stationId, @createdAt)`,
    ),
    markShipped: db.prepare<[string, string, string]>(
      `UPDATE orders SET status = 'shipped', tracking_number = ?, updated_at = ?, version = version + 1,
         claimed_by = NULL, lease_until = NULL
       WHERE order_no = ?`,
    ),
    getStored: db.prepare<[string], StoredRow>(
      'SELECT request_hash, status_code, response_json FROM idempotency_keys WHERE key = ?',
    ),
    putStored: db.prepare<[string, string, number, string, string]>(
      `INSERT INTO idempotency_keys (key, request_hash, status_code, response_json, created_at)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    countAll: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM shipments'),
    countForOrder: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM shipments WHERE order_no = ?'),
  };

  const toRecord = (row: OrderRow): DemoOrderRecord => ({
    seq: row.seq,
    orderNo: row.order_no,
    status: row.status,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    receiver: JSON.parse(row.receiver_json) as Address,
    sender: JSON.parse(row.sender_json) as Address,
    lines: statements.lines.all(row.order_no).map((line): OrderLine => ({
      lineNo: line.line_no,
      sku: line.sku,
      name: line.name,
      barcode: line.barcode,
      quantity: line.quantity,
    })),
    carrier: orNothing(row.carrier),
    weightKg: orNothing(row.weight_kg),
    trackingNumber: row.tracking_number,
    shipments: statements.shipments.all(row.order_no).map(toShipment),
    note: orNothing(row.note),
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
  });

  return {
    isSeeded: () => statements.getMeta.get('seeded') !== undefined,
    markSeeded: (info) => {
      statements.putMeta.run('seeded', info);
    },
    insertStock: (stock) => {
      statements.insertStock.run(stock.sku, stock.name, stock.barcode, stock.onHand);
    },
    insertOrder: (order) => {
      statements.insertOrder.run({
        orderNo: order.orderNo,
        status: order.status,
        version: order.version,
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
        receiver: JSON.stringify(order.receiver),
        sender: JSON.stringify(order.sender),
        carrier: order.carrier ?? null,
        weightKg: order.weightKg ?? null,
        trackingNumber: order.trackingNumber ?? null,
        note: order.note ?? null,
      });
      for (const line of order.lines) {
        statements.insertLine.run(order.orderNo, line.lineNo, line.sku, line.name, line.barcode, line.quantity);
      }
    },
    listOrders: ({ status, now, afterSeq, limit }) => {
      let rows: OrderRow[];
      if (status === undefined) rows = statements.listAll.all(afterSeq, limit);
      else if (status === 'pending') rows = statements.listUnclaimed.all(now, afterSeq, limit);
      else if (status === 'claimed') rows = statements.listClaimed.all(now, afterSeq, limit);
      else rows = statements.listByStatus.all(status, afterSeq, limit);
      return rows.map(toRecord);
    },
    getOrder: (orderNo) => {
      const row = statements.getOrder.get(orderNo);
      return row ? toRecord(row) : undefined;
    },
    setClaim: (orderNo, stationId, leaseUntil) => {
      statements.setClaim.run(stationId, leaseUntil, orderNo);
    },
    getStock: (sku) => {
      const row = statements.getStock.get(sku);
      return row ? { sku: row.sku, name: row.name, barcode: row.barcode, onHand: row.on_hand } : undefined;
    },
    deductStock: (sku, quantity) => {
      statements.deductStock.run(quantity, sku);
    },
    insertShipment: (shipment) => {
      const seq = statements.nextShipmentSeq.get()?.next ?? 1;
      const id = `SH-${String(seq).padStart(6, '0')}`;
      statements.insertShipment.run({
        seq,
        id,
        orderNo: shipment.orderNo,
        trackingNumber: shipment.trackingNumber,
        carrier: shipment.carrier,
        shippedAt: shipment.shippedAt,
        weightKg: shipment.weightKg ?? null,
        fee: shipment.fee ?? null,
        stationId: shipment.stationId ?? null,
        createdAt: shipment.createdAt,
      });
      return {
        id,
        trackingNumber: shipment.trackingNumber,
        carrier: shipment.carrier,
        shippedAt: shipment.shippedAt,
        weightKg: shipment.weightKg,
        fee: shipment.fee,
      };
    },
    markShipped: (orderNo, trackingNumber, updatedAt) => {
      statements.markShipped.run(trackingNumber, updatedAt, orderNo);
    },
    getStoredResponse: (key) => {
      const row = statements.getStored.get(key);
      return row
        ? { requestHash: row.request_hash, statusCode: row.status_code, responseJson: row.response_json }
        : undefined;
    },
    storeResponse: (key, response, createdAt) => {
      statements.putStored.run(key, response.requestHash, response.statusCode, response.responseJson, createdAt);
    },
    transaction: <T>(fn: () => T): T => db.transaction(fn).immediate(),
    countShipments: (orderNo) =>
      (orderNo === undefined ? statements.countAll.get() : statements.countForOrder.get(orderNo))?.n ?? 0,
    close: () => {
      db.close();
    },
  };
}

function toShipment(row: ShipmentRow): DemoShipmentRecord {
  return {
    id: row.id,
    trackingNumber: row.tracking_number,
    carrier: row.carrier,
    shippedAt: row.shipped_at,
    weightKg: orNothing(row.weight_kg),
    fee: orNothing(row.fee),
  };
}
