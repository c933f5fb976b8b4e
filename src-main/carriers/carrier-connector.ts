/**
 * The one interface every source of waybill numbers implements: a carrier's e-waybill service through KDNiao
 * (kdniao/), or the station's offline ranges (offline-ranges/). The station's services speak only this; which
 * source a parcel uses is chosen per carrier account.
 */

/** A party of a waybill, in the carrier's terms: 省/市/区 kept as the full names (广东省, 深圳市, 南山区). */
export interface WaybillParty {
  name: string;
  /** A landline; KDNiao wants `Tel` or `Mobile`. */
  tel?: string | undefined;
  mobile?: string | undefined;
  company?: string | undefined;
  postCode?: string | undefined;
  provinceName: string;
  cityName: string;
  expAreaName: string;
  /** Everything below the district: street, building, room. */
  address: string;
}

/** One kind of goods in the parcel, as the carrier declares it. */
export interface WaybillCommodity {
  goodsName: string;
  goodsCode?: string | undefined;
  quantity: number;
  /** Unit price, CNY. */
  price?: number | undefined;
  /** Unit weight, kg. */
  weightKg?: number | undefined;
}

/** The carrier account fields an e-waybill needs; which ones depends on the carrier (docs/carriers.md). */
export interface CarrierAccountFields {
  customerName?: string | undefined;
  customerPwd?: string | undefined;
  monthCode?: string | undefined;
  sendSite?: string | undefined;
  sendStaff?: string | undefined;
}

/** Who pays: 1 sender, 2 receiver, 3 monthly account, 4 third party (SF). */
export type PayType = 1 | 2 | 3 | 4;

/** A request for one parcel's waybill (KDNiao 1007). */
export interface WaybillRequest {
  /**
   * The parcel's order code at the carrier: fixed per parcel and stored before the call, so a retry after a lost
   * reply asks for the same number (the carrier answers 106 with it) and never a second one. At most 30 characters.
   */
  orderCode: string;
  /** KDNiao's ShipperCode: SF, YTO, ZTO, STO, YD, JTSD, EMS, JD … */
  shipperCode: string;
  payType: PayType;
  /** The carrier's service (1 = standard). */
  expType: string;
  account: CarrierAccountFields;
  sender: WaybillParty;
  receiver: WaybillParty;
  commodities: WaybillCommodity[];
  weightKg?: number | undefined;
  volumeM3?: number | undefined;
  /** Parcels under this waybill; more than 1 asks for a parent and child waybills (子母件). At most 30. */
  quantity: number;
  remark?: string | undefined;
}

/** The routing marks sorting centres read, as the carrier returned them (any may be absent). */
export interface WaybillMarks {
  /** 大头笔: the destination mark printed large. */
  markDestination: string | null;
  /** 三段码: the sorting code. */
  sortingCode: string | null;
  /** 集包地: the consolidation hub. */
  packageName: string | null;
  /** 集包编码: the consolidation code. */
  packageCode: string | null;
  originName: string | null;
  destinationName: string | null;
}

/** Marks with nothing in them: what an offline-range number carries. */
export const NO_MARKS: WaybillMarks = Object.freeze({
  markDestination: null,
  sortingCode: null,
  packageName: null,
  packageCode: null,
  originName: null,
  destinationName: null,
});

/** A waybill the carrier issued. */
export interface IssuedWaybill {
  orderCode: string;
  shipperCode: string;
  /** The (parent) waybill number. */
  trackingNumber: string;
  /** Child waybill numbers (子单号) when the request asked for more than one parcel; empty otherwise. */
  childNumbers: string[];
  marks: WaybillMarks;
  /** True when the carrier had issued it before (KDNiao 106: this order code was already ordered). */
  replayed: boolean;
}

/** A waybill to cancel (KDNiao 1147): only one created and not yet picked up can be. */
export interface CancelRequest {
  orderCode: string;
  shipperCode: string;
  trackingNumber: string;
  account: CarrierAccountFields;
}

/** A parcel to query or subscribe (KDNiao 8001 / 8008). */
export interface TraceRequest {
  shipperCode: string;
  trackingNumber: string;
  orderCode?: string | undefined;
  /** SF asks for the last 4 digits of the sender's or receiver's phone here. */
  customerName?: string | undefined;
}

/** One event of a parcel's trace, as the carrier reported it. */
export interface CarrierTraceEvent {
  /** The carrier's time, as sent (`yyyy-MM-dd HH:mm:ss`, China time). */
  acceptTime: string;
  acceptStation: string;
  location?: string | undefined;
  /** The carrier's status code of this event (a StateEx value), when it sends one. */
  action?: string | undefined;
  remark?: string | undefined;
}

/** A full snapshot of a parcel's tracking (KDNiao TracingData): every push and query carries the whole trace. */
export interface TrackingSnapshot {
  shipperCode: string;
  trackingNumber: string;
  orderCode?: string | undefined;
  /** KDNiao State: 0 no trace, 1 picked up, 2 in transit, 3 signed, 4 problem. */
  state: string;
  /** KDNiao StateEx, finer (201, 404, 413 …); absent on standard products. */
  stateEx?: string | undefined;
  location?: string | undefined;
  traces: CarrierTraceEvent[];
  estimatedDeliveryTime?: string | undefined;
}

/** What one carrier, through this source, can do. */
export interface CarrierCapabilities {
  /** Issues numbers online (false: numbers come from pre-allocated ranges). */
  onlineWaybills: boolean;
  /** Cancels (voids) a waybill at the carrier. */
  cancel: boolean;
  /** Answers trace queries. */
  trace: boolean;
  /** Takes tracking subscriptions (pushes follow). */
  subscribe: boolean;
  /** Issues parent and child waybills for several parcels (子母件). */
  multiParcel: boolean;
  /** Sends routing marks (大头笔, 三段码). */
  marks: boolean;
}

/**
 * A source of waybills. Every call either answers or throws a {@link CarrierError}; none retries by itself (the
 * station's services and the outbox decide when to try again, with the same order code).
 */
export interface CarrierConnector {
  /** `kdniao` or `offline`, for status screens and logs. */
  readonly kind: string;
  capabilities(shipperCode: string): CarrierCapabilities;
  /** Issues (or, for an order code already ordered, returns again) the parcel's waybill. */
  createWaybill(request: WaybillRequest): Promise<IssuedWaybill>;
  cancelWaybill(request: CancelRequest): Promise<void>;
  queryTrace(request: TraceRequest): Promise<TrackingSnapshot>;
  subscribe(request: TraceRequest): Promise<void>;
}

/**
 * Why a carrier call failed, classified so the caller knows what to do:
 * - `network`, `server`, `rate-limited`: try again later with the same order code;
 * - `auth`: the account's keys or IP allow-list are wrong; stop and tell the IT person;
 * - `address`: the receiver's or sender's address is incomplete or not served; fix the order;
 * - `rejected`: the carrier refused the request as it is (validation, special characters, account fields);
 * - `not-cancellable`: the waybill cannot be cancelled any more (picked up); final;
 * - `quota`: the daily query quota is used up; try tomorrow;
 * - `unsupported`: this source cannot do that (an offline range cannot cancel at a carrier).
 */
export type CarrierErrorKind =
  'network' | 'server' | 'rate-limited' | 'auth' | 'address' | 'rejected' | 'not-cancellable' | 'quota' | 'unsupported';

/** A failed carrier call. `message` is for the log and never holds the AppKey; `reason` is the carrier's text. */
export class CarrierError extends Error {
  constructor(
    readonly kind: CarrierErrorKind,
    message: string,
    /** The carrier's ResultCode, when it answered. */
    readonly resultCode?: string,
    /** The carrier's own reason text (often Chinese), when it answered. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'CarrierError';
  }

  /** True when the same call may succeed later without anyone changing anything. */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate-limited';
  }
}

/**
 * Outbox payload of `waybill.cancel`: cancels a voided waybill at its carrier (KDNiao 1147), once. The account is
 * named, not copied, so no secret is stored in the outbox.
 */
export interface WaybillCancelPayload {
  accountId: string;
  orderNo: string;
  orderCode: string;
  shipperCode: string;
  trackingNumber: string;
  reason: string;
  voidedAt: string;
}

/** Outbox payload of `waybill.subscribe`: subscribes a parcel's tracking at its carrier (KDNiao 8008), once. */
export interface WaybillSubscribePayload {
  accountId: string;
  orderNo: string;
  orderCode: string;
  shipperCode: string;
  trackingNumber: string;
}
