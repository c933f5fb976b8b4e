import { useStation, useT } from './station-context';

/** Shown while the core is unreachable; scans made now would not be sent, so it is loud on purpose. */
export function ConnectionBanner() {
  const t = useT();
  const connection = useStation((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div className={`connection-banner ${connection}`} data-testid="connection-banner" role="alert">
      <span aria-hidden="true">⚠</span> {connection === 'lost' ? t('connection.lost') : t('connection.connecting')}
    </div>
  );
}
