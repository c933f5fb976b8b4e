import type { CommandOutput } from '../../../src-main/contract';
import { useStation, useT } from '../../app/station-context';
import { formatDateTime } from '../../lib/format';

type Versions = CommandOutput<'templates:versions'>;

/**
 * Every version of the template, newest first: when it was saved and why, whether packing uses it and whether it
 * passes the check. Any version opens in the editor; an older one can be restored (saved again as the newest).
 */
export function TemplateVersions({
  versions,
  shown,
  busy,
  onOpen,
  onRestore,
}: {
  versions: Versions | null;
  shown: number | null;
  busy: boolean;
  onOpen: (version: number) => void;
  onRestore: (version: number) => void;
}) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  if (!versions) return null;
  const newest = versions.versions[0]?.version ?? 0;
  return (
    <section className="template-versions" data-testid="template-versions">
      <h3>{t('templates.versionList', { name: versions.name })}</h3>
      <ol>
        {versions.versions.map((v) => (
          <li
            key={v.version}
            className={v.version === shown ? 'shown' : undefined}
            data-testid={`template-version-${v.version}`}
            data-passes={String(v.passes)}
            data-active={String(v.active)}
          >
            <div className="version-head">
              <strong>{t('templates.version.label', { version: v.version })}</strong>
              <span className="version-date">
                {v.builtIn ? t('templates.version.builtIn') : v.savedAt ? formatDateTime(locale, v.savedAt) : ''}
              </span>
              {v.active && <span className="version-badge active">{t('templates.version.active')}</span>}
              <span className={`version-badge ${v.passes ? 'ok' : 'fails'}`}>
                {v.passes
                  ? `✓ ${t('templates.version.passes')}`
                  : `✗ ${t('templates.version.fails', { count: v.blocking })}`}
              </span>
            </div>
            {v.note && <div className="version-note">{v.note}</div>}
            <div className="version-actions">
              {v.version === shown ? (
                <span className="version-shown">{t('templates.version.shown')}</span>
              ) : (
                <button
                  type="button"
                  className="template-button"
                  data-testid={`template-version-open-${v.version}`}
                  disabled={busy}
                  onClick={() => onOpen(v.version)}
                >
                  {t('templates.version.open')}
                </button>
              )}
              {v.version !== newest && (
                <button
                  type="button"
                  className="template-button"
                  data-testid={`template-version-restore-${v.version}`}
                  title={t('templates.version.restoreTitle', { version: v.version })}
                  disabled={busy}
                  onClick={() => onRestore(v.version)}
                >
                  {t('templates.version.restore')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
