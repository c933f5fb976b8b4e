import { existsSync } from 'node:fs';
import path from 'node:path';
import { createStation } from '../../compose';
import { erpCredentialsFromEnv, rendererDir } from '../../platform';
import type { StationApi } from '../../station/station-api';
import type { Logger } from '../../platform';
import {
  WEB_PORT_FILE,
  WebAccessFileError,
  firstStartPorts,
  loadWebToken,
  readSavedPort,
  savePort,
  startWebShell,
  type WebShell,
} from '../../shells/web';
import { CliError } from '../cli-error';
import { out, untilSignal } from '../io';
import { cliLogger, parsePort, resolveDataDir, resolveErpUrl, type StationOptions } from '../options';

/** Options of `dockside serve`. */
export interface ServeOptions extends StationOptions {
  /** `--port N`: this port, remembered for later starts; `--port 0`: any free port, this start only. */
  port?: string;
  /** `--rotate-token`: replace the data directory's web token before serving; every open tab is refused. */
  rotateToken?: boolean;
  onListening?: (url: string) => void;
}

/**
 * `dockside serve`: the station in a browser, on 127.0.0.1. The port and the token are kept in the data
 * directory (`web-port`, `web-token`, both 0600), so a restart keeps the address and an open tab's access; see
 * docs/decisions/0021-web-shell-stable-address-and-token.md.
 */
export async function serveCommand(options: ServeOptions): Promise<void> {
  const requested = options.port === undefined ? null : parsePort(options.port);
  const dir = rendererDir();
  if (!existsSync(path.join(dir, 'index.html')))
    throw new CliError(`the screen is not built (${dir} is empty); run npm run build`);
  const dataDir = resolveDataDir(options);
  const station = await createStation({
    dataDir,
    logger: cliLogger(dataDir, 'web'),
    erpUrl: resolveErpUrl(options),
    erpApiKey: erpCredentialsFromEnv().apiKey,
    erpSigning: erpCredentialsFromEnv().signing,
    printer: options.printer,
    background: true,
  });
  try {
    const { token, origin } = webAccess(() => loadWebToken(dataDir, { rotate: options.rotateToken === true }));
    const shell = await listen(
      { api: station.api, rendererDir: dir, token, logger: station.logger },
      dataDir,
      requested,
    );
    const info = station.info();
    out(`Dockside station ${info.version} serving at ${shell.url}`);
    if (origin === 'rotated') out('  access link: new (the token was rotated; tabs opened before need this link)');
    out(`  data: ${dataDir}`);
    out(`  ERP: ${info.erp.kind === 'demo' ? `embedded demo ERP (${info.erp.url})` : info.erp.url}`);
    out(`  printer: ${info.printer}`);
    // The token stays out of the log on purpose; the log records only that the address is up.
    station.logger.info({ port: shell.port, access: origin }, 'web shell listening');
    options.onListening?.(shell.url);
    await untilSignal();
    await shell.close();
  } finally {
    await station.close();
  }
}

/** Runs a web access file step, turning its refusal into the CLI's one-line error. */
function webAccess<T>(step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof WebAccessFileError) throw new CliError(error.message, 2);
    throw error;
  }
}

interface ShellParts {
  api: StationApi;
  rendererDir: string;
  token: string;
  logger: Logger;
}

function inUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE';
}

/**
 * Starts the web shell on the station's port: `--port 0` any free one (not remembered); `--port N` that one
 * (remembered); no `--port` the remembered one, or on a first start the first free one of the data directory's
 * derived ports (remembered). A remembered or requested port held by another program is refused, naming it and how
 * to choose another: silently moving would change the tab's origin, and with it everything the browser keeps for it.
 */
async function listen(parts: ShellParts, dataDir: string, requested: number | null): Promise<WebShell> {
  const start = (port: number) => startWebShell({ ...parts, port });
  const portFile = path.join(dataDir, WEB_PORT_FILE);
  if (requested === 0) return start(0);
  if (requested !== null) {
    let shell: WebShell;
    try {
      shell = await start(requested);
    } catch (error) {
      if (inUse(error))
        throw new CliError(`port ${requested} is in use by another program; choose another with --port N`, 1);
      throw error;
    }
    webAccess(() => savePort(dataDir, shell.port));
    return shell;
  }
  const saved = webAccess(() => readSavedPort(dataDir));
  if (saved !== null) {
    try {
      return await start(saved);
    } catch (error) {
      if (inUse(error))
        throw new CliError(
          `port ${saved}, this station's address (kept in ${portFile}), is in use by another program. Stop that program, or move the station with \`dockside serve --port N\` (remembered from then on; open tabs then need the new link).`,
          1,
        );
      throw error;
    }
  }
  for (const port of firstStartPorts(dataDir)) {
    try {
      const shell = await start(port);
      webAccess(() => savePort(dataDir, shell.port));
      return shell;
    } catch (error) {
      if (!inUse(error)) throw error;
    }
  }
  // Every derived port is taken (unusual): any free port, remembered like a derived one.
  const shell = await start(0);
  webAccess(() => savePort(dataDir, shell.port));
  return shell;
}
