// One boot-time index build as `npm start` runs it: the compiled server (dist/, built by bench/search.ts through
// scripts/ensure-built.js), plain Node without the tsx loader, in a fresh process that has done nothing else. Run
// by bench/search.ts several times; prints { ms, textWorker, meetings } as JSON.
//
// JavaScript, not TypeScript: run through tsx (as the other children are), the process and its build worker would
// load tsx's module hooks, which `npm start` does not, and the build would be timed with that start-up cost in it.
const dist = new URL('../../dist/server/', import.meta.url);
const { openDatabase } = await import(new URL('db/index.js', dist).href);
const { MeetingStore } = await import(new URL('modules/search/index/meeting-store.js', dist).href);
const { loadIndex } = await import(new URL('modules/search/loader.js', dist).href);

const request = JSON.parse(process.argv[2] ?? '{}');
const database = openDatabase(`sqlite:${request.database}`);
try {
  const store = new MeetingStore();
  // What SearchIndexService.start() times as builtInMs, apart from warming the zones' offset tables (a few ms).
  const started = performance.now();
  const report = await loadIndex(database.db, store);
  const ms = performance.now() - started;
  if (report.workerError) process.stderr.write(`build worker failed: ${report.workerError.stack}\n`);
  process.stdout.write(`${JSON.stringify({ ms, textWorker: report.textWorker, meetings: store.count })}\n`);
} finally {
  await database.close();
}
