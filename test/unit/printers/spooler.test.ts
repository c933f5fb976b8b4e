// The spooler transport where the addon is missing or broken (the station must still run and say why), and the
// addon's argument checks, both in its JavaScript wrapper and in C++. No scheduler is needed: every check here
// answers before any spooler call.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PrintError } from '../../../src-main/printers/printer';
import { createSpooler, rawPrinterModulePath } from '../../../src-main/printers/transports/spooler';
import type { RawPrinterModule } from '../../../native/raw-printer';
import { repoRoot } from '../../helpers/paths';

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('spooler without a usable addon', () => {
  it('reports the addon as not built, and printing through it fails with that reason', async () => {
    const modulePath = path.join(tmpdir(), 'dockside-no-addon', 'native', 'raw-printer', 'index.js');
    const spooler = createSpooler({ modulePath });

    const availability = spooler.availability();
    expect(availability.available).toBe(false);
    const reason = (availability as { reason: string }).reason;
    expect(reason).toContain('not built');
    expect(reason).toContain('npm run build:native');
    expect(reason).toContain(path.join('dockside-no-addon', 'native', 'raw-printer', 'build', 'Release'));

    await expect(spooler.listPrinters()).rejects.toThrow(PrintError);
    const send = spooler.createTransport('Zebra_GK420d').send({ jobId: 'J-1', bytes: new Uint8Array([1]) });
    await expect(send).rejects.toBeInstanceOf(PrintError);
    await expect(send).rejects.toThrow(`spooler:Zebra_GK420d: ${reason}`);
  });

  it('reports an addon binary that cannot be loaded, with the loader error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dockside-bad-addon-'));
    temps.push(dir);
    await mkdir(path.join(dir, 'build', 'Release'), { recursive: true });
    await copyFile(path.join(repoRoot, 'native', 'raw-printer', 'index.js'), path.join(dir, 'index.js'));
    await writeFile(path.join(dir, 'package.json'), '{ "type": "commonjs" }');
    await writeFile(path.join(dir, 'build', 'Release', 'raw_printer.node'), 'not a shared object');

    const availability = createSpooler({ modulePath: path.join(dir, 'index.js') }).availability();
    expect(availability.available).toBe(false);
    expect((availability as { reason: string }).reason).toMatch(
      /^the raw-printer add-on cannot be loaded: .*raw_printer\.node/,
    );
  });

  it('finds the shipped addon under the application root', () => {
    expect(rawPrinterModulePath()).toBe(path.join(repoRoot, 'native', 'raw-printer', 'index.js'));
  });
});

const binaryPath = path.join(repoRoot, 'native', 'raw-printer', 'build', 'Release', 'raw_printer.node');
const built = existsSync(binaryPath);
const mustRun = process.env.DOCKSIDE_REQUIRE_CUPS === '1';
if (!built && !mustRun)
  console.log(`raw-printer argument checks skipped: ${binaryPath} is not built (npm run build:native)`);

describe.skipIf(!built && !mustRun)('raw-printer argument checks', () => {
  const load = createRequire(import.meta.url);
  const wrapper = () => load(rawPrinterModulePath()) as RawPrinterModule;
  // The binding itself, to prove C++ checks on its own what the wrapper checks first.
  const binding = () =>
    load(binaryPath) as {
      submitRawJob(...args: unknown[]): Promise<number>;
      getJobState(...args: unknown[]): Promise<unknown>;
      setServer(...args: unknown[]): void;
    };
  const bytes = new Uint8Array([0x1b, 0x40]);

  it.each([
    [{ printer: 42, title: 't', bytes }, TypeError, /^submitRawJob: printer must be a string/],
    [{ printer: '', title: 't', bytes }, RangeError, /^submitRawJob: printer must not be empty/],
    [{ printer: 'a\nb', title: 't', bytes }, RangeError, /printer must not contain control characters/],
    [{ printer: 'p', title: 7, bytes }, TypeError, /^submitRawJob: title must be a string/],
    [{ printer: 'p', title: '', bytes }, RangeError, /title must be 1 to 255 bytes of UTF-8, got 0/],
    [{ printer: 'p', title: 'x'.repeat(256), bytes }, RangeError, /got 256/],
    [{ printer: 'p', title: 'a\u0007', bytes }, RangeError, /title must not contain control characters/],
    [{ printer: 'p', title: 't', bytes: 'ZPL' }, TypeError, /bytes must be a Uint8Array or Buffer/],
    [{ printer: 'p', title: 't', bytes: new Uint8Array(0) }, RangeError, /bytes must not be empty/],
  ])('the wrapper rejects submitRawJob(%o)', async (job, type, message) => {
    const error = await wrapper()
      .submitRawJob(job as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect((error as { code: string }).code).toBe(
      type === TypeError ? 'ERR_INVALID_ARG_TYPE' : 'ERR_INVALID_ARG_VALUE',
    );
  });

  it.each([
    [{ printer: 'p', jobId: '3' }, TypeError, /jobId must be a number/],
    [{ printer: 'p', jobId: 0 }, RangeError, /jobId must be a whole number from 1 to 2147483647, got 0/],
    [{ printer: 'p', jobId: 1.5 }, RangeError, /got 1.5/],
    [{ printer: 'p', jobId: 2 ** 31 }, RangeError, /got 2147483648/],
  ])('the wrapper rejects getJobState(%o)', async (query, type, message) => {
    const error = await wrapper()
      .getJobState(query as never)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
  });

  it('the wrapper rejects a missing options object and a bad server', async () => {
    await expect(wrapper().submitRawJob(undefined as never)).rejects.toThrow('submitRawJob: expects an options object');
    expect(() => wrapper().setServer('host name')).toThrow('setServer: server must not contain spaces');
    expect(() => wrapper().setServer(631 as never)).toThrow(TypeError);
  });

  it.each([
    [[42, 't', bytes], TypeError, 'printer must be a string (the queue name)'],
    [['', 't', bytes], RangeError, 'printer must not be empty'],
    [['a/b', 't', bytes], RangeError, 'printer "a/b" contains one of'],
    [['p', 't'], TypeError, 'bytes must be a Uint8Array or Buffer'],
    [['p', 't', new Uint16Array(2)], TypeError, 'bytes must be a Uint8Array or Buffer'],
    [['p', 't', new Uint8Array(0)], RangeError, 'bytes must not be empty'],
    [['p', '', bytes], RangeError, 'title must be 1 to 255 bytes of UTF-8'],
    [['p', 'a\tb', bytes], RangeError, 'title must not contain control characters'],
  ])('C++ rejects submitRawJob(%o) on its own', (args, type, message) => {
    let thrown: unknown;
    try {
      void binding().submitRawJob(...args);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    expect((thrown as Error).message).toContain(message);
    expect((thrown as { code: string }).code).toBe(
      type === TypeError ? 'ERR_INVALID_ARG_TYPE' : 'ERR_INVALID_ARG_VALUE',
    );
  });

  it('reports a CUPS scheduler that cannot be reached, and sends nothing', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as net.AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const addon = wrapper();
    addon.setServer(`127.0.0.1:${port}`);
    try {
      await expect(addon.listPrinters()).rejects.toMatchObject({
        code: 'ERR_RAW_PRINTER_UNREACHABLE',
        message: expect.stringContaining(`cannot reach the CUPS scheduler at 127.0.0.1:${port}`),
      });
      await expect(
        createSpooler()
          .createTransport('Zebra')
          .send({ jobId: 'J-9', bytes: new Uint8Array([1]) }),
      ).rejects.toThrow(/^spooler:Zebra: cannot reach the OS print spooler, nothing was sent: cannot reach the CUPS/);
    } finally {
      addon.setServer(null);
    }
  });

  it('C++ rejects bad job ids and servers on its own', () => {
    expect(() => binding().getJobState('p', -1)).toThrow('jobId must be a whole number from 1 to 2147483647');
    expect(() => binding().getJobState('p', 2.5)).toThrow(RangeError);
    expect(() => binding().getJobState('p')).toThrow('jobId must be a number');
    expect(() => binding().setServer('a b')).toThrow('server must not contain spaces or control characters');
    expect(() => binding().setServer(5)).toThrow(TypeError);
  });
});
