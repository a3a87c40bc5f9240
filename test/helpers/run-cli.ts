// Runs the `kinship` CLI from source (tests use this instead of the built bin).
import { runCli } from '../../src/cli/index.js';

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
