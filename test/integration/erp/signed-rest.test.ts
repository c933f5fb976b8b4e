import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorSchema } from '../../../src-main/erp/api-schema';
import { ErpError } from '../../../src-main/erp/connector';
import { createDemoErp, type DemoErp } from '../../../src-main/demo';
import { createRestConnector, signRequest } from '../../../src-main/erp/rest';
import { runCli, startCliServer, type CliServer } from '../../helpers/cli';

const SECRET = 'demo-secret-0123456789';
const KEY = { keyId: 'dockside', secret: SECRET };

async function codeOf(response: Response): Promise<string> {
  return apiErrorSchema.parse(await response.json()).error.code;
}

describe('the demo ERP with a secret refuses what is not signed right (in-process)', () => {
  let dir: string;
  let erp: DemoErp;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-signed-'));
    erp = createDemoErp({ dbPath: path.join(dir, 'erp.sqlite'), orders: 5, secret: SECRET });
    ({ url } = await erp.listen(0));
  });
  afterAll(async () => {
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const target = '/api/v1/orders?status=pending&limit=2';
  const get = (headers: Record<string, string>) => fetch(url + target, { headers });

  it('accepts a signed request and the signed connector', async () => {
    expect((await get(signRequest(KEY, { method: 'GET', target }))).status).toBe(200);
    const { orders } = await createRestConnector({ baseUrl: url, signing: KEY }).pullPending(null, 2);
    expect(orders).toHaveLength(2);
  });

  it('refuses an unsigned request', async () => {
    const response = await get({});
    expect(response.status).toBe(401);
    expect(await codeOf(response)).toBe('signature-missing');
  });

  it('refuses a bad signature (wrong secret, or a request altered after signing)', async () => {
    const wrong = await get(signRequest({ ...KEY, secret: 'wrong' }, { method: 'GET', target }));
    expect(wrong.status).toBe(401);
    expect(await codeOf(wrong)).toBe('bad-signature');
    const altered = await fetch(`${url}/api/v1/orders?status=pending&limit=3`, {
      headers: signRequest(KEY, { method: 'GET', target }),
    });
    expect(altered.status).toBe(401);
    expect(await codeOf(altered)).toBe('bad-signature');
  });

  it('refuses an unknown key id', async () => {
    const response = await get(signRequest({ ...KEY, keyId: 'someone' }, { method: 'GET', target }));
    expect(await codeOf(response)).toBe('unknown-key');
  });

  it('refuses a stale timestamp (more than 5 minutes off, either way)', async () => {
    for (const offset of [-6 * 60_000, 6 * 60_000]) {
      const response = await get(signRequest(KEY, { method: 'GET', target }, new Date(Date.now() + offset)));
      expect(response.status).toBe(401);
      expect(await codeOf(response)).toBe('stale-timestamp');
    }
  });

  it('refuses a replayed nonce', async () => {
    const headers = signRequest(KEY, { method: 'GET', target });
    expect((await get(headers)).status).toBe(200);
    const replay = await get(headers);
    expect(replay.status).toBe(401);
    expect(await codeOf(replay)).toBe('replayed-nonce');
  });

  it('signs POST bodies: a tampered body is refused', async () => {
    const body = JSON.stringify({ stationId: 'S1' });
    const headers = {
      ...signRequest(KEY, { method: 'POST', target: '/api/v1/orders/SO-100001/claim', body }),
      'content-type': 'application/json',
    };
    const tampered = await fetch(`${url}/api/v1/orders/SO-100001/claim`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ stationId: 'S2' }),
    });
    expect(await codeOf(tampered)).toBe('bad-signature');
    const ok = await fetch(`${url}/api/v1/orders/SO-100001/claim`, { method: 'POST', headers, body });
    expect(ok.status).toBe(200);
  });

  it('answers 429 with Retry-After when throttled, and the connector reports the wait', async () => {
    erp.throttle(1, 7);
    const error = await createRestConnector({ baseUrl: url, signing: KEY })
      .pullPending(null, 1)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ErpError);
    expect((error as ErpError).kind).toBe('rate-limited');
    expect((error as ErpError).retryAfterMs).toBe(7000);
  });
});

describe('a station with the wrong secret (real processes)', () => {
  let dir: string;
  let server: CliServer;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-signed-cli-'));
    server = await startCliServer(
      ['demo-erp', '--port', '0', '--data', path.join(dir, 'erp'), '--orders', '5', '--secret', SECRET],
      /listening at (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/,
    );
    url = server.match[1]!;
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const station = (secret: string) => ({ DOCKSIDE_ERP_SECRET: secret, DOCKSIDE_ERP_KEY_ID: 'dockside' });
  const common = () => ['--erp', url, '--data', path.join(dir, 'station')];

  it('ships offline-style, reports the authentication problem, keeps the write, and drains it once when fixed', async () => {
    // The order arrives while the secret is right ...
    const pulled = await runCli(['sync', ...common(), '--json'], station(SECRET));
    expect(pulled.code, pulled.stderr).toBe(0);

    // ... then the secret is wrong: the packer still ships, the write is queued.
    const shipped = await runCli(
      ['ship', 'SO-100001', ...common(), '--printer', `file:${path.join(dir, 'labels')}`, '--json'],
      station('not-the-secret'),
    );
    expect(shipped.code, shipped.stderr).toBe(0);
    const ship = JSON.parse(shipped.stdout) as { uploaded: boolean; outboxDepth: number; erpError: string | null };
    expect(ship.uploaded).toBe(false);
    expect(ship.outboxDepth).toBe(1);
    expect(ship.erpError).toMatch(/credentials.*401.*bad-signature.*paused/s);

    const status = await runCli(['status', '--data', path.join(dir, 'station'), '--json']);
    const outbox = (JSON.parse(status.stdout) as { outbox: { depth: number; pending: { lastError: string }[] } })
      .outbox;
    expect(outbox.depth).toBe(1);
    expect(outbox.pending[0]!.lastError).toMatch(/401.*bad-signature/);

    // A sync with the wrong secret does not lose the item either.
    const refused = await runCli(['sync', ...common(), '--json'], station('not-the-secret'));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/credentials/);

    // Fixed: one sync drains it, exactly once.
    const fixed = await runCli(['sync', ...common(), '--json'], station(SECRET));
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ uploaded: 1, depth: 0 });
    const again = await runCli(['sync', ...common(), '--json'], station(SECRET));
    expect(JSON.parse(again.stdout)).toMatchObject({ uploaded: 0, depth: 0 });

    const order = await fetch(`${url}/api/v1/orders/SO-100001`, {
      headers: signRequest(KEY, { method: 'GET', target: '/api/v1/orders/SO-100001' }),
    });
    const body = (await order.json()) as { status: string; shipments: unknown[] };
    expect(body.status).toBe('shipped');
    expect(body.shipments).toHaveLength(1);
  });
});
