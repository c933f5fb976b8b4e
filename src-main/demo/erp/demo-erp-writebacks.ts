import type { DemoErpRepository } from './demo-erp-repository';
import type { DemoWritebacksRepository } from './demo-writebacks-repository';
import {
  apiDeliveryStatusSchema,
  apiFeeRequestSchema,
  apiHandoverRequestSchema,
  apiTrackingEventRequestSchema,
  type ApiOrder,
  type ApiWritebackResponse,
} from '../../erp/api-schema';
import { hashRequest, replayOf, type ServiceAnswer } from './demo-erp-service';
import { HttpError, parseOrThrow } from './http-io';

/** The write-back resources under `/api/v1` (all `POST` with an `Idempotency-Key`). */
export const WRITEBACK_RESOURCES = ['handovers', 'tracking-events', 'fees'] as const;
export type WritebackResource = (typeof WRITEBACK_RESOURCES)[number];

/** True for a path segment naming a write-back resource. */
export function isWritebackResource(resource: string | undefined): resource is WritebackResource {
  return (WRITEBACK_RESOURCES as readonly string[]).includes(resource ?? '');
}

/** The demo ERP's handling of handovers, delivery-status events and fees. Refusals are thrown as HttpError. */
export interface DemoWritebackService {
  /** Validates and records one write-back; the same key twice records it once and replays the first answer. */
  record(resource: WritebackResource, body: unknown, idempotencyKey: string): ServiceAnswer<ApiWritebackResponse>;
  /** Adds the order's delivery status and fees to its contract view. */
  decorate(order: ApiOrder): ApiOrder;
}

/** Builds the write-back service over the demo ERP's repositories and clock. */
export function createDemoWritebackService(
  repo: DemoErpRepository,
  writebacks: DemoWritebacksRepository,
  clock: () => Date,
): DemoWritebackService {
  /** The parcel must be the order's shipped one: a write-back about a parcel the ERP never saw is refused. */
  const requireShippedParcel = (orderNo: string, trackingNumber: string, where: string): void => {
    const order = repo.getOrder(orderNo);
    if (!order) throw new HttpError(404, 'order-not-found', `${where}: order ${orderNo} does not exist`);
    if (order.status !== 'shipped') {
      throw new HttpError(409, 'order-not-shipped', `${where}: order ${orderNo} is ${order.status}, not shipped`);
    }
    if (order.trackingNumber !== trackingNumber) {
      throw new HttpError(
        422,
        'tracking-mismatch',
        `${where}: order ${orderNo} shipped with tracking number ${order.trackingNumber ?? '(none)'}, not ${trackingNumber}`,
      );
    }
  };

  const handlers: Record<WritebackResource, (body: unknown, now: string) => string> = {
    handovers(body, now) {
      const request = parseOrThrow(apiHandoverRequestSchema, body, 'body');
      request.parcels.forEach((parcel, index) => {
        const where = `parcels[${index}]`;
        requireShippedParcel(parcel.orderNo, parcel.trackingNumber, where);
        const earlier = writebacks.handoverOf(parcel.trackingNumber);
        if (earlier) {
          throw new HttpError(
            409,
            'already-handed-over',
            `${where}: parcel ${parcel.trackingNumber} was already handed over (${earlier.handoverId})`,
          );
        }
        writebacks.insertHandover({
          handoverId: request.handoverId,
          orderNo: parcel.orderNo,
          trackingNumber: parcel.trackingNumber,
          carrier: request.carrier,
          handedOverAt: request.handedOverAt,
          stationId: request.stationId,
          createdAt: now,
        });
      });
      return request.handoverId;
    },
    'tracking-events'(body, now) {
      const request = parseOrThrow(apiTrackingEventRequestSchema, body, 'body');
      requireShippedParcel(request.orderNo, request.trackingNumber, 'body');
      const seq = writebacks.insertTrackingEvent({ ...request, detail: request.detail, createdAt: now });
      return `te-${seq}`;
    },
    fees(body, now) {
      const request = parseOrThrow(apiFeeRequestSchema, body, 'body');
      requireShippedParcel(request.orderNo, request.trackingNumber, 'body');
      const seq = writebacks.insertFee({ ...request, createdAt: now });
      return `fee-${seq}`;
    },
  };

  return {
    record: (resource, body, idempotencyKey) =>
      repo.transaction(() => {
        const requestHash = hashRequest({ resource, body });
        const replay = replayOf<ApiWritebackResponse>(repo, idempotencyKey, requestHash);
        if (replay) return replay;
        const now = clock().toISOString();
        const answer: ApiWritebackResponse = { id: handlers[resource](body, now), replayed: false };
        repo.storeResponse(idempotencyKey, { requestHash, statusCode: 201, responseJson: JSON.stringify(answer) }, now);
        return { status: 201, body: answer };
      }),

    decorate(order) {
      const deliveryStatus = writebacks.deliveryStatusOf(order.orderNo);
      const fees = writebacks.feesOf(order.orderNo);
      return {
        ...order,
        ...(deliveryStatus ? { deliveryStatus: apiDeliveryStatusSchema.parse(deliveryStatus) } : {}),
        ...(fees.length > 0 ? { fees } : {}),
      };
    },
  };
}
