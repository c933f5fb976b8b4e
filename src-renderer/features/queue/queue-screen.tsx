import { useStation, useT } from '../../app/station-context';
import { useNow } from '../../app/use-now';
import { formatAge, formatDateTime, formatNumber } from '../../lib/format';
import { QueueAlert } from './queue-alert';
import { QueueItems } from './queue-items';
import { QueuePools } from './queue-pools';

/** The outbox at a glance: online, depth, oldest pending, last sync, rejected and conflict counts, last error. */
export function QueueScreen() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const queue = useStation((s) => s.queue);
  const lastSyncResult = useStation((s) => s.lastSyncResult);
  const queueTabSeq = useStation((s) => s.queueTabSeq);
  const now = useNow(15_000);
  if (!queue) return <div className="queue loading">{t('queue.loading')}</div>;
  const none = t('queue.none');
  return (
    <div className="queue">
      <h1>{t('queue.title')}</h1>
      <QueueAlert queue={queue} />
      <dl className="queue-grid">
        <div className={queue.online ? 'stat good' : 'stat warn'}>
          <dt>{t('queue.state')}</dt>
          <dd className="nowrap">
            <span className="stat-icon" aria-hidden="true">
              {queue.online ? '●' : '○'}
            </span>{' '}
            {queue.online ? t('status.online') : t('status.offline')}
          </dd>
        </div>
        <div className={queue.depth > 0 ? 'stat warn' : 'stat'}>
          <dt>{t('queue.depth')}</dt>
          <dd data-testid="queue-screen-depth">{formatNumber(locale, queue.depth)}</dd>
        </div>
        <div
          className={queue.stale ? 'stat warn' : 'stat'}
          data-testid="queue-oldest"
          data-stale={queue.stale ?? false}
        >
          <dt>{t('queue.oldest')}</dt>
          <dd className="small">
            {queue.oldestPendingAt ? (
              <>
                <span className="stat-line">{formatAge(locale, queue.oldestPendingAt, now)}</span>
                <span className="stat-sub">{formatDateTime(locale, queue.oldestPendingAt)}</span>
              </>
            ) : (
              none
            )}
          </dd>
        </div>
        <div className="stat">
          <dt>{t('queue.lastSync')}</dt>
          <dd className="small">{queue.lastSyncAt ? formatDateTime(locale, queue.lastSyncAt) : none}</dd>
        </div>
        <div className={queue.rejected > 0 ? 'stat bad' : 'stat'}>
          <dt>{t('queue.rejected')}</dt>
          <dd data-testid="queue-rejected">{formatNumber(locale, queue.rejected)}</dd>
        </div>
        <div className={queue.conflict > 0 ? 'stat bad' : 'stat'}>
          <dt>{t('queue.conflict')}</dt>
          <dd data-testid="queue-conflict">{formatNumber(locale, queue.conflict)}</dd>
        </div>
        <div className="stat wide">
          <dt>{t('queue.lastError')}</dt>
          <dd className="small">{queue.lastError ?? none}</dd>
        </div>
        {lastSyncResult && (
          <div className="stat wide">
            <dt>{t('status.syncNow')}</dt>
            <dd className="small">{t('status.syncResult', { ...lastSyncResult })}</dd>
          </div>
        )}
      </dl>
      <QueueItems key={queueTabSeq} />
      <QueuePools />
    </div>
  );
}
