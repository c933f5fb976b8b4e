import { useStation, useT } from './station-context';

/**
 * The notice under the header for scans that were not used: a scan on a screen that takes none ("Scan ignored:
 * open Pack to pack"), slow keys the settings say only to show, keys too few for a scan. It never blocks the
 * screen and always says what arrived.
 */
export function ScanNoticeBar() {
  const t = useT();
  const notice = useStation((s) => s.scanNotice);
  const screen = useStation((s) => s.screen);
  const setNotice = useStation((s) => s.setScanNotice);
  const requestScreen = useStation((s) => s.requestScreen);
  if (!notice) return null;

  let title: string;
  let detail: string;
  let action: { label: string; go: () => void } | null = null;
  if (notice.kind === 'ignored') {
    title = screen === 'scanner' ? t('scanNotice.ignoredScanner') : t('scanNotice.ignored');
    detail = t('scanNotice.received', { code: notice.code });
    if (screen !== 'scanner') action = { label: t('scanNotice.openPack'), go: () => requestScreen('pack') };
  } else if (notice.kind === 'slow') {
    title = t('scanNotice.slow');
    detail = t('scanNotice.slowDetail', { code: notice.code, gap: notice.slowestGapMs, limit: notice.maxGapMs });
    action = { label: t('scanNotice.openScanner'), go: () => requestScreen('scanner') };
  } else {
    title = t('scanNotice.tooShort', { code: notice.code, min: notice.minLength });
    detail = '';
  }

  return (
    <div className="scan-notice" role="status" aria-live="polite" data-testid="scan-notice" data-kind={notice.kind}>
      <span className="scan-notice-icon" aria-hidden="true">
        ⚠
      </span>
      <span className="scan-notice-text">
        <strong>{title}</strong>
        {detail && <span className="scan-notice-detail"> · {detail}</span>}
      </span>
      {action && (
        <button type="button" className="scan-notice-action" data-testid="scan-notice-action" onClick={action.go}>
          {action.label}
        </button>
      )}
      <button
        type="button"
        className="scan-notice-dismiss"
        data-testid="scan-notice-dismiss"
        aria-label={t('scanNotice.dismiss')}
        title={t('scanNotice.dismiss')}
        onClick={() => setNotice(null)}
      >
        ×
      </button>
    </div>
  );
}
