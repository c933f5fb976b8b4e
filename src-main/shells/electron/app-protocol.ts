import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, ELECTRON_CSP, appResponseHeaders, rendererPathFor } from './app-origin';

/**
 * Declares `app:` as a standard, secure scheme. Must run before the app is ready. Standard gives the renderer a
 * real origin (`app://dockside`) for CSP 'self' and relative URLs; secure makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the renderer build from `rendererDir` on `app://dockside/` (after ready), with the CSP on every response.
 * Anything that is not a plain file inside the directory is a 404.
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return refusal(405);
    }
    const file = rendererPathFor(rendererDir, request.url);
    if (file === null) {
      return refusal(404);
    }
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: appResponseHeaders(file),
      });
    } catch {
      // Missing files and directories alike.
      return refusal(404);
    }
  });
}

function refusal(status: number): Response {
  return new Response(null, {
    status,
    headers: { 'Content-Security-Policy': ELECTRON_CSP, 'X-Content-Type-Options': 'nosniff' },
  });
}
