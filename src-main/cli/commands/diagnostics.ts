import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDiagnosticsBundle } from '../../station';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';

/**
 * `dockside diagnostics [--out FILE.zip]` (alias `dockside logs`): the zip to attach to a support ticket. Works
 * while a station runs on the data directory (it only reads, the database read-only).
 */
export async function diagnosticsCommand(options: { data?: string; out?: string; json?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options);
  if (!existsSync(dataDir)) throw new CliError(`no station data in ${dataDir} (nothing has run there yet)`);
  const now = new Date();
  const bundle = buildDiagnosticsBundle({ dataDir, clock: () => now });
  const file = path.resolve(
    options.out ??
      `dockside-diagnostics-${now
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}.zip`,
  );
  try {
    // 0600: it names orders and addresses, like the logs it carries.
    writeFileSync(file, bundle.bytes, { mode: 0o600 });
  } catch (error) {
    throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (options.json) {
    outJson({ file, bytes: bundle.bytes.length, entries: bundle.entries });
    return;
  }
  out(`wrote ${file} (${formatBytes(bundle.bytes.length)}): ${bundle.entries.length} files, no credentials`);
  out('  attach it to the support ticket; it holds order numbers and addresses from the logs, nothing else secret');
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
