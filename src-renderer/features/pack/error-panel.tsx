import { useStation, useT } from '../../app/station-context';
import { shownError } from '../../state/store';
import { errorText } from '../../lib/error-text';

/** The full-width red panel that stops the line until the packer acknowledges it (scan, Enter, Escape, Space). */
export function ErrorPanel() {
  const error = useStation(shownError);
  const locale = useStation((s) => s.locale);
  const t = useT();
  if (!error) return null;
  const text = errorText(locale, error);
  return (
    <section
      className="error-panel"
      data-testid="error-panel"
      data-code={error.code}
      role="alert"
      aria-live="assertive"
    >
      <div className="error-icon" aria-hidden="true">
        ✕
      </div>
      <div className="error-body">
        <div className="error-title">
          <span className="error-stop">{t('error.title')}</span> {text.title}
        </div>
        <div className="error-hint">{text.hint}</div>
        <div className="error-continue">⏎ {t('error.continue')}</div>
      </div>
    </section>
  );
}
