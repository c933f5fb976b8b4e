import { WebAccessFileError, readSavedPort, readWebToken } from '../../shells/web';
import { CliError } from '../cli-error';
import { out } from '../io';
import { resolveDataDir } from '../options';

/**
 * `dockside web-link`: prints the link of the station in the data directory again (port and token from its 0600
 * files), for a supervisor whose terminal with the `serve` output is gone. Reads only; works while it runs.
 */
export function webLinkCommand(options: { data?: string }): void {
  const dataDir = resolveDataDir(options);
  try {
    const port = readSavedPort(dataDir);
    const token = readWebToken(dataDir);
    if (port === null || token === null)
      throw new CliError(
        `no web link in ${dataDir} yet: start the station there once with \`dockside serve\` (without --port 0)`,
      );
    out(`http://127.0.0.1:${port}/?token=${encodeURIComponent(token)}`);
  } catch (error) {
    if (error instanceof WebAccessFileError) throw new CliError(error.message, 2);
    throw error;
  }
}
