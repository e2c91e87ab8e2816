#!/usr/bin/env node
// Thin launcher: all behaviour lives in the programmatic CLI entry, which returns an exit code.
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
process.exitCode = code;
