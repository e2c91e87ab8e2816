#!/usr/bin/env node
// Thin launcher: all behaviour lives in the CLI entry (src/cli/main.ts, bundled by
// scripts/bundle-cli.mjs), which returns an exit code.
import v8 from 'node:v8';
import { V8_FLAGS } from './v8-flags.js';

// Set before any of faqlint's code is loaded, for this process and its worker threads only (the
// library leaves an embedder's process alone), and never over the same flag given to node.
for (const flag of V8_FLAGS) {
  const name = flag.split('=')[0];
  if (!process.execArgv.some((given) => given.split('=')[0] === name)) v8.setFlagsFromString(flag);
}

const { main } = await import('../dist/bundle/faqlint.js');

// `faqlint | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
