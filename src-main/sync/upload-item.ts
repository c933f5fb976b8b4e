import {
  capabilitiesOf,
  ErpError,
  type ErpConnector,
  type ErpWritebacks,
  type FeePosting,
  type HandoverConfirmation,
  type ShipmentConfirmation,
  type TrackingStatusReport,
} from '../erp';
import type { OutboxItem } from '../store';

/**
 * Sends one outbox item to the ERP through the connector call its kind names, with the item's fixed idempotency
 * key. An item whose kind the connector cannot take is refused for good (parked as rejected with the reason), never
 * dropped; the station does not queue such items in the first place.
 * @returns the ERP's receipt, stored with the acknowledged item
 */
export async function uploadOutboxItem(
  connector: ErpConnector & Partial<ErpWritebacks>,
  item: Pick<OutboxItem, 'kind' | 'payload' | 'idempotencyKey'>,
): Promise<unknown> {
  const can = capabilitiesOf(connector);
  const missing = (what: string) => new ErpError('rejected', `this ERP (${connector.kind}) does not take ${what}`);
  switch (item.kind) {
    case 'shipment.confirm':
      return connector.confirmShipment(item.payload as ShipmentConfirmation, item.idempotencyKey);
    case 'handover.confirm':
      if (!can.handover || !connector.confirmHandover) throw missing('courier handovers');
      return connector.confirmHandover(item.payload as HandoverConfirmation, item.idempotencyKey);
    case 'tracking.report':
      if (!can.trackingStatus || !connector.reportTrackingStatus) throw missing('delivery-status updates');
      return connector.reportTrackingStatus(item.payload as TrackingStatusReport, item.idempotencyKey);
    case 'fee.post':
      if (!can.fees || !connector.postFee) throw missing('fees');
      return connector.postFee(item.payload as FeePosting, item.idempotencyKey);
  }
}
