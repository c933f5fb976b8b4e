import type { EncodeInput, EncodeOptions, LanguageCapabilities, PrinterLanguage } from './language';
import { checkOptions } from './check-options';
import { PrinterEncodeError } from './printer-language-errors';

const CAPABILITIES: LanguageCapabilities = {
  copies: false,
  darkness: false,
  speed: false,
  cut: false,
  text: false,
  status: false,
};

const PDF_MAGIC = '%PDF-';

/**
 * PDF: the label's PDF goes to the printer (or the OS spooler, which renders it) unchanged. Copies, darkness and
 * speed are the spooler's business, so this language declares none of them.
 */
export const pdf: PrinterLanguage = {
  name: 'pdf',
  capabilities: CAPABILITIES,
  encode(label: EncodeInput, encodeOptions?: EncodeOptions): Uint8Array {
    checkOptions('pdf', CAPABILITIES, encodeOptions);
    const head = Buffer.from(label.pdf.subarray(0, PDF_MAGIC.length)).toString('latin1');
    if (head !== PDF_MAGIC) {
      throw new PrinterEncodeError('pdf', `the label is not a PDF (it starts with ${JSON.stringify(head)})`);
    }
    return label.pdf;
  },
};
