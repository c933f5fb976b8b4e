/**
 * The carriers the station knows by KDNiao ShipperCode: their names (zh-CN and English, for screens and labels),
 * the shape of their waybill numbers, and the account fields their e-waybill service asks for. Number shapes are
 * the carriers' common domestic formats; they are used to check that a number really is the carrier's, never to
 * make one up (only the carrier, or an offline range it allocated, issues numbers).
 */

/** One carrier. */
export interface ShipperInfo {
  code: string;
  zh: string;
  en: string;
  /** The whole waybill number must match. */
  numberPattern: RegExp;
  /** An example number of that shape, for help texts. */
  example: string;
  /** Account fields its e-waybill service needs besides EBusinessID/AppKey (KDNiao 1007 `CustomerName` …). */
  accountFields: readonly ('customerName' | 'customerPwd' | 'monthCode' | 'sendSite' | 'sendStaff')[];
  /** KDNiao asks for the receiver's postcode (EMS). */
  needsPostCode?: boolean;
}

/** Every carrier of the catalogue, by ShipperCode. */
export const SHIPPERS: Readonly<Record<string, ShipperInfo>> = Object.freeze({
  SF: {
    code: 'SF',
    zh: '顺丰速运',
    en: 'SF Express',
    numberPattern: /^SF\d{13}$/,
    example: 'SF1234567890123',
    accountFields: ['monthCode'],
  },
  YTO: {
    code: 'YTO',
    zh: '圆通速递',
    en: 'YTO Express',
    numberPattern: /^YT\d{13}$/,
    example: 'YT1234567890123',
    accountFields: ['customerName', 'customerPwd'],
  },
  ZTO: {
    code: 'ZTO',
    zh: '中通快递',
    en: 'ZTO Express',
    numberPattern: /^7[35-8]\d{12}$/,
    example: '78123456789012',
    accountFields: ['customerName', 'customerPwd'],
  },
  STO: {
    code: 'STO',
    zh: '申通快递',
    en: 'STO Express',
    numberPattern: /^77\d{11}$/,
    example: '7712345678901',
    accountFields: ['customerName', 'customerPwd', 'sendSite'],
  },
  YD: {
    code: 'YD',
    zh: '韵达速递',
    en: 'Yunda Express',
    numberPattern: /^4[3-6]\d{13}$/,
    example: '431234567890123',
    accountFields: ['customerName', 'customerPwd'],
  },
  JTSD: {
    code: 'JTSD',
    zh: '极兔速递',
    en: 'J&T Express',
    numberPattern: /^JT\d{13}$/,
    example: 'JT1234567890123',
    accountFields: ['customerName', 'customerPwd'],
  },
  EMS: {
    code: 'EMS',
    zh: '中国邮政 EMS',
    en: 'China Post EMS',
    numberPattern: /^1\d{12}$/,
    example: '1123456789012',
    accountFields: ['customerName', 'customerPwd'],
    needsPostCode: true,
  },
  JD: {
    code: 'JD',
    zh: '京东物流',
    en: 'JD Logistics',
    numberPattern: /^JD[A-Z0-9]{2}\d{11}$/,
    example: 'JDVA12345678901',
    accountFields: ['customerName'],
  },
});

/** The carrier of a ShipperCode, or null when the catalogue does not know it. */
export function shipperOf(code: string): ShipperInfo | null {
  return Object.prototype.hasOwnProperty.call(SHIPPERS, code) ? SHIPPERS[code]! : null;
}

/** True when `number` has the shape of `code`'s waybill numbers (false for an unknown carrier). */
export function isShipperNumber(code: string, number: string): boolean {
  return shipperOf(code)?.numberPattern.test(number) ?? false;
}
