import { useStation, useT } from './station-context';

/**
 * Shown while the core is unreachable; scans made now would not be sent, so it is loud on purpose. A tab the
 * station refuses (its access link changed) says so and what to do, instead of "reconnecting" forever.
 */
export function ConnectionBanner() {
  const t = useT();
  const connection = useStation((s) => s.connection);
  if (connection === 'open') return null;
  if (connection === 'refused')
    return (
      <div className="connection-banner refused" data-testid="connection-banner" data-state="refused" role="alert">
        <div className="connection-banner-title">
          <span aria-hidden="true">⚠</span> {t('connection.refused')}
        </div>
        <div className="connection-banner-hint">{t('connection.refused.hint')}</div>
      </div>
    );
  return (
    <div
      className={`connection-banner ${connection}`}
      data-testid="connection-banner"
      data-state={connection}
      role="alert"
    >
      <span aria-hidden="true">⚠</span> {connection === 'lost' ? t('connection.lost') : t('connection.connecting')}
    </div>
  );
}
