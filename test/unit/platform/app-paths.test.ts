import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, findAppRoot, redactUrl } from '../../../src-main/platform';
import { repoRoot } from '../../helpers/paths';

describe('platform paths', () => {
  it('finds the application root from the sources', () => {
    expect(findAppRoot()).toBe(repoRoot);
  });

  it("matches Electron's userData folder per platform", () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe(path.join('/x', 'Dockside'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\p\\AppData\\Roaming' }, 'win32')).toMatch(/Dockside$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Dockside$/);
  });

  it('never shows credentials in a URL', () => {
    expect(redactUrl('https://user:pa55@erp.example/api?apiKey=secret&x=1')).toBe(
      'https://***:***@erp.example/api?apiKey=***&x=1',
    );
    expect(redactUrl('not a url')).toBe('<invalid url>');
  });
});
