import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Decodes every barcode in an image with zbarimg; returns the decoded texts (empty when none is found). */
export async function decodeBarcodes(imagePath: string): Promise<string[]> {
  try {
    const { stdout } = await run('zbarimg', ['--quiet', '--raw', imagePath]);
    return stdout.split('\n').filter((line) => line.length > 0);
  } catch (error) {
    // zbarimg exits 4 when it finds no barcode.
    if ((error as { code?: number }).code === 4) return [];
    throw error;
  }
}

/** Rasterizes page 1 of a PDF to PNG with pdftoppm at `dpi`; returns the PNG path. */
export async function pdfToPng(pdfPath: string, outPrefix: string, dpi = 203): Promise<string> {
  await run('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', '-f', '1', '-l', '1', pdfPath, outPrefix]);
  return `${outPrefix}.png`;
}
