import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandInput, CommandOutput } from '../contract';
import { trytonUrlFromParts, type ErpConnector, type ErpEndpoint } from '../erp';
import type { SettingsRepository } from '../store';
import { toStationError } from './refusal-from-failure';
import { StationError } from './station-error';

/** Which ERP the station talks to. */
export type ErpType = 'demo' | 'rest' | 'tryton';

/** Every ERP setting, credentials included (only ever inside the core; never logged, never sent back in full). */
export interface ErpSettings {
  type: ErpType;
  url: string;
  database: string;
  user: string;
  keyId: string;
  apiKey?: string | undefined;
  secret?: string | undefined;
  password?: string | undefined;
}

/** File in the data directory holding the ERP credentials, readable by the station's user only (0600). */
export const ERP_CREDENTIALS_FILE = 'erp-credentials.json';

const KEYS = {
  type: 'erp.type',
  url: 'erp.url',
  database: 'erp.database',
  user: 'erp.user',
  keyId: 'erp.keyId',
} as const;
const SECRET_FIELDS = ['apiKey', 'secret', 'password'] as const;
type SecretField = (typeof SECRET_FIELDS)[number];

/** A failed connection test: the English message for logs and the CLI, the refusal for the screen. */
function failed(refusal: StationError, ms: number): CommandOutput<'erp:testConnection'> {
  return { ok: false, message: refusal.message, ms, refusal: { code: refusal.code, params: refusal.params } };
}

/**
 * The refusal with every credential of `settings` replaced by `***` in its message and parameters. Connector
 * messages never carry credentials (the REST client scrubs them); scrubbed again to be sure.
 */
function scrubbed(refusal: StationError, settings: ErpSettings): StationError {
  const scrub = (text: string): string => {
    for (const field of SECRET_FIELDS) {
      const secret = settings[field];
      if (secret) text = text.split(secret).join('***');
    }
    return text;
  };
  const params = Object.fromEntries(
    Object.entries(refusal.params).map(([name, value]) => [name, typeof value === 'string' ? scrub(value) : value]),
  );
  return new StationError(refusal.code, scrub(refusal.message), params);
}

/** `••••1234`: the last four characters of a long credential, nothing of a short one. */
export function redactCredential(value: string | undefined): string | null {
  if (!value) return null;
  return value.length >= 12 ? `••••${value.slice(-4)}` : '••••';
}

function readCredentials(dataDir: string): Partial<Record<SecretField, string>> {
  const file = path.join(dataDir, ERP_CREDENTIALS_FILE);
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const out: Partial<Record<SecretField, string>> = {};
    for (const field of SECRET_FIELDS)
      if (typeof parsed[field] === 'string' && parsed[field]) out[field] = parsed[field];
    return out;
  } catch {
    return {};
  }
}

function writeCredentials(dataDir: string, credentials: Partial<Record<SecretField, string>>): void {
  const file = path.join(dataDir, ERP_CREDENTIALS_FILE);
  const temp = `${file}.tmp`;
  // Created 0600 (and chmod-ed, for a umask or an older file), then renamed over: never readable by others.
  writeFileSync(temp, `${JSON.stringify(credentials)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

/**
 * The saved ERP settings: non-secret ones from the station's settings table, credentials from their 0600 file.
 * Null when nothing was ever saved.
 */
export function loadSavedErpSettings(settings: SettingsRepository, dataDir: string): ErpSettings | null {
  const type = settings.get(KEYS.type) as ErpType | null;
  if (type !== 'demo' && type !== 'rest' && type !== 'tryton') return null;
  return {
    type,
    url: settings.get(KEYS.url) ?? '',
    database: settings.get(KEYS.database) ?? '',
    user: settings.get(KEYS.user) ?? '',
    keyId: settings.get(KEYS.keyId) ?? '',
    ...readCredentials(dataDir),
  };
}

/**
 * Where ERP settings point, for `createErpConnectorFromUrl` (erp/): a Tryton URL put together from its separate
 * fields (server, database, user, password), or the REST URL with its API key and signing key. Null for the
 * embedded demo ERP, which has no address of its own until it runs.
 */
export function erpEndpointOf(s: ErpSettings): ErpEndpoint | null {
  if (s.type === 'demo') return null;
  if (s.type === 'tryton')
    return {
      url: trytonUrlFromParts({ server: s.url, database: s.database, user: s.user, password: s.password ?? '' }),
    };
  return {
    url: s.url,
    apiKey: s.apiKey,
    signing: s.keyId && s.secret ? { keyId: s.keyId, secret: s.secret } : undefined,
  };
}

/** The settings screen's use cases. */
export interface ErpSettingsService {
  get(): CommandOutput<'erp:getSettings'>;
  save(input: CommandInput<'erp:saveSettings'>): CommandOutput<'erp:saveSettings'>;
  test(input: CommandInput<'erp:testConnection'>): Promise<CommandOutput<'erp:testConnection'>>;
}

/**
 * Creates the ERP settings service. Saved settings apply on the next start (the running connector is not swapped
 * under a packer's feet). `connectorFor` builds a throw-away connector for "Test connection".
 */
export function createErpSettingsService({
  settings,
  dataDir,
  active,
  overridden,
  connectorFor,
  clock = () => new Date(),
}: {
  settings: SettingsRepository;
  dataDir: string;
  /** The ERP in use now (redacted URL). */
  active: { kind: string; url: string };
  /** True when the command line or environment chose the ERP (they win over saved settings). */
  overridden: boolean;
  /** A connector for the given settings, or an error message when this build cannot talk to that kind of ERP. */
  connectorFor: (settings: ErpSettings) => ErpConnector | string;
  clock?: () => Date;
}): ErpSettingsService {
  const current = (): ErpSettings =>
    loadSavedErpSettings(settings, dataDir) ?? {
      type: active.kind === 'demo' ? 'demo' : active.kind === 'tryton' ? 'tryton' : 'rest',
      url: '',
      database: '',
      user: '',
      keyId: '',
    };

  const view = (s: ErpSettings): CommandOutput<'erp:getSettings'> => ({
    type: s.type,
    url: s.url,
    database: s.database,
    user: s.user,
    keyId: s.keyId,
    apiKey: redactCredential(s.apiKey),
    secret: redactCredential(s.secret),
    password: redactCredential(s.password),
    active,
    overridden,
  });

  /** The form's values over the saved ones: a credential left out keeps the saved one, '' removes it. */
  const merge = (input: CommandInput<'erp:saveSettings'>): ErpSettings => {
    const saved = current();
    const merged: ErpSettings = {
      type: input.type,
      url: (input.url ?? '').trim(),
      database: (input.database ?? '').trim(),
      user: (input.user ?? '').trim(),
      keyId: (input.keyId ?? '').trim(),
    };
    for (const field of SECRET_FIELDS) {
      const value = input[field];
      merged[field] = value === undefined ? saved[field] : value === '' ? undefined : value;
    }
    return merged;
  };

  const check = (s: ErpSettings): void => {
    if (s.type === 'demo') return;
    if (s.type === 'rest' && !/^https?:\/\/[^/\s]+/.test(s.url))
      throw new StationError(
        'erp-url-invalid',
        'the REST ERP URL must start with http:// or https://, e.g. https://erp.example.com',
        { type: 'rest', example: 'https://erp.example.com' },
      );
    if (s.type === 'tryton') {
      if (!/^(https?|tryton):\/\/[^/\s]+/.test(s.url))
        throw new StationError(
          'erp-url-invalid',
          'the Tryton URL must look like https://host:8000 or tryton://host:8000',
          { type: 'tryton', example: 'https://host:8000' },
        );
      if (!s.database) throw new StationError('erp-database-missing', 'Tryton needs the database name');
    }
    if ((s.keyId === '') !== !s.secret && s.type === 'rest')
      throw new StationError(
        'erp-signing-incomplete',
        'request signing needs both the key id and the secret (or neither)',
      );
  };

  return {
    get: () => view(current()),
    save(input) {
      const next = merge(input);
      check(next);
      settings.set(KEYS.type, next.type);
      settings.set(KEYS.url, next.url);
      settings.set(KEYS.database, next.database);
      settings.set(KEYS.user, next.user);
      settings.set(KEYS.keyId, next.keyId);
      const credentials: Partial<Record<SecretField, string>> = {};
      for (const field of SECRET_FIELDS) if (next[field]) credentials[field] = next[field];
      writeCredentials(dataDir, credentials);
      return view(next);
    },
    async test(input) {
      const started = clock().getTime();
      const elapsed = () => Math.max(0, clock().getTime() - started);
      const candidate = merge(input);
      try {
        check(candidate);
      } catch (error) {
        if (!(error instanceof StationError)) throw error;
        return failed(error, 0);
      }
      const connector = connectorFor(candidate);
      if (typeof connector === 'string')
        return failed(new StationError('erp-unsupported', connector, { type: candidate.type }), 0);
      try {
        const page = await connector.pullPending(null, 1);
        return {
          ok: true,
          message: `connected: the ERP answered${page.orders.length > 0 ? ' with pending orders' : ' (no pending orders)'}`,
          ms: elapsed(),
        };
      } catch (error) {
        // A connector that fails in some other way still means "could not talk to the ERP" to the person testing.
        const refusal =
          toStationError(error) ??
          new StationError('erp-unreachable', `ERP: ${(error as Error).message}`, { reason: (error as Error).message });
        return failed(scrubbed(refusal, candidate), elapsed());
      }
    },
  };
}
