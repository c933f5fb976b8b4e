import type { CommandInput, CommandOutput, PrinterSettingsView, PrintersStatus, PrinterStatusView } from '../contract';
import { PrintError, printOnce, type Printer, type PrinterProfile, type StatusReading } from '../printers';
import type { SettingsRepository } from '../store';
import type { LabelRendering } from './pack/pack-printing';
import { toStationError } from './refusal-from-failure';
import { StationError } from './station-error';
import { SAMPLE_ORDER } from './templates-service';

/** The printer settings screen's and the packing screen's use of the station's printers. */
export interface PrintersService {
  /** The printers packing uses now. */
  current(): { primary: Printer; backup: Printer | null };
  list(): PrinterSettingsView;
  save(input: CommandInput<'printers:save'>): PrinterSettingsView;
  status(): Promise<PrintersStatus>;
  testPrint(target: 'primary' | 'backup'): Promise<CommandOutput<'printers:testPrint'>>;
  /** Asks both printers every `intervalMs` and calls `onChange` when what they say changed; returns the stop. */
  watch(intervalMs: number): () => void;
}

const KEYS = {
  primaryUri: 'printers.primary.uri',
  primaryProfile: 'printers.primary.profile',
  backupUri: 'printers.backup.uri',
  backupProfile: 'printers.backup.profile',
} as const;

/** The printers saved in the station's settings; the primary defaults to `defaultUri` when none was saved. */
export function readSavedPrinters(
  settings: SettingsRepository,
  defaultUri: string,
): { primary: PrinterSlot; backup: PrinterSlot | null } {
  return {
    primary: { uri: settings.get(KEYS.primaryUri) || defaultUri, profile: settings.get(KEYS.primaryProfile) || null },
    backup: settings.get(KEYS.backupUri)
      ? { uri: settings.get(KEYS.backupUri)!, profile: settings.get(KEYS.backupProfile) || null }
      : null,
  };
}

/** One configured printer: its URI and, for raw printers, its profile name. */
export interface PrinterSlot {
  uri: string;
  profile: string | null;
}

/** `uri` with `?profile=NAME` added when a profile is set and the URI does not name one already. */
export function printerUriWithProfile(uri: string, profile: string | null): string {
  if (!profile || /[?&]profile=/.test(uri)) return uri;
  return `${uri}${uri.includes('?') ? '&' : '?'}profile=${encodeURIComponent(profile)}`;
}

/**
 * Creates the printers service. The primary printer comes from `override` (command line) when given, else from
 * the saved settings, else `defaultUri` (the virtual printer). Saved changes apply from the next print job.
 */
export function createPrintersService({
  settings,
  build,
  profiles,
  labels,
  defaultUri,
  override,
  clock,
  onChange = () => undefined,
}: {
  settings: SettingsRepository;
  /** Makes a printer from a URI (with `?profile=`); throws PrintError saying what is wrong. */
  build: (uri: string) => Printer;
  profiles: () => PrinterProfile[];
  labels: LabelRendering;
  defaultUri: string;
  override?: string | undefined;
  clock: () => Date;
  onChange?: (status: PrintersStatus) => void;
}): PrintersService {
  const saved = () => readSavedPrinters(settings, defaultUri);
  const make = (slot: { uri: string; profile: string | null }, which: string): Printer => {
    try {
      return build(printerUriWithProfile(slot.uri, slot.profile));
    } catch (error) {
      const refusal = error instanceof PrintError ? toStationError(error) : null;
      if (!refusal) throw error;
      throw new StationError(refusal.code, `${which} printer: ${refusal.message}`, refusal.params, { cause: error });
    }
  };
  /** Saved settings this build cannot serve still let the station start: that printer refuses jobs, saying why. */
  const orRefusing = (slot: { uri: string; profile: string | null }, which: string): Printer => {
    try {
      return make(slot, which);
    } catch (error) {
      if (!(error instanceof StationError)) throw error;
      return refusingPrinter(slot.uri, error.message);
    }
  };
  const fromSettings = () => {
    const s = saved();
    return {
      primary: override ? build(override) : orRefusing(s.primary, 'primary'),
      backup: s.backup ? orRefusing(s.backup, 'backup') : null,
    };
  };
  let printers = fromSettings();
  let last = '';

  const view = (): PrinterSettingsView => {
    const s = saved();
    return {
      primary: override ? { uri: override, profile: null } : s.primary,
      backup: s.backup,
      profiles: profiles().map((p) => ({
        name: p.name,
        model: p.model,
        language: p.language,
        dpi: p.dpi,
        statusSupport: p.statusSupport,
      })),
      overridden: override !== undefined,
    };
  };

  const readingOf = async (printer: Printer): Promise<PrinterStatusView> => {
    const reading: StatusReading = printer.readStatus
      ? await printer.readStatus()
      : {
          state: 'unsupported',
          condition: null,
          status: null,
          message: `printer ${printer.uri} cannot report its status`,
        };
    return {
      uri: printer.uri,
      state: reading.state,
      condition: reading.condition,
      message: reading.message,
      checkedAt: clock().toISOString(),
    };
  };

  const status = async (): Promise<PrintersStatus> => {
    const { primary, backup } = printers;
    const [p, b] = await Promise.all([readingOf(primary), backup ? readingOf(backup) : Promise.resolve(null)]);
    return { primary: p, backup: b };
  };

  /** Publishes the status when anything but the time of asking changed. */
  const publish = (next: PrintersStatus) => {
    const key = JSON.stringify([next.primary, next.backup].map((s) => s && { ...s, checkedAt: '' }));
    if (key !== last) {
      last = key;
      onChange(next);
    }
  };

  return {
    current: () => printers,
    list: view,
    save(input) {
      const primary = { uri: input.primary.uri, profile: input.primary.profile ?? null };
      const backup = input.backup ? { uri: input.backup.uri, profile: input.backup.profile ?? null } : null;
      // Build both before saving anything: a bad URI or profile is refused and nothing changes.
      const next = {
        primary: override ? printers.primary : make(primary, 'primary'),
        backup: backup ? make(backup, 'backup') : null,
      };
      settings.set(KEYS.primaryUri, primary.uri);
      settings.set(KEYS.primaryProfile, primary.profile ?? '');
      settings.set(KEYS.backupUri, backup?.uri ?? '');
      settings.set(KEYS.backupProfile, backup?.profile ?? '');
      printers = next;
      return view();
    },
    async status() {
      const next = await status();
      publish(next);
      return next;
    },
    async testPrint(target) {
      const printer = target === 'backup' ? printers.backup : printers.primary;
      if (!printer) throw new StationError('no-backup-printer', 'no backup printer is configured');
      const rendered = await labels.render({ order: SAMPLE_ORDER, trackingNumber: 'TEST0000000000', dpi: printer.dpi });
      const result = await printOnce({
        jobId: `test-${clock().getTime()}`,
        baseName: `TEST_${clock()
          .toISOString()
          .replace(/[^\dT]/g, '')}`,
        label: rendered,
        printer,
      });
      return { state: result.state, detail: result.detail, condition: result.condition };
    },
    watch(intervalMs) {
      let running = false;
      const tick = async () => {
        if (running) return;
        running = true;
        try {
          publish(await status());
        } finally {
          running = false;
        }
      };
      void tick();
      const timer = setInterval(() => void tick(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/** A printer that refuses every job with `reason` and reports itself unreachable. */
function refusingPrinter(uri: string, reason: string): Printer {
  return {
    uri: uri.split('?')[0]!,
    dpi: 203,
    print: () => Promise.reject(new PrintError(reason)),
    readStatus: async () => ({ state: 'unreachable', condition: 'offline', status: null, message: reason }),
  };
}
