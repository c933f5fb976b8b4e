// Mapping URL paths to files of the built renderer, shared by the web shell (HTTP) and the Electron shell (app://).
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/** Content type for a file name by extension; unknown types are served as opaque bytes. */
export function contentTypeFor(fileName: string): string {
  return contentTypes[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a URL pathname (still percent-encoded) to a path inside `rootDir`, or null when it would leave the root,
 * is malformed, or names a hidden file. `/` maps to index.html. Purely lexical: {@link resolveStaticFile} adds
 * the symlink check.
 */
export function staticPathFor(rootDir: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    return null;
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  if (relative.split('/').some((segment) => segment === '..' || segment.startsWith('.'))) {
    return null;
  }
  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, relative);
  return isInside(root, resolved) ? resolved : null;
}

/** True when `candidate` is strictly inside `root` (both absolute, resolved). */
export function isInside(root: string, candidate: string): boolean {
  return candidate !== root && candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
