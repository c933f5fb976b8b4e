/** ERP credentials a station reads from its environment (never from the command line: `ps` shows arguments). */
export interface ErpEnvCredentials {
  /** DOCKSIDE_ERP_API_KEY: the bearer key of a REST ERP. */
  apiKey: string | undefined;
  /** DOCKSIDE_ERP_KEY_ID (default `dockside`) and DOCKSIDE_ERP_SECRET: the HMAC request-signing key. */
  signing: { keyId: string; secret: string } | undefined;
}

/**
 * Reads the ERP credentials from the environment. No secret, no signing. Every shell (CLI, web, desktop) uses this,
 * so an IT admin sets them once for any way the station is started.
 */
export function erpCredentialsFromEnv(env: NodeJS.ProcessEnv = process.env): ErpEnvCredentials {
  const secret = env.DOCKSIDE_ERP_SECRET;
  return {
    apiKey: env.DOCKSIDE_ERP_API_KEY || undefined,
    signing: secret ? { keyId: env.DOCKSIDE_ERP_KEY_ID || 'dockside', secret } : undefined,
  };
}
