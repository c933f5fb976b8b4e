import type { Order } from '../domain';
import type { CarrierAccountFields, CarrierConnector, PayType } from './carrier-connector';

/**
 * A carrier account the station ships with: which carrier, through which source, with which account fields. Set
 * on the Settings screen (or by `--carrier URL`); the embedded demo carrier's account when none is configured.
 */
export interface CarrierAccount {
  /** Stable id, stored with every waybill asked of this account. */
  id: string;
  /** `kdniao`: numbers from the carrier's e-waybill service; `offline`: from the station's pre-allocated ranges. */
  source: 'kdniao' | 'offline';
  /** KDNiao ShipperCode (ZTO, SF, YTO …). */
  shipperCode: string;
  /** The carrier's name as packers and receivers know it (中通快递); for screens and labels. */
  carrierName: string;
  /** The service's name for labels (标准快递). */
  serviceName: string;
  payType: PayType;
  expType: string;
  /** The carrier e-waybill account fields; secrets among them (CustomerPwd) are never logged or shown back. */
  fields: CarrierAccountFields;
  /**
   * When the carrier cannot be reached: true takes a number from the station's offline range of this carrier (as
   * before); false waits for the carrier (the parcel can be parked) and never prints a made-up number.
   */
  offlineRanges: boolean;
}

/** Where the station's services find the account an order ships with and the connector that serves it. */
export interface CarrierDirectory {
  /** The account an order ships with: the one of the carrier the ERP names, else the station's default. */
  accountFor(order: Pick<Order, 'carrier'>): CarrierAccount;
  /** An account by id (a waybill names the account it was asked of); null when it was removed since. */
  account(id: string): CarrierAccount | null;
  /** The connector serving an account. */
  connector(accountId: string): CarrierConnector;
}
