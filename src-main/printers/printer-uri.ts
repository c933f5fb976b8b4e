import path from 'node:path';
import { PrintError, type Printer } from './printer';
import { createFilePrinter } from './transports/file-printer';

/** Default resolution when a printer URI does not say: the common thermal label printer. */
export const DEFAULT_DPI = 203;

/**
 * Builds a printer from its URI. Supported: `file:DIR` (the virtual printer; relative paths resolve against
 * `baseDir`), with an optional `?dpi=300`.
 * @throws PrintError naming the URI when the scheme is unknown or the URI is malformed
 */
export function createPrinterFromUri(uri: string, baseDir: string = process.cwd()): Printer {
  const [location = '', query = ''] = uri.split('?', 2);
  const params = new URLSearchParams(query);
  const dpiText = params.get('dpi');
  const dpi = dpiText === null ? DEFAULT_DPI : Number(dpiText);
  if (![203, 300, 600].includes(dpi)) throw new PrintError(`printer ${uri}: dpi must be 203, 300 or 600`);
  if (location.startsWith('file:')) {
    const dir = location.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!dir) throw new PrintError(`printer ${uri}: file: needs a directory, e.g. file:/var/dockside/labels`);
    return createFilePrinter({ uri, dir: path.resolve(baseDir, dir), dpi });
  }
  const scheme = /^([a-z]+):/.exec(location)?.[1];
  throw new PrintError(
    scheme
      ? `printer ${uri}: "${scheme}:" printers are not supported yet; use file:DIR`
      : `printer "${uri}" is not a printer URI; use file:DIR`,
  );
}
