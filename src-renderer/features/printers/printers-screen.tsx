import { useEffect, useState } from 'react';
import type { CommandInput, CommandOutput, PrinterStatusView } from '../../../src-main/contract';
import { useDirtyGuard } from '../../app/dirty-guard';
import { useController, useStation, useT } from '../../app/station-context';
import { failureText } from '../../lib/error-text';
import './printers.css';

type Settings = CommandOutput<'printers:list'>;
type Status = CommandOutput<'printers:status'>;
type Target = 'primary' | 'backup';
type Notice = { kind: 'ok' | 'bad'; text: string } | null;

/** What the form holds: URIs as typed, profiles by name ('' = none: the file printer). */
interface Form {
  primaryUri: string;
  primaryProfile: string;
  backupUri: string;
  backupProfile: string;
}

const formFrom = (s: Settings): Form => ({
  primaryUri: s.primary.uri,
  primaryProfile: s.primary.profile ?? '',
  backupUri: s.backup?.uri ?? '',
  backupProfile: s.backup?.profile ?? '',
});

function toInput(form: Form): CommandInput<'printers:save'> {
  return {
    primary: { uri: form.primaryUri.trim(), profile: form.primaryProfile || null },
    backup: form.backupUri.trim() ? { uri: form.backupUri.trim(), profile: form.backupProfile || null } : null,
  };
}

/** How often the open screen asks the printers; the core also pushes `printers:changed`. */
const STATUS_POLL_MS = 5000;

/** Supervisor screen: the station's primary and backup printer, their live status and a test label. */
export function PrintersScreen() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const controller = useController();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    void controller
      .invoke('printers:list', {})
      .then((loaded) => {
        if (!live) return;
        setSettings(loaded);
        setForm(formFrom(loaded));
      })
      .catch((error: unknown) => {
        if (live) setLoadError(error);
      });
    const poll = () =>
      void controller
        .invoke('printers:status', {})
        .then((next) => live && setStatus(next))
        .catch(() => undefined);
    poll();
    const timer = setInterval(poll, STATUS_POLL_MS);
    const off = controller.on?.('printers:changed', (next) => setStatus(next));
    return () => {
      live = false;
      clearInterval(timer);
      off?.();
    };
    // Loaded once per visit: a language change must not reload the form over the supervisor's edits.
  }, [controller]);

  // Leaving with edits in the form asks first (the leave dialog).
  useDirtyGuard(
    'printers',
    form !== null && settings !== null && JSON.stringify(form) !== JSON.stringify(formFrom(settings)),
  );

  if (!form || !settings)
    return (
      <div className="settings loading">
        {loadError === null ? t('queue.loading') : t('printers.error', { message: failureText(locale, loadError) })}
      </div>
    );
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const run = async (what: string, work: () => Promise<void>) => {
    setBusy(what);
    setNotice(null);
    try {
      await work();
    } catch (error) {
      setNotice({ kind: 'bad', text: t('printers.error', { message: failureText(locale, error) }) });
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    run('save', async () => {
      const saved = await controller.invoke('printers:save', toInput(form));
      setSettings(saved);
      setForm(formFrom(saved));
      setNotice({ kind: 'ok', text: t('printers.savedNotice') });
      setStatus(await controller.invoke('printers:status', {}));
    });
  const testPrint = (target: Target) =>
    run(`test-${target}`, async () => {
      const result = await controller.invoke('printers:testPrint', { target });
      const ok = result.state === 'confirmed' || result.state === 'sent';
      setNotice({
        kind: ok ? 'ok' : 'bad',
        text: t(`printers.test.${result.state}`, {
          detail: result.detail,
          condition: result.condition ? conditionText(t, result.condition) : '',
        }),
      });
    });

  const slot = (target: Target) => {
    const uriKey = target === 'primary' ? 'primaryUri' : 'backupUri';
    const profileKey = target === 'primary' ? 'primaryProfile' : 'backupProfile';
    const reading = target === 'primary' ? status?.primary : status?.backup;
    const locked = target === 'primary' && settings.overridden;
    return (
      <fieldset className="printer-slot" data-testid={`printer-${target}`}>
        <legend>{t(`printers.${target}`)}</legend>
        <label className="field">
          <span className="field-label">{t('printers.uri')}</span>
          <input
            data-testid={`printer-${target}-uri`}
            value={form[uriKey]}
            disabled={locked}
            placeholder={target === 'primary' ? 'tcp://192.168.1.50:9100' : t('printers.noBackup')}
            onChange={(e) => set(uriKey, e.currentTarget.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">{t('printers.profile')}</span>
          <select
            data-testid={`printer-${target}-profile`}
            value={form[profileKey]}
            disabled={locked}
            onChange={(e) => set(profileKey, e.currentTarget.value)}
          >
            <option value="">{t('printers.profile.none')}</option>
            {settings.profiles.map((p) => (
              <option key={p.name} value={p.name}>
                {p.model} · {p.language.toUpperCase()} · {p.dpi} dpi
              </option>
            ))}
          </select>
        </label>
        {target === 'primary' || settings.backup ? (
          <StatusLine reading={reading ?? null} />
        ) : (
          <p className="printer-status hint">{t('printers.noBackupConfigured')}</p>
        )}
        <div className="actions">
          <button
            type="button"
            data-testid={`printer-${target}-test`}
            disabled={busy !== null || (target === 'backup' && !settings.backup)}
            onClick={() => void testPrint(target)}
          >
            {busy === `test-${target}` ? t('printers.testing') : t('printers.testPrint')}
          </button>
        </div>
      </fieldset>
    );
  };

  return (
    <div className="settings printers">
      <h1>{t('printers.title')}</h1>
      <section className="settings-section">
        <p className="hint">{t('printers.hint')}</p>
        {settings.overridden && <p className="hint warn">{t('printers.overridden')}</p>}
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {slot('primary')}
          {slot('backup')}
          <div className="actions">
            <button type="submit" className="primary" data-testid="printers-save" disabled={busy !== null}>
              {t('printers.save')}
            </button>
          </div>
          {notice && (
            <p
              className={notice.kind === 'ok' ? 'notice good' : 'notice bad'}
              role="status"
              data-testid="printers-notice"
            >
              {notice.text}
            </p>
          )}
        </form>
      </section>
    </div>
  );
}

/**
 * One printer's status: colour, symbol and words (never colour alone). Green only for a printer that said it is
 * ready; one that cannot report its status (a file or spooler target, a printer without status queries) is
 * neutral grey, "status not reported": printing goes on, but nothing vouches for the paper.
 */
function StatusLine({ reading }: { reading: PrinterStatusView | null }) {
  const t = useT();
  if (!reading) return <p className="printer-status">{t('printers.status.checking')}</p>;
  const tone = reading.state === 'ready' ? 'good' : reading.state === 'unsupported' ? 'neutral' : 'bad';
  const label =
    reading.state === 'not-ready' && reading.condition
      ? t('printers.status.not-ready', { condition: conditionText(t, reading.condition) })
      : t(`printers.status.${reading.state}`);
  return (
    <p
      className={`printer-status notice ${tone}`}
      data-testid="printer-status"
      data-state={reading.state}
      data-tone={tone}
      title={reading.message}
    >
      <span className="printer-status-dot" aria-hidden="true">
        {tone === 'bad' ? '■' : '●'}
      </span>{' '}
      {label}
    </p>
  );
}

const CONDITIONS = ['offline', 'paper-out', 'head-open', 'ribbon-out', 'paused', 'error'] as const;

/** A printer condition in the screen's language. */
export function conditionText(t: ReturnType<typeof useT>, condition: string): string {
  return (CONDITIONS as readonly string[]).includes(condition)
    ? t(`printers.condition.${condition as (typeof CONDITIONS)[number]}`)
    : condition;
}
