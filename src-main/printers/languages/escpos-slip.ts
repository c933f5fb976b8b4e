import iconv from 'iconv-lite';
import { ESC_INIT, builtBytes, escposBuilder } from './escpos-builder';
import { PrinterEncodeError } from './printer-language-errors';

/** One line of a slip in the printer's own font. */
export interface SlipTextLine {
  text: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  /** `double`: double width and height (half the characters per line). */
  size?: 'normal' | 'double';
}

/** A slip line: text, or a full-width rule of dashes. */
export type SlipLine = SlipTextLine | { rule: true };

/** A packing slip or receipt printed as text. */
export interface Slip {
  lines: SlipLine[];
}

/** How to print a slip. */
export interface SlipOptions {
  /** Characters per line in font A: 48 on a 576-dot head (80 mm at 203 dpi), 42 on a 512-dot TM-T88. */
  widthChars?: number;
  cut?: boolean;
}

/** `FS &`: Kanji (Chinese) mode on: bytes >= 0x80 are GBK double-byte characters. */
const CHINESE_MODE_ON = Buffer.from([0x1c, 0x26]);
/** `FS .`: Kanji mode off, back to the single-byte code page. */
const CHINESE_MODE_OFF = Buffer.from([0x1c, 0x2e]);
/** Control characters in text would be read as commands (an `ESC` in an order note could reconfigure the printer). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/u;

/** The GBK bytes of one line, or a clear error naming the line and the first character GBK cannot hold. */
function gbk(text: string, lineNo: number): Buffer {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, '0');
    throw new PrinterEncodeError('escpos', `slip line ${lineNo} holds the control character U+${code}`);
  }
  for (const ch of text) {
    // iconv-lite writes "?" for what the table lacks: decode back to catch it.
    if (iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') !== ch) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      throw new PrinterEncodeError(
        'escpos',
        `slip line ${lineNo}: "${ch}" (U+${code}) is not in GBK, which the printer's Chinese mode prints`,
      );
    }
  }
  return iconv.encode(text, 'gbk');
}

/**
 * Encodes a text slip for a China-market ESC/POS printer: `ESC @`, `FS &` (Chinese mode, GBK), each line with its
 * alignment, weight and size, `FS .`, and a cut when asked. Text is encoded to GBK here, never by
 * node-thermal-printer's code-page switching, which would pick EUC-JP for Chinese.
 * @throws PrinterEncodeError naming the line when text holds a control character or a character outside GBK
 */
export function encodeEscposSlip(slip: Slip, options: SlipOptions = {}): Uint8Array {
  const widthChars = options.widthChars ?? 48;
  if (!Number.isInteger(widthChars) || widthChars < 16 || widthChars > 96) {
    throw new PrinterEncodeError('escpos', `widthChars must be 16 to 96, got ${widthChars}`);
  }
  const builder = escposBuilder(widthChars);
  builder.add(ESC_INIT);
  builder.add(CHINESE_MODE_ON);
  slip.lines.forEach((line, index) => {
    if ('rule' in line) {
      // A rule is always a plain full line, whatever the previous line's style.
      builder.alignLeft();
      builder.bold(false);
      builder.setTextNormal();
      builder.drawLine('-');
      return;
    }
    const bytes = gbk(line.text, index + 1);
    if (line.align === 'center') builder.alignCenter();
    else if (line.align === 'right') builder.alignRight();
    else builder.alignLeft();
    builder.bold(line.bold === true);
    if (line.size === 'double') builder.setTextQuadArea();
    else builder.setTextNormal();
    builder.add(bytes);
    builder.newLine();
  });
  builder.add(CHINESE_MODE_OFF);
  if (options.cut === true) builder.cut();
  return builtBytes(builder);
}
