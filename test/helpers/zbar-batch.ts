import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

function decodeXmlText(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Decodes many images with one zbarimg process per chunk (`--xml`, which says which image each symbol came
 * from). Returns every image's decoded texts; an image without a barcode maps to [].
 */
export async function decodeMany(files: readonly string[], processes = 2): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(files.map((f) => [f, []]));
  const size = Math.ceil(files.length / processes);
  const chunks = Array.from({ length: processes }, (_, i) => files.slice(i * size, (i + 1) * size)).filter(
    (c) => c.length > 0,
  );
  await Promise.all(
    chunks.map(async (chunk) => {
      let stdout: string;
      try {
        ({ stdout } = await run('zbarimg', ['--xml', '-q', ...chunk], { maxBuffer: 64 * 1024 * 1024 }));
      } catch (error) {
        // zbarimg exits 4 when some image had no barcode; the XML is still complete.
        const e = error as { code?: number; stdout?: string };
        if (e.code !== 4 || e.stdout === undefined) throw error;
        stdout = e.stdout;
      }
      for (const source of stdout.split('<source href=').slice(1)) {
        const file = decodeXmlText(/^'([^']*)'/.exec(source)?.[1] ?? '');
        const texts = [...source.matchAll(/<data><!\[CDATA\[([\s\S]*?)\]\]><\/data>/g)].map((m) => m[1] ?? '');
        out.set(file, texts);
      }
    }),
  );
  return out;
}
