import { parseArgs } from 'node:util';
import { serveCommand } from './commands/serve.js';
import { migrateCommand } from './commands/migrate.js';
import { importCommand } from './commands/import.js';
import { exportCommand } from './commands/export.js';
import { adminCommand } from './commands/admin.js';
import type { Command } from './command.js';

const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  import: importCommand,
  export: exportCommand,
  admin: adminCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: kinship <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    "Run `kinship <command> --help` for a command's options.",
    'Configuration comes from environment variables; see the README.',
  ].join('\n');
}

/** Runs the `kinship` command line; resolves to the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic ? commands[topic] : undefined;
    process.stdout.write(`${command ? command.help : usage()}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`kinship: unknown command "${name}"\n\n${usage()}\n`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (err) {
    process.stderr.write(`kinship ${name}: ${err instanceof Error ? err.message : String(err)}\n\n${command.help}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  return command.run(parsed.values, parsed.positionals);
}
