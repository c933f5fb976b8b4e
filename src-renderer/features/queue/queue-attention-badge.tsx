import { useStation, useT } from '../../app/station-context';
import { formatNumber } from '../../lib/format';
import './queue-attention.css';

/**
 * The header's red badge for upload items that wait for a supervisor: conflicts and rejections, each with its
 * count (words and a symbol, never colour alone). A click opens the Queue on the tab that has them, conflicts
 * first. Nothing shows while there are none, so the badge only ever means "act".
 */
export function QueueAttentionBadge() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const queue = useStation((s) => s.queue);
  // Through the leave guard: a screen with unsaved edits asks first.
  const requestScreen = useStation((s) => s.requestScreen);
  const setQueueTab = useStation((s) => s.setQueueTab);
  const conflict = queue?.conflict ?? 0;
  const rejected = queue?.rejected ?? 0;
  if (conflict + rejected === 0) return null;
  const parts = [
    ...(conflict > 0 ? [t('status.attention.conflict', { count: formatNumber(locale, conflict) })] : []),
    ...(rejected > 0 ? [t('status.attention.rejected', { count: formatNumber(locale, rejected) })] : []),
  ];
  return (
    <button
      type="button"
      className="badge attention"
      data-testid="queue-attention"
      data-count={conflict + rejected}
      data-conflict={conflict}
      data-rejected={rejected}
      title={t('status.attention.title')}
      onClick={() => {
        setQueueTab(conflict > 0 ? 'conflict' : 'rejected');
        requestScreen('queue');
      }}
    >
      <span aria-hidden="true">⚠</span> {parts.join(' · ')}
    </button>
  );
}
