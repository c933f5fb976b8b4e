import { useEffect, useState } from 'react';
import { useDirtyGuard } from '../../app/dirty-guard';
import type { StationSettings } from '../../../src-main/contract';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The station's name is 1 to 40 characters after trimming, no control characters (the core checks the same). */
const validName = (name: string) => name.trim().length >= 1 && name.trim().length <= 40 && !CONTROL.test(name);

/**
 * The station's own settings, stored by the station: the name the header shows instead of its id, and whether
 * lines of many units ask for the count. The id stays here (and in diagnostics) for support.
 */
export function StationSection() {
  const t = useT();
  const controller = useController();
  const locale = useStation((s) => s.locale);
  const stationId = useStation((s) => s.station?.stationId ?? '');
  const [saved, setSaved] = useState<StationSettings | null>(null);
  const [name, setName] = useState('');
  const [quantityPrompt, setQuantityPrompt] = useState(true);
  const [notice, setNotice] = useState<{ kind: 'good' | 'bad'; text: string } | null>(null);
  // Kept raw and translated when shown, so the load runs once per visit and a language change keeps the edits.
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // Leaving with an unsaved name or prompt choice asks first (the leave dialog).
  useDirtyGuard(
    'settings-station',
    saved !== null && (name !== (saved.name ?? '') || quantityPrompt !== saved.quantityPrompt),
  );

  useEffect(() => {
    let live = true;
    void controller
      .invoke('station:settings', {})
      .then((loaded) => {
        if (!live) return;
        setSaved(loaded);
        setName(loaded.name ?? '');
        setQuantityPrompt(loaded.quantityPrompt);
      })
      .catch((error: unknown) => live && setLoadError(error));
    return () => {
      live = false;
    };
    // Loaded once per visit: a language change must not reload the form over the supervisor's edits.
  }, [controller]);

  const save = async () => {
    if (!validName(name)) {
      setNotice({ kind: 'bad', text: t('settings.station.nameInvalid') });
      return;
    }
    setBusy(true);
    setNotice(null);
    try {
      const next = await controller.invoke('station:settings', { name: name.trim(), quantityPrompt });
      setSaved(next);
      setName(next.name ?? '');
      setNotice({ kind: 'good', text: t('settings.station.saved') });
    } catch (error) {
      setNotice({ kind: 'bad', text: failureText(locale, error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="station-title" data-testid="station-settings">
      <h2 id="station-title">{t('settings.station.title')}</h2>
      <form
        className="settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field">
          <span className="field-label">{t('settings.station.name')}</span>
          <input
            data-testid="station-name-input"
            value={name}
            maxLength={60}
            aria-invalid={name !== '' && !validName(name)}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <span className="field-aside">{t('settings.station.nameHint')}</span>
        </label>
        <label className="field">
          <span className="field-label">
            <input
              type="checkbox"
              data-testid="quantity-prompt-setting"
              checked={quantityPrompt}
              onChange={(e) => setQuantityPrompt(e.currentTarget.checked)}
            />{' '}
            {t('settings.station.quantityPrompt', { min: saved?.quantityPromptMinUnits ?? 10 })}
          </span>
          <span className="field-aside">{t('settings.station.quantityHint')}</span>
        </label>
        <p className="hint">{t('settings.station.id', { id: stationId })}</p>
        <div className="actions">
          <button type="submit" className="primary" data-testid="station-save" disabled={busy || saved === null}>
            {t('settings.station.save')}
          </button>
        </div>
        {loadError !== null && !notice && (
          <p className="notice bad" role="status" data-testid="station-notice">
            {failureText(locale, loadError)}
          </p>
        )}
        {notice && (
          <p className={`notice ${notice.kind}`} role="status" data-testid="station-notice">
            {notice.text}
          </p>
        )}
      </form>
    </section>
  );
}
