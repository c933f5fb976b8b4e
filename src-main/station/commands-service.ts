import type { CommandOutput } from '../contract';
import { SCAN_COMMAND_CATALOGUE } from '../domain';
import { commandBarcodeSvg, type CommandsSheetRenderer, type SheetLanguage } from '../labels';

/** The command barcodes for the Commands screen and the sheet it downloads. */
export interface CommandsService {
  /** Every command of the catalogue with its barcode as SVG. */
  list(): CommandOutput<'commands:list'>;
  /** The A4 sheet in `lang` as a PDF (base64, for the screen to save). */
  sheetPdf(lang: SheetLanguage): Promise<CommandOutput<'commands:sheetPdf'>>;
}

/** Creates the commands service over the sheet renderer (which holds the label font). */
export function createCommandsService({ sheets }: { sheets: CommandsSheetRenderer }): CommandsService {
  // The catalogue is fixed for the life of the process: its SVGs are made once.
  let listed: CommandOutput<'commands:list'> | null = null;
  return {
    list() {
      listed ??= {
        commands: SCAN_COMMAND_CATALOGUE.map((entry) => ({
          command: entry.command,
          barcode: entry.barcode,
          label: { ...entry.label },
          what: { ...entry.what },
          svg: commandBarcodeSvg(entry.barcode),
        })),
      };
      return listed;
    },
    async sheetPdf(lang) {
      const pdf = await sheets.pdf(lang);
      const suffix = lang === 'both' ? '' : `-${lang}`;
      return { fileName: `dockside-commands${suffix}.pdf`, pdfBase64: Buffer.from(pdf).toString('base64') };
    },
  };
}
