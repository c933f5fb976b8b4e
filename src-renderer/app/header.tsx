import { QueueAttentionBadge } from '../features/queue/queue-attention-badge';
import { formatTime, formatNumber, formatWaited } from '../lib/format';
import { MIN_VOLUME } from '../lib/sound';
import type { Screen } from '../state/store';
import { useController, useStation, useT } from './station-context';
import { useNow } from './use-now';

/** Station name, nav, online/offline with outbox depth, sync, volume and the language toggle; on every screen. */
export function Header() {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const station = useStation((s) => s.station);
  const queue = useStation((s) => s.queue);
  const screen = useStation((s) => s.screen);
  // A nav click asks first when the screen holds unsaved edits (the leave dialog).
  const requestScreen = useStation((s) => s.requestScreen);
  const syncing = useStation((s) => s.syncing);
  const volume = useStation((s) => s.volume);
  const now = useNow(15_000);
  const online = queue?.online ?? false;

  const nav: ReadonlyArray<{ id: Screen; label: string }> = [
    { id: 'pack', label: t('nav.pack') },
    { id: 'queue', label: t('nav.queue') },
    { id: 'handover', label: t('nav.handover') },
    { id: 'templates', label: t('nav.templates') },
    { id: 'settings', label: t('nav.settings') },
    { id: 'printers', label: t('nav.printers') },
    { id: 'commands', label: t('nav.commands') },
    { id: 'orders', label: t('nav.orders') },
    { id: 'scanner', label: t('nav.scanner') },
  ];

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.title')}</span>
        {station && (
          // The name a supervisor gave the station; its id is for support (Settings, diagnostics), not the bench.
          <span className="station-name" data-testid="station-name" title={t('app.stationNameTitle')}>
            {station.name ?? t('app.stationUnnamed')}
          </span>
        )}
      </div>
      <nav className="nav" aria-label={t('nav.label')}>
        {nav.map((item) => (
          <button
            key={item.id}
            type="button"
            className={item.id === screen ? 'nav-item active' : 'nav-item'}
            aria-current={item.id === screen ? 'page' : undefined}
            data-testid={`nav-${item.id}`}
            onClick={() => requestScreen(item.id)}
          >
            {item.label}
          </button>
        ))}
      </nav>
      <div className="status">
        <span className={online ? 'badge online' : 'badge offline'} data-testid="online-badge" data-online={online}>
          <span aria-hidden="true">{online ? '●' : '○'}</span> {online ? t('status.online') : t('status.offline')}
        </span>
        {queue?.paused && (
          <span className="badge paused" data-testid="paused-badge" title={queue.lastError ?? undefined}>
            <span aria-hidden="true">⏸</span> {t('status.paused')}
          </span>
        )}
        <span
          className={queue && queue.depth > 0 ? 'badge depth pending' : 'badge depth'}
          data-testid="queue-depth"
          data-depth={queue?.depth ?? 0}
        >
          {t('status.outbox', { count: formatNumber(locale, queue?.depth ?? 0) })}
        </span>
        <QueueAttentionBadge />
        {queue?.oldestPendingAt && (
          <span className="status-text">
            {t('status.oldest', { age: formatWaited(locale, queue.oldestPendingAt, now) })}
          </span>
        )}
        <span className="status-text">
          {queue?.lastSyncAt
            ? t('status.lastSync', { time: formatTime(locale, queue.lastSyncAt) })
            : t('status.neverSynced')}
        </span>
        <button
          type="button"
          className="sync-button"
          data-testid="sync-now"
          disabled={syncing}
          onClick={() => void controller.syncNow()}
        >
          {syncing ? t('status.syncing') : t('status.syncNow')}
        </button>
        <label className="volume" title={t('status.volume')}>
          <span className="volume-label">{t('status.volume')}</span>
          <input
            type="range"
            min={MIN_VOLUME * 100}
            max={100}
            step={10}
            value={Math.round(volume * 100)}
            data-testid="volume"
            onChange={(e) => controller.setVolume(Number(e.currentTarget.value) / 100)}
          />
        </label>
        <button
          type="button"
          className="lang-toggle"
          data-testid="lang-toggle"
          title={t('lang.toggleTitle')}
          lang={locale === 'en' ? 'zh-CN' : 'en'}
          onClick={() => controller.setLocale(locale === 'en' ? 'zh-CN' : 'en')}
        >
          {t('lang.toggle')}
        </button>
      </div>
    </header>
  );
}
