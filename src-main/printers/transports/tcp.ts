import net from 'node:net';
import { TransportError, errorCode } from './transport-error';
import type { PrinterTransport, TransportResult } from './transport';

/** The JetDirect / AppSocket port almost every network label printer listens on. */
export const DEFAULT_RAW_PORT = 9100;

/** Timeouts and pacing of a raw TCP printer. Every wait has a bound: a printer that hangs never hangs the station. */
export interface TcpTransportOptions {
  host: string;
  port?: number;
  /** The URI to name in messages; default `tcp://host:port`. */
  uri?: string;
  /** Until the printer accepts the connection. Busy printers accept late, so this is generous. */
  connectTimeoutMs?: number;
  /** Longest time without any write progress (the printer stopped reading). */
  writeTimeoutMs?: number;
  /** Longest time for the whole job, connect included. */
  totalTimeoutMs?: number;
  /** Bytes per write; small printer buffers choke on one huge write. */
  chunkBytes?: number;
  /** Pause between chunks, ms. */
  chunkPauseMs?: number;
  /** How long the socket stays open after the job was flushed, waiting for the printer to close its side. */
  lingerMs?: number;
}

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  writeTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  chunkBytes: 4096,
  chunkPauseMs: 5,
  lingerMs: 5_000,
};

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Opens a TCP connection, or fails with a TransportError (nothing sent) after `timeoutMs`. */
function connect(host: string, port: number, timeoutMs: number, uri: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new TransportError(
          `printer ${uri} did not accept a connection within ${timeoutMs} ms (is it on, on this network, busy with another computer?)`,
          false,
        ),
      );
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new TransportError(`cannot connect to printer ${uri}: ${errorCode(error)} (is it on and reachable?)`, false, {
          cause: error,
        }),
      );
    });
  });
}

/**
 * A printer on raw TCP (port 9100): one job per connection, written in paced chunks honouring backpressure, then
 * half-closed. Once the connection is open, any failure means bytes may have reached the printer, so the error says
 * `mayHavePrinted` and nothing is retried here. `query` asks a status question and reads the reply, bounded in time.
 */
export function createTcpTransport(options: TcpTransportOptions): PrinterTransport {
  const port = options.port ?? DEFAULT_RAW_PORT;
  const uri = options.uri ?? `tcp://${options.host}:${port}`;
  const o = { ...DEFAULTS, ...definedOnly(options) };

  async function send(job: { jobId: string; bytes: Uint8Array }): Promise<TransportResult> {
    const started = Date.now();
    const socket = await connect(options.host, port, Math.min(o.connectTimeoutMs, o.totalTimeoutMs), uri);
    // From here on bytes may leave: every failure is "may have printed".
    let failure: Error | null = null;
    let progressAt = Date.now();
    const onError = (error: Error) => (failure ??= error);
    socket.on('error', onError);
    socket.on('close', () => (failure ??= new Error('the printer closed the connection')));
    // Printers may talk back (status); reading keeps their replies from resetting the connection on close.
    socket.on('data', () => undefined);
    const fail = (why: string, cause?: unknown): never => {
      socket.destroy();
      throw new TransportError(
        `printer ${uri}: ${why} after ${sentBytes} of ${job.bytes.length} bytes of job ${job.jobId}; it may or may not have printed — check the printer before reprinting`,
        true,
        { cause },
      );
    };
    let sentBytes = 0;
    const deadline = () => {
      if (Date.now() - started > o.totalTimeoutMs) fail(`the job took longer than ${o.totalTimeoutMs} ms`);
      if (Date.now() - progressAt > o.writeTimeoutMs) fail(`the printer stopped reading for ${o.writeTimeoutMs} ms`);
    };
    /** Waits for `event` with the write and total timeouts checked every step. */
    const waitFor = (event: 'drain' | 'finish') =>
      new Promise<void>((resolve, reject) => {
        const check = setInterval(() => {
          try {
            if (failure) fail(`the connection broke (${errorCode(failure)})`, failure);
            deadline();
          } catch (error) {
            cleanup();
            reject(error as Error);
          }
        }, 20);
        const done = () => {
          cleanup();
          resolve();
        };
        const cleanup = () => {
          clearInterval(check);
          socket.off(event, done);
        };
        socket.once(event, done);
      });

    for (let offset = 0; offset < job.bytes.length; offset += o.chunkBytes) {
      if (failure) fail(`the connection broke (${errorCode(failure)})`, failure);
      deadline();
      const chunk = job.bytes.subarray(offset, offset + o.chunkBytes);
      const flushed = socket.write(chunk);
      sentBytes = Math.min(job.bytes.length, offset + chunk.length);
      if (!flushed) await waitFor('drain');
      progressAt = Date.now();
      if (o.chunkPauseMs > 0 && offset + o.chunkBytes < job.bytes.length) await pause(o.chunkPauseMs);
    }
    // Half-close: the printer sees the job end; the kernel still delivers what it holds (never destroy early).
    socket.end();
    await waitFor('finish');
    if (failure) fail(`the connection broke (${errorCode(failure)})`, failure);
    // Let the printer close its side in its own time; do not make the packer wait for it.
    const linger = setTimeout(() => socket.destroy(), o.lingerMs);
    linger.unref();
    socket.once('close', () => clearTimeout(linger));
    return {
      state: 'sent',
      detail: `${job.bytes.length} bytes written to ${uri}; a raw TCP printer does not acknowledge printing`,
    };
  }

  async function query(
    request: Uint8Array,
    queryOptions: { timeoutMs: number; complete?: (reply: Uint8Array) => boolean },
  ): Promise<Uint8Array | null> {
    const started = Date.now();
    const socket = await connect(options.host, port, queryOptions.timeoutMs, uri);
    const remaining = Math.max(1, queryOptions.timeoutMs - (Date.now() - started));
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      const finish = () => {
        clearTimeout(timer);
        socket.destroy();
        const reply = Buffer.concat(chunks);
        resolve(reply.length > 0 ? new Uint8Array(reply) : null);
      };
      const timer = setTimeout(finish, remaining);
      socket.on('data', (data: Buffer) => {
        chunks.push(data);
        if (queryOptions.complete?.(Buffer.concat(chunks))) finish();
      });
      socket.on('error', finish);
      socket.on('close', finish);
      socket.write(request);
    });
  }

  return { uri, send, query };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
