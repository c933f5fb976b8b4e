import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ErpError, type ErpConnector } from '../../../src-main/erp';
import {
  createErpSettingsService,
  ERP_CREDENTIALS_FILE,
  loadSavedErpSettings,
  redactCredential,
} from '../../../src-main/station/erp-settings-service';
import { createSyncService } from '../../../src-main/station/sync-service';
import { createSettingsRepository, openStationDatabase, type Outbox } from '../../../src-main/store';
import { createConnectivity, type DrainResult, type OrderPuller, type OutboxUploader } from '../../../src-main/sync';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-erp-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('sync service: an authentication refusal pauses uploads', () => {
  function setup() {
    const db = openStationDatabase(tempDir());
    const calls: boolean[] = [];
    let answer: DrainResult = {
      uploaded: 0,
      failed: 1,
      remaining: 1,
      stoppedBy: 'POST /shipments answered 401: bad signature (bad-signature)',
      stoppedKind: 'auth',
      refused: [],
    };
    const uploader: OutboxUploader = {
      drain: async (options) => {
        calls.push(options?.force ?? false);
        return answer;
      },
    };
    const puller: OrderPuller = { pullAll: async () => 0, pullOne: async () => null };
    const outbox = {
      stats: () => ({ depth: 1, oldestPendingAt: null, rejected: 0, conflict: 0 }),
    } as unknown as Outbox;
    const sync = createSyncService({
      puller,
      uploader,
      outbox,
      settings: createSettingsRepository(db),
      connectivity: createConnectivity(),
      clock: () => new Date('2026-01-01T00:00:00Z'),
      onQueueChanged: () => undefined,
      onOrdersChanged: () => undefined,
    });
    return {
      sync,
      calls,
      db,
      succeed: () =>
        (answer = { uploaded: 1, failed: 0, remaining: 0, stoppedBy: null, stoppedKind: null, refused: [] }),
    };
  }

  it('reports the problem, stops background drains, and resumes on sync now', async () => {
    const { sync, calls, db, succeed } = setup();
    try {
      const first = await sync.drain(false);
      expect(first.error).toMatch(/refused the station's credentials.*bad-signature.*paused/);
      expect(sync.queueStatus()).toMatchObject({ paused: true, online: false, depth: 1 });
      expect(sync.queueStatus().lastError).toMatch(/credentials/);
      // Background drains (not forced) no longer call the ERP.
      await sync.drain(false);
      await sync.drain(false);
      expect(calls).toEqual([false]);
      // "Sync now" lifts the pause and tries again.
      succeed();
      const result = await sync.syncNow();
      expect(result.error).toBeNull();
      expect(calls).toEqual([false, true]);
      expect(sync.queueStatus().paused).toBe(false);
    } finally {
      db.close();
    }
  });
});

describe('ERP settings service', () => {
  const connector = (fail?: string): ErpConnector => ({
    kind: 'rest',
    pullPending: async () => {
      if (fail) throw new ErpError('auth', fail);
      return { orders: [], nextCursor: null };
    },
    getOrder: async () => null,
    claim: async () => undefined,
    confirmShipment: async () => {
      throw new Error('unused');
    },
  });

  function setup(fail?: string) {
    const dataDir = tempDir();
    const db = openStationDatabase(dataDir);
    const settings = createSettingsRepository(db);
    const service = createErpSettingsService({
      settings,
      dataDir,
      active: { kind: 'demo', url: 'http://127.0.0.1:1' },
      overridden: false,
      connectorFor: () => connector(fail),
    });
    return { dataDir, db, settings, service };
  }

  it('redacts credentials', () => {
    expect(redactCredential(undefined)).toBeNull();
    expect(redactCredential('short')).toBe('••••');
    expect(redactCredential('sk-live-abcdef-1234')).toBe('••••1234');
  });

  it('stores non-secrets in settings and secrets in a 0600 file, and never shows them back in full', () => {
    const { dataDir, db, settings, service } = setup();
    try {
      const view = service.save({
        type: 'rest',
        url: 'https://erp.example.com',
        keyId: 'station-7',
        apiKey: 'api-key-000000009876',
        secret: 'signing-secret-00005555',
      });
      expect(view).toMatchObject({
        type: 'rest',
        url: 'https://erp.example.com',
        keyId: 'station-7',
        apiKey: '••••9876',
        secret: '••••5555',
        password: null,
      });
      expect(JSON.stringify(view)).not.toContain('api-key-000000009876');
      expect(settings.get('erp.url')).toBe('https://erp.example.com');
      const file = path.join(dataDir, ERP_CREDENTIALS_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain('signing-secret-00005555');
      // Leaving a credential out keeps it; '' removes it.
      service.save({ type: 'rest', url: 'https://erp.example.com', keyId: 'station-7', apiKey: '' });
      const saved = loadSavedErpSettings(settings, dataDir);
      expect(saved?.secret).toBe('signing-secret-00005555');
      expect(saved?.apiKey).toBeUndefined();
      expect(service.get().apiKey).toBeNull();
    } finally {
      db.close();
    }
  });

  it('refuses incomplete settings with a readable reason', () => {
    const { db, service } = setup();
    try {
      expect(() => service.save({ type: 'rest', url: 'ftp://x' })).toThrow(/http/);
      expect(() => service.save({ type: 'tryton', url: 'https://t:8000' })).toThrow(/database/);
      expect(() => service.save({ type: 'rest', url: 'https://x', keyId: 'k' })).toThrow(/secret/);
    } finally {
      db.close();
    }
  });

  it('tests a connection without ever echoing the secret', async () => {
    const secret = 'very-secret-value-42';
    const { db, service } = setup(`answered 401 for ${secret}`);
    try {
      const result = await service.test({ type: 'rest', url: 'https://erp.example.com', keyId: 'k', secret });
      expect(result.ok).toBe(false);
      expect(result.message).not.toContain(secret);
      const ok = await setup().service.test({ type: 'demo' });
      expect(ok.ok).toBe(true);
    } finally {
      db.close();
    }
  });
});
