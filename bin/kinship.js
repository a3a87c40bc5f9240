#!/usr/bin/env node
// The `kinship` command. It runs the compiled code in dist/, building it first
// when the sources are newer (so `npm start` on a fresh clone just works).
import { ensureBuilt } from '../scripts/ensure-built.js';

const argv = process.argv.slice(2);
const wantsHelp = argv.length === 0 || argv.some((a) => a === '--help' || a === '-h' || a === 'help');
await ensureBuilt({ web: argv[0] === 'serve' && !wantsHelp });
const { runCli } = await import('../dist/cli/index.js');
const code = await runCli(argv);
process.exit(code);
