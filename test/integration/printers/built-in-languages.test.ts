import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStation, type Station } from '../../../src-main/compose';
import { builtInPrinterCatalog, createPrinterFromUri, printOnce } from '../../../src-main/printers';
import { decodeEscpos, decodeTspl, decodeZpl } from '../../helpers/printer-decoders';
import { testRaster } from '../../helpers/minimal-zpl';
import { startPrinterEmulator, type EmulatedLanguage } from '../../helpers/printer-emulator';

// The station's own profiles and encoders over raw TCP to emulated printers of each status-speaking language.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-languages-'));
let station: Station;

beforeAll(async () => {
  station = await createStation({
    dataDir: path.join(tmp, 'station'),
    printerTimeouts: { connectTimeoutMs: 1000, writeTimeoutMs: 2000, totalTimeoutMs: 10_000, statusTimeoutMs: 1000 },
  });
});
afterAll(async () => {
  await station.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.each([
  ['zpl', 'generic-zpl-300', 300],
  ['tspl', 'generic-tspl-203', 203],
] as const)('test label in %s (%s)', (language: EmulatedLanguage, profile, dpi) => {
  it('renders at the profile dpi, checks status, and arrives as one whole job', async () => {
    const emulator = await startPrinterEmulator(language);
    try {
      await station.api.handlers['printers:save']({ primary: { uri: emulator.uri, profile }, backup: null });
      const result = await station.api.handlers['printers:testPrint']({ target: 'primary' });
      expect(result.state).toBe('confirmed');
      const [job] = await emulator.waitForJobs(1);
      expect(job!.complete).toBe(true);
      const decoded = language === 'zpl' ? decodeZpl(job!.bytes, dpi) : decodeTspl(job!.bytes, dpi);
      // The sample waybill is 100 x 150 mm.
      expect(decoded.raster.width).toBe(Math.round((100 * dpi) / 25.4));
      expect(decoded.raster.height).toBe(Math.round((150 * dpi) / 25.4));
      // Status is asked before and after the job, on connections of their own.
      expect(emulator.connections).toBe(3);

      emulator.set({ paperOut: true });
      const refused = await station.api.handlers['printers:testPrint']({ target: 'primary' });
      expect(refused).toMatchObject({ state: 'failed', condition: 'paper-out' });
      expect(emulator.jobs).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});

describe('ESC/POS raster to an emulated receipt printer', () => {
  it('sends bands of at most 256 rows, cut at the end, after a DLE EOT check', async () => {
    const emulator = await startPrinterEmulator('escpos');
    try {
      const printer = createPrinterFromUri(`${emulator.uri}?profile=generic-escpos-203`, tmp, builtInPrinterCatalog);
      const raster = testRaster(576, 600);
      const result = await printOnce({
        jobId: 'escpos-1',
        baseName: 'x',
        label: { pdf: new Uint8Array(), png: new Uint8Array(), raster },
        printer,
      });
      expect(result.state).toBe('confirmed');
      const [job] = await emulator.waitForJobs(1);
      const decoded = decodeEscpos(job!.bytes, 576, 203);
      expect(decoded.bandRows.every((rows) => rows <= 256)).toBe(true);
      expect(decoded.bandRows.reduce((a, b) => a + b, 0)).toBe(600);
      expect(decoded.cut).toBe(true);

      emulator.set({ paperOut: true });
      const refused = await printOnce({
        jobId: 'escpos-2',
        baseName: 'x',
        label: { pdf: new Uint8Array(), png: new Uint8Array(), raster },
        printer,
      });
      expect(refused).toMatchObject({ state: 'failed', condition: 'offline', nothingSent: true });
      expect(emulator.jobs).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });

  it('refuses a label wider than the head before anything is sent', async () => {
    const emulator = await startPrinterEmulator('escpos');
    try {
      const printer = createPrinterFromUri(`${emulator.uri}?profile=generic-escpos-203`, tmp, builtInPrinterCatalog);
      const result = await printOnce({
        jobId: 'wide',
        baseName: 'x',
        label: { pdf: new Uint8Array(), png: new Uint8Array(), raster: testRaster(800, 16) },
        printer,
      });
      expect(result).toMatchObject({ state: 'failed', nothingSent: true });
      expect(result.detail).toContain('at most 576 dots');
      expect(emulator.jobBytes).toBe(0);
    } finally {
      await emulator.close();
    }
  });
});
