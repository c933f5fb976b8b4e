import { cleanText } from './text';

/** Every ISO 3166-1 alpha-2 code in use. */
const ISO_CODES = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO ' +
    'FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE ' +
    'JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO ' +
    'MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW ' +
    'PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM ' +
    'TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
);

/** Names and three-letter codes ERPs send instead of the alpha-2 code (lower case, spaces collapsed). */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  china: 'CN',
  chn: 'CN',
  prc: 'CN',
  "people's republic of china": 'CN',
  中国: 'CN',
  中国大陆: 'CN',
  中华人民共和国: 'CN',
  usa: 'US',
  'united states': 'US',
  'united states of america': 'US',
  america: 'US',
  美国: 'US',
  germany: 'DE',
  deu: 'DE',
  deutschland: 'DE',
  德国: 'DE',
  france: 'FR',
  fra: 'FR',
  法国: 'FR',
  'united kingdom': 'GB',
  uk: 'GB',
  gbr: 'GB',
  'great britain': 'GB',
  england: 'GB',
  英国: 'GB',
  japan: 'JP',
  jpn: 'JP',
  日本: 'JP',
  korea: 'KR',
  'south korea': 'KR',
  kor: 'KR',
  韩国: 'KR',
  canada: 'CA',
  can: 'CA',
  加拿大: 'CA',
  australia: 'AU',
  aus: 'AU',
  澳大利亚: 'AU',
  netherlands: 'NL',
  nld: 'NL',
  荷兰: 'NL',
  italy: 'IT',
  ita: 'IT',
  意大利: 'IT',
  spain: 'ES',
  esp: 'ES',
  西班牙: 'ES',
  singapore: 'SG',
  sgp: 'SG',
  新加坡: 'SG',
  'hong kong': 'HK',
  hkg: 'HK',
  香港: 'HK',
  中国香港: 'HK',
  macau: 'MO',
  macao: 'MO',
  澳门: 'MO',
  taiwan: 'TW',
  台湾: 'TW',
  russia: 'RU',
  rus: 'RU',
  俄罗斯: 'RU',
  india: 'IN',
  ind: 'IN',
  印度: 'IN',
  brazil: 'BR',
  bra: 'BR',
  巴西: 'BR',
};

/** The ISO 3166-1 alpha-2 code a country field means, or null when it is not a country we can tell. */
export function toCountryCode(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const cleaned = cleanText(raw);
  if (/^[A-Za-z]{2}$/.test(cleaned)) {
    const upper = cleaned.toUpperCase();
    if (upper === 'UK') return 'GB';
    return ISO_CODES.has(upper) ? upper : null;
  }
  return COUNTRY_ALIASES[cleaned.toLowerCase()] ?? null;
}

/** Postcode rules of the common destinations: the pattern (after normalizing) and whether carriers require one. */
interface PostcodeRule {
  pattern: RegExp;
  required: boolean;
  /** Canonical spelling, from the upper-cased, space-collapsed input. */
  format?: (code: string) => string;
}

const spaceBeforeLast3 = (code: string) => code.replace(/\s/g, '').replace(/^(.+)(.{3})$/, '$1 $2');

const POSTCODE_RULES: Readonly<Record<string, PostcodeRule>> = {
  CN: { pattern: /^\d{6}$/, required: false },
  US: { pattern: /^\d{5}(-\d{4})?$/, required: true },
  CA: { pattern: /^[A-Z]\d[A-Z] \d[A-Z]\d$/, required: true, format: spaceBeforeLast3 },
  GB: { pattern: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, required: true, format: spaceBeforeLast3 },
  DE: { pattern: /^\d{5}$/, required: true },
  FR: { pattern: /^\d{5}$/, required: true },
  IT: { pattern: /^\d{5}$/, required: true },
  ES: { pattern: /^\d{5}$/, required: true },
  NL: { pattern: /^\d{4} [A-Z]{2}$/, required: true, format: (c) => c.replace(/\s/g, '').replace(/^(\d{4})/, '$1 ') },
  JP: { pattern: /^\d{3}-\d{4}$/, required: true, format: (c) => c.replace(/^(\d{3})-?(\d{4})$/, '$1-$2') },
  KR: { pattern: /^\d{5}$/, required: true },
  AU: { pattern: /^\d{4}$/, required: true },
  SG: { pattern: /^\d{6}$/, required: true },
  IN: { pattern: /^\d{6}$/, required: true },
  RU: { pattern: /^\d{6}$/, required: true },
  BR: { pattern: /^\d{5}-\d{3}$/, required: true, format: (c) => c.replace(/^(\d{5})-?(\d{3})$/, '$1-$2') },
  CH: { pattern: /^\d{4}$/, required: true },
  AT: { pattern: /^\d{4}$/, required: true },
  BE: { pattern: /^\d{4}$/, required: true },
  TW: { pattern: /^\d{3}(\d{2,3})?$/, required: false },
};

/** The outcome of checking a postcode: its canonical form, or why it does not fit. */
export type PostcodeCheck =
  | { ok: true; postcode: string | undefined }
  | { ok: false; reason: 'missing' | 'malformed'; postcode: string | undefined };

/** Normalizes a postcode and checks it against its country's pattern (countries without a rule pass as given). */
export function checkPostcode(country: string, raw: string | undefined): PostcodeCheck {
  const cleaned = raw === undefined ? '' : cleanText(raw).toUpperCase();
  const rule = POSTCODE_RULES[country];
  if (cleaned === '')
    return rule?.required ? { ok: false, reason: 'missing', postcode: undefined } : { ok: true, postcode: undefined };
  if (!rule) return { ok: true, postcode: cleaned };
  const formatted = rule.format ? rule.format(cleaned) : cleaned.replace(/\s/g, '');
  return rule.pattern.test(formatted)
    ? { ok: true, postcode: formatted }
    : { ok: false, reason: 'malformed', postcode: cleaned };
}
