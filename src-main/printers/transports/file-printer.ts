import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PrintError, type Printer } from '../printer';

/**
 * The virtual printer: writes each label as `NAME.pdf` and `NAME.png` into a directory. It is the station's default
 * until a real printer is configured, and what tests use to see exactly what would have printed. Files are written
 * to a temporary name and renamed, so a reader never sees half a label.
 */
export function createFilePrinter({ uri, dir, dpi }: { uri: string; dir: string; dpi: number }): Printer {
  return {
    uri,
    dpi,
    async print({ baseName, label }) {
      if (!/^[\w.-]+$/.test(baseName)) throw new PrintError(`unsafe label file name "${baseName}"`);
      try {
        await mkdir(dir, { recursive: true });
        for (const [ext, bytes] of [
          ['pdf', label.pdf],
          ['png', label.png],
        ] as const) {
          const target = path.join(dir, `${baseName}.${ext}`);
          const temp = `${target}.${process.pid}.tmp`;
          await writeFile(temp, bytes);
          await rename(temp, target);
        }
      } catch (error) {
        throw new PrintError(
          `cannot write label into ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      return { state: 'confirmed', detail: path.join(dir, `${baseName}.pdf`) };
    },
  };
}
