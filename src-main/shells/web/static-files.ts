import { realpath, stat } from 'node:fs/promises';
import { isInside, staticPathFor } from '../../platform';

export { contentTypeFor, staticPathFor } from '../../platform';

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
