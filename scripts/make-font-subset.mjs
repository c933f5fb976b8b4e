// Extracts one face of a TrueType Collection into a standalone TTF for assets/fonts.
// Run once when the shipped font changes:
//   node scripts/make-font-subset.mjs [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc] [faceIndex=0] [out]
// The default source is Debian's fonts-wqy-microhei (Apache-2.0); face 0 is "WenQuanYi Micro Hei" (proportional).
// No glyphs are dropped: the face already covers GBK Hanzi and Latin with diacritics, and a label font that lacks a
// rare Hanzi in a receiver's name is worse than a few MB on disk.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const face = Number(process.argv[3] ?? 0);
const out = process.argv[4] ?? path.join(root, 'assets/fonts/wqy-microhei.ttf');

const ttc = readFileSync(src);
if (ttc.toString('latin1', 0, 4) !== 'ttcf') throw new Error(`${src} is not a TrueType Collection`);
const numFonts = ttc.readUInt32BE(8);
if (face < 0 || face >= numFonts) throw new Error(`face ${face} out of range (0..${numFonts - 1})`);
const dir = ttc.readUInt32BE(12 + 4 * face);
const sfntVersion = ttc.readUInt32BE(dir);
const numTables = ttc.readUInt16BE(dir + 4);
const tables = [];
for (let i = 0; i < numTables; i++) {
  const rec = dir + 12 + 16 * i;
  tables.push({
    tag: ttc.toString('latin1', rec, rec + 4),
    checksum: ttc.readUInt32BE(rec + 4),
    offset: ttc.readUInt32BE(rec + 8),
    length: ttc.readUInt32BE(rec + 12),
  });
}
tables.sort((a, b) => (a.tag < b.tag ? -1 : 1));

const pad4 = (n) => (n + 3) & ~3;
const headerLen = 12 + 16 * numTables;
let size = headerLen;
for (const t of tables) size += pad4(t.length);
const buf = Buffer.alloc(size);
buf.writeUInt32BE(sfntVersion, 0);
buf.writeUInt16BE(numTables, 4);
const log2 = Math.floor(Math.log2(numTables));
buf.writeUInt16BE(16 * 2 ** log2, 6);
buf.writeUInt16BE(log2, 8);
buf.writeUInt16BE(numTables * 16 - 16 * 2 ** log2, 10);
let at = headerLen;
tables.forEach((t, i) => {
  const rec = 12 + 16 * i;
  buf.write(t.tag, rec, 'latin1');
  buf.writeUInt32BE(t.checksum, rec + 4);
  buf.writeUInt32BE(at, rec + 8);
  buf.writeUInt32BE(t.length, rec + 12);
  ttc.copy(buf, at, t.offset, t.offset + t.length);
  at += pad4(t.length);
});

// head.checkSumAdjustment = 0xB1B0AFBA - sum(whole file with the field zeroed).
const head = tables.findIndex((t) => t.tag === 'head');
const headOffset = buf.readUInt32BE(12 + 16 * head + 8);
buf.writeUInt32BE(0, headOffset + 8);
let sum = 0;
for (let i = 0; i < buf.length; i += 4) sum = (sum + buf.readUInt32BE(i)) >>> 0;
buf.writeUInt32BE((0xb1b0afba - sum) >>> 0, headOffset + 8);

writeFileSync(out, buf);
console.log(`${out}: face ${face} of ${src}, ${numTables} tables, ${buf.length} bytes`);
