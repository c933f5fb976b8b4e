#!/usr/bin/env node
'use strict';
// The `dockside` command. The core is built into dist/main by `npm run build`.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'main', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('dockside: not built yet; run `npm run build` first\n');
  process.exit(1);
}
require(cli)
  .runCli(process.argv)
  .then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`dockside: unexpected error: ${error && error.message}\n`);
      process.exit(1);
    },
  );
