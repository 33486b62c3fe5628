#!/usr/bin/env node
// The installed `nnlab` command: runs the CLI bundle that `npm run build` makes (vite.cli.config.ts),
// plain JavaScript that needs no TypeScript loader. From the repository, `npm run nnlab` runs the
// sources through tsx instead.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../out/cli/nnlab.js', import.meta.url);
if (!existsSync(bundle)) {
  console.error(`nnlab: the command is not built (${fileURLToPath(bundle)} is missing): run "npm run build" in ${fileURLToPath(new URL('..', import.meta.url))}`);
  process.exit(1);
}
await import(bundle.href);
