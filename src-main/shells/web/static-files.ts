import { realpath, stat } from 'node:fs/promises';
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

/**
 * Resolves a URL pathname to an existing regular file under `rootDir`, following symlinks only when their target
 * stays inside the root. Returns null for anything that should be a 404.
 */
export async function resolveStaticFile(rootDir: string, pathname: string): Promise<string | null> {
  const candidate = staticPathFor(rootDir, pathname);
  if (candidate === null) {
    return null;
  }
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootDir), realpath(candidate)]);
    if (!isInside(realRoot, realFile)) {
      return null;
    }
    const info = await stat(realFile);
    return info.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

function isInside(root: string, candidate: string): boolean {
  return candidate !== root && candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
