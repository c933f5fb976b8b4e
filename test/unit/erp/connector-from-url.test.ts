import { describe, expect, it } from 'vitest';
import { createErpConnectorFromUrl, UnsupportedErpUrlError } from '../../../src-main/erp';

describe('an ERP connector from a URL', () => {
  it.each([
    ['http://127.0.0.1:8780', 'rest'],
    ['https://erp.example.com/prefix', 'rest'],
    ['tryton://station:secret@127.0.0.1:8000/shop', 'tryton'],
    ['trytons://station:secret@erp.example.com/shop', 'tryton'],
  ])('%s selects the %s connector', (url, kind) => {
    const { kind: selected, connector } = createErpConnectorFromUrl({ url });
    expect(selected).toBe(kind);
    expect(connector.kind).toBe(kind);
  });

  it('refuses any other URL, naming it without its credentials', () => {
    const build = () => createErpConnectorFromUrl({ url: 'ftp://user:hunter2-password@erp.example.com' });
    expect(build).toThrow(UnsupportedErpUrlError);
    expect(build).toThrow(/ftp:\/\/\*\*\*:\*\*\*@erp\.example\.com.* is not supported; use http\(s\):\/\//);
    expect(build).not.toThrow(/hunter2/);
  });

  it('sends the API key and uses the timeout it is given', async () => {
    const seen: { auth: string | null; aborted: boolean }[] = [];
    const fetchStub: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        const headers = new Headers(init?.headers);
        const entry = { auth: headers.get('authorization'), aborted: false };
        seen.push(entry);
        init?.signal?.addEventListener('abort', () => {
          entry.aborted = true;
          reject(init.signal?.reason);
        });
      });
    const { connector } = createErpConnectorFromUrl(
      { url: 'http://erp.invalid', apiKey: 'key-0000000001' },
      { fetch: fetchStub, timeoutMs: 50 },
    );
    await expect(connector.pullPending(null, 1)).rejects.toThrow(/no answer within 50 ms/);
    expect(seen).toEqual([{ auth: 'Bearer key-0000000001', aborted: true }]);
  });
});
