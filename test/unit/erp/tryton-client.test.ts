import { describe, expect, it } from 'vitest';
import type { ErpError } from '../../../src-main/erp';
import {
  createTrytonClient,
  faultToError,
  parseTrytonUrl,
  trytonUrlFromParts,
  TrytonWarning,
} from '../../../src-main/erp/tryton';

const PASSWORD = 'pa:ss/w0rd';
const target = parseTrytonUrl(`tryton://clerk:${encodeURIComponent(PASSWORD)}@erp.example:8001/shop`);

/** A fake Tryton: answers each JSON-RPC method with the handler's value (or an error / HTTP status). */
function fakeTryton(handlers: Record<string, (params: unknown[], auth: string | null) => unknown>) {
  const calls: { method: string; params: unknown[]; auth: string | null }[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    expect(url).toBe('http://erp.example:8001/shop/');
    const body = JSON.parse(String(init.body)) as { id: number; method: string; params: unknown[] };
    const auth = (init.headers as Record<string, string>).authorization ?? null;
    calls.push({ method: body.method, params: body.params, auth });
    const handler = handlers[body.method];
    if (!handler) return new Response('forbidden', { status: 403 });
    const answer = handler(body.params, auth);
    if (answer instanceof Response) return answer;
    if (answer instanceof Error) throw answer;
    return Response.json({ id: body.id, ...(answer as object) });
  }) as typeof fetch;
  return { fetchImpl, calls };
}

const login = () => ({ result: [7, 'a'.repeat(64)] });
const preferences = () => ({ result: { company: 1, language: 'en', 'company.rec_name': 'ACME' } });

describe('parseTrytonUrl', () => {
  it('reads user, password, host, port and database, and builds the JSON-RPC endpoint', () => {
    expect(target).toEqual({
      endpoint: 'http://erp.example:8001/shop/',
      database: 'shop',
      login: 'clerk',
      password: PASSWORD,
      display: 'erp.example:8001/shop',
    });
    expect(parseTrytonUrl('trytons://a:b@h/db').endpoint).toBe('https://h:8000/db/');
  });

  it('refuses URLs without database or credentials, without repeating the password', () => {
    for (const url of ['tryton://a:secret@h:1', 'tryton://h:1/db', 'http://a:secret@h/db', 'tryton://a:secret@h/x/y']) {
      const error = (() => {
        try {
          parseTrytonUrl(url);
        } catch (e) {
          return e as ErpError;
        }
        throw new Error(`accepted ${url}`);
      })();
      expect(error.kind).toBe('rejected');
      expect(error.message).not.toContain('secret');
    }
  });
});

describe("trytonUrlFromParts (the settings screen's separate fields)", () => {
  it('round-trips awkward users, passwords and databases through parseTrytonUrl', () => {
    const parsed = parseTrytonUrl(
      trytonUrlFromParts({
        server: 'https://erp.example:8443',
        database: 'shop 2',
        user: 'ad min',
        password: 'p@ss:/w#',
      }),
    );
    expect(parsed).toMatchObject({
      endpoint: 'https://erp.example:8443/shop%202/',
      database: 'shop 2',
      login: 'ad min',
      password: 'p@ss:/w#',
    });
    expect(
      parseTrytonUrl(trytonUrlFromParts({ server: 'tryton://h', database: 'd', user: 'u', password: 'p' })).endpoint,
    ).toBe('http://h:8000/d/');
  });

  it('refuses a server that is not a URL', () => {
    expect(() => trytonUrlFromParts({ server: 'erp host', database: 'd', user: 'u', password: 'p' })).toThrow(
      /Tryton server/,
    );
  });
});

describe('the Tryton JSON-RPC client', () => {
  it('logs in once, sends the session and the user context with every model call', async () => {
    const tryton = fakeTryton({
      'common.db.login': login,
      'model.res.user.get_preferences': preferences,
      'model.stock.shipment.out.search': () => ({ result: [1, 2] }),
    });
    const client = createTrytonClient({ target, fetch: tryton.fetchImpl });
    expect(await client.model('stock.shipment.out', 'search', [])).toEqual([1, 2]);
    expect(await client.model('stock.shipment.out', 'search', [])).toEqual([1, 2]);
    expect(tryton.calls.map((c) => c.method)).toEqual([
      'common.db.login',
      'model.res.user.get_preferences',
      'model.stock.shipment.out.search',
      'model.stock.shipment.out.search',
    ]);
    expect(tryton.calls[0]!.params).toEqual(['clerk', { password: PASSWORD }, 'en']);
    const session = `Session ${Buffer.from(`clerk:7:${'a'.repeat(64)}`).toString('base64')}`;
    expect(tryton.calls[2]).toMatchObject({ auth: session, params: [[], { company: 1, language: 'en' }] });
  });

  it('logs in again once when the session expired (401)', async () => {
    let expired = true;
    const tryton = fakeTryton({
      'common.db.login': login,
      'model.res.user.get_preferences': preferences,
      'model.party.party.read': () => {
        if (expired) {
          expired = false;
          return new Response('', { status: 401 });
        }
        return { result: [] };
      },
    });
    const client = createTrytonClient({ target, fetch: tryton.fetchImpl });
    expect(await client.model('party.party', 'read', [1], ['name'])).toEqual([]);
    expect(tryton.calls.filter((c) => c.method === 'common.db.login')).toHaveLength(2);
  });

  it('maps a refused login to auth, a dead server to network, 5xx to server, never showing the password', async () => {
    const refused = createTrytonClient({
      target,
      fetch: fakeTryton({ 'common.db.login': () => new Response('', { status: 401 }) }).fetchImpl,
    });
    await expect(refused.model('x', 'y')).rejects.toMatchObject({ kind: 'auth' });

    const down = createTrytonClient({
      target,
      fetch: fakeTryton({ 'common.db.login': () => new TypeError(`fetch failed ${PASSWORD}`) }).fetchImpl,
    });
    const network = (await down.model('x', 'y').catch((e: unknown) => e)) as ErpError;
    expect(network.kind).toBe('network');
    expect(network.message).not.toContain(PASSWORD);

    const broken = createTrytonClient({
      target,
      fetch: fakeTryton({ 'common.db.login': () => new Response('oops', { status: 502 }) }).fetchImpl,
    });
    await expect(broken.model('x', 'y')).rejects.toMatchObject({ kind: 'server' });
  });

  it('accepts warnings like a person clicking Yes: a res.user.warning, then the button again', async () => {
    let rounds = 0;
    const created: unknown[] = [];
    const tryton = fakeTryton({
      'common.db.login': login,
      'model.res.user.get_preferences': preferences,
      'model.stock.shipment.out.pack': () =>
        ++rounds <= 2
          ? { error: ['UserWarning', [`w${rounds}`, 'Stock moves have no origin.', '']] }
          : { result: null },
      'model.res.user.warning.create': (params) => {
        created.push((params[0] as unknown[])[0]);
        return { result: [created.length] };
      },
    });
    const client = createTrytonClient({ target, fetch: tryton.fetchImpl });
    await client.button('stock.shipment.out', 'pack', [5]);
    expect(created).toEqual([
      { user: 7, name: 'w1', always: false },
      { user: 7, name: 'w2', always: false },
    ]);
  });
});

describe('faultToError', () => {
  it('classifies Tryton faults', () => {
    expect(faultToError('call', ['UserError', ['Not enough stock.', 'Details', null]])).toMatchObject({
      kind: 'rejected',
      message: 'call: Tryton refused: Not enough stock. Details',
    });
    expect(faultToError('call', ['ConcurrencyException', 'Records were modified'])).toMatchObject({ kind: 'conflict' });
    expect(faultToError('call', ['UserWarning', ['name', 'Sure?', '']])).toBeInstanceOf(TrytonWarning);
    expect(faultToError('call', ['LoginException', ['password', 'Password', 'password']])).toMatchObject({
      kind: 'auth',
    });
    const missing = faultToError('call', ["Database '/var/lib/tryton/x.sqlite' doesn't exist!", '']);
    expect(missing.kind).toBe('auth');
    expect(missing.message).not.toContain('/var/lib');
    expect(faultToError('call', ['KeyError: 42', 'Traceback …'])).toMatchObject({
      kind: 'server',
      message: 'call: Tryton failed: KeyError: 42',
    });
  });
});
