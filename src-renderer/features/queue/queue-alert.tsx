import type { QueueStatus } from '../../../src-main/contract';
import { useT } from '../../app/station-context';

/**
 * The queue's alarms, large and coloured, each with words (never colour alone): uploads paused by an
 * authentication refusal (red), the oldest pending item older than the threshold (amber), carriers running out of
 * offline tracking numbers (amber). The buzz that goes with a new alarm is played by the station controller.
 */
export function QueueAlert({ queue }: { queue: QueueStatus }) {
  const t = useT();
  const alerts: { kind: 'bad' | 'warn'; id: string; text: string }[] = [];
  if (queue.paused) alerts.push({ kind: 'bad', id: 'paused', text: t('queue.alert.paused') });
  if (queue.stale)
    alerts.push({ kind: 'warn', id: 'stale', text: t('queue.alert.stale', { minutes: queue.alertAfterMin ?? 30 }) });
  for (const pool of queue.lowPools ?? [])
    alerts.push({
      kind: 'warn',
      id: `pool-${pool.carrier}`,
      text: t('queue.alert.lowPool', { carrier: pool.carrier, remaining: pool.remaining }),
    });
  if (alerts.length === 0) return null;
  return (
    <div className="queue-alerts" role="alert">
      {alerts.map((alert) => (
        <p key={alert.id} className={`queue-alert ${alert.kind}`} data-testid={`queue-alert-${alert.id}`}>
          <span aria-hidden="true">{alert.kind === 'bad' ? '⛔' : '⚠'}</span> {alert.text}
        </p>
      ))}
    </div>
  );
}
