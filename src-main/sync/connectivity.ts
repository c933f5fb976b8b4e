/** What the station currently believes about its ERP link, from the outcome of real calls (no pinging). */
export interface Connectivity {
  readonly online: boolean;
  readonly lastError: string | null;
  readonly lastSuccessAt: string | null;
  succeeded(at: string): void;
  failed(message: string): void;
  onChange(listener: () => void): () => void;
}

/** Creates the connectivity tracker. The station starts optimistic: online until a call fails. */
export function createConnectivity(initial: { lastSuccessAt: string | null } = { lastSuccessAt: null }): Connectivity {
  let online = true;
  let lastError: string | null = null;
  let lastSuccessAt = initial.lastSuccessAt;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  return {
    get online() {
      return online;
    },
    get lastError() {
      return lastError;
    },
    get lastSuccessAt() {
      return lastSuccessAt;
    },
    succeeded(at) {
      const changed = !online || lastError !== null;
      online = true;
      lastError = null;
      lastSuccessAt = at;
      if (changed) notify();
    },
    failed(message) {
      const changed = online || lastError !== message;
      online = false;
      lastError = message;
      if (changed) notify();
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
