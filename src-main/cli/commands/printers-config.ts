import { existsSync } from 'node:fs';
import path from 'node:path';
import { createSettingsRepository, STATION_DB_FILE } from '../../store';
import { listSpoolerPrinters, spoolerAvailability } from '../../printers';
import { readSavedPrinters } from '../../station';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';
import { withStationDatabase } from '../station-database';
import { printerFromOptions } from './print';

/** An OS print queue, as the spooler addon lists it. */
export interface OsPrintQueue {
  name: string;
  uri: string;
  isDefault: boolean;
}

/**
 * OS print queues (CUPS, Windows spooler) as `spooler:NAME` URIs; null where the raw-printer addon is not built or
 * the spooler cannot be reached (the reason is in `dockside os-printers`).
 */
export async function listOsPrintQueues(): Promise<OsPrintQueue[] | null> {
  if (!spoolerAvailability().available) return null;
  try {
    const printers = await listSpoolerPrinters();
    return printers.map((p) => ({
      name: p.name,
      uri: `spooler:${encodeURIComponent(p.name)}`,
      isDefault: p.isDefault,
    }));
  } catch {
    return null;
  }
}

/** `dockside printers list`: the station's configured printers, and the OS print queues where they can be listed. */
export async function printersListCommand(options: { data?: string; json?: boolean }): Promise<void> {
  const dataDir = resolveDataDir(options);
  const defaultUri = `file:${path.join(dataDir, 'labels')}`;
  let configured = {
    primary: { uri: defaultUri, profile: null as string | null },
    backup: null as null | { uri: string; profile: string | null },
  };
  if (existsSync(path.join(dataDir, STATION_DB_FILE))) {
    configured = await withStationDatabase(dataDir, (db) =>
      readSavedPrinters(createSettingsRepository(db), defaultUri),
    );
  }
  const osQueues = await listOsPrintQueues();
  if (options.json) {
    outJson({ primary: configured.primary, backup: configured.backup, osQueues });
    return;
  }
  const line = (role: string, slot: { uri: string; profile: string | null } | null) =>
    out(`${role.padEnd(8)} ${slot ? `${slot.uri}${slot.profile ? `  (profile ${slot.profile})` : ''}` : '(none)'}`);
  line('primary', configured.primary);
  line('backup', configured.backup);
  if (osQueues === null) out('OS print queues: not available in this build (no spooler support)');
  else for (const q of osQueues) out(`os       ${q.uri}${q.isDefault ? '  (default)' : ''}`);
}

/** `dockside printers status URI`: asks one printer how it is. Exit 0 when it can take a job, 1 when not. */
export async function printersStatusCommand(uri: string, options: { profile?: string; json?: boolean }): Promise<void> {
  const printer = printerFromOptions(uri, options.profile);
  const reading = printer.readStatus
    ? await printer.readStatus()
    : {
        state: 'unsupported' as const,
        condition: null,
        status: null,
        message: `printer ${printer.uri} cannot report its status`,
      };
  if (options.json) outJson({ uri: printer.uri, ...reading });
  else
    out(`${printer.uri}: ${reading.state}${reading.condition ? ` (${reading.condition})` : ''} — ${reading.message}`);
  if (reading.state !== 'ready' && reading.state !== 'unsupported') {
    throw new CliError(`printer ${printer.uri} is not ready`, 1);
  }
}
