import { useState } from 'react';
import type { OutboxItemDetail } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { adviceText, kindText } from './queue-item-text';

const EDITABLE = ['weightKg', 'trackingNumber', 'carrier', 'orderVersion'] as const;
type Editable = (typeof EDITABLE)[number];
const NUMERIC: ReadonlySet<Editable> = new Set(['weightKg', 'orderVersion']);
const AUDIT_ACTIONS = {
  retry: 'queue.action.retry',
  'edit-retry': 'queue.action.editRetry',
  discard: 'queue.action.discard',
} as const;

/**
 * One item's drill-down: what happened and what to do in the supervisor's language, its history, and for rejected
 * or conflict items the supervisor's actions (retry, correct and retry, discard with a reason). Retry is offered
 * only where sending the item again unchanged can succeed; correcting applies to shipments. The ERP's raw answer,
 * the idempotency key and the payload sit behind "technical details". Every action needs the supervisor's name.
 */
export function QueueItemDetail({
  item,
  onClose,
  onChanged,
}: {
  item: OutboxItemDetail;
  onClose: () => void;
  onChanged: (next: OutboxItemDetail) => void;
}) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const { invoke } = useController();
  const payload = (item.payload ?? {}) as Record<string, unknown>;
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const [edits, setEdits] = useState<Partial<Record<Editable, string>>>({});
  const [message, setMessage] = useState<string | null>(null);
  const parked = item.state === 'rejected' || item.state === 'conflict';
  const advice = adviceText(t, item, payload);
  const offerRetry = advice?.retryCanHelp ?? true;
  // Only a shipment's body has the fields a supervisor may correct.
  const editable = item.kind === 'shipment.confirm';

  const act = async (action: 'retry' | 'editRetry' | 'discard') => {
    if (by.trim() === '') return setMessage(t('queue.action.needName'));
    if (action === 'discard' && reason.trim() === '') return setMessage(t('queue.action.needReason'));
    try {
      const common = { id: item.id, by: by.trim(), ...(reason.trim() ? { reason: reason.trim() } : {}) };
      let next: OutboxItemDetail;
      if (action === 'retry') next = await invoke('queue:retry', common);
      else if (action === 'discard') next = await invoke('queue:discard', { ...common, reason: reason.trim() });
      else {
        const changes: Record<string, string | number> = {};
        for (const field of EDITABLE) {
          const value = edits[field];
          if (value === undefined || value === String(payload[field] ?? '')) continue;
          changes[field] = NUMERIC.has(field) ? Number(value) : value;
        }
        next = await invoke('queue:editRetry', { ...common, changes });
      }
      setMessage(t('queue.action.done', { action: t(`queue.action.${action}`) }));
      onChanged(next);
    } catch (error) {
      setMessage(failureText(locale, error));
    }
  };

  return (
    <div className="queue-detail" data-testid="queue-detail" data-state={item.state}>
      <h3>
        {t('queue.detail.title', { id: item.id, orderNo: item.orderNo })} · {kindText(t, item.kind)}
      </h3>
      {advice ? (
        <div className="queue-advice" data-testid="queue-advice" data-reason={advice.reason}>
          <h4>{t('queue.detail.what')}</h4>
          <p className="queue-reason big" data-testid="queue-advice-what">
            {advice.what}
          </p>
          {parked && (
            <>
              <h4>{t('queue.detail.todo')}</h4>
              <p className="queue-todo" data-testid="queue-advice-todo">
                {advice.todo}
              </p>
            </>
          )}
          {parked && !advice.retryCanHelp && (
            <p className="queue-no-retry" data-testid="queue-no-retry">
              {t('queue.advice.noRetry')}
            </p>
          )}
        </div>
      ) : (
        // A pending item's last failure is retried by itself (the ERP was away); it is shown as it came.
        item.state === 'pending' && item.lastError && <p className="queue-reason big">{item.lastError}</p>
      )}
      {item.discardReason && <p className="queue-reason big">{item.discardReason}</p>}
      {item.audit.length > 0 && (
        <>
          <h4>{t('queue.detail.audit')}</h4>
          <ul className="queue-audit" data-testid="queue-audit">
            {item.audit.map((entry, index) => (
              <li key={index}>
                {t('queue.detail.auditEntry', {
                  at: formatDateTime(locale, entry.at),
                  actor: entry.actor,
                  action: t(AUDIT_ACTIONS[entry.action]),
                })}
                {entry.reason ? ` (${entry.reason})` : ''}
                {entry.changes.map((c) => ` ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join(';')}
              </li>
            ))}
          </ul>
        </>
      )}
      <details className="queue-technical" data-testid="queue-technical">
        <summary>{t('queue.detail.technical')}</summary>
        <dl className="queue-detail-grid">
          {item.lastError && (
            <>
              <dt>{t('queue.detail.erpAnswer')}</dt>
              <dd className="mono">{item.lastError}</dd>
            </>
          )}
          <dt>{t('queue.detail.key')}</dt>
          <dd className="mono">{item.idempotencyKey}</dd>
          <dt>{t('queue.detail.payload')}</dt>
          <dd>
            <pre className="mono">{JSON.stringify(item.payload, null, 2)}</pre>
          </dd>
        </dl>
      </details>
      {parked && (
        <div className="queue-actions">
          <label>
            {t('queue.action.by')}
            <input data-testid="queue-by" value={by} maxLength={100} onChange={(e) => setBy(e.target.value)} />
          </label>
          <label>
            {t('queue.action.reason')}
            <input
              data-testid="queue-reason"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
          </label>
          {editable && (
            <div className="queue-edits">
              {EDITABLE.map((field) => (
                <label key={field}>
                  {t(`queue.edit.${field}`)}
                  <input
                    data-testid={`queue-edit-${field}`}
                    inputMode={NUMERIC.has(field) ? 'decimal' : 'text'}
                    value={edits[field] ?? String(payload[field] ?? '')}
                    onChange={(e) => setEdits({ ...edits, [field]: e.target.value })}
                  />
                </label>
              ))}
            </div>
          )}
          <div className="queue-buttons">
            {offerRetry && (
              <button data-testid="queue-retry" onClick={() => void act('retry')}>
                {t('queue.action.retry')}
              </button>
            )}
            {editable && (
              <button data-testid="queue-edit-retry" onClick={() => void act('editRetry')}>
                {t('queue.action.editRetry')}
              </button>
            )}
            <button data-testid="queue-discard" className="danger" onClick={() => void act('discard')}>
              {t('queue.action.discard')}
            </button>
          </div>
        </div>
      )}
      {message && (
        <p className="queue-message" data-testid="queue-message">
          {message}
        </p>
      )}
      <button onClick={onClose}>{t('queue.detail.close')}</button>
    </div>
  );
}
