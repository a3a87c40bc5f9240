import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from '../command.js';
import { configOrExit } from '../../server/main.js';
import { openDatabase } from '../../server/db/index.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { calendarFor, csvChunks, meetingGuideChunks } from '../../server/modules/meetings/export-service.js';
import type { FeedFilter } from '../../server/modules/meetings/repository/feeds.js';

export const exportCommand: Command = {
  summary: 'Export meetings as Meeting Guide JSON, CSV or iCalendar',
  help: [
    'Usage: kinship export --format meeting-guide|csv|ics [--source NAME] [--fellowship NAME]',
    '                      [--region "County > City"] [--output FILE]',
    '',
    'Writes the live meetings (all, or those matching the filters) to FILE or stdout.',
    '',
    'Options:',
    '  --format F        meeting-guide (JSON feed per the spec), csv, or ics (iCalendar)',
    '  --source NAME     Only this source',
    '  --fellowship F    Only this fellowship',
    '  --region PATH     Only this region and the regions inside it',
    '  --output FILE     Write here instead of stdout',
    '  -h, --help        Show this help',
  ].join('\n'),
  options: {
    format: { type: 'string' },
    source: { type: 'string' },
    fellowship: { type: 'string' },
    region: { type: 'string' },
    output: { type: 'string', short: 'o' },
  },
  async run(values) {
    const format = values.format;
    if (format !== 'meeting-guide' && format !== 'csv' && format !== 'ics') {
      process.stderr.write(`kinship export: --format must be meeting-guide, csv or ics\n\n${exportCommand.help}\n`);
      return 2;
    }
    const filter: FeedFilter = {
      ...(typeof values.source === 'string' ? { source: values.source } : {}),
      ...(typeof values.fellowship === 'string' ? { fellowship: values.fellowship } : {}),
      ...(typeof values.region === 'string' ? { region: values.region } : {}),
    };
    const config = configOrExit();
    const database = openDatabase(config.databaseUrl);
    try {
      await migrateToLatest(database);
      const out = typeof values.output === 'string' ? createWriteStream(values.output) : process.stdout;
      let chunks: AsyncIterable<string>;
      if (format === 'ics') {
        const calendar = await calendarFor(database.db, filter, config.publicUrl, 'Kinship meetings', Number.MAX_SAFE_INTEGER);
        chunks = (async function* () {
          yield calendar.text;
        })();
      } else {
        chunks = format === 'csv' ? csvChunks(database.db, filter) : meetingGuideChunks(database.db, filter);
      }
      await pipeline(Readable.from(chunks), out, { end: out !== process.stdout });
      return 0;
    } catch (err) {
      process.stderr.write(`kinship export: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    } finally {
      await database.close();
    }
  },
};
