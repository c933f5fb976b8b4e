import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, OutboxItemDetail } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import type { MessageKey } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { QueueItemDetail } from './queue-item-detail';

type State = 'pending' | 'rejected' | 'conflict' | 'acked' | 'discarded';
const TABS: State[] = ['rejected', 'conflict', 'pending', 'acked', 'discarded'];

/** The drill-down list: items by state with their reasons; a row opens the item with the supervisor's actions. */
export function QueueItems() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const queue = useStation((s) => s.queue);
  const { invoke } = useController();
  const [state, setState] = useState<State>('rejected');
  const [list, setList] = useState<CommandOutput<'queue:list'> | null>(null);
  const [open, setOpen] = useState<OutboxItemDetail | null>(null);

  // The newest request wins: an answer for a tab the supervisor already left must not replace the current list.
  const latest = useRef(0);
  const reload = useCallback(() => {
    const request = ++latest.current;
    const take = (next: CommandOutput<'queue:list'> | null) => {
      if (request === latest.current) setList(next);
    };
    invoke('queue:list', { state, limit: 100 }).then(take, () => take(null));
  }, [invoke, state]);
  // Re-read whenever the queue status changes (an upload, a refusal, a supervisor's action).
  useEffect(reload, [reload, queue]);

  return (
    <section className="queue-items">
      <h2>{t('queue.items.title')}</h2>
      <div className="queue-tabs" role="tablist">
        {TABS.map((tab) => (
          <button
            key={tab}
            role="tab"
            aria-selected={tab === state}
            className={tab === state ? 'queue-tab active' : 'queue-tab'}
            data-testid={`queue-tab-${tab}`}
            onClick={() => {
              setState(tab);
              setOpen(null);
            }}
          >
            {t(`queue.tab.${tab}` as MessageKey)} ({formatNumber(locale, list?.counts[tab] ?? 0)})
          </button>
        ))}
      </div>
      {list && list.items.length === 0 && <p className="queue-empty">{t('queue.items.empty')}</p>}
      {list && list.items.length > 0 && (
        <table className="queue-table" data-testid="queue-items">
          <thead>
            <tr>
              <th>{t('queue.col.order')}</th>
              <th>{t('queue.col.tracking')}</th>
              <th>{t('queue.col.attempts')}</th>
              <th>{t('queue.col.created')}</th>
              <th>{t('queue.col.error')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((item) => (
              <tr
                key={item.id}
                data-testid="queue-item"
                data-order={item.orderNo}
                className={open?.id === item.id ? 'selected' : undefined}
                onClick={() => invoke('queue:item', { id: item.id }).then(setOpen, () => setOpen(null))}
              >
                <td>{item.orderNo}</td>
                <td>{item.trackingNumber ?? ''}</td>
                <td>{formatNumber(locale, item.attempts)}</td>
                <td>{formatDateTime(locale, item.createdAt)}</td>
                <td className="queue-reason">{item.lastError ?? ''}</td>
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
