import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from './config.js';
import type { AppDeps } from './deps.js';
import { openDatabase, type DatabaseHandle } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { openBus, type Bus } from './bus/index.js';
import { loggerOptions } from './logger.js';
import { refuseNulCharacters } from './plugins/no-nul.js';
import { refuseUndeclaredQueries } from './plugins/strict-query.js';
import { frameworkErrors, notFoundHandler, registerErrorHandler } from './plugins/error-handler.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerWeb } from './plugins/web.js';
import { defaultWebRoot } from './paths.js';
import { systemRoutes } from './modules/system/routes.js';
import { meetingsRoutes } from './modules/meetings/routes/index.js';
import { startScheduler, type Scheduler } from './modules/meetings/scheduler.js';
import { SearchIndexService } from './modules/search/index-service.js';
import { zoneTimeOps } from './modules/search/zone-time-ops.js';
import { searchRoutes } from './modules/search/routes/search-routes.js';
import { findPlace } from './modules/places/place-index.js';
import { placesRoutes } from './modules/places/routes.js';
import { MeetingPages } from './modules/meetings/web-page/meeting-pages.js';
import { meetingPageRoutes } from './modules/meetings/web-page/routes.js';
import { correctionRoutes } from './modules/meetings/corrections/routes.js';
import compress from '@fastify/compress';
import { registerSecurityHeaders, securityHeaders } from './plugins/security-headers.js';
import { constants as zlibConstants } from 'node:zlib';
import { requestActor } from './security/request-actor.js';
import { cookieSettings } from './security/session-cookie.js';
import { memoryRateLimitStore, redisRateLimitStore, type RateLimitStore } from './security/rate-limit-store.js';
import { RateLimits } from './security/rate-limits.js';
import { newToken } from './security/tokens.js';
import { getOrCreateMeta } from './modules/system/repository.js';
import { authRoutes } from './modules/accounts/routes/auth-routes.js';
import { accountRoutes } from './modules/accounts/routes/account-routes.js';
import { accountAdminRoutes } from './modules/accounts/routes/admin-routes.js';
import { passkeyRoutes } from './modules/accounts/routes/passkey-routes.js';
import { BackgroundTasks } from './background.js';
import { smtpMailer } from './mail/mailer.js';
import { startSweeper } from './modules/accounts/sweep.js';
import { groupsRoutes } from './modules/groups/routes/index.js';
import { liveRoutes } from './modules/groups/live/routes/index.js';
import { ChatHub } from './modules/groups/chat/hub.js';
import { chatRoutes } from './modules/groups/chat/ws-routes.js';
import { Gauge } from 'prom-client';

export interface BuildOptions {
  /** Use this database instead of opening `config.databaseUrl`; the caller closes it. */
  database?: DatabaseHandle;
  /** Use this bus instead of opening one from `config.redisUrl`; the caller closes it. */
  bus?: Bus;
  /** Apply pending migrations before serving (default true, as `npm start` does). */
  migrate?: boolean;
  /** Where logs go (tests capture them here); default stdout. */
  logStream?: DestinationStream;
  /** The clock for sessions, challenges and limits (tests move it). */
  now?: () => Date;
  /** The chat hub's heartbeat in milliseconds (tests make it fast); default CHAT_LIMITS.heartbeatSeconds. */
  chatHeartbeatMs?: number;
  /** How often the live-meeting scheduler looks, in milliseconds (e2e tests make it short); default LIVE_TICK_MS. */
  liveTickMs?: number;
}

/** Request ids are ours, never taken from the client, so logs cannot be forged or linked across sites. */
const genReqId = () => randomUUID();

/**
 * Builds the whole application: plugins, then modules. It does not listen;
 * `main.ts` does, and tests drive it with `app.inject()`. Resources it opens
 * itself are closed by `app.close()`.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const applySecurityHeaders = securityHeaders({ tileUrl: config.map.tileUrl });
  const app = Fastify({
    logger: loggerOptions(config, options.logStream),
    genReqId,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // A path parameter longer than this is refused before any handler runs.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // The router's own errors come before any hook: they get the security headers here.
    frameworkErrors: (err, request, reply) => {
      applySecurityHeaders(request, reply);
      void frameworkErrors(err, request, reply);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  refuseNulCharacters(app);
  refuseUndeclaredQueries(app);
  app.addHook('onSend', (request, reply, _payload, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  registerSecurityHeaders(app, applySecurityHeaders);

  const database = options.database ?? openDatabase(config.databaseUrl);
  let bus: Bus | undefined;
  let limitStore: RateLimitStore | undefined;
  try {
    bus = options.bus ?? (await openBus(config.redisUrl, (err) => app.log.error({ err }, 'bus error')));
    const clock = options.now ?? (() => new Date());
    limitStore = config.redisUrl
      ? await redisRateLimitStore(config.redisUrl)
      : memoryRateLimitStore(undefined, () => clock().getTime());
    if (options.migrate !== false) {
      const { applied } = await migrateToLatest(database);
      if (applied.length > 0) app.log.info({ applied }, 'migrations applied');
    }
  } catch (err) {
    if (!options.database) await database.close();
    if (bus && !options.bus) await bus.close();
    await limitStore?.close();
    throw err;
  }
  // Shared by every instance on this database, so rate-limit keys in a shared Redis agree.
  const limits = new RateLimits(limitStore, config.rateLimits, () =>
    getOrCreateMeta(database.db, 'installation_secret', newToken),
  );

  const background = new BackgroundTasks();
  const mailer = config.mail.smtpUrl ? smtpMailer(config.mail.smtpUrl, config.mail.from) : undefined;
  app.decorate('background', background);
  const clockForSweep = options.now ?? (() => new Date());
  const stopSweeper = startSweeper(database.db, clockForSweep, config.sessions, (err) =>
    app.log.warn({ err }, 'sweeping expired sessions and tokens failed'),
  );
  const deps: AppDeps = { config, database, bus, startedAt: new Date(), mailer, background };
  const ownedBus = bus;
  let scheduler: Scheduler | undefined;
  const time = zoneTimeOps();
  const searchIndex = new SearchIndexService(database, ownedBus, time, app.log);
  const chatHub = new ChatHub({
    database,
    bus: ownedBus,
    now: clockForSweep,
    log: app.log,
    sessions: config.sessions,
    ...(options.chatHeartbeatMs ? { heartbeatMs: options.chatHeartbeatMs } : {}),
  });
  app.addHook('onClose', async () => {
    // Chat sockets close (1001) and the hub stops following rooms before the bus and database go.
    await chatHub.close();
    // A refresh in progress finishes (or fails) before its database and bus go away.
    stopSweeper();
    await scheduler?.stop();
    await searchIndex.stop();
    await background.idle();
    mailer?.close();
    if (!options.bus) await ownedBus.close();
    await limits.store.close();
    if (!options.database) await database.close();
  });

  // Brotli or gzip for API answers and feeds; small answers are not worth it. Brotli's default quality (11) costs
  // milliseconds per answer; 5 keeps most of the saving at a fraction of the CPU.
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
    zlibOptions: { level: 6 },
  });
  await registerOpenApi(app, config.publicUrl);
  await app.register(requestActor, {
    db: database.db,
    cookie: cookieSettings(config.env, config.publicUrl),
    sessions: config.sessions,
    limits,
    adminToken: config.adminToken,
    publicOrigin: new URL(config.publicUrl).origin,
    now: options.now ?? (() => new Date()),
  });
  const metrics = registerMetrics(app, () => database.poolStats());
  new Gauge({
    name: 'kinship_chat_sockets',
    help: 'Open chat WebSockets on this instance',
    registers: [metrics],
    collect() {
      this.set(chatHub.socketCount);
    },
  });
  await app.register(systemRoutes, deps);
  await app.register(meetingsRoutes, deps);
  await app.register(placesRoutes, deps);
  await app.register(authRoutes, deps);
  await app.register(accountRoutes, deps);
  await app.register(accountAdminRoutes, deps);
  await app.register(passkeyRoutes, deps);
  await app.register(groupsRoutes, deps);
  await app.register(liveRoutes, { ...deps, ...(options.liveTickMs ? { liveTickMs: options.liveTickMs } : {}) });
  await chatHub.start();
  await app.register(chatRoutes, { hub: chatHub });
  await searchIndex.start();
  app.decorate('searchIndex', searchIndex);
  await app.register(searchRoutes, { ...deps, index: searchIndex, time, places: { find: findPlace } });

  const webRoot = config.webRoot ?? defaultWebRoot;
  const webServed = await registerWeb(app, webRoot, notFoundHandler);
  if (!webServed) app.setNotFoundHandler(notFoundHandler);
  // Meeting pages are server-rendered into the web app's shell, so they exist only when the app is built.
  const pages = webServed ? new MeetingPages({ database, publicUrl: config.publicUrl, webRoot, time }) : undefined;
  if (pages) await app.register(meetingPageRoutes, { pages });
  await app.register(correctionRoutes, { ...deps, ...(pages ? { pages } : {}) });

  if (config.scheduler) scheduler = startScheduler({ database, bus: ownedBus }, app.log);

  await app.ready();
  return app;
}
