import path from 'node:path';
import type { PrinterLanguage } from './languages/language';
import { PrintError, type Printer } from './printer';
import type { PrinterProfile } from './profile';
import { createFilePrinter } from './transports/file-printer';
import { createRawPrinter } from './transports/raw-printer';
import { createSpoolerTransport } from './transports/spooler';
import { createTcpTransport, DEFAULT_RAW_PORT } from './transports/tcp';
import { createUsbTransport } from './transports/usb';

/** Default resolution when a printer URI does not say: the common thermal label printer. */
export const DEFAULT_DPI = 203;

/** Printer profiles and languages by name; what turns `?profile=NAME` into bytes a printer model understands. */
export interface PrinterCatalog {
  profile(name: string): PrinterProfile | null;
  language(name: PrinterProfile['language']): PrinterLanguage;
  /** Profile names, for the message when one is unknown. */
  profileNames(): string[];
}

/** Timeouts for network and device printers; defaults suit a busy warehouse network. */
export interface PrinterTimeouts {
  connectTimeoutMs?: number;
  writeTimeoutMs?: number;
  totalTimeoutMs?: number;
  statusTimeoutMs?: number;
}

const URI_PATTERNS =
  'file:DIR, tcp://HOST[:PORT]?profile=NAME, usb:/dev/usb/lpN?profile=NAME, spooler:QUEUE?profile=NAME';
const USAGE =
  'use file:DIR, tcp://HOST[:PORT]?profile=NAME, usb:/dev/usb/lpN?profile=NAME or spooler:QUEUE?profile=NAME';

function profileFrom(uri: string, params: URLSearchParams, catalog: PrinterCatalog | undefined): PrinterProfile {
  const name = params.get('profile');
  if (!name)
    throw new PrintError(`printer ${uri}: add ?profile=NAME (the printer model, e.g. ?profile=generic-zpl-203)`, {
      problem: { kind: 'needs-profile', uri },
    });
  if (!catalog)
    throw new PrintError(`printer ${uri}: printer languages are not available in this build`, {
      problem: { kind: 'no-languages', uri },
    });
  const profile = catalog.profile(name);
  if (!profile) {
    const known = catalog.profileNames();
    throw new PrintError(`printer ${uri}: unknown profile "${name}"; known: ${known.join(', ')}`, {
      problem: { kind: 'unknown-profile', uri, profile: name, known },
    });
  }
  return profile;
}

/**
 * Builds a printer from its URI: `file:DIR` (the virtual printer, PDF + PNG per label; relative paths resolve
 * against `baseDir`; optional `?dpi=300`), `tcp://HOST[:PORT]?profile=NAME` (raw TCP, port 9100 by default),
 * `usb:/dev/usb/lpN?profile=NAME`, `spooler:QUEUE?profile=NAME` (an OS print queue in raw mode, through
 * native/raw-printer).
 * @throws PrintError naming the URI when the scheme is unknown, the URI malformed or the profile unknown
 */
export function createPrinterFromUri(
  uri: string,
  baseDir: string = process.cwd(),
  catalog?: PrinterCatalog,
  timeouts: PrinterTimeouts = {},
): Printer {
  const [location = '', query = ''] = uri.split('?', 2);
  const params = new URLSearchParams(query);
  if (location.startsWith('file:')) {
    const dpiText = params.get('dpi');
    const dpi = dpiText === null ? DEFAULT_DPI : Number(dpiText);
    if (![203, 300, 600].includes(dpi))
      throw new PrintError(`printer ${uri}: dpi must be 203, 300 or 600`, { problem: { kind: 'bad-dpi', uri } });
    const dir = location.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!dir) throw badUri(uri, 'file:DIR', 'file: needs a directory, e.g. file:/var/dockside/labels');
    return createFilePrinter({ uri, dir: path.resolve(baseDir, dir), dpi });
  }
  if (location.startsWith('tcp://')) {
    const match = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(location);
    const port = match?.[2] ? Number(match[2]) : DEFAULT_RAW_PORT;
    if (!match || port < 1 || port > 65535) {
      throw badUri(
        uri,
        'tcp://HOST[:PORT]?profile=NAME',
        'expected tcp://HOST[:PORT]?profile=NAME, e.g. tcp://192.168.1.50:9100',
      );
    }
    const profile = profileFrom(uri, params, catalog);
    const transport = createTcpTransport({
      host: match[1]!.replace(/^\[|\]$/g, ''),
      port,
      uri: location,
      connectTimeoutMs: timeouts.connectTimeoutMs,
      writeTimeoutMs: timeouts.writeTimeoutMs,
      totalTimeoutMs: timeouts.totalTimeoutMs,
    });
    return createRawPrinter({
      transport,
      profile,
      language: catalog!.language(profile.language),
      statusTimeoutMs: timeouts.statusTimeoutMs,
    });
  }
  if (location.startsWith('usb:')) {
    const device = location.slice('usb:'.length);
    if (!/^\/dev\/usb\/lp\d+$/.test(device) && !path.isAbsolute(device)) {
      throw badUri(uri, 'usb:/dev/usb/lpN?profile=NAME', 'expected usb:/dev/usb/lpN?profile=NAME');
    }
    const profile = profileFrom(uri, params, catalog);
    const transport = createUsbTransport({
      device,
      uri: location,
      writeTimeoutMs: timeouts.writeTimeoutMs,
      totalTimeoutMs: timeouts.totalTimeoutMs,
    });
    return createRawPrinter({ transport, profile, language: catalog!.language(profile.language) });
  }
  if (location.startsWith('spooler:')) {
    const name = decodeURIComponent(location.slice('spooler:'.length));
    const unsafe = [...name].some((c) => c.charCodeAt(0) < 0x20 || c === '/' || c === '#');
    if (!name || name.length > 127 || unsafe) {
      throw badUri(uri, 'spooler:QUEUE?profile=NAME', "expected spooler:QUEUE?profile=NAME with the OS queue's name");
    }
    const profile = profileFrom(uri, params, catalog);
    // The addon is loaded on the first job: where it is not built, that job fails with the reason, nothing else.
    const transport = createSpoolerTransport(name);
    return createRawPrinter({ transport, profile, language: catalog!.language(profile.language) });
  }
  const scheme = /^([a-z]+):/.exec(location)?.[1];
  throw new PrintError(
    scheme
      ? `printer ${uri}: "${scheme}:" printers are not supported; ${USAGE}`
      : `printer "${uri}" is not a printer URI; ${USAGE}`,
    { problem: { kind: 'bad-uri', uri, expected: URI_PATTERNS } },
  );
}

/** A malformed URI of a known scheme: the English reason for the CLI, the expected pattern for the screen. */
function badUri(uri: string, expected: string, reason: string): PrintError {
  return new PrintError(`printer ${uri}: ${reason}`, { problem: { kind: 'bad-uri', uri, expected } });
}
