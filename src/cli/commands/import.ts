import { stat } from 'node:fs/promises';
import type { Command } from '../command.js';
import { configOrExit } from '../../server/main.js';
import { openDatabase } from '../../server/db/index.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { openBus } from '../../server/bus/index.js';
import { importFeed } from '../../server/modules/meetings/import-service.js';
import { AppError } from '../../server/errors.js';
import { createProgress } from '../progress.js';
import { formatReport } from '../report-table.js';

export const importCommand: Command = {
  summary: 'Import a Meeting Guide JSON feed or a BMLT server into a source',
  help: [
    'Usage: kinship import <file|url|directory> --source <name> [--format meeting-guide|bmlt]',
    '                      [--timezone Area/City] [--fellowship AA] [--dry-run] [--json]',
    '',
    'Imports one version of a feed into the named source, in one transaction: new',
    'meetings are added, changed ones updated (with a per-field history), ones no',
    'longer in the feed removed. Re-importing identical data changes nothing. A',
    'malformed feed changes nothing. Every rejected meeting is listed with its reason.',
    '',
    'Input:',
    '  meeting-guide  a JSON file, or an http(s) URL of a feed',
    '  bmlt           a root server URL, or a directory holding GetSearchResults.json,',
    '                 GetFormats.json and GetServiceBodies.json',
    '',
    'Options:',
    '  --source NAME        The source to import into (created if new)',
    '  --format F           meeting-guide or bmlt (required for a new source)',
    '  --timezone ZONE      IANA zone for meetings that give none (most feeds)',
    '  --fellowship NAME    AA, NA, CA, SMART, ... (default: AA for meeting-guide, NA for bmlt)',
    '  --refresh MINUTES    With a URL: let the server refresh the source this often',
    '  --dry-run            Report what would change, change nothing',
    '  --json               Print the report as JSON',
    '  -h, --help           Show this help',
    '',
    'Exit status: 0 when the import succeeded (even with rejected meetings), 1 when it failed.',
  ].join('\n'),
  options: {
    source: { type: 'string' },
    format: { type: 'string' },
    timezone: { type: 'string' },
    fellowship: { type: 'string' },
    refresh: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(values, positionals) {
    const input = positionals[0];
    const source = values.source;
    const format = values.format;
    const problems: string[] = [];
    if (!input) problems.push('give the file, URL or directory to import');
    if (typeof source !== 'string' || source === '') problems.push('--source is required');
    if (format !== undefined && format !== 'meeting-guide' && format !== 'bmlt')
      problems.push('--format must be meeting-guide or bmlt');
    const refresh = typeof values.refresh === 'string' ? Number(values.refresh) : undefined;
    if (refresh !== undefined && !Number.isInteger(refresh)) problems.push('--refresh must be a whole number of minutes');
    if (problems.length > 0 || !input || typeof source !== 'string') {
      process.stderr.write(`kinship import: ${problems.join('; ')}\n\n${importCommand.help}\n`);
      return 2;
    }

    const config = configOrExit();
    const database = openDatabase(config.databaseUrl);
    const bus = await openBus(config.redisUrl);
    let size: number | null = null;
    if (!/^https?:\/\//i.test(input))
      size = await stat(input).then(
        (s) => (s.isFile() ? s.size : null),
        () => null,
      );
    const progress = values.json ? null : createProgress(`Importing ${source}`, size);
    try {
      await migrateToLatest(database);
      const report = await importFeed(
        { database, bus },
        {
          sourceName: source,
          input,
          trigger: 'cli',
          // A person is watching and can stop it; a big feed over a slow link needs time.
          timeoutMs: 15 * 60_000,
          dryRun: values['dry-run'] === true,
          ...(format ? { format: format as 'meeting-guide' | 'bmlt' } : {}),
          ...(typeof values.timezone === 'string' ? { timezone: values.timezone } : {}),
          ...(typeof values.fellowship === 'string' ? { fellowship: values.fellowship } : {}),
          ...(refresh !== undefined ? { refreshMinutes: refresh, url: /^https?:\/\//i.test(input) ? input : undefined } : {}),
          onProgress: (meetings, bytes) => progress?.update(meetings, bytes),
        },
      );
      progress?.done();
      process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
      return report.status === 'failed' ? 1 : 0;
    } catch (err) {
      progress?.done();
      const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
      process.stderr.write(`kinship import: ${message}\n`);
      return err instanceof AppError ? 2 : 1;
    } finally {
      await bus.close();
      await database.close();
    }
  },
};
