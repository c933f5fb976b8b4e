import { zipSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appVersion, findAppRoot, REDACTED, redactUrl, scrubSecretText, stationLogFiles } from '../platform';
import { listBackups, readDatabaseDiagnostics, readHolder, sqliteVersions } from '../store';
import { loadSavedErpSettings, redactCredential, type ErpSettings } from './erp-settings-service';

/** A diagnostics bundle: the zip's bytes and the names of the files in it. */
export interface DiagnosticsBundle {
  bytes: Uint8Array;
  entries: string[];
}

/** The versions a support engineer asks for first. */
export interface RuntimeVersions {
  dockside: string;
  node: string;
  electron: string | null;
  betterSqlite3: string;
  sqlite: string;
  os: { platform: string; type: string; release: string; version: string; arch: string };
}

/** The versions of this process: Dockside, Node, Electron (when running inside it), the SQLite driver, the OS. */
export function runtimeVersions(): RuntimeVersions {
  const sqlite = sqliteVersions();
  return {
    dockside: appVersion(findAppRoot()),
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    betterSqlite3: sqlite.betterSqlite3,
    sqlite: sqlite.sqlite,
    os: { platform: process.platform, type: os.type(), release: os.release(), version: os.version(), arch: os.arch() },
  };
}

/** Setting and variable names whose values are credentials. */
const SECRET_NAME = /secret|password|passwd|token|api[-_.]?key|credential/i;
/** The shortest known secret scrubbed from the bundle's text; shorter ones would blank out ordinary words. */
const MIN_SCRUBBED_SECRET = 4;

/** A setting's value as the bundle shows it: credentials as `••••last4` at most, URLs without user info. */
function redactValue(name: string, value: string): string | null {
  if (SECRET_NAME.test(name)) return redactCredential(value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return redactUrl(value);
  return value;
}

function redactRecord(record: Record<string, string | undefined>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(record)) {
    if (value !== undefined) out[scrubSecretText(name)] = redactValue(name, value);
  }
  return out;
}

/** The password in a URL's user info, raw and decoded (a log may hold either spelling). */
function urlPasswords(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const { password } = new URL(raw);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

/** Every secret value this station knows of, from its saved credentials and its environment. */
function knownSecrets(saved: ErpSettings | null, env: NodeJS.ProcessEnv): string[] {
  const values = [saved?.apiKey, saved?.secret, saved?.password, ...urlPasswords(saved?.url)];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('DOCKSIDE_') || !value) continue;
    if (SECRET_NAME.test(name)) values.push(value);
    values.push(...urlPasswords(value));
  }
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SCRUBBED_SECRET))].sort(
    (a, b) => b.length - a.length,
  );
}

/** `text` with every known secret and any URL user info or bearer token replaced. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = scrubSecretText(text);
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/**
 * Builds the zip a station's user attaches to a support ticket: the station's logs (`logs/`), `versions.json`,
 * `settings.json` (the settings table, the ERP settings and the DOCKSIDE_* environment, credentials shown as
 * `••••last4` at most), and `database.json` (`quick_check`, schema version, outbox and print-queue counts, file
 * sizes, backups, the process holding the station). Reads the data directory only, the database read-only, so it
 * works next to a running station. Every file then goes through the logger's text scrub and loses every secret
 * value the station knows (saved credentials, environment): the logs are redacted when written, and this makes
 * sure of it.
 */
export function buildDiagnosticsBundle({
  dataDir,
  env = process.env,
  clock = () => new Date(),
  versions = runtimeVersions(),
}: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  clock?: () => Date;
  versions?: RuntimeVersions;
}): DiagnosticsBundle {
  const createdAt = clock().toISOString();
  const database = readDatabaseDiagnostics(dataDir);
  const { settings: table, ...databaseFacts } = database;
  const saved = loadSavedErpSettings({ get: (key) => table[key] ?? null, set: () => undefined }, dataDir);
  const secrets = knownSecrets(saved, env);

  const settings = {
    createdAt,
    dataDir,
    erp: saved && {
      type: saved.type,
      url: saved.url ? redactUrl(saved.url) : '',
      database: saved.database,
      user: saved.user,
      keyId: saved.keyId,
      apiKey: redactCredential(saved.apiKey),
      secret: redactCredential(saved.secret),
      password: redactCredential(saved.password),
    },
    environment: redactRecord(
      Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('DOCKSIDE_'))) as Record<
        string,
        string | undefined
      >,
    ),
    table: redactRecord(table),
  };
  const databaseReport = {
    createdAt,
    ...databaseFacts,
    holder: readHolder(dataDir),
    backups: listBackups(dataDir).slice(0, 10),
  };

  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const texts: Record<string, string> = {
    'README.txt': readme(createdAt, dataDir),
    'versions.json': json(versions),
    'settings.json': json(settings),
    'database.json': json(databaseReport),
  };
  for (const file of stationLogFiles(dataDir)) texts[`logs/${path.basename(file)}`] = readFileSync(file, 'utf8');

  const zipped = zipSync(
    Object.fromEntries(
      Object.entries(texts).map(([name, text]) => [name, [strToU8(scrub(text, secrets)), { level: 6 }] as const]),
    ),
  );
  return { bytes: zipped, entries: Object.keys(texts) };
}

function readme(createdAt: string, dataDir: string): string {
  return [
    'Dockside diagnostics bundle',
    `made ${createdAt} from the station data in ${dataDir}`,
    '',
    'versions.json  Dockside, Node, Electron, SQLite and operating system versions',
    'settings.json  station settings, ERP settings and DOCKSIDE_* variables; credentials are never included',
    '               (at most their last four characters, as the settings screen shows them)',
    'database.json  PRAGMA quick_check of the station database, outbox and print queue counts, backups',
    'logs/          the station log (dockside.log) and its rotated files, newest first',
    '',
  ].join('\n');
}
