import { z } from 'zod';
import { kdniaoDataSign } from './kdniao-sign';

/**
 * KDNiao's wire protocol, both sides: the form envelope every interface uses, the RequestData of the interfaces the
 * station calls, the answers and the tracking push. The client (kdniao-connector) and the sandbox carrier
 * (demo/carrier) both build on this module, so they cannot drift apart. Facts: docs/carriers.md, which cites
 * KDNiao's published documents and SDKs.
 */

/** The RequestType codes the station uses. */
export const KDNIAO_REQUEST_TYPES = {
  /** 电子面单: create an e-waybill. */
  createWaybill: '1007',
  /** Cancel (recycle) an e-waybill. */
  cancelWaybill: '1147',
  /** Instant trace query, value-added (answers StateEx). */
  queryTrace: '8001',
  /** Subscribe a parcel's tracking, standard. */
  subscribeStandard: '1008',
  /** Subscribe a parcel's tracking, value-added (pushes carry StateEx). */
  subscribe: '8008',
  /** A tracking push to the merchant's callback. */
  push: '101',
} as const;

/** Characters KDNiao refuses in names and addresses (ResultCode 403), removed before signing. */
const FORBIDDEN = /['"#&+<>%\\]/g;

/** A text with the characters KDNiao forbids removed, trimmed; they would otherwise fail the whole request. */
export function cleanKdniaoText(text: string): string {
  return text.replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
}

/** The form fields of one call or push, before URL encoding. */
export interface KdniaoEnvelope {
  RequestData: string;
  EBusinessID: string;
  RequestType: string;
  DataSign: string;
  DataType: '2';
}

/**
 * The form body of a call: RequestData and DataSign URL-encoded exactly once (URLSearchParams does it; nothing
 * else may encode them again), signed over the raw JSON.
 */
export function encodeKdniaoForm(input: {
  requestData: unknown;
  eBusinessId: string;
  requestType: string;
  appKey: string;
}): string {
  const json = JSON.stringify(input.requestData);
  const envelope: KdniaoEnvelope = {
    RequestData: json,
    EBusinessID: input.eBusinessId,
    RequestType: input.requestType,
    DataSign: kdniaoDataSign(json, input.appKey),
    DataType: '2',
  };
  return new URLSearchParams({ ...envelope }).toString();
}

/** Why a form body is not a KDNiao call: what is missing or wrong. */
export class KdniaoFormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KdniaoFormError';
  }
}

/**
 * Reads a form body (a call at the sandbox, a push at the station): its fields decoded once.
 * @throws KdniaoFormError naming the missing field
 */
export function decodeKdniaoForm(body: string): Omit<KdniaoEnvelope, 'DataType'> & { DataType: string } {
  const form = new URLSearchParams(body);
  const field = (name: keyof KdniaoEnvelope, required: boolean) => {
    const value = form.get(name);
    if (required && (value === null || value === '')) throw new KdniaoFormError(`the form has no ${name}`);
    return value ?? '';
  };
  return {
    RequestData: field('RequestData', true),
    // Pushes carry no EBusinessID field (it is inside RequestData); calls do.
    EBusinessID: field('EBusinessID', false),
    RequestType: field('RequestType', true),
    DataSign: field('DataSign', true),
    DataType: field('DataType', false) || '2',
  };
}

/** True when `dataSign` is the signature of `requestData` with `appKey` (constant-time compare). */
export function kdniaoSignatureMatches(requestData: string, dataSign: string, appKey: string): boolean {
  const expected = Buffer.from(kdniaoDataSign(requestData, appKey));
  const given = Buffer.from(dataSign);
  if (expected.length !== given.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i += 1) diff |= expected[i]! ^ given[i]!;
  return diff === 0;
}

/** A party in 1007 RequestData (KDNiao's field names). */
export interface KdniaoParty {
  Company?: string;
  Name: string;
  Tel?: string;
  Mobile?: string;
  PostCode?: string;
  ProvinceName: string;
  CityName: string;
  ExpAreaName: string;
  Address: string;
}

/** 1007 RequestData. */
export interface KdniaoCreateRequest {
  OrderCode: string;
  ShipperCode: string;
  PayType: number;
  ExpType: string;
  CustomerName?: string;
  CustomerPwd?: string;
  MonthCode?: string;
  SendSite?: string;
  SendStaff?: string;
  Sender: KdniaoParty;
  Receiver: KdniaoParty;
  Commodity: {
    GoodsName: string;
    GoodsCode?: string;
    Goodsquantity: number;
    GoodsPrice?: number;
    GoodsWeight?: number;
  }[];
  Weight?: number;
  Volume?: number;
  Quantity: number;
  IsNotice?: number;
  IsReturnPrintTemplate?: number;
  IsSubscribe?: string;
  Remark?: string;
}

/** 1147 RequestData. */
export interface KdniaoCancelRequest {
  ShipperCode: string;
  OrderCode: string;
  ExpNo: string;
  CustomerName?: string;
  CustomerPwd?: string;
}

/** 8001 / 8008 RequestData. */
export interface KdniaoTraceRequest {
  OrderCode?: string;
  ShipperCode: string;
  LogisticCode: string;
  CustomerName?: string;
  /** 8008: an opaque value echoed back in pushes. */
  Callback?: string;
}

/** KDNiao sends booleans and numbers both as JSON values and as strings; these accept either. */
const boolish = z
  .union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])])
  .transform((v) => String(v).toLowerCase() === 'true');
const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = text
  .optional()
  .nullable()
  .transform((v) => (v === null || v === undefined || v === '' ? undefined : v));

/** The answer to 1007. */
export const kdniaoCreateResponseSchema = z.object({
  EBusinessID: optionalText,
  Success: boolish,
  ResultCode: text,
  Reason: optionalText,
  UniquerRequestNumber: optionalText,
  Order: z
    .object({
      OrderCode: optionalText,
      ShipperCode: optionalText,
      LogisticCode: optionalText,
      MarkDestination: optionalText,
      OriginCode: optionalText,
      OriginName: optionalText,
      DestinatioCode: optionalText,
      DestinatioName: optionalText,
      SortingCode: optionalText,
      PackageCode: optionalText,
      PackageName: optionalText,
      DestinationAllocationCentre: optionalText,
    })
    .optional()
    .nullable(),
  SubCount: z.union([z.number(), z.string()]).optional().nullable(),
  /** Child waybill numbers, comma separated (子母件). */
  SubOrders: optionalText,
});
export type KdniaoCreateResponse = z.infer<typeof kdniaoCreateResponseSchema>;

/** The answer to 1147, 1008 and 8008. */
export const kdniaoPlainResponseSchema = z.object({
  EBusinessID: optionalText,
  Success: boolish,
  ResultCode: optionalText,
  Reason: optionalText,
  UpdateTime: optionalText,
  EstimatedDeliveryTime: optionalText,
});
export type KdniaoPlainResponse = z.infer<typeof kdniaoPlainResponseSchema>;

/** One trace event (TracingData.Traces[]). */
export const kdniaoTraceSchema = z.object({
  AcceptTime: text,
  AcceptStation: text,
  Location: optionalText,
  Action: optionalText,
  Remark: optionalText,
});

/** TracingData: the answer to 8001, and each entry of a push. */
export const kdniaoTracingDataSchema = z.object({
  EBusinessID: optionalText,
  OrderCode: optionalText,
  ShipperCode: text,
  LogisticCode: text,
  Success: boolish.optional(),
  Reason: optionalText,
  ResultCode: optionalText,
  State: text,
  StateEx: optionalText,
  Location: optionalText,
  CallBack: optionalText,
  Traces: z.array(kdniaoTraceSchema).default([]),
  EstimatedDeliveryTime: optionalText,
});
export type KdniaoTracingData = z.infer<typeof kdniaoTracingDataSchema>;

/** RequestData of a push (RequestType 101). */
export const kdniaoPushSchema = z.object({
  EBusinessID: text,
  PushTime: text,
  Count: text.optional(),
  Data: z.array(kdniaoTracingDataSchema),
});
export type KdniaoPush = z.infer<typeof kdniaoPushSchema>;

/** The answer a push receiver sends back within 5 seconds (else KDNiao pushes again). */
export interface KdniaoPushAck {
  EBusinessID: string;
  UpdateTime: string;
  Success: boolean;
  Reason: string;
}

/** KDNiao's time format, China time (UTC+8): `yyyy-MM-dd HH:mm:ss`. */
export function kdniaoTime(at: Date): string {
  const china = new Date(at.getTime() + 8 * 3600_000);
  return china.toISOString().slice(0, 19).replace('T', ' ');
}

/** An instant for a KDNiao time (`yyyy-MM-dd HH:mm:ss`, China time), or null when it is not one. */
export function parseKdniaoTime(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}+08:00`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** KDNiao's ResultCodes (docs/carriers.md). */
export const KDNIAO_RESULT_CODES = {
  ok: '100',
  alreadyOrdered: '106',
  missingParameter: '101',
  validation: '102',
  format: '103',
  account: '104',
  other: '105',
  badRequestData: '401',
  missingWaybillNo: '402',
  specialCharacters: '403',
  badLength: '404',
  quotaExceeded: '405',
} as const;

/**
 * The path of each interface on a KDNiao host (production hosts differ per interface; the station and the sandbox
 * carrier use these same paths on whichever host the carrier URL names).
 */
export const KDNIAO_PATHS = {
  /** 1007 create, 1147 cancel. */
  eOrder: '/api/EOrderService',
  /** 1002 / 8001 instant queries. */
  query: '/Ebusiness/EbusinessOrderHandle.aspx',
  /** 1008 / 8008 subscriptions. */
  subscribe: '/api/dist',
} as const;

/** The path an interface is called on. */
export function kdniaoPathOf(requestType: string): string {
  if (requestType === KDNIAO_REQUEST_TYPES.createWaybill || requestType === KDNIAO_REQUEST_TYPES.cancelWaybill)
    return KDNIAO_PATHS.eOrder;
  if (requestType === KDNIAO_REQUEST_TYPES.subscribe || requestType === KDNIAO_REQUEST_TYPES.subscribeStandard)
    return KDNIAO_PATHS.subscribe;
  return KDNIAO_PATHS.query;
}
