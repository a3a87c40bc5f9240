import { createInterface } from 'node:readline';
import type { Command } from '../command.js';
import { configOrExit } from '../../server/main.js';
import { openDatabase } from '../../server/db/index.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { AppError } from '../../server/errors.js';
import { createSiteAdmin } from '../../server/modules/accounts/admin-service.js';

/** Reads the password: from KINSHIP_ADMIN_PASSWORD, else the first line of standard input (typed or piped). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.KINSHIP_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('Password (at least 12 characters): ');
  const rl = createInterface({ input: process.stdin, terminal: false });
  for await (const line of rl) {
    rl.close();
    if (process.stdin.isTTY) process.stderr.write('\n');
    return line;
  }
  return '';
}

export const adminCommand: Command = {
  summary: 'Create the first site admin (kinship admin create --handle NAME)',
  help: [
    'Usage: kinship admin create --handle NAME',
    '',
    'Creates an account with the site admin role in the database named by DATABASE_URL',
    '(migrating it first if needed). The password is read from KINSHIP_ADMIN_PASSWORD,',
    'or else from the first line of standard input. Prints the account’s recovery codes once.',
    'The role works after the admin signs in and sets up an authenticator app or passkey.',
    '',
    'Options:',
    '  --handle NAME  The admin’s handle (a pseudonym is fine)',
    '  -h, --help     Show this help',
  ].join('\n'),
  options: { handle: { type: 'string' } },
  async run(values, positionals) {
    if (positionals[0] !== 'create' || typeof values.handle !== 'string') {
      process.stderr.write(`kinship admin: expected "create --handle NAME"\n\n${adminCommand.help}\n`);
      return 2;
    }
    const config = configOrExit();
    const password = await readPassword();
    const database = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(database);
      const { recoveryCodes } = await createSiteAdmin(database, { handle: values.handle, password });
      process.stdout.write(
        [
          `kinship admin: created site admin "${values.handle}".`,
          '',
          'Recovery codes (each works once; keep them somewhere safe, they are not shown again):',
          ...recoveryCodes.map((c) => `  ${c}`),
          '',
          'Sign in, then set up an authenticator app under Account > Two-step sign-in: the admin role needs it.',
          '',
        ].join('\n'),
      );
      return 0;
    } catch (err) {
      const reason =
        err instanceof AppError
          ? [err.message, ...(err.details ?? []).map((d) => `${d.field}: ${d.message}`)].join(' ')
          : String(err);
      process.stderr.write(`kinship admin: ${reason}\n`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
