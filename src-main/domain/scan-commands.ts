/**
 * Command barcodes let the packer act without the keyboard. They are printed from settings and carry a prefix no
 * product or order barcode uses.
 */
export const SCAN_COMMAND_PREFIX = '%DS%';

/** Every action a command barcode can trigger. */
export type ScanCommand = 'confirm' | 'reprint' | 'cancel' | 'next';

const COMMANDS: readonly ScanCommand[] = ['confirm', 'reprint', 'cancel', 'next'];

/** The barcode text that triggers `command`. */
export function scanCommandBarcode(command: ScanCommand): string {
  return `${SCAN_COMMAND_PREFIX}${command.toUpperCase()}`;
}

/** The command a scanned code stands for, or null when it is an ordinary barcode. */
export function parseScanCommand(code: string): ScanCommand | null {
  if (!code.startsWith(SCAN_COMMAND_PREFIX)) return null;
  const word = code.slice(SCAN_COMMAND_PREFIX.length).toLowerCase();
  return (COMMANDS as readonly string[]).includes(word) ? (word as ScanCommand) : null;
}
