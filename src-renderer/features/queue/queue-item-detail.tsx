import { useState } from 'react';
import type { OutboxItemDetail } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';

const EDITABLE = ['weightKg', 'trackingNumber', 'carrier', 'orderVersion'] as const;
type Editable = (typeof EDITABLE)[number];
const NUMERIC: ReadonlySet<Editable> = new Set(['weightKg', 'orderVersion']);

/**
 * One item's drill-down: what is sent, why it waits, its history, and for rejected or conflict items the
 * supervisor's actions (retry, correct and retry, discard with a reason). Every action needs the supervisor's name.
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
      <h3>{t('queue.detail.title', { id: item.id, orderNo: item.orderNo })}</h3>
      {item.lastError && <p className="queue-reason big">{item.lastError}</p>}
      {item.discardReason && <p className="queue-reason big">{item.discardReason}</p>}
      <dl className="queue-detail-grid">
        <dt>{t('queue.detail.key')}</dt>
        <dd className="mono">{item.idempotencyKey}</dd>
        <dt>{t('queue.detail.payload')}</dt>
        <dd>
          <pre className="mono">{JSON.stringify(item.payload, null, 2)}</pre>
        </dd>
      </dl>
      {item.audit.length > 0 && (
        <>
          <h4>{t('queue.detail.audit')}</h4>
          <ul className="queue-audit" data-testid="queue-audit">
            {item.audit.map((entry, index) => (
              <li key={index}>
                {t('queue.detail.auditEntry', {
                  at: formatDateTime(locale, entry.at),
                  actor: entry.actor,
                  action: entry.action,
                })}
                {entry.reason ? ` (${entry.reason})` : ''}
                {entry.changes.map((c) => ` ${c.field}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`).join(';')}
              </li>
            ))}
          </ul>
        </>
      )}
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
          <div className="queue-buttons">
            <button data-testid="queue-retry" onClick={() => void act('retry')}>
              {t('queue.action.retry')}
            </button>
            <button data-testid="queue-edit-retry" onClick={() => void act('editRetry')}>
              {t('queue.action.editRetry')}
            </button>
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
