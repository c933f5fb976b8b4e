import { useCallback, useEffect, useState } from 'react';
import type { CommandInput, CommandOutput } from '../../../src-main/contract';
import { useDirtyGuard } from '../../app/dirty-guard';
import { useController, useStation, useT } from '../../app/station-context';
import { errorLine, failureText } from '../../lib/error-text';
import { formatDateTime, formatNumber } from '../../lib/format';
import './settings.css';
import { StationSection } from './station-section';

type SettingsView = CommandOutput<'erp:getSettings'>;
type Attention = CommandOutput<'orders:attention'>;
type ErpType = SettingsView['type'];
type SecretField = 'apiKey' | 'secret' | 'password';

/** What the form holds. Credentials start empty: empty means "keep the saved one", never the saved value itself. */
interface Form {
  type: ErpType;
  url: string;
  database: string;
  user: string;
  keyId: string;
  apiKey: string;
  secret: string;
  password: string;
  /** Credentials the supervisor asked to remove. */
  clear: Record<SecretField, boolean>;
}

const emptyClear = (): Record<SecretField, boolean> => ({ apiKey: false, secret: false, password: false });

function formFrom(view: SettingsView): Form {
  return {
    type: view.type,
    url: view.url,
    database: view.database,
    user: view.user,
    keyId: view.keyId,
    apiKey: '',
    secret: '',
    password: '',
    clear: emptyClear(),
  };
}

function toInput(form: Form): CommandInput<'erp:saveSettings'> {
  const credential = (field: SecretField) => (form.clear[field] ? '' : form[field] === '' ? undefined : form[field]);
  return {
    type: form.type,
    url: form.url,
    database: form.database,
    user: form.user,
    keyId: form.keyId,
    apiKey: credential('apiKey'),
    secret: credential('secret'),
    password: credential('password'),
  };
}

type Notice = { kind: 'ok' | 'bad'; text: string } | null;

/** Supervisor screen: the ERP connection (saved for the next start) and the orders that need attention. */
export function SettingsScreen() {
  const t = useT();
  const locale = useStation((s) => s.locale);
  const controller = useController();
  const [view, setView] = useState<SettingsView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState<'test' | 'save' | null>(null);
  const [attention, setAttention] = useState<Attention | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const fetchAttention = useCallback(
    (): Promise<Attention> =>
      controller.invoke('orders:attention', { limit: 200 }).catch((): Attention => ({ total: 0, orders: [] })),
    [controller],
  );
  const loadAttention = useCallback(() => {
    void fetchAttention().then(setAttention);
  }, [fetchAttention]);

  useEffect(() => {
    let live = true;
    void controller
      .invoke('erp:getSettings', {})
      .then((loaded) => {
        if (!live) return;
        setView(loaded);
        setForm(formFrom(loaded));
      })
      .catch((error: unknown) => {
        if (live) setLoadError(error);
      });
    void fetchAttention().then((loaded) => {
      if (live) setAttention(loaded);
    });
    return () => {
      live = false;
    };
    // Loaded once per visit: a language change must not reload the form over the supervisor's edits.
  }, [controller, fetchAttention]);

  // Leaving with edits in the form asks first (the leave dialog).
  useDirtyGuard('settings', form !== null && view !== null && JSON.stringify(form) !== JSON.stringify(formFrom(view)));

  if (!form || !view)
    return (
      <div className="settings loading">
        {loadError === null ? t('queue.loading') : t('settings.erp.error', { message: failureText(locale, loadError) })}
      </div>
    );

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm({ ...form, [key]: value });

  const test = async () => {
    setBusy('test');
    setNotice(null);
    try {
      const result = await controller.invoke('erp:testConnection', toInput(form));
      const why = result.refusal ? errorLine(locale, result.refusal) : '';
      setNotice(
        result.ok
          ? { kind: 'ok', text: t('settings.erp.testOk', { ms: String(result.ms) }) }
          : { kind: 'bad', text: t('settings.erp.testFailed', { message: why }) },
      );
    } catch (error) {
      setNotice({ kind: 'bad', text: t('settings.erp.testFailed', { message: failureText(locale, error) }) });
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    setBusy('save');
    setNotice(null);
    try {
      const saved = await controller.invoke('erp:saveSettings', toInput(form));
      setView(saved);
      setForm(formFrom(saved));
      setNotice({ kind: 'ok', text: t('settings.erp.savedNotice') });
    } catch (error) {
      setNotice({ kind: 'bad', text: t('settings.erp.error', { message: failureText(locale, error) }) });
    } finally {
      setBusy(null);
    }
  };

  const secretField = (field: SecretField, label: string, testId: string) => (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        type="password"
        autoComplete="new-password"
        data-testid={testId}
        value={form[field]}
        disabled={form.clear[field]}
        placeholder={view[field] ? t('settings.erp.saved', { value: view[field] }) : t('settings.erp.notSet')}
        onChange={(e) => set(field, e.currentTarget.value)}
      />
      {view[field] && (
        <span className="field-aside">
          <input
            type="checkbox"
            data-testid={`${testId}-clear`}
            checked={form.clear[field]}
            onChange={(e) => set('clear', { ...form.clear, [field]: e.currentTarget.checked })}
          />{' '}
          {t('settings.erp.clear')}
        </span>
      )}
    </label>
  );

  return (
    <div className="settings">
      <h1>{t('settings.title')}</h1>
      <StationSection />
      <section className="settings-section" aria-labelledby="erp-title">
        <h2 id="erp-title">{t('settings.erp.title')}</h2>
        <p className="hint">
          {t('settings.erp.active', { kind: view.active.kind, url: view.active.url })} {t('settings.erp.restartNote')}
        </p>
        {view.overridden && <p className="hint warn">{t('settings.erp.overridden')}</p>}
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label className="field">
            <span className="field-label">{t('settings.erp.type')}</span>
            <select
              data-testid="erp-type"
              value={form.type}
              onChange={(e) => set('type', e.currentTarget.value as ErpType)}
            >
              <option value="demo">{t('settings.erp.type.demo')}</option>
              <option value="rest">{t('settings.erp.type.rest')}</option>
              <option value="tryton">{t('settings.erp.type.tryton')}</option>
            </select>
          </label>
          {form.type !== 'demo' && (
            <label className="field">
              <span className="field-label">{t('settings.erp.url')}</span>
              <input
                type="url"
                data-testid="erp-url"
                value={form.url}
                placeholder={form.type === 'tryton' ? 'https://erp.example.com:8000' : 'https://erp.example.com'}
                onChange={(e) => set('url', e.currentTarget.value)}
              />
            </label>
          )}
          {form.type === 'rest' && (
            <>
              {secretField('apiKey', t('settings.erp.apiKey'), 'erp-api-key')}
              <label className="field">
                <span className="field-label">{t('settings.erp.keyId')}</span>
                <input
                  data-testid="erp-key-id"
                  value={form.keyId}
                  onChange={(e) => set('keyId', e.currentTarget.value)}
                />
              </label>
              {secretField('secret', t('settings.erp.secret'), 'erp-secret')}
            </>
          )}
          {form.type === 'tryton' && (
            <>
              <label className="field">
                <span className="field-label">{t('settings.erp.database')}</span>
                <input
                  data-testid="erp-database"
                  value={form.database}
                  onChange={(e) => set('database', e.currentTarget.value)}
                />
              </label>
              <label className="field">
                <span className="field-label">{t('settings.erp.user')}</span>
                <input data-testid="erp-user" value={form.user} onChange={(e) => set('user', e.currentTarget.value)} />
              </label>
              {secretField('password', t('settings.erp.password'), 'erp-password')}
            </>
          )}
          <p className="hint">{t('settings.erp.keepHint')}</p>
          <div className="actions">
            <button type="button" data-testid="erp-test" disabled={busy !== null} onClick={() => void test()}>
              {busy === 'test' ? t('settings.erp.testing') : t('settings.erp.test')}
            </button>
            <button type="submit" className="primary" data-testid="erp-save" disabled={busy !== null}>
              {t('settings.erp.save')}
            </button>
          </div>
          {notice && (
            <p className={notice.kind === 'ok' ? 'notice good' : 'notice bad'} role="status" data-testid="erp-notice">
              {notice.text}
            </p>
          )}
        </form>
      </section>
      <AttentionList attention={attention} onRefresh={loadAttention} />
    </div>
  );
}

/** The orders intake kept aside, with every reason. */
function AttentionList({ attention, onRefresh }: { attention: Attention | null; onRefresh: () => void }) {
  const t = useT();
  const locale = useStation((s) => s.locale);
  return (
    <section className="settings-section" aria-labelledby="attention-title">
      <h2 id="attention-title">
        {t('settings.attention.title', { count: formatNumber(locale, attention?.total ?? 0) })}{' '}
        <button type="button" className="link" onClick={onRefresh}>
          {t('settings.attention.refresh')}
        </button>
      </h2>
      <p className="hint">{t('settings.attention.hint')}</p>
      <table className="attention-list" data-testid="attention-list" data-count={attention?.total ?? 0}>
        <thead>
          <tr>
            <th>{t('settings.attention.order')}</th>
            <th>{t('settings.attention.receiver')}</th>
            <th>{t('settings.attention.reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {attention && attention.orders.length === 0 && (
            <tr>
              <td colSpan={3}>{t('settings.attention.empty')}</td>
            </tr>
          )}
          {attention?.orders.map((order) => (
            <tr key={order.orderNo} data-order={order.orderNo}>
              <td>
                <span className="mono">{order.orderNo}</span>
                <span className="sub">{formatDateTime(locale, order.pulledAt)}</span>
              </td>
              <td>
                {/* Names are data: React renders them as text, so HTML or SQL in them stays inert. */}
                {order.receiverName} · {order.city}
              </td>
              <td>
                <ul>
                  {order.issues.map((issue) => (
                    <li key={`${issue.code}:${issue.field}`} data-code={issue.code}>
                      {issue.message}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
