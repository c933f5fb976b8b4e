import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createLabelRenderer } from '../../labels';
import { assetsDir } from '../../platform';
import { createTemplatesService, StationError, type TemplatesService } from '../../station';
import {
  createSettingsRepository,
  createTemplatesRepository,
  openLockedStationDatabase,
  STATION_DB_FILE,
  type SettingsRepository,
  type TemplatesRepository,
} from '../../store';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';
import { resolveDataDir } from '../options';

/** The templates service over a data directory, and how to let go of its database. */
export interface OpenedTemplates {
  service: TemplatesService;
  /** True when a station database backs it (saved templates are there); false: built-ins only. */
  hasStationDb: boolean;
  close(): void;
}

const noSavedTemplates: TemplatesRepository = {
  saveVersion: () => {
    throw new CliError('no station database to save templates in');
  },
  get: () => null,
  versions: () => [],
  list: () => [],
};

function memorySettings(): SettingsRepository {
  const values = new Map<string, string>();
  return { get: (key) => values.get(key) ?? null, set: (key, value) => void values.set(key, value) };
}

/**
 * Opens the label templates of the station in `--data` (or the default data directory). Without a station
 * database there, only the built-in templates exist, unless `create` asks for the database to be made.
 */
export function openTemplates(options: { data?: string | undefined }, create = false): OpenedTemplates {
  const dataDir = resolveDataDir(options);
  const assets = assetsDir();
  const labels = createLabelRenderer({ assetsDir: assets });
  const clock = () => new Date();
  if (!create && !existsSync(path.join(dataDir, STATION_DB_FILE))) {
    return {
      service: createTemplatesService({
        repository: noSavedTemplates,
        settings: memorySettings(),
        assetsDir: assets,
        labels,
        clock,
      }),
      hasStationDb: false,
      close: () => undefined,
    };
  }
  // Under the single-instance lock, like a running station: refused while another process holds the directory.
  const station = openLockedStationDatabase(dataDir);
  const { db } = station;
  const settings = createSettingsRepository(db);
  return {
    service: createTemplatesService({
      repository: createTemplatesRepository(db),
      settings,
      assetsDir: assets,
      labels,
      clock,
      stationId: settings.get('station.id') ?? undefined,
    }),
    hasStationDb: true,
    close: () => station.close(),
  };
}

/** Runs `work`, turning template refusals into one-line CLI errors. */
async function withTemplates<T>(
  options: { data?: string | undefined },
  create: boolean,
  work: (opened: OpenedTemplates) => Promise<T> | T,
): Promise<T> {
  const opened = openTemplates(options, create);
  try {
    return await work(opened);
  } catch (error) {
    if (error instanceof StationError) throw new CliError(error.message);
    throw error;
  } finally {
    opened.close();
  }
}

/** `dockside template list`: built-in templates and the templates saved in the station, newest version each. */
export function templateListCommand(options: { data?: string; json?: boolean }): Promise<void> {
  return withTemplates(options, false, ({ service }) => {
    const { templates, active } = service.list();
    if (options.json) {
      outJson({ templates, active });
      return;
    }
    for (const t of templates) {
      const flags = [t.builtIn ? 'built-in' : 'saved', t.active ? `packing uses v${active.version}` : '']
        .filter(Boolean)
        .join(', ');
      out(`${t.name}  v${t.version} (${t.versions} version${t.versions === 1 ? '' : 's'}; ${flags})`);
    }
    out(`packing template: ${active.name} v${active.version}`);
  });
}

function parseVersion(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--template-version ${value} must be a whole number from 1`, 2);
  return n;
}

/** `dockside template export NAME FILE`: writes a template version as a JSON file. */
export function templateExportCommand(
  name: string,
  file: string,
  options: { data?: string; templateVersion?: string },
): Promise<void> {
  const version = parseVersion(options.templateVersion);
  return withTemplates(options, false, async ({ service }) => {
    const exported = await service.exportJson(name, version);
    try {
      await writeFile(file, exported.json);
    } catch (error) {
      throw new CliError(`cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    out(`${file}: ${exported.ref.name} v${exported.ref.version}`);
  });
}

/** `dockside template import FILE`: validates a template file and saves it as a new version of its name. */
export async function templateImportCommand(
  file: string,
  options: { data?: string; note?: string; json?: boolean },
): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  await withTemplates(options, true, ({ service }) => {
    let ref;
    try {
      ref = service.importJson(text, options.note);
    } catch (error) {
      if (error instanceof StationError) throw new CliError(`${file}: ${error.message}`);
      throw error;
    }
    if (options.json) outJson(ref);
    else out(`imported ${file} as ${ref.name} v${ref.version}`);
  });
}
