import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SCAN_COMMAND_CATALOGUE } from '../../../src-main/domain';
import { runCli } from '../../helpers/cli';
import { decodeBarcodes, pdfToPng } from '../../helpers/zbar';

// `dockside commands-sheet` as a supervisor runs it: the PDF is rasterized the way a printer driver would
// (pdftoppm) and every barcode on it decoded with zbar, which must give back exactly the catalogue.

const run = promisify(execFile);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-commands-sheet-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const catalogue = SCAN_COMMAND_CATALOGUE.map((entry) => entry.barcode).sort();

describe('dockside commands-sheet', () => {
  it.each(['both', 'en', 'zh-CN'] as const)(
    'writes an A4 sheet (%s) whose barcodes decode to the catalogue',
    async (lang) => {
      const pdf = path.join(tmp, `commands-${lang}.pdf`);
      const cli = await runCli(['commands-sheet', '--out', pdf, '--lang', lang]);
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(`wrote ${pdf}`);

      const { stdout: info } = await run('pdfinfo', [pdf]);
      expect(info).toMatch(/Pages:\s+1\n/);
      expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);

      // 200 dpi, about what an office printer's driver rasterizes at; zbar reads every code exactly once.
      const png = await pdfToPng(pdf, path.join(tmp, `commands-${lang}`), 200);
      const decoded = (await decodeBarcodes(png)).sort();
      expect(decoded).toEqual(catalogue);

      const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
      const flat = text.replace(/\s+/g, '');
      for (const entry of SCAN_COMMAND_CATALOGUE) {
        expect(flat).toContain(entry.barcode);
        const languages = lang === 'both' ? (['en', 'zh-CN'] as const) : [lang];
        for (const l of languages) {
          expect(flat).toContain(entry.label[l].replace(/\s+/g, ''));
          expect(flat).toContain(entry.what[l].replace(/\s+/g, ''));
        }
        if (lang === 'en') expect(flat).not.toContain(entry.label['zh-CN']);
      }

      // The label font, embedded once as a subset (it carries the Chinese glyphs).
      const { stdout: fonts } = await run('pdffonts', [pdf]);
      const rows = fonts
        .split('\n')
        .slice(2)
        .filter((l) => l.trim() !== '');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatch(/^[A-Z]{6}\+WenQuanYiMicroHei\s.*\byes\s+yes\s+yes\b/);
    },
  );

  it('refuses a language it does not print, saying which ones it does', async () => {
    const cli = await runCli(['commands-sheet', '--out', path.join(tmp, 'x.pdf'), '--lang', 'fr']);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('--lang must be one of en, zh-CN, both (got "fr")');
  });
});
