import { z } from 'zod';
import { ErpError, NO_EXTRA_CAPABILITIES } from '../connector';
import type { ErpCapabilities, ErpConnector, ShipmentConfirmation, ShipmentReceipt } from '../connector';
import { createTrytonClient } from './tryton-client';
import {
  MOVE_FIELDS,
  PENDING_STATES,
  SHIPMENT_FIELDS,
  parcelMoves,
  shipmentToOrder,
  skuOf,
  trackingNumbersOf,
  trytonMoveSchema,
  trytonShipmentSchema,
  type TrytonMove,
  type TrytonShipment,
} from './tryton-mapping';
import { trytonIso } from './tryton-values';
import { parseTrytonUrl } from './tryton-url';

/** Options of {@link createTrytonConnector}. */
export interface TrytonConnectorOptions {
  /** `tryton://user:password@host:port/database` (`trytons://` for HTTPS). */
  url: string;
  /** Injected fetch (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Per JSON-RPC call. Default 10 000 ms. */
  timeoutMs?: number | undefined;
}

/** The Tryton connector: the shared interface plus releasing a claim. */
export interface TrytonConnector extends ErpConnector {
  readonly kind: 'tryton';
  /**
   * Tryton 6.0's customer shipment has no pickup, delivery-status or per-parcel fee record the station could write
   * without custom modules, so it declares none; handovers and fees stay in the station (decision 0008).
   */
  readonly capabilities: ErpCapabilities;
  /** Gives up this station's claim on a shipment that it will not ship after all (no-op when it holds none). */
  release(orderNo: string, stationId: string): Promise<void>;
}

const SHIPMENT = 'stock.shipment.out';
/** First line of a claim note: `dockside-claim:<stationId>`. */
const CLAIM_PREFIX = 'dockside-claim:';

const noteSchema = z.object({
  id: z.number().int(),
  message: z.string().nullable().optional(),
  create_date: z.unknown(),
});
type ClaimNote = { id: number; stationId: string; at: string | undefined };

/**
 * The connector for Tryton 6.0 over JSON-RPC. Orders are customer shipments (`stock.shipment.out`) waiting,
 * assigned or picked; the number a packer scans is the shipment's `number`. Confirming a shipment claims it,
 * drives it through assigned → picked → packed → done with one `stock.package` whose shipping reference is the
 * tracking number, and Tryton moves the stock out. Tryton cannot deduplicate by key, so every confirmation reads
 * back first: a shipment already done with a package of this tracking number answers `replayed: true`.
 *
 * Two stations never both ship one shipment: each claims it with an `ir.note` on the shipment
 * (`dockside-claim:<stationId>`), then reads all claim notes back; the oldest note (lowest id) wins, and the others
 * withdraw theirs and get a `conflict`. See docs/decisions/0008-tryton-connector.md.
 */
export function createTrytonConnector(options: TrytonConnectorOptions): TrytonConnector {
  const target = parseTrytonUrl(options.url);
  const client = createTrytonClient({ target, fetch: options.fetch, timeoutMs: options.timeoutMs });
  const shipmentRef = (id: number) => `${SHIPMENT},${id}`;

  async function readShipments(domain: unknown[], limit: number | null): Promise<TrytonShipment[]> {
    const rows = await client.model(SHIPMENT, 'search_read', domain, 0, limit, [['id', 'ASC']], SHIPMENT_FIELDS);
    return parse(z.array(trytonShipmentSchema), rows, 'shipments');
  }

  async function readMoves(ids: number[]): Promise<Map<number, TrytonMove>> {
    if (ids.length === 0) return new Map();
    const rows = await client.model('stock.move', 'read', ids, MOVE_FIELDS);
    return new Map(parse(z.array(trytonMoveSchema), rows, 'moves').map((move) => [move.id, move]));
  }

  async function toOrders(shipments: TrytonShipment[]) {
    const moves = await readMoves([...new Set(shipments.flatMap((s) => s.outgoing_moves))]);
    return shipments.map((shipment) =>
      shipmentToOrder(
        shipment,
        shipment.outgoing_moves.map((id) => moves.get(id)).filter((move): move is TrytonMove => !!move),
      ),
    );
  }

  async function findShipment(orderNo: string): Promise<TrytonShipment | null> {
    const found = await readShipments([['number', '=', orderNo.trim()]], 2);
    if (found.length > 1) throw new ErpError('conflict', `Tryton holds more than one shipment numbered ${orderNo}`);
    return found[0] ?? null;
  }

  async function requireShipment(orderNo: string): Promise<TrytonShipment> {
    const shipment = await findShipment(orderNo);
    if (!shipment) throw new ErpError('not-found', `Tryton ${target.display} has no customer shipment ${orderNo}`);
    return shipment;
  }

  async function reread(shipment: TrytonShipment): Promise<TrytonShipment> {
    const [fresh] = await readShipments([['id', '=', shipment.id]], 1);
    if (!fresh) throw new ErpError('not-found', `shipment ${shipment.number ?? shipment.id} is gone from Tryton`);
    return fresh;
  }

  async function claimNotes(shipment: TrytonShipment): Promise<ClaimNote[]> {
    const rows = await client.model(
      'ir.note',
      'search_read',
      [
        ['resource', '=', shipmentRef(shipment.id)],
        ['message', 'like', `${CLAIM_PREFIX}%`],
      ],
      0,
      null,
      [['id', 'ASC']],
      ['message', 'create_date'],
    );
    return parse(z.array(noteSchema), rows, 'notes').map((note) => ({
      id: note.id,
      stationId: (note.message ?? '').split('\n')[0]!.slice(CLAIM_PREFIX.length).trim(),
      at: trytonIso(note.create_date),
    }));
  }

  /**
   * Claims the shipment for `stationId`, or throws `conflict` naming the station that holds it. Every claimant
   * writes its note first and decides after reading all notes back, so two stations racing agree on one winner.
   */
  async function claimShipment(shipment: TrytonShipment, stationId: string): Promise<void> {
    const number = shipment.number ?? String(shipment.id);
    let notes = await claimNotes(shipment);
    const holder = notes[0];
    if (holder && holder.stationId !== stationId) throw claimedBy(number, holder);
    if (holder) return;
    const [created] = await client.model<number[]>('ir.note', 'create', [
      {
        resource: shipmentRef(shipment.id),
        message: `${CLAIM_PREFIX}${stationId}\nDockside station ${stationId} is packing this shipment.`,
      },
    ]);
    notes = await claimNotes(shipment);
    const winner = notes[0];
    if (winner && winner.stationId !== stationId) {
      // Lost the race: withdraw our note so it never outranks anyone later.
      if (typeof created === 'number') await client.model('ir.note', 'delete', [created]).catch(() => undefined);
      throw claimedBy(number, winner);
    }
    if (!winner) throw new ErpError('server', `Tryton did not keep the claim note on shipment ${number}`);
  }

  function claimedBy(number: string, holder: ClaimNote): ErpError {
    return new ErpError(
      'conflict',
      `shipment ${number} is claimed by another station (${holder.stationId}${holder.at ? ` since ${holder.at}` : ''}); ` +
        'it packs and ships it, do not ship it here',
    );
  }

  /** Refuses shipments that must not be (re)packed. */
  function assertShippable(shipment: TrytonShipment): void {
    const number = shipment.number ?? String(shipment.id);
    if (shipment.state === 'cancelled')
      throw new ErpError('conflict', `shipment ${number} is cancelled in Tryton; do not ship it`);
    if (shipment.state === 'done') {
      const tracking = trackingNumbersOf(shipment).map((t) => t.trackingNumber);
      throw new ErpError(
        'conflict',
        `shipment ${number} is already done in Tryton${tracking.length ? ` with tracking number ${tracking.join(', ')}` : ''}`,
      );
    }
    if (shipment.state === 'draft')
      throw new ErpError('conflict', `shipment ${number} is back in draft in Tryton; it is not ready to ship`);
  }

  /** The parcel must hold what Tryton still asks for; a changed shipment is a conflict for a supervisor. */
  function assertSameLines(shipment: TrytonShipment, moves: TrytonMove[], request: ShipmentConfirmation): void {
    const count = (entries: [string, number][]) => {
      const totals = new Map<string, number>();
      for (const [sku, quantity] of entries) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
      return totals;
    };
    const wanted = count(parcelMoves(moves).map((move) => [skuOf(move), move.quantity]));
    const packed = count(request.lines.map((line) => [line.sku, line.quantity]));
    const same = wanted.size === packed.size && [...wanted].every(([sku, quantity]) => packed.get(sku) === quantity);
    if (!same) {
      const list = (totals: Map<string, number>) => [...totals].map(([sku, q]) => `${q}×${sku}`).join(', ');
      throw new ErpError(
        'conflict',
        `shipment ${shipment.number ?? shipment.id} changed in Tryton since it was packed: it now asks for ${list(wanted) || 'nothing'}, the parcel holds ${list(packed)}`,
      );
    }
  }

  async function packageTypeId(): Promise<number> {
    const [existing] = await client.model<number[]>('stock.package.type', 'search', [], 0, 1, [['id', 'ASC']]);
    if (typeof existing === 'number') return existing;
    const [created] = await client.model<number[]>('stock.package.type', 'create', [{ name: 'Parcel' }]);
    if (typeof created !== 'number') throw new ErpError('server', 'Tryton did not create a package type');
    return created;
  }

  async function confirm(request: ShipmentConfirmation): Promise<ShipmentReceipt> {
    const tracking = request.trackingNumber.trim();
    const receipt = (packageId: number, replayed: boolean): ShipmentReceipt => ({
      shipmentId: `stock.package,${packageId}`,
      trackingNumber: tracking,
      replayed,
    });
    const ours = (s: TrytonShipment) => trackingNumbersOf(s).find((t) => t.trackingNumber === tracking);

    // Read back before writing anything: a retry of a confirmation Tryton already holds creates nothing.
    let shipment = await requireShipment(request.orderNo);
    const number = shipment.number ?? request.orderNo;
    const already = ours(shipment);
    if (shipment.state === 'done' && already) return receipt(already.packageId, true);
    assertShippable(shipment);
    const others = trackingNumbersOf(shipment).filter((t) => t.trackingNumber !== tracking);
    if (others.length > 0) {
      throw new ErpError(
        'conflict',
        `shipment ${number} already has a package with tracking number ${others.map((t) => t.trackingNumber).join(', ')}`,
      );
    }

    await claimShipment(shipment, request.stationId);
    // Only the claim holder changes the shipment from here on; what it reads now is what it works on.
    shipment = await reread(shipment);
    assertShippable(shipment);
    const moves = [...(await readMoves(shipment.outgoing_moves)).values()];
    assertSameLines(shipment, moves, request);

    if (shipment.state === 'waiting') {
      const assigned = await client.button(SHIPMENT, 'assign_try', [shipment.id]);
      if (assigned === false) {
        throw new ErpError(
          'conflict',
          `Tryton cannot reserve the stock of shipment ${number} (its warehouse shows too little); correct the stock in Tryton, then retry`,
        );
      }
      shipment = await reread(shipment);
    }
    if (shipment.state === 'assigned') {
      await client.button(SHIPMENT, 'pick', [shipment.id]);
      shipment = await reread(shipment);
    }
    if (shipment.state === 'picked') {
      if (!ours(shipment)) {
        const moveIds = parcelMoves(moves).map((move) => move.id);
        await client.model('stock.package', 'create', [
          {
            type: await packageTypeId(),
            shipment: shipmentRef(shipment.id),
            moves: [['add', moveIds]],
            shipping_reference: tracking,
          },
        ]);
      }
      await client.button(SHIPMENT, 'pack', [shipment.id]);
      shipment = await reread(shipment);
    }
    if (shipment.state === 'packed') {
      if (!ours(shipment)) {
        throw new ErpError('conflict', `shipment ${number} was packed in Tryton without this station's parcel`);
      }
      // Like Tryton's own carrier modules: the master waybill goes on the shipment once it is packed.
      if (!shipment.reference?.trim()) await client.model(SHIPMENT, 'write', [shipment.id], { reference: tracking });
      await client.button(SHIPMENT, 'done', [shipment.id]);
      shipment = await reread(shipment);
    }
    const done = ours(shipment);
    if (shipment.state !== 'done' || !done) {
      // A transition Tryton skipped (say, the shipment was cancelled meanwhile) leaves it elsewhere.
      throw new ErpError(
        shipment.state === 'cancelled' ? 'conflict' : 'server',
        `shipment ${number} is ${shipment.state} in Tryton after confirming, not done`,
      );
    }
    return receipt(done.packageId, false);
  }

  return {
    kind: 'tryton',
    capabilities: NO_EXTRA_CAPABILITIES,

    async pullPending(cursor, limit) {
      const after = cursor === null ? 0 : Number(cursor);
      if (!Number.isInteger(after) || after < 0) throw new ErpError('rejected', `bad Tryton cursor ${cursor}`);
      const pageSize = Math.max(1, Math.floor(limit));
      const shipments = await readShipments(
        [
          ['state', 'in', [...PENDING_STATES]],
          ['id', '>', after],
        ],
        pageSize,
      );
      const last = shipments[shipments.length - 1];
      return {
        orders: await toOrders(shipments),
        nextCursor: shipments.length === pageSize && last ? String(last.id) : null,
      };
    },

    async getOrder(orderNo) {
      const shipment = await findShipment(orderNo);
      if (!shipment) return null;
      const [order] = await toOrders([shipment]);
      return order ?? null;
    },

    async claim(orderNo, stationId) {
      const shipment = await requireShipment(orderNo);
      assertShippable(shipment);
      await claimShipment(shipment, stationId);
    },

    async release(orderNo, stationId) {
      const shipment = await requireShipment(orderNo);
      const mine = (await claimNotes(shipment)).filter((note) => note.stationId === stationId).map((n) => n.id);
      if (mine.length > 0) await client.model('ir.note', 'delete', mine);
    },

    // The key cannot be stored in Tryton; the tracking number on the package is what the read-back matches.
    async confirmShipment(request, _idempotencyKey) {
      return confirm(request);
    },
  };
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(value)';
    throw new ErpError('server', `Tryton answered malformed ${what}: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
