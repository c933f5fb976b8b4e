import type { PrinterCatalog, PrinterProfile } from '../../src-main/printers';
import { minimalZpl } from './minimal-zpl';

/** A ZPL 203 dpi profile that answers ~HS, for emulator tests. */
export const testZplProfile: PrinterProfile = {
  name: 'test-zpl-203',
  model: 'Test ZPL (203 dpi)',
  language: 'zpl',
  dpi: 203,
  printableWidthDots: 832,
  statusSupport: true,
};

/** A catalog holding the test profile and the minimal ZPL encoder. */
export const testPrinterCatalog: PrinterCatalog = {
  profile: (name) => (name === testZplProfile.name ? testZplProfile : null),
  language: () => minimalZpl,
  profileNames: () => [testZplProfile.name],
};
