import type { OutboxItemView, ParkedReason } from '../../../src-main/contract';
import type { MessageKey, MessageParams } from '../../i18n';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const KINDS = ['shipment.confirm', 'handover.confirm', 'tracking.report', 'fee.post'] as const;

/** An outbox item's kind in the screen's language: shipment, handover, delivery status, fee. */
export function kindText(t: Translate, kind: string): string {
  return (KINDS as readonly string[]).includes(kind)
    ? t(`queue.kind.${kind as (typeof KINDS)[number]}`)
    : t('queue.kind.other', { kind });
}

/** What a parked item is about, in the supervisor's language: a short line for the list, what happened, what to do. */
export interface AdviceText {
  reason: ParkedReason;
  short: string;
  what: string;
  todo: string;
  /** False when sending the item again unchanged cannot succeed (Retry is then not offered). */
  retryCanHelp: boolean;
}

/**
 * The advice of a rejected or conflict item in words, or null for items that wait for nobody. `payload` fills in
 * the carrier to call for an interception.
 */
export function adviceText(
  t: Translate,
  item: Pick<OutboxItemView, 'advice' | 'orderNo' | 'trackingNumber' | 'kind'>,
  payload?: unknown,
): AdviceText | null {
  const advice = item.advice;
  if (!advice) return null;
  const carrier = (payload as { carrier?: unknown } | null | undefined)?.carrier;
  const params: MessageParams = {
    orderNo: item.orderNo,
    tracking: item.trackingNumber ?? t('queue.detail.noTracking'),
    carrier: typeof carrier === 'string' && carrier !== '' ? carrier : t('queue.detail.theCarrier'),
    kind: kindText(t, item.kind),
    detail: advice.detail ?? '',
  };
  const key = (part: 'short' | 'what' | 'todo') => `queue.advice.${advice.reason}.${part}` as MessageKey;
  return {
    reason: advice.reason,
    short: t(key('short'), params),
    what: t(key('what'), params),
    todo: t(key('todo'), params),
    retryCanHelp: advice.retryCanHelp,
  };
}
