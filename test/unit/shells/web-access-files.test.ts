import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  STABLE_PORT_RANGE,
  WEB_PORT_FILE,
  WEB_TOKEN_FILE,
  WebAccessFileError,
  derivedPort,
  firstStartPorts,
  loadWebToken,
  readSavedPort,
  readWebToken,
  savePort,
} from '../../../src-main/shells/web';

describe('web access files in the data directory', () => {
  let dir: string;
  const tokenFile = () => path.join(dir, WEB_TOKEN_FILE);
  const portFile = () => path.join(dir, WEB_PORT_FILE);
  const mode = (file: string) => statSync(file).mode & 0o777;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dockside-web-access-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('token', () => {
    it('is created once from crypto randomness, 0600, and kept on later starts', () => {
      const first = loadWebToken(dir);
      expect(first.origin).toBe('created');
      expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(mode(tokenFile())).toBe(0o600);
      expect(readFileSync(tokenFile(), 'utf8')).toBe(`${first.token}\n`);
      expect(loadWebToken(dir)).toEqual({ token: first.token, origin: 'kept' });
      expect(readWebToken(dir)).toBe(first.token);
      // Another data directory is another station: another token.
      const other = mkdtempSync(path.join(os.tmpdir(), 'dockside-web-access-'));
      try {
        expect(loadWebToken(other).token).not.toBe(first.token);
      } finally {
        rmSync(other, { recursive: true, force: true });
      }
    });

    it('is replaced on rotation, still 0600, and the old one is gone', () => {
      const first = loadWebToken(dir);
      const rotated = loadWebToken(dir, { rotate: true });
      expect(rotated.origin).toBe('rotated');
      expect(rotated.token).not.toBe(first.token);
      expect(mode(tokenFile())).toBe(0o600);
      expect(loadWebToken(dir).token).toBe(rotated.token);
    });

    it('uses the random source it is given (24 bytes, base64url)', () => {
      const { token } = loadWebToken(dir, { random: (n) => Buffer.alloc(n, 0xff) });
      expect(token).toBe(Buffer.alloc(24, 0xff).toString('base64url'));
    });

    it.each([
      ['empty', ''],
      ['too short', 'abc'],
      ['not base64url', 'this is not a token, it has spaces!!'],
      ['two lines', `${'a'.repeat(32)}\n${'b'.repeat(32)}`],
    ])('refuses a token file that is %s, saying how to replace it', (_what, content) => {
      writeFileSync(tokenFile(), content, { mode: 0o600 });
      expect(() => loadWebToken(dir)).toThrow(WebAccessFileError);
      expect(() => loadWebToken(dir)).toThrow(`${tokenFile()} does not hold a web shell token`);
      expect(() => loadWebToken(dir)).toThrow('dockside serve --rotate-token');
      // The refusal never repeats what the file holds.
      if (content) expect(() => loadWebToken(dir)).not.toThrow(content);
    });

    it('refuses a token file other users may read, and rotation replaces it with a private one', () => {
      writeFileSync(tokenFile(), `${'a'.repeat(32)}\n`);
      chmodSync(tokenFile(), 0o644);
      expect(() => loadWebToken(dir)).toThrow(/readable or writable by other users \(mode 0644, must be 0600\)/);
      expect(() => loadWebToken(dir)).toThrow(/--rotate-token/);
      expect(() => loadWebToken(dir)).not.toThrow('a'.repeat(32));
      const rotated = loadWebToken(dir, { rotate: true });
      expect(rotated.token).not.toBe('a'.repeat(32));
      expect(mode(tokenFile())).toBe(0o600);
    });
  });

  describe('port', () => {
    it('is none until saved, then the saved one, in a 0600 file', () => {
      expect(readSavedPort(dir)).toBeNull();
      savePort(dir, 27123);
      expect(readSavedPort(dir)).toBe(27123);
      expect(mode(portFile())).toBe(0o600);
    });

    it.each(['', 'abc', '80', '65536', '27100.5', '-1', '2710027100'])(
      'refuses a port file holding %j, naming the file and what to do',
      (content) => {
        writeFileSync(portFile(), content, { mode: 0o600 });
        expect(() => readSavedPort(dir)).toThrow(WebAccessFileError);
        expect(() => readSavedPort(dir)).toThrow(`${portFile()} does not hold a port number from 1024 to 65535`);
        expect(() => readSavedPort(dir)).toThrow('--port N');
      },
    );

    it('refuses a port file others may write (they could move the station)', () => {
      writeFileSync(portFile(), '27123\n');
      chmodSync(portFile(), 0o666);
      expect(() => readSavedPort(dir)).toThrow(/mode 0666, must be 0600/);
    });

    it('derives the first port from the data directory, in the documented range, the same every time', () => {
      const port = derivedPort(dir);
      expect(port).toBeGreaterThanOrEqual(STABLE_PORT_RANGE.first);
      expect(port).toBeLessThanOrEqual(STABLE_PORT_RANGE.last);
      expect(derivedPort(dir)).toBe(port);
      expect(derivedPort(`${dir}/.`)).toBe(port);
      const ports = new Set(['/a', '/b', '/c', '/d', '/e', '/f'].map((d) => derivedPort(d)));
      expect(ports.size).toBeGreaterThan(1);
    });

    it('tries the derived port first, then the next ones, wrapping inside the range', () => {
      const ports = firstStartPorts(dir, 5);
      expect(ports[0]).toBe(derivedPort(dir));
      expect(new Set(ports).size).toBe(5);
      for (const port of ports) {
        expect(port).toBeGreaterThanOrEqual(STABLE_PORT_RANGE.first);
        expect(port).toBeLessThanOrEqual(STABLE_PORT_RANGE.last);
      }
      const all = firstStartPorts(dir, 10_000);
      expect(all).toHaveLength(STABLE_PORT_RANGE.last - STABLE_PORT_RANGE.first + 1);
      expect(new Set(all).size).toBe(all.length);
    });
  });
});
