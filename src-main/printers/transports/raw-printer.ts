import type { EncodeOptions, PrinterLanguage } from '../languages/language';
import { PrintError, type Printer } from '../printer';
import { readPrinterStatus } from '../printer-status';
import type { PrinterProfile } from '../profile';
import type { PrinterTransport } from './transport';

/** The encode options a profile asks for, limited to what its language can do. */
export function encodeOptionsFor(profile: PrinterProfile, language: PrinterLanguage): EncodeOptions {
  const options: EncodeOptions = {};
  if (profile.darkness !== undefined && language.capabilities.darkness) options.darkness = profile.darkness;
  if (profile.speed !== undefined && language.capabilities.speed) options.speed = profile.speed;
  if (profile.invertBitmap && language.name === 'tspl') options.invertBitmap = true;
  return options;
}

/**
 * A printer that takes bytes in a printer language over a transport (TCP, USB, spooler): the label's raster at the
 * profile's dpi is encoded, then sent once.
 */
export function createRawPrinter({
  transport,
  profile,
  language,
  statusTimeoutMs = 3000,
}: {
  transport: PrinterTransport;
  profile: PrinterProfile;
  language: PrinterLanguage;
  statusTimeoutMs?: number;
}): Printer {
  return {
    uri: transport.uri,
    dpi: profile.dpi,
    profile,
    async print({ jobId, label }) {
      if (!label.raster) throw new PrintError(`printer ${transport.uri}: the label has no raster to encode`);
      if (label.raster.dpi !== profile.dpi) {
        throw new PrintError(
          `printer ${transport.uri}: label rendered at ${label.raster.dpi} dpi but profile ${profile.name} prints at ${profile.dpi} dpi (DPI_MISMATCH)`,
        );
      }
      const bytes = language.encode(
        {
          raster: label.raster,
          pdf: label.pdf,
          widthMm: label.widthMm ?? (label.raster.width * 25.4) / profile.dpi,
          heightMm: label.heightMm ?? (label.raster.height * 25.4) / profile.dpi,
        },
        encodeOptionsFor(profile, language),
      );
      return transport.send({ jobId, bytes });
    },
    readStatus: () => readPrinterStatus(transport, profile, statusTimeoutMs),
  };
}
