import type { OutboxStateName, QueueStatus } from '../../../src-main/contract';

/** The Queue screen's item tabs: the outbox states a supervisor lists items by. */
export type QueueTab = OutboxStateName;

/**
 * The tab that needs attention first: conflicts (a parcel may be on its way for an order the ERP no longer wants),
 * then rejections, then what is still waiting; with nothing open, what was uploaded.
 */
export function tabNeedingAttention(queue: QueueStatus): QueueTab {
  if (queue.conflict > 0) return 'conflict';
  if (queue.rejected > 0) return 'rejected';
  if (queue.depth > 0) return 'pending';
  return 'acked';
}
