import { describe, expect, it } from 'vitest';
import { parsePbm } from '../../../src-main/cli/commands/pdf-raster';

describe('parsePbm', () => {
  it('reads a P4 image with a comment as the station raster (1 = black, MSB left)', () => {
    const bytes = Buffer.concat([
      Buffer.from('P4\n# made by pdftoppm\n10 2\n', 'latin1'),
      Buffer.from([0xff, 0xc0, 0x80, 0x00]),
    ]);
    const raster = parsePbm(bytes, 203, 'x.pbm');
    expect(raster).toMatchObject({ width: 10, height: 2, dpi: 203, bytesPerRow: 2 });
    expect([...raster.data]).toEqual([0xff, 0xc0, 0x80, 0x00]);
  });

  it('refuses other formats and cut-short data, naming the source', () => {
    expect(() => parsePbm(Buffer.from('P1\n1 1\n1'), 203, 'a.pbm')).toThrow('a.pbm: not a binary PBM image');
    expect(() => parsePbm(Buffer.from('P4\n16 2\n\xff', 'latin1'), 203, 'b.pbm')).toThrow(
      'b.pbm: PBM image data is cut short',
    );
  });
});
