/** Station options taken from the Electron command line. */
export interface ShellArgs {
  /** `--erp <url>` or `--erp=<url>`. */
  erpUrl?: string;
  /** `--printer <name>` or `--printer=<name>`. */
  printer?: string;
}

/**
 * Reads `--erp` and `--printer` from process.argv. Everything else (the Electron binary, the app path, Chromium
 * switches) is ignored; the last occurrence of an option wins; an option without a value is ignored.
 */
export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const result: ShellArgs = {};
  const keys = { '--erp': 'erpUrl', '--printer': 'printer' } as const;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    for (const [flag, key] of Object.entries(keys) as [keyof typeof keys, (typeof keys)[keyof typeof keys]][]) {
      let value: string | undefined;
      if (arg === flag) {
        const next = argv[i + 1];
        if (next !== undefined && !next.startsWith('--')) {
          value = next;
          i += 1;
        }
      } else if (arg.startsWith(`${flag}=`)) {
        value = arg.slice(flag.length + 1);
      }
      if (value !== undefined && value.length > 0) {
        result[key] = value;
      }
    }
  }
  return result;
}
