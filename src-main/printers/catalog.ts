import { languageByName } from './languages';
import type { PrinterCatalog } from './printer-uri';
import { listProfiles, profileByName } from './profiles';
import { UnknownPrinterProfileError } from './printer-profile-errors';

/** The printer profiles and languages built into the station. */
export const builtInPrinterCatalog: PrinterCatalog = {
  profile(name) {
    try {
      return profileByName(name);
    } catch (error) {
      if (error instanceof UnknownPrinterProfileError) return null;
      throw error;
    }
  },
  language: (name) => languageByName(name),
  profileNames: () => listProfiles().map((p) => p.name),
};
