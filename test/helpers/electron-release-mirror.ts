import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { zipSync } from 'fflate';

/** A mirror of Electron's release downloads on 127.0.0.1, serving one release and recording what was asked. */
export interface ElectronReleaseMirror {
  /** The ELECTRON_MIRROR value (ends with a slash, as @electron/get expects). */
  url: string;
  /** Request paths, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Serves `v<version>/electron-v<version>-linux-<arch>.zip` and its `SHASUMS256.txt` in the layout of Electron's
 * GitHub releases (and of npmmirror's copy). The zip holds `electron`, an executable shell script standing in for the
 * desktop binary: it prints `fake electron: ARGS` and exits 0. The checksum is this zip's, so the installer must be
 * told to use remote checksums (`electron_use_remote_checksums=1`) instead of the package's checksums.json.
 */
export async function startElectronReleaseMirror(version: string): Promise<ElectronReleaseMirror> {
  const name = `electron-v${version}-linux-${process.arch}.zip`;
  const script = new TextEncoder().encode('#!/bin/sh\necho "fake electron: $*"\n');
  const zip = Buffer.from(zipSync({ electron: [script, { os: 3, attrs: 0o100755 << 16 }] }));
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${name}\n`;
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/v${version}/${name}`) res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
    else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200).end(sums);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
