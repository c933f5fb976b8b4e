import { redactUrl } from '../platform';
import type { ErpConnector, ErpWritebacks } from './connector';
import { createRestConnector } from './rest/rest-connector';
import type { SigningKey } from './rest/signing';
import { createTrytonConnector, isTrytonUrl } from './tryton';

/** Which ERP a URL names, and how the station authenticates to it. Credentials are never logged or shown. */
export interface ErpEndpoint {
  /** `http(s)://host[:port][/prefix]` (the generic REST contract) or `tryton(s)://user:password@host:port/db`. */
  url: string;
  /** REST only: sent as `Authorization: Bearer KEY`. */
  apiKey?: string | undefined;
  /** REST only: HMAC request signing. */
  signing?: SigningKey | undefined;
}

/** How the connector reaches the ERP: the same for the running connector and the settings' connection test. */
export interface ErpConnectionOptions {
  /** Injected fetch (tests, proxies). Default: the global fetch. */
  fetch?: typeof fetch | undefined;
  /** Per ERP call. Default: {@link ERP_TIMEOUT_MS} for the URL's kind. */
  timeoutMs?: number | undefined;
}

/** The station's per-call ERP timeouts when none is configured: a Tryton call does more work than a REST one. */
export const ERP_TIMEOUT_MS = { rest: 5_000, tryton: 10_000 } as const;

/** A connector built from a URL, with the kind the URL selected. */
export interface ErpConnection {
  kind: 'rest' | 'tryton';
  connector: ErpConnector & Partial<ErpWritebacks>;
}

/** The URL names no ERP this build can talk to. The message shows the URL without its credentials. */
export class UnsupportedErpUrlError extends Error {
  constructor(url: string) {
    super(
      `ERP URL ${redactUrl(url)} is not supported; use http(s)://host[:port] or tryton://user:password@host:port/database`,
    );
    this.name = 'UnsupportedErpUrlError';
  }
}

/**
 * The one place a URL becomes an ERP connector: `tryton(s)://` selects the Tryton connector, `http(s)://` the
 * generic REST one (docs/erp-api.yaml, which the demo ERP serves). Composition builds the running connector here,
 * and the settings screen's "Test connection" builds its throw-away one here too, with the same options.
 * @throws UnsupportedErpUrlError for any other URL
 */
export function createErpConnectorFromUrl(endpoint: ErpEndpoint, options: ErpConnectionOptions = {}): ErpConnection {
  const { url } = endpoint;
  if (isTrytonUrl(url)) {
    return {
      kind: 'tryton',
      connector: createTrytonConnector({
        url,
        fetch: options.fetch,
        timeoutMs: options.timeoutMs ?? ERP_TIMEOUT_MS.tryton,
      }),
    };
  }
  if (!/^https?:\/\//.test(url)) throw new UnsupportedErpUrlError(url);
  return {
    kind: 'rest',
    connector: createRestConnector({
      baseUrl: url,
      apiKey: endpoint.apiKey,
      signing: endpoint.signing,
      fetch: options.fetch,
      timeoutMs: options.timeoutMs ?? ERP_TIMEOUT_MS.rest,
    }),
  };
}
