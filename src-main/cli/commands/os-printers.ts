import { listSpoolerPrinters, spoolerAvailability } from '../../printers';
import { CliError } from '../cli-error';
import { out, outJson } from '../io';

/**
 * `dockside os-printers`: the operating system's print queues, the names a `spooler:NAME` printer can use. CUPS is
 * chosen as libcups chooses it (CUPS_SERVER, client.conf, the local socket).
 */
export async function osPrintersCommand(options: { json?: boolean }): Promise<void> {
  const availability = spoolerAvailability();
  if (!availability.available) throw new CliError(availability.reason);
  const printers = await listSpoolerPrinters();
  if (options.json) {
    outJson({ backend: availability.backend, printers });
    return;
  }
  if (printers.length === 0) {
    out(`no printer queues (${availability.backend})`);
    return;
  }
  for (const printer of printers) {
    const flags = [printer.state, printer.accepting ? 'accepting' : 'rejecting jobs'];
    if (printer.isDefault) flags.push('default');
    const note = [printer.message, ...printer.reasons].filter(Boolean).join('; ');
    out(`spooler:${printer.name}\t${flags.join(', ')}${note ? `\t${note}` : ''}`);
  }
}
