import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, OutboxItemDetail } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import type { MessageKey } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { tabNeedingAttention, type QueueTab } from './queue-attention';
import { QueueItemDetail } from './queue-item-detail';
import { adviceText, kindText } from './queue-item-text';
import './queue-items.css';

const TABS: QueueTab[] = ['conflict', 'rejected', 'pending', 'acked', 'discarded'];
const PARKED: ReadonlySet<QueueTab> = new Set(['conflict', 'rejected']);

/**
 * The drill-down list: items by state with their type and reason; a row opens the item with the supervisor's
 * actions. It opens on the tab that needs attention (conflicts, then rejections), or on the one the header's
 * badge asked for; arriving on conflicts or rejections opens the first item, so what to do is on screen at once.
 * Mount it keyed by `queueTabSeq`, so that each request of the badge starts it afresh.
 */
export function QueueItems() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const queue = useStation((s) => s.queue);
  const requested = useStation((s) => s.queueTab);
  const setQueueTab = useStation((s) => s.setQueueTab);
  const { invoke } = useController();
  const [state, setState] = useState<QueueTab>(() => requested ?? (queue ? tabNeedingAttention(queue) : 'pending'));
  const [list, setList] = useState<CommandOutput<'queue:list'> | null>(null);
  const [open, setOpen] = useState<OutboxItemDetail | null>(null);
  // Set when the tab was chosen for the supervisor (not clicked): its first parked item opens once the list is in.
  const openFirst = useRef(PARKED.has(state));

  // The request is taken: the next visit through the nav opens on the tab that needs attention again. (A new
  // request while the Queue is on screen mounts a fresh list: the screen keys it by the request's number.)
  useEffect(() => () => setQueueTab(null), [setQueueTab]);

  const show = useCallback((id: number) => invoke('queue:item', { id }).then(setOpen, () => setOpen(null)), [invoke]);

  // The newest request wins: an answer for a tab the supervisor already left must not replace the current list.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    const take = (next: CommandOutput<'queue:list'> | null) => {
      if (request !== latest.current) return;
      setList(next);
      const first = next?.items[0];
      if (openFirst.current && first) {
        openFirst.current = false;
        void show(first.id);
      }
    };
    invoke('queue:list', { state, limit: 100 }).then(take, () => take(null));
  }, [invoke, state, show]);
  // Re-read whenever the queue status changes (an upload, a refusal, a supervisor's action).
  useEffect(reload, [reload, queue]);

  return (
    <section className="queue-items">
      <h2>{t('queue.items.title')}</h2>
      <div className="queue-tabs" role="tablist">
        {TABS.map((tab) => {
          const count = list?.counts[tab] ?? 0;
          const alarm = PARKED.has(tab) && count > 0;
          return (
            <button
              key={tab}
              role="tab"
              aria-selected={tab === state}
              className={['queue-tab', tab === state ? 'active' : '', alarm ? 'alarm' : ''].join(' ').trim()}
              data-testid={`queue-tab-${tab}`}
              onClick={() => {
                openFirst.current = false;
                setState(tab);
                setOpen(null);
              }}
            >
              {alarm && <span aria-hidden="true">⚠ </span>}
              {t(`queue.tab.${tab}` as MessageKey)} ({formatNumber(locale, count)})
            </button>
          );
        })}
      </div>
      {list && list.items.length === 0 && <p className="queue-empty">{t('queue.items.empty')}</p>}
      {list && list.items.length > 0 && (
        <table className="queue-table" data-testid="queue-items">
          <thead>
            <tr>
              <th>{t('queue.col.type')}</th>
              <th>{t('queue.col.order')}</th>
              <th>{t('queue.col.tracking')}</th>
              <th>{t('queue.col.attempts')}</th>
              <th>{t('queue.col.created')}</th>
              {state === 'acked' ? <th>{t('queue.col.uploaded')}</th> : <th>{t('queue.col.error')}</th>}
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr
                key={item.id}
                data-testid="queue-item"
                data-order={item.orderNo}
                data-kind={item.kind}
                className={open?.id === item.id ? 'selected' : undefined}
                onClick={() => void show(item.id)}
              >
                <td data-testid="queue-item-type">{kindText(t, item.kind)}</td>
                <td>{item.orderNo}</td>
                <td className="mono">{item.trackingNumber ?? ''}</td>
                <td>{formatNumber(locale, item.attempts)}</td>
                <td>{formatDateTime(locale, item.createdAt)}</td>
                {state === 'acked' ? (
                  <td>{item.closedAt ? formatDateTime(locale, item.closedAt) : ''}</td>
                ) : (
                  <td className="queue-reason">{adviceText(t, item)?.short ?? item.lastError ?? ''}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && (
        <QueueItemDetail
          item={open}
          onClose={() => setOpen(null)}
          onChanged={(next) => {
            setOpen(next);
            reload();
          }}
        />
      )}
    </section>
  );
}
