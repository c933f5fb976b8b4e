import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { commands, type UiSettings } from '../../../src-main/contract';
import { createStationHandlers, createUiSettingsService } from '../../../src-main/station';
import type { PackService } from '../../../src-main/station/pack/pack-service';
import type { SyncService } from '../../../src-main/station/sync-service';
import type { TemplatesService } from '../../../src-main/station/templates-service';
import { createSettingsRepository, loadMigrations, migrate, type OrdersRepository } from '../../../src-main/store';

function station() {
  const db = new Database(':memory:');
  migrate(db, loadMigrations());
  const settings = createSettingsRepository(db);
  const heard: UiSettings[] = [];
  const service = createUiSettingsService({ settings, onChange: (saved) => heard.push(saved) });
  return { db, settings, service, heard };
}

const scanner = { maxGapMs: 120, minLength: 5, prefix: ']C1', suffix: '', slowInput: 'report' as const };

describe('the screen settings the station keeps', () => {
  it('has none saved in a new station, so every screen starts from its own defaults', () => {
    expect(station().service.get()).toEqual({ locale: null, volume: null, scanner: null });
  });

  it('saves only the settings given and tells every screen', () => {
    const { service, heard } = station();
    service.save({ locale: 'zh-CN' });
    const saved = service.save({ volume: 0.5, scanner });
    expect(saved).toEqual({ locale: 'zh-CN', volume: 0.5, scanner });
    expect(service.get()).toEqual(saved);
    expect(heard).toEqual([{ locale: 'zh-CN', volume: null, scanner: null }, saved]);
  });

  it('keeps them in the station database, where a new service (a restart) reads them back', () => {
    const { db, service } = station();
    service.save({ locale: 'en', scanner });
    expect(createUiSettingsService({ settings: createSettingsRepository(db) }).get()).toMatchObject({
      locale: 'en',
      scanner,
    });
  });

  it('reads a stored value it cannot use as never saved instead of failing the screen', () => {
    const { settings, service } = station();
    settings.set('ui.locale', 'fr');
    settings.set('ui.volume', '7');
    settings.set('ui.scanner', '{"maxGapMs":"fast"');
    expect(service.get()).toEqual({ locale: null, volume: null, scanner: null });
  });

  it('refuses, at the contract, a gap out of range and a prefix with a line break', () => {
    const input = commands['station:saveUiSettings'].input;
    expect(input.safeParse({ scanner: { ...scanner, maxGapMs: 5000 } }).success).toBe(false);
    expect(input.safeParse({ scanner: { ...scanner, prefix: 'a\nb' } }).success).toBe(false);
    expect(input.safeParse({ locale: 'de' }).success).toBe(false);
    expect(input.safeParse({ volume: 0 }).success).toBe(false);
    expect(input.safeParse({ scanner }).success).toBe(true);
  });

  it('is reachable through the command handlers', async () => {
    const { service } = station();
    const handlers = createStationHandlers({
      pack: {} as PackService,
      sync: {} as SyncService,
      orders: {} as OrdersRepository,
      info: () => ({ version: '0', stationId: 's', erp: { kind: 'demo', url: '' }, printer: 'file', dataDir: '/' }),
      templates: {} as TemplatesService,
      uiSettings: service,
    });
    await handlers['station:saveUiSettings']({ locale: 'zh-CN' });
    await expect(handlers['station:uiSettings']({})).resolves.toMatchObject({ locale: 'zh-CN' });
  });
});
