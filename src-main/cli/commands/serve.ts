import { existsSync } from 'node:fs';
import path from 'node:path';
import { createStation } from '../../compose';
import { erpCredentialsFromEnv, rendererDir } from '../../platform';
import { startWebShell } from '../../shells/web';
import { CliError } from '../cli-error';
import { out, untilSignal } from '../io';
import { cliLogger, parsePort, resolveDataDir, resolveErpUrl, type StationOptions } from '../options';

/** `dockside serve`: the station in a browser, on 127.0.0.1 with a token per start. */
export async function serveCommand(
  options: StationOptions & { port: string; onListening?: (url: string) => void },
): Promise<void> {
  const port = parsePort(options.port);
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
    const shell = await startWebShell({ api: station.api, rendererDir: dir, port, logger: station.logger });
    const info = station.info();
    out(`Dockside station ${info.version} serving at ${shell.url}`);
    out(`  data: ${dataDir}`);
    out(`  ERP: ${info.erp.kind === 'demo' ? `embedded demo ERP (${info.erp.url})` : info.erp.url}`);
    out(`  printer: ${info.printer}`);
    options.onListening?.(shell.url);
    await untilSignal();
    await shell.close();
  } finally {
    await station.close();
  }
}
