import type { OrderStandingView } from '../../../src-main/contract';
import type { MessageKey } from '../../i18n';

/** The message key naming where an order stands. */
export function standingKey(standing: OrderStandingView): MessageKey {
  return `orders.status.${standing}`;
}
