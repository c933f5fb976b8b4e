import { Command, CommanderError, Option } from 'commander';
import { appVersion } from '../platform';
import { describeFailure, CliError } from './cli-error';
import { feeCommand, handoverCommand, trackingCommand } from './commands/after-shipment';
import { demoErpCommand } from './commands/demo-erp';
import { diagnosticsCommand } from './commands/diagnostics';
import { labelCommand } from './commands/label';
import { printersProfilesCommand } from './commands/printers';
import { printCommand } from './commands/print';
import { printersListCommand, printersStatusCommand } from './commands/printers-config';
import { serveCommand } from './commands/serve';
import { webLinkCommand } from './commands/web-link';
import { shipCommand } from './commands/ship';
import { statusCommand } from './commands/status';
import { syncCommand } from './commands/sync';
import { templateExportCommand, templateImportCommand, templateListCommand } from './commands/template';
import { poolAddCommand, poolListCommand } from './commands/pool';
import { osPrintersCommand } from './commands/os-printers';
import { backupCommand, backupListCommand, restoreCommand } from './commands/backup';
import { commandsSheetCommand } from './commands/commands-sheet';

/** Builds the `dockside` command line. Every subcommand has --help; failures end in one line and a non-zero exit. */
export function buildProgram(): Command {
  const program = new Command('dockside')
    .description('Dockside packing and shipping station')
    .version(appVersion(), '-V, --version')
    .showSuggestionAfterError()
    .exitOverride();

  const dataOption = [
    '--data <dir>',
    'station data directory (default: the per-user Dockside folder, or DOCKSIDE_DATA)',
  ] as const;
  const erpOption = [
    '--erp <url>',
    'ERP base URL (http(s)://…; default DOCKSIDE_ERP_URL, else the embedded demo ERP)',
  ] as const;
  const printerOption = ['--printer <uri>', 'printer URI, e.g. file:DIR (default: file:<data>/labels)'] as const;

  program
    .command('serve')
    .description('serve the station screen on 127.0.0.1 (open the printed URL in a browser)')
    .option(
      '--port <n>',
      'TCP port, remembered in the data directory (default: the remembered one; 0 = any free port, not remembered)',
    )
    .option('--rotate-token', 'replace the access token first: tabs opened before are refused and need the new link')
    .option(...dataOption)
    .option(...erpOption)
    .option(...printerOption)
    .action((options) => serveCommand(options));

  program
    .command('web-link')
    .description("print the station's browser link again (address and access token kept in the data directory)")
    .option(...dataOption)
    .action((options: { data?: string }) => webLinkCommand(options));

  program
    .command('demo-erp')
    .description('run the sandbox ERP (docs/erp-api.yaml) on 127.0.0.1 with seeded demo orders')
    .option('--port <n>', 'TCP port (0 = any free port)', '8780')
    .option(...dataOption)
    .option('--orders <n>', 'number of orders to seed into a new database (default 50)')
    .option('--seed <n>', 'seed for the generated data (default 1)')
    .option('--secret <secret>', 'require HMAC-signed requests with this shared secret (or DOCKSIDE_DEMO_ERP_SECRET)')
    .option('--key-id <id>', 'key id signed requests must name (default dockside)')
    .action((options) => demoErpCommand(options));

  program
    .command('label')
    .description(
      'render one order (JSON as GET /api/v1/orders/{orderNo} returns it) to a waybill file, or a JSON array of orders to one multi-page PDF',
    )
    .option('--order <file>', 'order JSON file')
    .option('--orders <file>', 'JSON array of orders: renders one multi-page PDF')
    .option('--template <name>', 'built-in or saved label template (default generic-100x150)')
    .option('--format <pdf|png>', 'output format (required with --order; --orders writes PDF)')
    .option('--dpi <n>', 'printer resolution for the PNG raster: 203, 300 or 600', '203')
    .requiredOption('--out <file>', 'output file')
    .option('--tracking <number>', 'tracking number, when the order has none')
    .option('--tracking-prefix <letters>', 'with --orders: numbers orders that have none, e.g. DS')
    .option('--tracking-start <n>', 'with --tracking-prefix: the first serial (default 1)')
    .option(...dataOption)
    .action((options) => labelCommand(options));

  const template = program.command('template').description('list, export and import label templates');
  template
    .command('list')
    .description('built-in templates and those saved in the station, newest version each')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => templateListCommand(options));
  template
    .command('export')
    .description('write a template (newest version, or --template-version N) to a JSON file')
    .argument('<name>', 'template name')
    .argument('<file>', 'output JSON file')
    .option('--template-version <n>', 'template version (default: the newest)')
    .option(...dataOption)
    .action((name: string, file: string, options) => templateExportCommand(name, file, options));
  template
    .command('import')
    .description('validate a template JSON file and save it in the station as a new version of its name')
    .argument('<file>', 'template JSON file')
    .option('--note <text>', 'note stored with the new version')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((file: string, options) => templateImportCommand(file, options));

  program
    .command('ship')
    .description('pull an order, pack all its lines, print the waybill and confirm it (unattended)')
    .argument('<orderNo>', 'the order number')
    .option(...dataOption)
    .option(...erpOption)
    .option(...printerOption)
    .option('--json', 'print JSON only')
    .action((orderNo: string, options) => shipCommand(orderNo, options));

  program
    .command('sync')
    .description('pull pending orders and upload the outbox once; exits 0 when the outbox is empty')
    .option(...dataOption)
    .option(...erpOption)
    .option('--json', 'print JSON only')
    .action((options) => syncCommand(options));

  program
    .command('status')
    .description('outbox depth, oldest pending item and last successful sync')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => statusCommand(options));

  program
    .command('handover')
    .description('the courier took these parcels (已揽收): record the handover and tell the ERP')
    .argument('<trackingNumbers...>', 'tracking numbers of parcels shipped at this station')
    .option('--carrier <code>', "the courier taking them (default: the parcels' own carrier)")
    .option(...dataOption)
    .option(...erpOption)
    .option('--json', 'print JSON only')
    .action((trackingNumbers: string[], options) => handoverCommand(trackingNumbers, options));

  program
    .command('tracking')
    .description("report a parcel's delivery status to the ERP (已签收, delivered, in-transit, KDNiao codes ...)")
    .argument('<trackingNumber>', 'a tracking number shipped at this station')
    .argument('<status>', 'the status, in any spelling the status table knows')
    .option('--at <iso>', 'when it happened (ISO date-time; default now)')
    .option('--detail <text>', "the carrier's description")
    .option(...dataOption)
    .option(...erpOption)
    .option('--json', 'print JSON only')
    .action((trackingNumber: string, status: string, options) => trackingCommand(trackingNumber, status, options));

  program
    .command('fee')
    .description("post a parcel's fee (freight by default) to the ERP for reconciliation")
    .argument('<trackingNumber>', 'a tracking number shipped at this station')
    .argument('<amount>', 'the amount, e.g. 12.50')
    .option('--currency <code>', 'ISO 4217 currency', 'CNY')
    .addOption(new Option('--kind <kind>', 'what the fee is for').choices(['freight', 'insurance', 'surcharge']))
    .option(...dataOption)
    .option(...erpOption)
    .option('--json', 'print JSON only')
    .action((trackingNumber: string, amount: string, options) => feeCommand(trackingNumber, amount, options));
  const pool = program.command('pool').description('offline tracking-number ranges per carrier');
  pool
    .command('add')
    .description('add a carrier range; each number gets its carrier check digit and is issued once')
    .requiredOption('--carrier <code>', 'carrier code the range belongs to')
    .requiredOption('--scheme <name>', 'numbering: sscc (GS1 mod-10), upu-s10 / s10 (mod-11), ups-1z / 1z')
    .requiredOption('--prefix <text>', 'SSCC: extension digit + company prefix; S10: 2 letters; 1Z: account + service')
    .option('--suffix <text>', 'S10: the 2-letter country code')
    .requiredOption('--from <n>', 'first serial of the range')
    .requiredOption('--to <n>', 'last serial of the range (inclusive)')
    .option('--by <name>', 'who adds it (default: the login name)')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => poolAddCommand(options));
  pool
    .command('list')
    .description('numbers left per carrier and every range')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => poolListCommand(options));
  const printers = program.command('printers').description('printer profiles');
  printers
    .command('profiles')
    .description('built-in printer profiles: language, dpi, printable width, status support')
    .option('--json', 'print JSON only')
    .action((options) => printersProfilesCommand(options));
  printers
    .command('list')
    .description("the station's configured printers (primary, backup) and the OS print queues where available")
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => printersListCommand(options));
  printers
    .command('status')
    .description('ask one printer for its status (exit 1 when it cannot take a job)')
    .argument('<uri>', 'printer URI, e.g. tcp://192.168.1.50:9100?profile=generic-zpl-203')
    .option('--profile <name>', 'printer profile (`dockside printers profiles` lists them)')
    .option('--json', 'print JSON only')
    .action((uri, options) => printersStatusCommand(uri, options));

  program
    .command('print')
    .description(
      "print one label on a printer: a PDF file (rasterized at the printer's dpi) or an order's waybill; status first, sent once, never retried",
    )
    .requiredOption('--printer <uri>', 'printer URI: tcp://HOST[:PORT], usb:/dev/usb/lpN or file:DIR')
    .option('--profile <name>', 'printer profile for tcp:/usb: printers (`dockside printers profiles`)')
    .option('--file <label.pdf>', 'a label PDF; every page prints as one label')
    .option('--order <file>', 'order JSON file (as GET /api/v1/orders/{orderNo} returns it)')
    .option('--template <name>', 'with --order: built-in or saved label template')
    .option('--tracking <number>', 'with --order: tracking number, when the order has none')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((options) => printCommand(options));

  program
    .command('os-printers')
    .description("list the operating system's print queues (for spooler:NAME printers)")
    .option('--json', 'print JSON only')
    .action((options) => osPrintersCommand(options));

  program
    .command('backup')
    .description('copy the station database (consistent, checked), also while a station runs; --list shows backups')
    .option(...dataOption)
    .option('--out <file>', 'where to write the copy (default: a new file in <data>/backups)')
    .option('--list', 'list the backups in <data>/backups instead')
    .option('--json', 'print JSON only')
    .action((options: { data?: string; out?: string; list?: boolean; json?: boolean }) =>
      options.list ? backupListCommand(options) : backupCommand(options),
    );

  program
    .command('diagnostics')
    .alias('logs')
    .description(
      'write a zip for a support ticket: the logs, versions, settings without credentials, database check and queue counts',
    )
    .option(...dataOption)
    .option('--out <file.zip>', 'where to write it (default: dockside-diagnostics-TIME.zip here)')
    .option('--json', 'print JSON only')
    .action((options: { data?: string; out?: string; json?: boolean }) => diagnosticsCommand(options));

  program
    .command('restore')
    .description('replace the station database with a backup (refused while a station runs; the old file is kept)')
    .argument('<file>', 'the backup file')
    .option(...dataOption)
    .option('--json', 'print JSON only')
    .action((file: string, options) => restoreCommand(file, options));

  program
    .command('commands-sheet')
    .description('write the A4 sheet of command barcodes (CONFIRM, REPRINT, CANCEL) to print for the bench')
    .requiredOption('--out <file.pdf>', 'output PDF file')
    .option('--lang <en|zh-CN|both>', 'language of the names and descriptions', 'both')
    .action((options: { out: string; lang: string }) => commandsSheetCommand(options));

  return program;
}

/** Runs the CLI on `argv` and sets the exit code; never lets a stack trace reach the terminal. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its one-line message (or the help / version text).
      return error.exitCode === 0 ? 0 : 2;
    }
    if (process.env.DOCKSIDE_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.stderr.write(`dockside: ${describeFailure(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
