import { z } from 'zod';

/** The languages the station's screens speak. */
export const uiLocaleSchema = z.enum(['zh-CN', 'en']);

/**
 * How the screens tell a keyboard-wedge scanner from typing, as a supervisor set it on the Scanner screen. The
 * station keeps it (not each browser), so every screen of the bench, and a new tab after a restart, scans alike.
 */
export const scannerSettingsSchema = z
  .object({
    /** Longest gap between two keys of one scan, in ms. Bluetooth scanners may need 100-150. */
    maxGapMs: z.number().int().min(10).max(500),
    /** Shortest scan, in characters. */
    minLength: z.number().int().min(1).max(64),
    /** Characters the scanner puts before every code, stripped from scans. */
    prefix: z
      .string()
      .max(16)
      .regex(/^[^\r\n]*$/, 'no line breaks'),
    /** Characters the scanner puts after every code (before its Enter), stripped from scans. */
    suffix: z
      .string()
      .max(16)
      .regex(/^[^\r\n]*$/, 'no line breaks'),
    /**
     * Keys slower than `maxGapMs`, typed with no field focused on the Pack or Handover screen and ended by Enter:
     * `scan` takes them as a scan, `report` only shows what arrived and says where to set the gap.
     */
    slowInput: z.enum(['scan', 'report']),
  })
  .strict();

/** The station's screen settings; null where the station never saved one (the screen then keeps its default). */
export const uiSettingsSchema = z.object({
  locale: uiLocaleSchema.nullable(),
  /** 0.2..1. */
  volume: z.number().min(0.2).max(1).nullable(),
  scanner: scannerSettingsSchema.nullable(),
});

/** What `station:saveUiSettings` takes: only the settings given change. */
export const uiSettingsInputSchema = z
  .object({
    locale: uiLocaleSchema.optional(),
    volume: z.number().min(0.2).max(1).optional(),
    scanner: scannerSettingsSchema.optional(),
  })
  .strict();

export type UiLocale = z.infer<typeof uiLocaleSchema>;
export type ScannerSettings = z.infer<typeof scannerSettingsSchema>;
export type UiSettings = z.infer<typeof uiSettingsSchema>;
