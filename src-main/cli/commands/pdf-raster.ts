import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LabelRaster } from '../../labels';
import { CliError } from '../cli-error';

const run = promisify(execFile);

/**
 * Parses a binary PBM (P4) image: 1 = black, rows of ceil(width / 8) bytes, MSB left — the station's raster layout.
 * @throws CliError naming the file when it is not a P4 PBM
 */
export function parsePbm(bytes: Uint8Array, dpi: number, source: string): LabelRaster {
  const text = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  // Header: "P4", whitespace, optional # comments, width, height, one whitespace byte, then the data.
  const header = /^P4(?:\s+|\s*#[^\n]*\n)+(\d+)\s+(\d+)\s/.exec(text);
  if (!header) throw new CliError(`${source}: not a binary PBM image`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  const bytesPerRow = Math.ceil(width / 8);
  const data = bytes.subarray(header[0].length, header[0].length + bytesPerRow * height);
  if (data.length !== bytesPerRow * height) throw new CliError(`${source}: PBM image data is cut short`);
  return { width, height, dpi, bytesPerRow, data: new Uint8Array(data) };
}

/**
 * Rasterizes every page of a PDF at `dpi` as 1-bit images with poppler's `pdftoppm` (no scaling to a paper size:
 * the page is the label). One raster per page.
 * @throws CliError when the file is not a PDF or pdftoppm is missing or fails
 */
export async function rasterizePdf(pdf: Uint8Array, dpi: number, source: string): Promise<LabelRaster[]> {
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    throw new CliError(`${source} is not a PDF file (it does not start with %PDF-)`, 2);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dockside-pdf-'));
  try {
    const input = path.join(dir, 'label.pdf');
    await writeFile(input, pdf);
    try {
      await run('pdftoppm', ['-mono', '-r', String(dpi), input, path.join(dir, 'page')], { timeout: 60_000 });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      if (e.code === 'ENOENT') {
        throw new CliError(
          `printing a PDF on a raster printer needs pdftoppm to rasterize it at ${dpi} dpi: install poppler-utils (apt-get install poppler-utils)`,
        );
      }
      throw new CliError(`${source}: pdftoppm could not read it: ${(e.stderr ?? e.message).trim().split('\n')[0]}`);
    }
    const pages = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.pbm')).sort();
    if (pages.length === 0) throw new CliError(`${source}: the PDF has no pages`);
    return Promise.all(
      pages.map(async (page) => parsePbm(await readFile(path.join(dir, page)), dpi, `${source} (${page})`)),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
