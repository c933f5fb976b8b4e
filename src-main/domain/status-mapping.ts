import type { OrderStatus } from './order';

/**
 * The one table that maps every status an ERP or carrier may send onto the station's delivery statuses:
 * 待发货 pending → 已揽收 picked up → 运输中 in transit → 派送中 out for delivery → 已签收 delivered, plus 异常
 * exception and 已取消 cancelled. Pure: no I/O.
 */
export type DeliveryStatus =
  'pending' | 'picked-up' | 'in-transit' | 'out-for-delivery' | 'delivered' | 'exception' | 'cancelled';

/** The happy path in order; `exception` and `cancelled` sit outside it. */
export const DELIVERY_FLOW: readonly DeliveryStatus[] = [
  'pending',
  'picked-up',
  'in-transit',
  'out-for-delivery',
  'delivered',
];

/** Chinese and English names of each status, for labels, reports and the ERP. */
export const DELIVERY_STATUS_NAMES: Readonly<Record<DeliveryStatus, { zh: string; en: string }>> = {
  pending: { zh: '待发货', en: 'pending' },
  'picked-up': { zh: '已揽收', en: 'picked up' },
  'in-transit': { zh: '运输中', en: 'in transit' },
  'out-for-delivery': { zh: '派送中', en: 'out for delivery' },
  delivered: { zh: '已签收', en: 'delivered' },
  exception: { zh: '异常', en: 'exception' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/**
 * Every spelling we accept, keyed by its normalized form (lower case, no spaces, `-` and `_`). Chinese ERP and
 * carrier wording, English wording, KDNiao `State` codes (0 no trace yet, 1 picked up, 2 in transit, 3 signed, 4
 * problem, 5 forwarded, 201 arrived at the delivery city, 202 out for delivery, 211 at a pickup point).
 */
const STATUS_TABLE: ReadonlyArray<readonly [DeliveryStatus, readonly string[]]> = [
  [
    'pending',
    [
      'pending',
      'new',
      'open',
      'waiting',
      'assigned',
      'picked',
      'claimed',
      'unshipped',
      'awaitingshipment',
      'readytoship',
      'notshipped',
      '待发货',
      '未发货',
      '待出库',
      '待揽收',
      '已付款',
      '待处理',
      '0',
    ],
  ],
  [
    'picked-up',
    [
      'pickedup',
      'collected',
      'accepted',
      'shipped',
      'handedover',
      'done',
      '已揽收',
      '已揽件',
      '揽收',
      '已发货',
      '已出库',
      '1',
    ],
  ],
  [
    'in-transit',
    ['intransit', 'transit', 'ontheway', 'shipping', '运输中', '在途', '在途中', '转运中', '2', '5', '201'],
  ],
  ['out-for-delivery', ['outfordelivery', 'delivering', 'indelivery', '派送中', '派件中', '配送中', '202', '211']],
  [
    'delivered',
    ['delivered', 'signed', 'received', 'completed', 'complete', '已签收', '签收', '已送达', '已完成', '3'],
  ],
  [
    'exception',
    ['exception', 'problem', 'failed', 'deliveryfailed', 'returned', 'lost', '异常', '问题件', '退回', '拒收', '4'],
  ],
  ['cancelled', ['cancelled', 'canceled', 'cancel', 'void', 'voided', '已取消', '取消', '作废', '已作废']],
];

const LOOKUP: ReadonlyMap<string, DeliveryStatus> = new Map(
  STATUS_TABLE.flatMap(([status, spellings]) => spellings.map((spelling) => [spelling, status] as const)),
);

/** Lower case, without spaces, `-` and `_`, full-width letters and digits turned into ASCII. */
function normalizeStatusText(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .toLowerCase()
    .replace(/[\s_\-\u3000]+/g, '');
}

/** The delivery status an ERP or carrier status means, or null when the table does not know it. */
export function toDeliveryStatus(raw: string | number | null | undefined): DeliveryStatus | null {
  if (raw === null || raw === undefined) return null;
  return LOOKUP.get(normalizeStatusText(String(raw))) ?? null;
}

/**
 * The station's order status for a delivery status: not yet shipped is `pending`, anything after it `shipped`,
 * cancelled `cancelled`. A status the ERP already calls `claimed` stays `claimed`.
 */
export function toOrderStatus(raw: string | number | null | undefined): OrderStatus | null {
  if (typeof raw === 'string' && normalizeStatusText(raw) === 'claimed') return 'claimed';
  const status = toDeliveryStatus(raw);
  if (status === null) return null;
  if (status === 'pending') return 'pending';
  if (status === 'cancelled') return 'cancelled';
  return 'shipped';
}

/** True when going from `from` to `to` is a step forward (or a move to exception / cancelled). */
export function isForwardTransition(from: DeliveryStatus, to: DeliveryStatus): boolean {
  if (from === 'cancelled' || from === 'delivered') return false;
  if (to === 'exception' || to === 'cancelled') return true;
  if (from === 'exception') return to !== 'pending';
  return DELIVERY_FLOW.indexOf(to) > DELIVERY_FLOW.indexOf(from);
}
