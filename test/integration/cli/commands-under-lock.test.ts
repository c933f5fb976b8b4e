import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireInstanceLock, openStationDatabase, type InstanceLock } from '../../../src-main/store';
import { chineseOrder } from '../../fixtures/orders';
import { runCli } from '../../helpers/cli';

// Every command that opens the station database takes the single-instance lock first, as a running station does:
// while another process holds the data directory, each one is refused in one line naming that process, and the
// database is left as it was.

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockside-cli-lock-'));
const data = path.join(tmp, 'station');
const file = (name: string) => path.join(tmp, name);
const HOLDER = 'dockside serve';
let lock: InstanceLock | null = null;

beforeAll(() => {
  openStationDatabase(data).close();
  writeFileSync(file('order.json'), JSON.stringify({ ...chineseOrder, trackingNumber: 'DS000000000017' }));
  writeFileSync(file('template.json'), '{}');
  // This test's process is the "other process": the CLI runs as a child and meets its lock.
  lock = acquireInstanceLock(data, HOLDER);
});
afterAll(() => {
  lock?.release();
  rmSync(tmp, { recursive: true, force: true });
});

const upsRange = ['--carrier', 'UPS', '--scheme', '1z', '--prefix', '1a2b3c01', '--from', '1', '--to', '10'];

describe('CLI commands that open the station database', () => {
  it.each([
    ['pool add', ['pool', 'add', ...upsRange]],
    ['pool list', ['pool', 'list']],
    ['template list', ['template', 'list']],
    ['template export', ['template', 'export', 'generic-100x150', file('out.json')]],
    ['template import', ['template', 'import', file('template.json')]],
    ['status', ['status']],
    ['printers list', ['printers', 'list']],
    [
      'label --template',
      [
        'label',
        '--order',
        file('order.json'),
        '--template',
        'generic-100x150',
        '--format',
        'pdf',
        '--out',
        file('x.pdf'),
      ],
    ],
  ])('%s refuses while another process holds the data directory, naming it', async (_name, args) => {
    const run = await runCli([...args, '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^dockside: data directory .* is in use by another Dockside process \\(pid ${process.pid}, ${HOLDER},`,
      ),
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stdout).toBe('');
  });

  it('changed nothing, and works once the holder lets go', async () => {
    lock?.release();
    lock = null;
    const added = await runCli(['pool', 'add', ...upsRange, '--data', data, '--json']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    // The range refused above was never added: this one is the first, and holds all ten numbers.
    expect(JSON.parse(added.stdout)).toMatchObject({
      range: { id: 1, carrier: 'UPS', prefix: '1A2B3C01' },
      remaining: 10,
    });
    const status = await runCli(['status', '--data', data, '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ outbox: { depth: 0 } });
  });
});
