import { gs1Mod10 } from '../../domain';
import type { Address, Order, OrderLine } from '../../domain';
import type { DemoStockRecord } from './demo-erp-repository';
import { mulberry32, pick, randomDigits, randomInt } from './prng';
import type { Prng } from './prng';
import {
  CATALOG,
  CN_AREAS,
  CN_GIVEN_NAMES,
  CN_SURNAMES,
  DEMO_SENDER,
  FOREIGN_COUNTRIES,
  ORDER_NOTES,
} from './seed-catalog';

/** The demo ERP's default seed and order count. */
export const DEFAULT_SEED = 1;
/** How many orders a new demo ERP file gets unless told otherwise. */
export const DEFAULT_ORDER_COUNT = 50;
/** The local carrier code demo orders ask for (the station's own tracking-number pool). */
export const DEMO_CARRIER = 'DSX';
/** Number of the first demo order; later ones count up (`SO-100001`, `SO-100002`, ...). */
export const FIRST_ORDER_NUMBER = 100_001;

/** Everything a new demo ERP file starts with. */
export interface DemoSeedData {
  stock: DemoStockRecord[];
  orders: Order[];
}

/** Options of {@link generateSeedData}. */
export interface SeedOptions {
  /** PRNG seed; the same seed (and `now`) gives the same data. Default 1. */
  seed?: number | undefined;
  /** Number of orders. Default 50. */
  orders?: number | undefined;
  /** The moment the data is created; order timestamps lie in the hours before it. */
  now: Date;
}

/**
 * Generates the demo warehouse's stock and orders, deterministically from `seed`: ~40 SKUs with valid EAN-13
 * barcodes, ~75% Chinese and ~25% international receivers, 1-4 lines of 1-3 units each. All orders are `pending`
 * (version 1) except every 25th starting at the 8th, which is `cancelled` (version 2) so the "cancelled" paths
 * can be tested.
 */
export function generateSeedData(options: SeedOptions): DemoSeedData {
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const count = options.orders ?? DEFAULT_ORDER_COUNT;
  if (!Number.isInteger(count) || count < 0) throw new Error(`orders must be a non-negative integer, got ${count}`);

  const stock = generateStock(random);
  const orders: Order[] = [];
  let createdAt = options.now.getTime() - count * 30 * 60_000;
  for (let i = 0; i < count; i++) {
    createdAt += randomInt(random, 1, 30) * 60_000;
    orders.push(generateOrder(random, i, stock, new Date(createdAt)));
  }
  return { stock, orders };
}

/** A valid EAN-13: a Chinese GS1 prefix (690-699), nine more digits and the GS1 mod-10 check digit. */
function ean13(random: Prng): string {
  const data = `69${randomDigits(random, 10)}`;
  return `${data}${gs1Mod10(data)}`;
}

function generateStock(random: Prng): DemoStockRecord[] {
  const barcodes = new Set<string>();
  return CATALOG.map((product, index) => {
    let barcode = ean13(random);
    while (barcodes.has(barcode)) barcode = ean13(random);
    barcodes.add(barcode);
    return {
      sku: `DS-${String(index + 1001)}`,
      name: `${product.zh} ${product.en}`,
      barcode,
      onHand: randomInt(random, 100, 1000),
    };
  });
}

function generateOrder(random: Prng, index: number, stock: DemoStockRecord[], created: Date): Order {
  const receiver = random() < 0.75 ? chineseReceiver(random) : foreignReceiver(random);
  const lineCount = randomInt(random, 1, 4);
  const skuIndexes = new Set<number>();
  while (skuIndexes.size < lineCount) skuIndexes.add(randomInt(random, 0, stock.length - 1));
  let weightKg = 0;
  const lines: OrderLine[] = [...skuIndexes].map((skuIndex, lineIndex) => {
    const item = stock[skuIndex]!;
    const quantity = randomInt(random, 1, 3);
    weightKg += (CATALOG[skuIndex]?.weightKg ?? 0) * quantity;
    return { lineNo: lineIndex + 1, sku: item.sku, name: item.name, barcode: item.barcode, quantity };
  });
  const cancelled = index % 25 === 7;
  const createdAt = created.toISOString();
  const note = random() < 0.1 ? pick(random, ORDER_NOTES) : undefined;
  return {
    orderNo: `SO-${FIRST_ORDER_NUMBER + index}`,
    status: cancelled ? 'cancelled' : 'pending',
    version: cancelled ? 2 : 1,
    createdAt,
    updatedAt: cancelled ? new Date(created.getTime() + 5 * 60_000).toISOString() : createdAt,
    receiver,
    sender: { ...DEMO_SENDER },
    lines,
    carrier: DEMO_CARRIER,
    weightKg: Math.round(weightKg * 1000) / 1000,
    trackingNumber: null,
    shipments: [],
    ...(note === undefined ? {} : { note }),
  };
}

function chineseReceiver(random: Prng): Address {
  const area = pick(random, CN_AREAS);
  const name = pick(random, CN_SURNAMES) + pick(random, CN_GIVEN_NAMES);
  // 13x and 18x: every number in those ranges is a valid mobile number (intake checks them).
  const phone = `1${randomInt(random, 3, 9) % 2 ? 3 : 8}${randomDigits(random, 9)}`;
  const room = `${randomInt(random, 1, 32)}${String(randomInt(random, 1, 6)).padStart(2, '0')}`;
  const address = `${pick(random, area.streets)} ${randomInt(random, 1, 399)} 号 ${randomInt(random, 1, 12)} 栋 ${room}`;
  return {
    name,
    phone,
    country: 'CN',
    province: area.province,
    city: area.city,
    district: area.district,
    address,
    postcode: area.postcode,
  };
}

/** Real area codes of the demo's US cities: a random one would not be a number that exists. */
const US_AREA_CODES: Readonly<Record<string, string>> = {
  'San Francisco': '415',
  'New York': '212',
  Seattle: '206',
  Austin: '512',
};

/** Area codes of the demo's German cities (a 2- or 3-digit code in place of the first two random digits). */
const DE_AREA_CODES: Readonly<Record<string, string>> = { Berlin: '30', München: '89', Hamburg: '40', Köln: '221' };

/**
 * Makes a random number one that could be dialled (intake checks phones with libphonenumber-js): the city's area
 * code and an exchange starting 2-9 in the US, a mobile prefix (6) in France, the city's area code in Germany. Consumes no randomness, so every
 * other field of the seed data stays as it was.
 */
function dialable(country: string, city: string, phone: string): string {
  if (country === 'US') {
    const digits = phone.replace(/\D/g, '').slice(1);
    const exchange = String(2 + (Number(digits[3]) % 8)) + digits.slice(4, 6);
    return `+1 ${US_AREA_CODES[city] ?? '415'}${exchange}${digits.slice(6)}`;
  }
  if (country === 'FR') return phone.replace(/^(\+33 )\d/, '$16');
  if (country === 'DE') return phone.replace(/^(\+49 )\d{2}/, `$1${DE_AREA_CODES[city] ?? '30'}`);
  return phone;
}

function foreignReceiver(random: Prng): Address {
  const country = pick(random, FOREIGN_COUNTRIES);
  const city = pick(random, country.cities);
  return {
    name: pick(random, country.names),
    phone: dialable(
      country.country,
      city.city,
      `${country.phonePrefix}${randomDigits(random, country.country === 'US' ? 10 : 9)}`,
    ),
    country: country.country,
    ...(city.province === undefined ? {} : { province: city.province }),
    city: city.city,
    address: country.street(randomInt(random, 1, 240), pick(random, country.streets)),
    postcode: pick(random, city.postcodes),
  };
}
