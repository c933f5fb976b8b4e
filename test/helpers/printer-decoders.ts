import { inflateSync } from 'node:zlib';
import type { LabelRaster } from '../../src-main/labels';

// Decoders of the station's printer output back to a 1-bit raster (1 = black, MSB left), written from the
// protocol descriptions and independent of the encoders (their own CRC, their own parsing), so a round trip
// proves the bytes say what a printer would read. They throw on anything they do not expect.

function rasterOf(width: number, height: number, dpi: number, data: Uint8Array): LabelRaster {
  const bytesPerRow = Math.ceil(width / 8);
  if (data.length !== bytesPerRow * height) {
    throw new Error(`decoded ${data.length} bytes for ${width}×${height} dots (${bytesPerRow * height} expected)`);
  }
  return { width, height, dpi, bytesPerRow, data };
}

const invert = (bytes: Uint8Array): Uint8Array => bytes.map((b) => ~b & 0xff);
const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
  return c & 0xffff;
});
/** CRC-16/XMODEM of a text's bytes, table-driven (the encoder computes it bit by bit). */
export function crc16(text: string): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++)
    crc = ((crc << 8) ^ CRC_TABLE[((crc >> 8) ^ text.charCodeAt(i)) & 0xff]!) & 0xffff;
  return crc;
}

/** Expands ZPL's ASCII-hex graphic compression (repeat counts G-Y/g-z, `,` zero-fill, `!` one-fill, `:` repeat). */
function expandZplHex(text: string, total: number, rowBytes: number): Uint8Array {
  const out = new Uint8Array(total);
  const rowChars = rowBytes * 2;
  let row: string[] = [];
  let previous: string[] | null = null;
  let pos = 0;
  const flush = (fill?: string) => {
    if (fill !== undefined) while (row.length < rowChars) row.push(fill);
    if (row.length !== rowChars) throw new Error(`ZPL ^GFA row ${pos / rowBytes} has ${row.length} hex digits`);
    for (let i = 0; i < rowBytes; i++) out[pos + i] = parseInt(row[2 * i]! + row[2 * i + 1]!, 16);
    pos += rowBytes;
    previous = row;
    row = [];
  };
  let count = 0;
  for (const ch of text) {
    if (/[\r\n]/.test(ch)) continue;
    const code = ch.charCodeAt(0);
    if (ch >= 'G' && ch <= 'Y') count += code - 0x46;
    else if (ch >= 'g' && ch <= 'z') count += (code - 0x66) * 20;
    else if (/[0-9A-Fa-f]/.test(ch)) {
      for (let i = 0; i < Math.max(1, count); i++) row.push(ch.toUpperCase());
      count = 0;
      if (row.length > rowChars) throw new Error('ZPL ^GFA hex row overflows its bytes per row');
      if (row.length === rowChars) flush();
    } else if (ch === ',') flush('0');
    else if (ch === '!') flush('F');
    else if (ch === ':') {
      if (!previous) throw new Error('ZPL ^GFA ":" with no previous row');
      row = [...(previous as string[])];
      flush();
    } else throw new Error(`ZPL ^GFA: unexpected character ${JSON.stringify(ch)}`);
  }
  if (row.length > 0) throw new Error('ZPL ^GFA data ends inside a row');
  if (pos !== total) throw new Error(`ZPL ^GFA data has ${pos} bytes, the header says ${total}`);
  return out;
}

/** What a ZPL label said, besides its graphic. */
export interface DecodedZpl {
  raster: LabelRaster;
  /** `z64` (CRC verified), `b64` or `hex`. */
  graphics: 'z64' | 'b64' | 'hex';
  copies: number;
  darkness?: number;
  speed?: number;
}

/** Decodes a ZPL label holding one `^GFA` graphic at 0,0 (verifies the Z64 CRC and the byte counts). */
export function decodeZpl(bytes: Uint8Array, dpi: number): DecodedZpl {
  const text = latin1(bytes);
  const start = text.indexOf('^XA');
  const end = text.lastIndexOf('^XZ');
  if (start < 0 || end < start) throw new Error('ZPL: no ^XA ... ^XZ format');
  const num = (re: RegExp): number | undefined => {
    const m = re.exec(text);
    return m ? Number(m[1]) : undefined;
  };
  const gf = /\^FO0,0\^GFA,(\d+),(\d+),(\d+),([^^]*)\^FS/.exec(text);
  if (!gf) throw new Error('ZPL: no ^FO0,0^GFA graphic');
  const [total, imageBytes, rowBytes] = [Number(gf[1]), Number(gf[2]), Number(gf[3])];
  const payload = gf[4]!;
  let data: Uint8Array;
  let graphics: DecodedZpl['graphics'];
  const packed = /^:(Z64|B64):([A-Za-z0-9+/=]+):([0-9A-Fa-f]{4})$/.exec(payload);
  if (packed) {
    const [, kind, b64, crcHex] = packed;
    if (crc16(b64!) !== parseInt(crcHex!, 16)) {
      throw new Error(`ZPL: ${kind} CRC ${crcHex} does not match the data (${crc16(b64!).toString(16)})`);
    }
    const raw = Buffer.from(b64!, 'base64');
    data = new Uint8Array(kind === 'Z64' ? inflateSync(raw) : raw);
    graphics = kind === 'Z64' ? 'z64' : 'b64';
    if (data.length !== imageBytes) throw new Error(`ZPL: ${data.length} graphic bytes, the header says ${imageBytes}`);
  } else {
    data = expandZplHex(payload, imageBytes, rowBytes);
    graphics = 'hex';
  }
  if (total !== imageBytes) throw new Error(`ZPL: ^GFA total ${total} ≠ graphic field count ${imageBytes}`);
  const width = num(/\^PW(\d+)/) ?? rowBytes * 8;
  const height = imageBytes / rowBytes;
  const ll = num(/\^LL(\d+)/);
  if (ll !== undefined && ll !== height) throw new Error(`ZPL: ^LL${ll} but the graphic is ${height} rows`);
  return {
    raster: rasterOf(width, height, dpi, data),
    graphics,
    copies: num(/\^PQ(\d+)/) ?? 1,
    darkness: num(/~SD(\d+)/),
    speed: num(/\^PR(\d+)/),
  };
}

/** Splits a command stream into text lines up to a binary block that starts after the line beginning `marker`. */
function splitAtBinary(
  bytes: Uint8Array,
  marker: string,
  newline: string,
): { head: string[]; params: number[]; after: number } {
  const text = latin1(bytes);
  const at = text.indexOf(`${newline}${marker}`);
  if (at < 0) throw new Error(`no ${marker} command`);
  const lineStart = at + newline.length;
  const fields: number[] = [];
  let p = lineStart + marker.length;
  // The binary starts right after the comma that ends the last numeric field.
  for (;;) {
    const comma = text.indexOf(',', p);
    if (comma < 0) throw new Error(`${marker} header is cut short`);
    const field = text.slice(p, comma);
    if (!/^\d+$/.test(field)) throw new Error(`${marker} field ${JSON.stringify(field)} is not a number`);
    fields.push(Number(field));
    p = comma + 1;
    if (fields.length === (marker === 'BITMAP ' ? 5 : 4)) break;
  }
  return { head: text.slice(0, at).split(newline), params: fields, after: p };
}

/** What a TSPL job said. */
export interface DecodedTspl {
  raster: LabelRaster;
  lines: string[];
  copies: number;
}

/**
 * Decodes a TSPL job with one BITMAP at 0,0. `oneIsBlack`: the model prints a 1 bit black (the profile's
 * invertBitmap); otherwise a 0 bit is black, as TSC documents.
 */
export function decodeTspl(bytes: Uint8Array, dpi: number, options: { oneIsBlack?: boolean } = {}): DecodedTspl {
  const { head, params, after } = splitAtBinary(bytes, 'BITMAP ', '\r\n');
  const [x, y, wBytes, h, mode] = params as [number, number, number, number, number];
  if (x !== 0 || y !== 0 || mode !== 0) throw new Error(`TSPL: BITMAP at ${x},${y} mode ${mode}, expected 0,0 mode 0`);
  const size = /^SIZE ([\d.]+) mm,([\d.]+) mm$/.exec(head[0] ?? '');
  if (!size) throw new Error(`TSPL: the job does not start with SIZE (got ${JSON.stringify(head[0])})`);
  if (!head.includes('CLS')) throw new Error('TSPL: no CLS before the BITMAP');
  const width = Math.round((Number(size[1]) * dpi) / 25.4);
  const height = Math.round((Number(size[2]) * dpi) / 25.4);
  if (Math.ceil(width / 8) !== wBytes || height !== h) {
    throw new Error(`TSPL: BITMAP ${wBytes} bytes × ${h} rows does not cover SIZE (${width}×${height} dots)`);
  }
  const raw = bytes.subarray(after, after + wBytes * h);
  if (raw.length !== wBytes * h) throw new Error('TSPL: the BITMAP data is cut short');
  const tail = latin1(bytes.subarray(after + wBytes * h));
  const print = /^\r\nPRINT 1,(\d+)\r\n$/.exec(tail);
  if (!print) throw new Error(`TSPL: expected PRINT 1,N after the BITMAP, got ${JSON.stringify(tail.slice(0, 40))}`);
  const data = options.oneIsBlack ? new Uint8Array(raw) : invert(raw);
  return { raster: rasterOf(width, height, dpi, data), lines: head, copies: Number(print[1]) };
}

/** What an EPL job said. */
export interface DecodedEpl {
  raster: LabelRaster;
  lines: string[];
  copies: number;
}

/** Decodes an EPL2 job with one GW graphic at 0,0 (a 0 bit prints black). */
export function decodeEpl(bytes: Uint8Array, dpi: number): DecodedEpl {
  const { head, params, after } = splitAtBinary(bytes, 'GW', '\n');
  const [x, y, wBytes, h] = params as [number, number, number, number];
  if (x !== 0 || y !== 0) throw new Error(`EPL: GW at ${x},${y}, expected 0,0`);
  if (!head.includes('N')) throw new Error('EPL: no N (clear buffer) before the graphic');
  const q = head.find((l) => /^q\d+$/.test(l));
  const width = q ? Number(q.slice(1)) : wBytes * 8;
  if (Math.ceil(width / 8) !== wBytes) throw new Error(`EPL: q${width} but GW rows are ${wBytes} bytes`);
  const raw = bytes.subarray(after, after + wBytes * h);
  if (raw.length !== wBytes * h) throw new Error('EPL: the GW data is cut short');
  const tail = latin1(bytes.subarray(after + wBytes * h));
  const print = /^\nP(\d+)\n$/.exec(tail);
  if (!print) throw new Error(`EPL: expected P<n> after the graphic, got ${JSON.stringify(tail.slice(0, 40))}`);
  return { raster: rasterOf(width, h, dpi, invert(raw)), lines: head, copies: Number(print[1]) };
}

/** What an ESC/POS job said. */
export interface DecodedEscpos {
  raster: LabelRaster;
  /** Rows of each `GS v 0` band, in order. */
  bandRows: number[];
  cut: boolean;
}

/**
 * Decodes an ESC/POS raster job: `ESC @`, `GS v 0` bands (all of one width), then optionally feed + cut + init.
 * @param width - the label's width in dots (ESC/POS rasters only carry whole bytes)
 */
export function decodeEscpos(bytes: Uint8Array, width: number, dpi: number): DecodedEscpos {
  const b = Buffer.from(bytes);
  if (b[0] !== 0x1b || b[1] !== 0x40) throw new Error('ESC/POS: the job does not start with ESC @');
  let p = 2;
  const bands: Uint8Array[] = [];
  const bandRows: number[] = [];
  let rowBytes: number | undefined;
  let cut = false;
  while (p < b.length) {
    if (b[p] === 0x1d && b[p + 1] === 0x76 && b[p + 2] === 0x30) {
      if (cut) throw new Error('ESC/POS: raster after the cut');
      const m = b[p + 3]!;
      if (m !== 0 && m !== 48) throw new Error(`ESC/POS: GS v 0 mode ${m} (scaled) at byte ${p}`);
      const x = b.readUInt16LE(p + 4);
      const y = b.readUInt16LE(p + 6);
      if (rowBytes !== undefined && x !== rowBytes) throw new Error(`ESC/POS: band at byte ${p} changes width`);
      rowBytes = x;
      const body = b.subarray(p + 8, p + 8 + x * y);
      if (body.length !== x * y) throw new Error(`ESC/POS: band at byte ${p} is cut short`);
      bands.push(body);
      bandRows.push(y);
      p += 8 + x * y;
    } else if (b[p] === 0x1b && b[p + 1] === 0x64)
      p += 3; // ESC d n: feed n lines
    else if (
      b[p] === 0x1d &&
      b[p + 1] === 0x56 &&
      (b[p + 2] === 0 || b[p + 2] === 1 || b[p + 2] === 48 || b[p + 2] === 49)
    ) {
      cut = true;
      p += 3;
    } else if (b[p] === 0x1b && b[p + 1] === 0x40) p += 2;
    else throw new Error(`ESC/POS: unexpected byte 0x${b[p]!.toString(16)} at ${p}`);
  }
  if (rowBytes === undefined) throw new Error('ESC/POS: no GS v 0 raster');
  if (Math.ceil(width / 8) !== rowBytes) throw new Error(`ESC/POS: rows are ${rowBytes} bytes, not ${width} dots`);
  const height = bandRows.reduce((a, n) => a + n, 0);
  return { raster: rasterOf(width, height, dpi, new Uint8Array(Buffer.concat(bands))), bandRows, cut };
}

/** Dots that differ between two rasters (padding bits ignored); throws when their sizes differ. */
export function differingDots(a: LabelRaster, b: LabelRaster): number {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`raster sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
  let diff = 0;
  for (let y = 0; y < a.height; y++) {
    for (let i = 0; i < a.bytesPerRow; i++) {
      let x = a.data[y * a.bytesPerRow + i]! ^ b.data[y * b.bytesPerRow + i]!;
      const pad = (i + 1) * 8 - a.width;
      if (pad > 0) x &= (0xff << pad) & 0xff;
      for (; x; x &= x - 1) diff++;
    }
  }
  return diff;
}
