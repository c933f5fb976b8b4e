import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';

// `dockside printers profiles` as a person runs it: the built CLI (npm run build), no station data needed.

interface Listed {
  profiles: {
    name: string;
    model: string;
    language: string;
    dpi: number;
    printableWidthDots: number;
    printableWidthMm: number;
    statusSupport: boolean;
    capabilities: string[];
  }[];
}

describe('dockside printers profiles', () => {
  it('--json lists every built-in profile with its language, dpi, width and capabilities', async () => {
    const run = await runCli(['printers', 'profiles', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { profiles } = JSON.parse(run.stdout) as Listed;
    const byName = new Map(profiles.map((p) => [p.name, p]));
    expect(byName.get('generic-escpos-203')).toMatchObject({
      language: 'escpos',
      dpi: 203,
      printableWidthDots: 576,
      printableWidthMm: 72.1,
      capabilities: ['cut', 'text', 'status'],
    });
    expect(byName.get('epson-tm-t88-180')).toMatchObject({ dpi: 180, printableWidthDots: 512 });
    expect(byName.get('zebra-zd420-300')).toMatchObject({ language: 'zpl', dpi: 300 });
    expect(byName.get('generic-epl-203')?.statusSupport).toBe(false);
    for (const name of ['generic-zpl-300', 'generic-tspl-300', 'tsc-te244-203', 'xprinter-xp420b-203']) {
      expect(byName.has(name), name).toBe(true);
    }
  });

  it('prints one aligned line per profile without --json', async () => {
    const run = await runCli(['printers', 'profiles']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const json = JSON.parse((await runCli(['printers', 'profiles', '--json'])).stdout) as Listed;
    expect(lines).toHaveLength(json.profiles.length);
    expect(run.stdout).toMatch(/^generic-zpl-203 +zpl +203 dpi +832 dots \(104\.1 mm\) +status +Generic ZPL/m);
    expect(run.stdout).toMatch(/^generic-epl-203 +epl +203 dpi +832 dots \(104\.1 mm\) +no status/m);
  });

  it('rejects an unknown subcommand with a one-line error and exit code 2', async () => {
    const run = await runCli(['printers', 'frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'frobnicate'/);
  });
});
