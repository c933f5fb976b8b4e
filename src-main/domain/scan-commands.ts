/**
 * Command barcodes let the packer act without the keyboard. Each is a Code 128 barcode of its text
 * (`%DS%CONFIRM`, …), shown on the Commands screen and printed on the commands sheet (`dockside commands-sheet`);
 * the prefix is one no product, order or tracking barcode uses.
 */
export const SCAN_COMMAND_PREFIX = '%DS%';

/** Every action a command barcode can trigger. */
export type ScanCommand = 'confirm' | 'reprint' | 'cancel';

/** A text in each language the station speaks. */
export interface LocalizedText {
  en: string;
  'zh-CN': string;
}

/** One command barcode as the screen shows it and the sheet prints it. */
export interface ScanCommandEntry {
  command: ScanCommand;
  /** The barcode's text, encoded as Code 128: `%DS%` and the command's name in capitals. */
  barcode: string;
  /** What the screens call it ("scan CONFIRM", 扫描"确认"条码). */
  label: LocalizedText;
  /** What scanning it does, in one line. */
  what: LocalizedText;
}

/**
 * Every command barcode, in the order the sheet prints them. The labels are the names the Pack screen's prompts
 * and hints use (en "scan CONFIRM", zh-CN 扫描"确认"条码): a unit test keeps the two in step.
 */
export const SCAN_COMMAND_CATALOGUE: readonly ScanCommandEntry[] = [
  {
    command: 'confirm',
    barcode: '%DS%CONFIRM',
    label: { en: 'CONFIRM', 'zh-CN': '确认' },
    what: {
      en: 'Ships the parcel whose label is printed (the same as Enter or scanning the label).',
      'zh-CN': '确认发货：面单已打印的包裹（等同于按回车或扫描面单）。',
    },
  },
  {
    command: 'reprint',
    barcode: '%DS%REPRINT',
    label: { en: 'REPRINT', 'zh-CN': '重打' },
    what: {
      en: 'Prints the label again: after a failed print, or as a logged second copy.',
      'zh-CN': '再次打印面单：打印失败后重试，或补打一份（会记录）。',
    },
  },
  {
    command: 'cancel',
    barcode: '%DS%CANCEL',
    label: { en: 'CANCEL', 'zh-CN': '取消' },
    what: {
      en: 'Puts the open order back before its label is printed, to scan another order.',
      'zh-CN': '放下当前订单（面单打印前），以便扫描其他订单。',
    },
  },
];

/** The barcode text that triggers `command`. */
export function scanCommandBarcode(command: ScanCommand): string {
  return `${SCAN_COMMAND_PREFIX}${command.toUpperCase()}`;
}

/**
 * True when `code` carries the command prefix, in any case (a scanner with Caps Lock on sends `%ds%…`): such a
 * code is a command barcode, known or not, and never an order or an item.
 */
export function isCommandBarcode(code: string): boolean {
  return code.slice(0, SCAN_COMMAND_PREFIX.length).toUpperCase() === SCAN_COMMAND_PREFIX;
}

/** The command a scanned code stands for, or null when it is no command barcode of the catalogue. */
export function parseScanCommand(code: string): ScanCommand | null {
  if (!isCommandBarcode(code)) return null;
  const text = code.toUpperCase();
  return SCAN_COMMAND_CATALOGUE.find((entry) => entry.barcode === text)?.command ?? null;
}
