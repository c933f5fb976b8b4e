import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { formatNumber } from '../../lib/format';

/** Offline tracking numbers left per carrier; carriers at the low-water mark are marked. */
export function QueuePools() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const queue = useStation((s) => s.queue);
  const { invoke } = useController();
  const [pools, setPools] = useState<CommandOutput<'pool:list'> | null>(null);
  useEffect(() => {
    invoke('pool:list', {}).then(setPools, () => setPools(null));
  }, [invoke, queue]);
  if (!pools || pools.pools.length === 0) return null;
  const low = new Set((queue?.lowPools ?? []).map((p) => p.carrier));
  return (
    <section className="queue-pools">
      <h2>{t('queue.pools.title')}</h2>
      <table className="queue-table" data-testid="queue-pools">
        <thead>
          <tr>
            <th>{t('queue.pools.carrier')}</th>
            <th>{t('queue.pools.scheme')}</th>
            <th>{t('queue.pools.remaining')}</th>
          </tr>
        </thead>
        <tbody>
          {pools.pools.map((pool) => (
            <tr key={pool.carrier} className={low.has(pool.carrier) ? 'low' : undefined} data-carrier={pool.carrier}>
              <td>{pool.carrier}</td>
              <td>{pool.scheme}</td>
              <td>
                {formatNumber(locale, pool.remaining)}
                {low.has(pool.carrier) ? ` ⚠ ${t('queue.pools.low')}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
