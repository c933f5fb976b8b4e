import type { BatchProgress } from '../../../src-main/contract';
import { useStation, useT } from '../../app/station-context';
import { isMessageKey } from '../../i18n';
import { errorText } from '../../lib/error-text';
import { formatNumber } from '../../lib/format';

type Item = BatchProgress['items'][number];

/** A batch of waybills as it prints: a progress bar, the order printing now, and what became of every order. */
export function BatchPanel({ batch }: { batch: BatchProgress }) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const n = (value: number) => formatNumber(locale, value);
  const counts = { printed: n(batch.printed), skipped: n(batch.skipped), failed: n(batch.failed) };
  const headline =
    batch.state === 'running'
      ? t('orders.batch.running', { done: n(Math.min(batch.done + 1, batch.total)), total: n(batch.total) })
      : batch.state === 'done'
        ? t('orders.batch.done', counts)
        : t('orders.batch.stopped', counts);

  const outcome = (item: Item): string => {
    if (item.outcome === 'printed')
      return t('orders.batch.outcome.printed', { trackingNumber: item.trackingNumber ?? '' });
    if (item.outcome === 'pending') return t('orders.batch.outcome.pending');
    const key = `orders.batch.reason.${item.reason ?? ''}`;
    if (item.outcome === 'skipped' && isMessageKey(key)) return t(key, { trackingNumber: item.trackingNumber ?? '' });
    return t('orders.batch.outcome.failed', { reason: errorText(locale, { code: item.reason ?? 'internal' }).title });
  };

  return (
    <section
      className={`batch-panel batch-${batch.state}`}
      data-testid="batch-panel"
      data-state={batch.state}
      data-printed={batch.printed}
      data-skipped={batch.skipped}
      aria-labelledby="batch-title"
    >
      <h2 id="batch-title">{t('orders.batch.title')}</h2>
      <div className="batch-headline" role="status" data-testid="batch-headline">
        {headline}
      </div>
      <progress max={Math.max(batch.total, 1)} value={batch.done} data-testid="batch-progress" aria-label={headline} />
      {batch.current && <div className="batch-current">{t('orders.batch.current', { orderNo: batch.current })}</div>}
      {batch.state !== 'running' && batch.printed === 0 && batch.skipped > 0 && (
        <p className="batch-nothing" data-testid="batch-nothing">
          {t('orders.batch.nothing')}
        </p>
      )}
      <ul className="batch-items">
        {batch.items.map((item, index) => (
          <li key={`${index}:${item.orderNo}`} data-order={item.orderNo} data-outcome={item.outcome}>
            <span className="mono">{item.orderNo}</span>{' '}
            <span className={`outcome ${item.outcome}`}>{outcome(item)}</span>
          </li>
        ))}
      </ul>
      <p className="batch-hint">{t('orders.batch.packHint')}</p>
    </section>
  );
}
