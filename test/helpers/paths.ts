import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, for tests that need assets/, dist/ or bin/. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shipped assets (fonts, templates, logo). */
export const assetsDir = path.join(repoRoot, 'assets');
/** The built CLI entry (after `npm run build`). */
export const cliPath = path.join(repoRoot, 'bin', 'dockside.cjs');
