import path from 'node:path';
import { contentTypeFor, staticPathFor } from '../../platform';

/** The privileged custom scheme the renderer is loaded from (never file://). */
export const APP_SCHEME = 'app';
/** The only host the scheme serves. */
export const APP_HOST = 'dockside';
/** Origin of the renderer; IPC and navigation are allowed for this origin only. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads. */
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/**
 * CSP of the Electron renderer (SEC-02, docs/requirements.md): everything from the app origin, label previews as data
 * URLs, nothing else. The renderer talks to the core over IPC, so it needs no network origins; ERP and carrier traffic
 * happens in the main process.
 */
export const ELECTRON_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** True when `url` parses and belongs to the app origin (`app://dockside`). */
export function isAppUrl(url: string): boolean {
  return isUrlOfOrigin(url, APP_ORIGIN);
}

/**
 * True when `url` parses and has the scheme and host (port included) of `origin`. Compared part by part because
 * the URL standard gives a custom scheme such as `app:` an opaque origin (`"null"`).
 */
export function isUrlOfOrigin(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    const wanted = new URL(origin);
    return parsed.protocol === wanted.protocol && parsed.host !== '' && parsed.host === wanted.host;
  } catch {
    return false;
  }
}

/** The parts of a WebFrameMain that decide whether an IPC call is trusted. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * SEC-03: an IPC call is trusted only when it comes from a live top-level frame (not an iframe) whose document is
 * the app origin (`app://dockside` in the desktop app). A null frame (navigated away or destroyed) is not trusted.
 */
export function isTrustedSenderFrame(frame: SenderFrameLike | null | undefined, appOrigin: string): boolean {
  return frame !== null && frame !== undefined && frame.parent === null && isUrlOfOrigin(frame.url, appOrigin);
}

/**
 * Maps an `app://dockside/...` URL to a file inside `rendererDir`, or null when the URL is foreign, malformed,
 * names a hidden file or would leave the directory. `/` maps to index.html.
 */
export function rendererPathFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return null;
  }
  return staticPathFor(rendererDir, parsed.pathname);
}

/** Headers of every `app://` response: content type, the CSP, nosniff; HTML is never cached. */
export function appResponseHeaders(filePath: string): Record<string, string> {
  const ext = path.extname(filePath).toLowerCase();
  return {
    'Content-Type': contentTypeFor(filePath),
    'Content-Security-Policy': ELECTRON_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': ext === '.html' ? 'no-store' : 'no-cache',
  };
}
