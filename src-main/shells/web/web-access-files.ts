import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { PrivateFileError, readPrivateFile, writePrivateFile } from '../../platform';

/** File in the data directory holding the web shell's access token (0600; one line). */
export const WEB_TOKEN_FILE = 'web-token';
/** File in the data directory holding the web shell's port, so the station keeps one address (0600; one line). */
export const WEB_PORT_FILE = 'web-port';

/**
 * The ports a station without `--port` picks its first port from, derived from its data directory. Below the
 * ephemeral ranges of Linux (32768-60999) and Windows (49152-65535), so an outgoing connection of another program
 * does not happen to hold it at the next start.
 */
export const STABLE_PORT_RANGE = { first: 27100, last: 27899 } as const;

/** What a token file must hold: base64url, at least 32 characters (24 random bytes). */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;
/** Random bytes in a new token: 192 bits, base64url-encoded to 32 characters. */
const TOKEN_BYTES = 24;

/** What to do about a web access file (the message says it; the CLI prints it). */
export class WebAccessFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'WebAccessFileError';
  }
}

/** A new random access token (crypto randomness, base64url). */
export function newWebToken(random: (size: number) => Buffer = randomBytes): string {
  return random(TOKEN_BYTES).toString('base64url');
}

/** The web shell token of a data directory, and whether this start created or replaced it. */
export interface WebToken {
  token: string;
  /** `kept`: read from the file; `created`: there was none; `rotated`: replaced on request. */
  origin: 'kept' | 'created' | 'rotated';
}

/**
 * The token a station in `dataDir` accepts, kept across restarts in `<data>/web-token` so an open tab's cookie
 * stays valid. Created on the first start; replaced when `rotate` is set (every tab holding the old one is then
 * refused). A file that others may read, or that does not hold a token, is refused with what to do: a token others
 * could read must be replaced, not re-permitted.
 */
export function loadWebToken(
  dataDir: string,
  options: { rotate?: boolean; random?: (size: number) => Buffer } = {},
): WebToken {
  const file = path.join(dataDir, WEB_TOKEN_FILE);
  const write = (origin: WebToken['origin']): WebToken => {
    const token = newWebToken(options.random);
    writePrivateFile(file, `${token}\n`);
    return { token, origin };
  };
  if (options.rotate) return write('rotated');
  const token = readWebToken(dataDir);
  return token === null ? write('created') : { token, origin: 'kept' };
}

/**
 * The token kept in `<data>/web-token`, or null when there is none yet. A file others may read, or one that does
 * not hold a token, is refused with a {@link WebAccessFileError} saying what to do.
 */
export function readWebToken(dataDir: string): string | null {
  const file = path.join(dataDir, WEB_TOKEN_FILE);
  let content: string | null;
  try {
    content = readPrivateFile(file);
  } catch (error) {
    if (error instanceof PrivateFileError)
      throw new WebAccessFileError(
        `${error.message}. Anyone who could read it may open the station: start with \`dockside serve --rotate-token\` to replace it with a new private one.`,
        file,
      );
    throw error;
  }
  if (content === null) return null;
  const token = content.trim();
  if (!TOKEN_PATTERN.test(token))
    throw new WebAccessFileError(
      `${file} does not hold a web shell token (one line of 32 to 128 letters, digits, - or _). Start with \`dockside serve --rotate-token\` to write a new one.`,
      file,
    );
  return token;
}

/** The port remembered in `<data>/web-port`, or null when none is. Bad content is refused with what to do. */
export function readSavedPort(dataDir: string): number | null {
  const file = path.join(dataDir, WEB_PORT_FILE);
  let content: string | null;
  try {
    content = readPrivateFile(file);
  } catch (error) {
    if (error instanceof PrivateFileError)
      throw new WebAccessFileError(`${error.message}. Delete it, or start once with --port N to rewrite it.`, file);
    throw error;
  }
  if (content === null) return null;
  const text = content.trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 1024 || port > 65535)
    throw new WebAccessFileError(
      `${file} does not hold a port number from 1024 to 65535 (it holds ${JSON.stringify(text.slice(0, 20))}). Delete it to pick a new port, or start once with --port N to rewrite it.`,
      file,
    );
  return port;
}

/** Remembers `port` for the next starts of the station in `dataDir`. */
export function savePort(dataDir: string, port: number): void {
  writePrivateFile(path.join(dataDir, WEB_PORT_FILE), `${port}\n`);
}

/**
 * The port a station in `dataDir` tries first when it has none remembered: derived from the data directory's
 * absolute path, so two stations on one PC (two data directories) usually start apart, and the same directory
 * always asks for the same port.
 */
export function derivedPort(dataDir: string): number {
  const digest = createHash('sha256').update(path.resolve(dataDir), 'utf8').digest();
  const span = STABLE_PORT_RANGE.last - STABLE_PORT_RANGE.first + 1;
  return STABLE_PORT_RANGE.first + (digest.readUInt32BE(0) % span);
}

/**
 * The ports to try, in order, for a first start without `--port`: the derived one, then the next ones in the
 * range (wrapping around), `count` in all.
 */
export function firstStartPorts(dataDir: string, count = 20): number[] {
  const span = STABLE_PORT_RANGE.last - STABLE_PORT_RANGE.first + 1;
  const start = derivedPort(dataDir) - STABLE_PORT_RANGE.first;
  return Array.from({ length: Math.min(count, span) }, (_, i) => STABLE_PORT_RANGE.first + ((start + i) % span));
}
