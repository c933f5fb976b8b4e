import { useMemo, useState } from 'react';
import { useDirtyGuard } from '../../app/dirty-guard';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import { DEFAULT_SCANNER_SETTINGS, scannerOptionsOf } from '../../lib/scanner-settings';
import {
  parseScannerForm,
  scannerFormDirty,
  scannerFormOf,
  type ScannerForm,
  type ScannerFormProblems,
} from './scanner-form';
import { ScannerTest } from './scanner-test';
import '../settings/settings.css';
import './scanner.css';

type Notice = { kind: 'ok' | 'bad'; text: string } | null;

/**
 * Supervisor screen: how the station tells a keyboard-wedge scan from typing (longest gap between keys, shortest
 * scan, the prefix and suffix the scanner adds, what to do with slow keys), saved at the station and in force at
 * once, and a test field that shows exactly what the station received from a scan.
 */
export function ScannerScreen() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const controller = useController();
  const saved = useStation((s) => s.scanner);
  const [form, setForm] = useState<ScannerForm>(() => scannerFormOf(saved));
  const [problems, setProblems] = useState<ScannerFormProblems>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const dirty = scannerFormDirty(form, saved);
  useDirtyGuard('scanner', dirty);

  // Settings saved elsewhere (another screen of the station) show here unless this form holds edits. Adjusted
  // while rendering, as React recommends for state that follows a changed value.
  const [shownSaved, setShownSaved] = useState(saved);
  if (saved !== shownSaved) {
    setShownSaved(saved);
    if (!scannerFormDirty(form, shownSaved)) setForm(scannerFormOf(saved));
  }

  // The test field tries the settings as typed, saved or not, so a supervisor can try before saving.
  const parsed = parseScannerForm(form);
  const draft = parsed.ok ? parsed.settings : saved;
  const testOptions = useMemo(() => scannerOptionsOf(draft), [draft]);

  const set = <K extends keyof ScannerForm>(key: K, value: ScannerForm[K]) => {
    setForm({ ...form, [key]: value });
    setNotice(null);
  };

  const save = async () => {
    const checked = parseScannerForm(form);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const applied = await controller.saveScanner(checked.settings);
      setShownSaved(applied);
      setForm(scannerFormOf(applied));
      setNotice({ kind: 'ok', text: t('scanner.saved') });
    } catch (error) {
      setNotice({ kind: 'bad', text: t('scanner.error', { message: failureText(locale, error) }) });
    } finally {
      setBusy(false);
    }
  };

  const problem = (key: keyof ScannerFormProblems, text: string) =>
    problems[key] ? (
      <span className="field-problem" role="alert" data-testid={`scanner-problem-${key}`}>
        {text}
      </span>
    ) : null;

  return (
    <div className="settings scanner-settings">
      <h1>{t('scanner.title')}</h1>
      <p className="hint">{t('scanner.hint')}</p>
      <section className="settings-section" aria-labelledby="scanner-settings-title">
        <h2 id="scanner-settings-title">{t('scanner.settings')}</h2>
        <form
          className="settings-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span className="field-label">{t('scanner.gap')}</span>
            <input
              type="number"
              inputMode="numeric"
              min={10}
              max={500}
              step={10}
              data-testid="scanner-gap"
              aria-invalid={problems.maxGapMs ? true : undefined}
              value={form.maxGapMs}
              onChange={(e) => set('maxGapMs', e.currentTarget.value)}
            />
            <span className="field-aside">{t('scanner.gap.hint')}</span>
            {problem('maxGapMs', t('scanner.invalid.gap'))}
          </label>
          <label className="field">
            <span className="field-label">{t('scanner.minLength')}</span>
            <input
              type="number"
              inputMode="numeric"
              min={1}
              max={64}
              data-testid="scanner-min-length"
              aria-invalid={problems.minLength ? true : undefined}
              value={form.minLength}
              onChange={(e) => set('minLength', e.currentTarget.value)}
            />
            {problem('minLength', t('scanner.invalid.minLength'))}
          </label>
          <label className="field">
            <span className="field-label">{t('scanner.prefix')}</span>
            <input
              data-testid="scanner-prefix"
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              value={form.prefix}
              onChange={(e) => set('prefix', e.currentTarget.value)}
            />
            <span className="field-aside">{t('scanner.affix.hint')}</span>
            {problem('prefix', t('scanner.invalid.affix'))}
          </label>
          <label className="field">
            <span className="field-label">{t('scanner.suffix')}</span>
            <input
              data-testid="scanner-suffix"
              autoComplete="off"
              spellCheck={false}
              maxLength={16}
              value={form.suffix}
              onChange={(e) => set('suffix', e.currentTarget.value)}
            />
            <span className="field-aside">{t('scanner.affix.hint')}</span>
            {problem('suffix', t('scanner.invalid.affix'))}
          </label>
          <label className="field wide">
            <span className="field-label">{t('scanner.slowInput')}</span>
            <select
              data-testid="scanner-slow-input"
              value={form.slowInput}
              onChange={(e) => set('slowInput', e.currentTarget.value === 'report' ? 'report' : 'scan')}
            >
              <option value="scan">{t('scanner.slowInput.scan')}</option>
              <option value="report">{t('scanner.slowInput.report')}</option>
            </select>
          </label>
          <div className="actions">
            <button type="submit" className="primary" data-testid="scanner-save" disabled={busy}>
              {t('scanner.save')}
            </button>
            <button
              type="button"
              data-testid="scanner-defaults"
              disabled={busy}
              onClick={() => {
                setForm(scannerFormOf(DEFAULT_SCANNER_SETTINGS));
                setProblems({});
                setNotice(null);
              }}
            >
              {t('scanner.defaults')}
            </button>
            {dirty && <span className="unsaved">{t('scanner.unsaved')}</span>}
          </div>
          {notice && (
            <p
              className={notice.kind === 'ok' ? 'notice good' : 'notice bad'}
              role="status"
              data-testid="scanner-notice"
            >
              {notice.text}
            </p>
          )}
        </form>
      </section>
      <ScannerTest options={testOptions} slowInput={draft.slowInput} />
    </div>
  );
}
