import type { PrinterLanguage } from '../languages/language';
import { checkRasterForProfile, profileEncodeOptions } from '../profiles';
import { PrintError, type Printer } from '../printer';
import { readPrinterStatus } from '../printer-status';
import type { PrinterProfile } from '../profile';
import type { PrinterTransport } from './transport';

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
      let bytes: Uint8Array;
      try {
        // Refused before any byte leaves: wrong dpi, too wide, an option the language cannot do.
        checkRasterForProfile(profile, label.raster);
        bytes = language.encode(
          {
            raster: label.raster,
            pdf: label.pdf,
            widthMm: label.widthMm ?? (label.raster.width * 25.4) / profile.dpi,
            heightMm: label.heightMm ?? (label.raster.height * 25.4) / profile.dpi,
          },
          profileEncodeOptions(profile),
        );
      } catch (error) {
        throw new PrintError(`printer ${transport.uri} (${profile.name}): ${(error as Error).message}`, {
          cause: error,
        });
      }
      return transport.send({ jobId, bytes });
    },
    readStatus: () => readPrinterStatus(transport, profile, statusTimeoutMs),
  };
}
