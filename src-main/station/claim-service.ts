import { ErpError, type ErpConnector } from '../erp';
import type { ClaimsRepository, OrderClaim } from '../store';
import type { Connectivity } from '../sync';
import { StationError } from './station-error';

/** How the station holds orders while a packer works on them. */
export interface ClaimService {
  /**
   * Claims `orderNo` for this station when the packer opens it. Online, the ERP grants a lease (state `held`);
   * when the ERP cannot be reached the station packs anyway (state `offline`) and the shipment upload settles it:
   * the ERP refuses it as a conflict if another station shipped the order first.
   * @throws StationError `order-claimed` when another station holds a live lease, `order-already-shipped` or
   *   `order-cancelled` when the ERP says so
   */
  claim(orderNo: string): Promise<OrderClaim>;
  /** Renews the lease while packing, at most once per `renewEveryMs`; failures are not the packer's problem. */
  renew(orderNo: string): Promise<void>;
  /** The order shipped here or the packer let it go. */
  release(orderNo: string): void;
}

/** Everything the claim service works with. */
export interface ClaimServiceDeps {
  connector: ErpConnector;
  claims: ClaimsRepository;
  connectivity: Connectivity;
  stationId: string;
  clock: () => Date;
  /** Renew the lease when the last grant is older than this (default 60 s, well inside the demo ERP's 5 min). */
  renewEveryMs?: number;
}

/** Creates the claim service. */
export function createClaimService(deps: ClaimServiceDeps): ClaimService {
  const renewEveryMs = deps.renewEveryMs ?? 60_000;
  const now = () => deps.clock().toISOString();

  function record(orderNo: string, state: OrderClaim['state'], leaseUntil: string | null): OrderClaim {
    const at = now();
    const previous = deps.claims.get(orderNo);
    const claim: OrderClaim = {
      orderNo,
      stationId: deps.stationId,
      state,
      leaseUntil,
      claimedAt: previous && previous.state !== 'released' ? previous.claimedAt : at,
      renewedAt: at,
    };
    deps.claims.record(claim);
    return claim;
  }

  /** Asks the ERP; null when it cannot be reached (the caller goes on offline). */
  async function ask(orderNo: string): Promise<{ leaseUntil: string | null } | null> {
    try {
      const answer = await deps.connector.claim(orderNo, deps.stationId);
      deps.connectivity.succeeded(now());
      return { leaseUntil: answer?.leaseUntil ?? null };
    } catch (failure) {
      if (failure instanceof ErpError && failure.kind === 'conflict')
        throw await refusal(orderNo, failure, deps.connector);
      if (failure instanceof ErpError && !failure.retryable) throw failure;
      deps.connectivity.failed(failure instanceof Error ? failure.message : String(failure));
      return null;
    }
  }

  return {
    async claim(orderNo) {
      if (!deps.connectivity.online) return record(orderNo, 'offline', null);
      const granted = await ask(orderNo);
      return granted ? record(orderNo, 'held', granted.leaseUntil) : record(orderNo, 'offline', null);
    },
    async renew(orderNo) {
      const current = deps.claims.get(orderNo);
      if (!current || current.state === 'released') return;
      if (deps.clock().getTime() - Date.parse(current.renewedAt) < renewEveryMs) return;
      if (!deps.connectivity.online && current.state === 'offline') return;
      try {
        const granted = await ask(orderNo);
        if (granted) record(orderNo, 'held', granted.leaseUntil);
      } catch (failure) {
        // Lost the lease meanwhile (another station took it after it ran out): the upload will say conflict if
        // that station ships first; the packer is told now only if the order is gone.
        if (failure instanceof StationError && failure.code !== 'order-claimed') throw failure;
      }
    },
    release(orderNo) {
      deps.claims.release(orderNo, now());
    },
  };
}

/**
 * Turns the ERP's 409 on a claim into what the packer must hear. An order another station shipped meanwhile is
 * named with the tracking number it went with (read back from the ERP), as a repeat scan of a shipped order is.
 */
async function refusal(orderNo: string, failure: ErpError, connector: ErpConnector): Promise<StationError> {
  const message = failure.message;
  if (/\(order-shipped\)|is shipped/.test(message)) {
    const trackingNumber = (await connector.getOrder(orderNo).catch(() => null))?.trackingNumber ?? '';
    return new StationError(
      'order-already-shipped',
      trackingNumber
        ? `order ${orderNo} is already shipped with tracking number ${trackingNumber} (at another station)`
        : `order ${orderNo} is already shipped (the ERP says so)`,
      { orderNo, trackingNumber },
    );
  }
  if (/\(order-cancelled\)|is cancelled/.test(message)) {
    return new StationError('order-cancelled', `order ${orderNo} is cancelled in the ERP; do not ship it`, {
      orderNo,
    });
  }
  const holder = /claimed by station (\S+)/.exec(message)?.[1];
  return new StationError(
    'order-claimed',
    `order ${orderNo} is being packed at ${holder ? `station ${holder}` : 'another station'}; put it aside and do not pack it here`,
    { orderNo, station: holder ?? '' },
  );
}
