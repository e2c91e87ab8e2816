#!/usr/bin/env node
// Part of `npm run build`, after tsc: bundles the command line (and the worker it starts) into
// dist/bundle/, a few files instead of some 300 modules. Node 20 has no compile cache for ES
// modules, and resolving and compiling that many costs every run ~0.1 s before any work, and a
// run that must parse a page another ~0.1 s. The programmatic API stays the unbundled dist/.
//
//   node scripts/bundle-cli.mjs

import fs from 'node:fs';
import path from 'node:path';
import { build } from 'rolldown';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'bundle');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

fs.rmSync(out, { recursive: true, force: true });
await build({
  input: { faqlint: path.join(dist, 'cli/main.js'), 'parse-worker': path.join(dist, 'engine/parse-worker.js') },
  platform: 'node',
  // ES module builds first: jsonc-parser's default entry is a UMD file that requires its own parts at run time.
  resolve: { mainFields: ['module', 'main'] },
  plugins: [
    {
      // version.ts finds package.json one folder up, which is not where the bundle lives.
      name: 'faqlint-version',
      load(id) {
        return id === path.join(dist, 'version.js') ? `export const VERSION = ${JSON.stringify(version)};\n` : null;
      },
    },
  ],
  output: { dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  logLevel: 'warn',
});
// Loaded by URL next to the code that uses it (config.ts); it requires Ajv's runtime helpers itself.
fs.copyFileSync(path.join(dist, 'config/builtin-config-validator.js'), path.join(out, 'builtin-config-validator.js'));
