#!/usr/bin/env node
// Thin launcher: all behaviour lives in the CLI entry (src/cli/main.ts, bundled by
// scripts/bundle-cli.mjs), which returns an exit code.
import { main } from '../dist/bundle/faqlint.js';

// `faqlint | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2));
process.exitCode = code;
