import { SCAN_COMMAND_CATALOGUE } from '../../domain';
import { createCommandsSheetRenderer, SHEET_LANGUAGES, type SheetLanguage } from '../../labels';
import { assetsDir } from '../../platform';
import { CliError } from '../cli-error';
import { out } from '../io';
import { writeOutput } from './label';

/** Options of `dockside commands-sheet`. */
export interface CommandsSheetOptions {
  out: string;
  lang: string;
}

/**
 * `dockside commands-sheet --out FILE.pdf [--lang en|zh-CN|both]`: writes the A4 sheet of every command barcode
 * (CONFIRM, REPRINT, CANCEL) to print and keep at the bench. Needs no station data.
 */
export async function commandsSheetCommand(options: CommandsSheetOptions): Promise<void> {
  const lang = SHEET_LANGUAGES.find((l) => l === options.lang);
  if (!lang) {
    throw new CliError(`--lang must be one of ${SHEET_LANGUAGES.join(', ')} (got "${options.lang}")`, 2);
  }
  const pdf = await createCommandsSheetRenderer({ assetsDir: assetsDir() }).pdf(lang satisfies SheetLanguage);
  await writeOutput(options.out, pdf);
  const codes = SCAN_COMMAND_CATALOGUE.map((entry) => entry.barcode).join(', ');
  out(`wrote ${options.out} (A4, ${lang}): ${codes}`);
}
