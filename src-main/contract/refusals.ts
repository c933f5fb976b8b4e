import { z } from 'zod';

/**
 * What one refusal code tells the screen besides itself. `params` are values a translation may show in any
 * language (order numbers, tracking numbers, printer addresses, counts, condition codes). `details` are English
 * text from the core or from a lower layer (a validation message, a printer's own words): the English UI may show
 * them, a Chinese screen never does.
 */
export interface RefusalSpec {
  readonly params?: readonly string[];
  readonly details?: readonly string[];
}

/**
 * Every refusal the core can send, with the parameters each one carries. One list for the whole station: the
 * dispatcher lets only these codes through, the renderer translates each of them in every language (a unit test
 * checks it), and a translation may use only the parameters its code declares.
 */
export const refusals = {
  // ---- Boundary: the shells and the dispatcher ----
  /** A contract command name (or a scanned command barcode) the station does not know. */
  'unknown-command': { params: ['code'] },
  /** The input broke the command's schema; `issues` names the fields. */
  'invalid-input': { params: ['command'], details: ['issues'] },
  /** A web-shell message that does not follow the wire protocol. */
  'invalid-message': {},
  /** Too many calls in flight on one connection. */
  busy: {},
  /** The calling page may not call the station (an untrusted frame). */
  forbidden: {},
  /** Anything not deliberately refused: logged with its stack; the caller only gets the correlation id. */
  internal: { params: ['correlationId'] },
  /** The station was built without this feature (`feature`: queue, printers, erp-settings, writebacks). */
  unavailable: { params: ['feature'] },

  // ---- The station's own machine ----
  /** The station's disk (or its database file) is full: a local problem, not the ERP's. */
  'disk-full': {},

  // ---- Packing: orders and scans ----
  'order-not-found': { params: ['orderNo'] },
  'order-cancelled': { params: ['orderNo'] },
  'order-changed': { params: ['orderNo', 'trackingNumber'] },
  'order-already-shipped': { params: ['orderNo', 'trackingNumber'] },
  'order-invalid': { params: ['orderNo'], details: ['reasons'] },
  'order-claimed': { params: ['orderNo', 'station'] },
  'wrong-item': { params: ['barcode'] },
  'over-scan': { params: ['sku', 'required'] },
  'not-ready-to-confirm': {},
  'confirm-first': { params: ['orderNo'] },
  'nothing-to-reprint': {},
  /** A scan burst typed through an input method (raised by the screen's scanner, never by the core). */
  'ime-active': {},
  // What a scan turned out to be when it is not what the bench expects now (the packer sees what happened).
  /** A code with the command prefix (`%DS%`) that is no command barcode of the catalogue. */
  'unknown-command-barcode': { params: ['code'] },
  /** Mid-pack, the scan is the number of another order known here: finish or cancel the open one first. */
  'another-order-open': { params: ['orderNo', 'openOrderNo'] },
  /** Mid-pack, the open order's own number was scanned again. */
  'order-already-open': { params: ['orderNo'] },
  /** Idle, the scan is the tracking number of a parcel shipped at this station (`shippedAt`: ISO time). */
  'scan-is-shipped-label': { params: ['trackingNumber', 'orderNo', 'shippedAt'] },
  /** Idle, the scan is an item barcode or SKU of an order here: an order has to be scanned first. */
  'scan-is-item': { params: ['barcode', 'sku'] },
  /** CANCEL scanned with no order open. */
  'nothing-to-cancel': {},

  // ---- Printing ----
  'print-failed': { params: ['printer'], details: ['reason'] },
  /** `condition`: offline, paper-out, head-open, ribbon-out, paused, error. */
  'printer-not-ready': { params: ['condition', 'printer'], details: ['reason'] },
  'print-unknown': { params: ['printer'], details: ['reason'] },
  'nothing-to-retry': {},
  'no-backup-printer': {},

  // ---- Printer settings ----
  /** `expected`: the URI's pattern, e.g. `tcp://HOST[:PORT]?profile=NAME`. */
  'printer-uri-invalid': { params: ['uri', 'expected'] },
  'printer-profile-missing': { params: ['uri'] },
  'printer-profile-unknown': { params: ['uri', 'profile', 'known'] },
  'printer-dpi-invalid': { params: ['uri'] },
  /** This build cannot drive raw printers (no printer languages). */
  'printer-unsupported': { params: ['uri'] },

  // ---- Labels and templates ----
  'template-not-found': { params: ['name', 'version'] },
  'bad-template': { params: ['name'], details: ['problems'] },
  'template-name-invalid': { params: ['name'] },
  'template-file-invalid': { details: ['problems'] },
  'preview-order-not-found': { params: ['orderNo'] },
  /** The label font cannot draw `character` (`codePoint`, e.g. U+20BB7) of order field `field`. */
  'label-uncovered-character': { params: ['character', 'codePoint', 'field'] },
  'label-barcode-invalid': { details: ['reason'] },
  /**
   * A template that fails the check may not be used for packing. `requiredField` is one of receiverName,
   * receiverPhone, receiverAddress, trackingBarcode, senderName; `orderNo` the sample order it failed for.
   */
  'template-missing-field': { params: ['name', 'version', 'requiredField'] },
  'template-cuts-field': { params: ['name', 'version', 'requiredField', 'orderNo', 'elementId'] },
  'template-shrinks-field': { params: ['name', 'version', 'requiredField', 'orderNo', 'elementId', 'sizePt', 'minPt'] },
  /** `reason`: the label engine's code (barcode, uncovered-character). */
  'template-render-failed': { params: ['name', 'version', 'orderNo', 'reason'] },

  // ---- ERP settings and the ERP itself ----
  /** `type`: rest or tryton; `example`: a URL of the right shape. */
  'erp-url-invalid': { params: ['type', 'example'] },
  'erp-database-missing': {},
  'erp-signing-incomplete': {},
  /** This build cannot talk to that kind of ERP. */
  'erp-unsupported': { params: ['type'] },
  /** The ERP could not be reached or failed (network, 5xx, rate limit); `status` is the HTTP status when known. */
  'erp-unreachable': { params: ['status'], details: ['reason'] },
  'erp-auth-refused': { params: ['status'], details: ['reason'] },
  'erp-rejected': { params: ['status'], details: ['reason'] },
  'erp-conflict': { details: ['reason'] },
  'erp-not-found': { details: ['reason'] },

  // ---- After the shipment: handover, delivery status, fees ----
  'parcel-unknown': { params: ['trackingNumber'] },
  'parcel-handed-over': { params: ['trackingNumber', 'carrier', 'at', 'handoverId'] },
  'parcel-other-carrier': { params: ['trackingNumber', 'carrier', 'expected'] },
  'handover-empty': {},
  'date-invalid': { params: ['value'] },
  'delivery-status-unknown': { params: ['status'], details: ['known'] },
  'status-not-supported': {},
  'fees-not-supported': {},
  'fee-amount-invalid': { params: ['amount'] },
  'currency-invalid': { params: ['currency'] },
  /** `kind`: freight, insurance or surcharge. */
  'fee-already-posted': { params: ['trackingNumber', 'kind'] },

  // ---- Upload queue supervision ----
  'outbox-item-not-found': { params: ['id'] },
  /** `state`: the item's state now (pending, acked, discarded, …). */
  'outbox-item-not-parked': { params: ['id', 'state'] },

  // ---- Tracking-number pools ----
  'pool-exhausted': { params: ['carrier'] },
  'invalid-range': { details: ['problems'] },

  // ---- A shift at the bench: quantity entry, the Orders screen, batch printing ----
  /** The count typed into the quantity prompt is not between 1 and what the line still needs (`remaining`). */
  'quantity-invalid': { params: ['sku', 'count', 'remaining'] },
  /** The item was scanned again to confirm the quantity prompt, but no count was typed. */
  'quantity-required': { params: ['sku'] },
  /** A label was asked for a print job that is not this order's. */
  'print-job-not-found': { params: ['orderNo', 'jobId'] },
  /** Another batch of waybills is printing; `batchId` names it. */
  'batch-running': { params: ['batchId'] },
} as const satisfies Record<string, RefusalSpec>;

/** A refusal code: one of {@link refusals}. */
export type RefusalCode = keyof typeof refusals;

/** Every refusal code, in declaration order. */
export const REFUSAL_CODES = Object.keys(refusals) as [RefusalCode, ...RefusalCode[]];

/** The union of every refusal code, as a schema. */
export const refusalCodeSchema = z.enum(REFUSAL_CODES);

type Names<S, K extends 'params' | 'details'> = S extends { readonly [P in K]: readonly (infer N extends string)[] }
  ? N
  : never;

/** The names of the parameters (and English details) code `C` may carry. */
export type RefusalParamName<C extends RefusalCode> =
  Names<(typeof refusals)[C], 'params'> | Names<(typeof refusals)[C], 'details'>;

/** The parameters of a refusal with code `C`: only the names its declaration lists. */
export type RefusalParams<C extends RefusalCode> = { [K in RefusalParamName<C>]?: string | number };

/** Parameter values as they cross the boundary. */
export const refusalParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

/** True when `value` is a declared refusal code. */
export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && Object.hasOwn(refusals, value);
}
