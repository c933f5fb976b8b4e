import net from 'node:net';

/** The status protocols and job framing the emulator speaks. */
export type EmulatedLanguage = 'zpl' | 'tspl' | 'escpos';

/** One job as the emulated printer received it. `complete` is false when the connection ended inside it. */
export interface EmulatedJob {
  language: EmulatedLanguage;
  bytes: Buffer;
  complete: boolean;
  connection: number;
}

/** How the emulated printer fails. */
export interface EmulatorConditions {
  paperOut: boolean;
  headOpen: boolean;
  ribbonOut: boolean;
  paused: boolean;
  /** ESC/POS off-line bit (DLE EOT 1 bit 3), set on its own or with paper out. */
  offlineBit: boolean;
}

/** A network label printer on 127.0.0.1 that answers status queries and records what it prints. */
export interface PrinterEmulator {
  readonly port: number;
  /** `tcp://127.0.0.1:PORT`. */
  readonly uri: string;
  readonly jobs: EmulatedJob[];
  /** Connections accepted so far (status queries included). */
  readonly connections: number;
  /** Job bytes received (status queries not counted). */
  readonly jobBytes: number;
  /** Sets conditions reported by status replies (they do not stop the printer from taking bytes). */
  set(conditions: Partial<EmulatorConditions>): void;
  /** Stops listening (connections are refused), as a printer switched off. `online()` listens again. */
  offline(): Promise<void>;
  online(): Promise<void>;
  /** Accepts connections but never reads from them and never answers. */
  stall(on: boolean): void;
  /** Drops every connection once it received this many job bytes (null: never). */
  dropAfter(bytes: number | null): void;
  /** Resolves when `count` jobs arrived; rejects after `timeoutMs` with what did arrive. */
  waitForJobs(count: number, timeoutMs?: number): Promise<EmulatedJob[]>;
  close(): Promise<void>;
}

function zplStatus(c: EmulatorConditions): Buffer {
  const f = (v: boolean) => (v ? '1' : '0');
  const first = `030,${f(c.paperOut)},${f(c.paused)},0290,000,0,0,0,000,0,0,0`;
  const second = `001,0,${f(c.headOpen)},${f(c.ribbonOut)},1,2,4,0,00000000,1,000`;
  return Buffer.from(`\x02${first}\x03\r\n\x02${second}\x03\r\n\x021234,0\x03\r\n`, 'latin1');
}

function tsplStatus(c: EmulatorConditions): Buffer {
  let b = 0;
  if (c.headOpen) b |= 0x01;
  if (c.paperOut) b |= 0x04;
  if (c.ribbonOut) b |= 0x08;
  if (c.paused) b |= 0x10;
  return Buffer.from([b]);
}

function escposStatus(n: number, c: EmulatorConditions): Buffer {
  const offline = c.offlineBit || c.paperOut || c.headOpen;
  if (n === 1) return Buffer.from([0x12 | 0x04 | (offline ? 0x08 : 0)]);
  if (n === 2) return Buffer.from([0x12 | (c.headOpen ? 0x04 : 0) | (c.paperOut ? 0x20 : 0)]);
  if (n === 4) return Buffer.from([0x12 | (c.paperOut ? 0x6c : 0)]);
  return Buffer.from([0x12]);
}

/** What one parse step found in a connection's pending bytes. */
type Step =
  | { kind: 'status'; length: number; reply: Buffer }
  | { kind: 'data'; length: number; endsJob: boolean }
  | { kind: 'wait' };

/** ZPL: `~HS` anywhere between commands; a job is `^XA` … `^XZ`. */
function zplStep(buf: Buffer, c: EmulatorConditions): Step {
  const text = buf.toString('latin1');
  const hs = text.indexOf('~HS');
  const xz = text.indexOf('^XZ');
  if (hs !== -1 && (xz === -1 || hs < xz)) {
    if (hs > 0) return { kind: 'data', length: hs, endsJob: false };
    return { kind: 'status', length: 3, reply: zplStatus(c) };
  }
  if (xz !== -1) return { kind: 'data', length: xz + 3, endsJob: true };
  // Keep a possible partial "~H" / "^X" at the end for the next chunk.
  return buf.length > 2 ? { kind: 'data', length: buf.length - 2, endsJob: false } : { kind: 'wait' };
}

/** TSPL: CR LF lines; `BITMAP x,y,w,h,mode,` carries w*h raw bytes; `PRINT` ends a job; `ESC ! ?` is status. */
function tsplStep(buf: Buffer, c: EmulatorConditions): Step {
  if (buf[0] === 0x1b) {
    if (buf.length < 3) return { kind: 'wait' };
    if (buf[1] === 0x21 && buf[2] === 0x3f) return { kind: 'status', length: 3, reply: tsplStatus(c) };
  }
  const head = buf.subarray(0, 64).toString('latin1');
  const bitmap = /^BITMAP\s*\d+,\d+,(\d+),(\d+),\d+,/.exec(head);
  if (bitmap) {
    const length = bitmap[0].length + Number(bitmap[1]) * Number(bitmap[2]);
    const eol = buf.indexOf('\n', length);
    return eol === -1 ? { kind: 'wait' } : { kind: 'data', length: eol + 1, endsJob: false };
  }
  if (head.startsWith('BITMAP') && !head.includes('\n') && buf.length < 64) return { kind: 'wait' };
  const eol = buf.indexOf('\n');
  if (eol === -1) return { kind: 'wait' };
  return { kind: 'data', length: eol + 1, endsJob: /^PRINT\b/.test(head) };
}

/** ESC/POS: `GS v 0` raster blocks are skipped by their size; `GS V` (cut) ends a job; `DLE EOT n` is status. */
function escposStep(buf: Buffer, c: EmulatorConditions): Step {
  if (buf[0] === 0x10) {
    if (buf.length < 3) return { kind: 'wait' };
    if (buf[1] === 0x04) return { kind: 'status', length: 3, reply: escposStatus(buf[2]!, c) };
  }
  if (buf[0] === 0x1d) {
    if (buf.length < 3) return { kind: 'wait' };
    if (buf[1] === 0x76 && buf[2] === 0x30) {
      if (buf.length < 8) return { kind: 'wait' };
      const length = 8 + (buf[4]! + buf[5]! * 256) * (buf[6]! + buf[7]! * 256);
      return buf.length < length ? { kind: 'wait' } : { kind: 'data', length, endsJob: false };
    }
    if (buf[1] === 0x56) {
      const withFeed = buf[2] === 0x41 || buf[2] === 0x42;
      if (withFeed && buf.length < 4) return { kind: 'wait' };
      return { kind: 'data', length: withFeed ? 4 : 3, endsJob: true };
    }
  }
  return { kind: 'data', length: 1, endsJob: false };
}

const ESC_INIT = Buffer.from([0x1b, 0x40]);

const STEPS = { zpl: zplStep, tspl: tsplStep, escpos: escposStep };

/** Starts an emulated printer of `language` on 127.0.0.1 (a free port unless `port` is given). */
export async function startPrinterEmulator(
  language: EmulatedLanguage,
  { port: wantedPort = 0 }: { port?: number } = {},
): Promise<PrinterEmulator> {
  const jobs: EmulatedJob[] = [];
  const conditions: EmulatorConditions = {
    paperOut: false,
    headOpen: false,
    ribbonOut: false,
    paused: false,
    offlineBit: false,
  };
  let connections = 0;
  let jobBytes = 0;
  let stalled = false;
  let dropAfterBytes: number | null = null;
  const sockets = new Set<net.Socket>();
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());

  const handle = (socket: net.Socket) => {
    connections += 1;
    const connection = connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (stalled) {
      // Accept, never read: the sender's writes fill the buffers and stop.
      socket.pause();
      return;
    }
    let pending = Buffer.alloc(0);
    let job: Buffer[] = [];
    let received = 0;
    const record = (complete: boolean) => {
      const bytes = Buffer.concat(job);
      job = [];
      // Whitespace between jobs, or an ESC/POS initialize after the cut, is no job of its own.
      if (bytes.toString('latin1').trim() === '' || (language === 'escpos' && bytes.equals(ESC_INIT))) return;
      jobs.push({ language, bytes, complete, connection });
      notify();
    };
    socket.on('data', (data: Buffer) => {
      pending = Buffer.concat([pending, data]);
      for (;;) {
        const step = STEPS[language](pending, conditions);
        if (step.kind === 'wait') break;
        if (step.kind === 'status') socket.write(step.reply);
        else {
          job.push(pending.subarray(0, step.length));
          jobBytes += step.length;
          received += step.length;
          if (step.endsJob) record(true);
        }
        pending = pending.subarray(step.length);
        if (pending.length === 0) break;
      }
      if (dropAfterBytes !== null && received >= dropAfterBytes) {
        record(false);
        socket.destroy();
      }
    });
    socket.on('end', () => {
      if (pending.length > 0) {
        job.push(pending);
        jobBytes += pending.length;
      }
      record(false);
      socket.end();
    });
  };

  let server = net.createServer(handle);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(wantedPort);
  const closeServer = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  return {
    port,
    uri: `tcp://127.0.0.1:${port}`,
    jobs,
    get connections() {
      return connections;
    },
    get jobBytes() {
      return jobBytes;
    },
    set(next) {
      Object.assign(conditions, next);
    },
    async offline() {
      await closeServer();
    },
    async online() {
      server = net.createServer(handle);
      await listen(port);
    },
    stall(on) {
      stalled = on;
    },
    dropAfter(bytes) {
      dropAfterBytes = bytes;
    },
    waitForJobs(count, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`emulator got ${jobs.length} of ${count} jobs within ${timeoutMs} ms`)),
          timeoutMs,
        );
        const check = () => {
          if (jobs.length >= count) {
            clearTimeout(timer);
            resolve(jobs.slice());
          } else waiters.push(check);
        };
        check();
      });
    },
    close: closeServer,
  };
}
