import type { Command } from '../command.js';
import { configOrExit } from '../../server/main.js';
import { openDatabase } from '../../server/db/index.js';
import { migrateToLatest } from '../../server/db/migrate.js';

export const migrateCommand: Command = {
  summary: 'Apply pending database migrations and exit',
  help: [
    'Usage: kinship migrate',
    '',
    'Brings the database named by DATABASE_URL to the latest schema. Safe to run',
    'repeatedly and from several machines at once: each migration is applied once.',
    '`kinship serve` does this by itself at start-up.',
    '',
    'Options:',
    '  -h, --help Show this help',
  ].join('\n'),
  options: {},
  async run() {
    const config = configOrExit();
    const database = openDatabase(config.databaseUrl);
    try {
      const { applied, schemaVersion } = await migrateToLatest(database);
      const what = applied.length === 0 ? 'already up to date' : `applied ${applied.join(', ')}`;
      process.stdout.write(`kinship migrate: ${database.dialect} database ${what}; schema version ${schemaVersion}\n`);
      return 0;
    } catch (err) {
      process.stderr.write(`kinship migrate: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
