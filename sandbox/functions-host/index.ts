/**
 * The Functions dev host: the app's functions served over plain node http at `/api`, from the same
 * route table that `functions/src/index.ts` registers with the Functions runtime, so a route exists
 * here exactly when it exists in Azure. Timers and queue handlers run on demand (`runTimer`,
 * `runQueue`) instead of on a schedule or a queue poll.
 */
import { InvocationContext, type LogHandler, type SetupOptions, type Timer } from '@azure/functions';
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOverrides } from '../../functions/src/app/composition-root';
import { lazy } from '../../functions/src/app/lazy';
import { loadConfig } from '../../functions/src/config';
import { appFunctions, type HttpRoute, type QueueJob, type TimerJob } from '../../functions/src/routes';
import { answerPreflight, corsHeaders, type CorsOptions } from './cors';
import { hostSetup } from '../../functions/src/host-setup';
import { readRawBody, toHttpRequest, toStreamingHttpRequest, writeResult } from './http-bridge';
import { readQueueSettings } from './host-json';
import { messageValue, startQueuePolling, type QueueMessageMetadata, type QueuePoller } from './queue-poller';
import { byPrecedence, compileRoute, splitRoutePath, type CompiledRoute } from './route-template';
import { routesPage } from './routes-page';

export interface FunctionsHostOptions {
  port?: number;
  host?: string;
  /** Default: the app's own table, `functions/src/routes.ts`, over an app built from `env`. */
  routes?: HttpRoute[];
  timers?: TimerJob[];
  queues?: QueueJob[];
  /** The Function App's application settings, as in Azure: the app is built from them on first use. */
  env?: Record<string, string>;
  /** Parts of the app replaced (tests and benchmarks): passed to the composition root. */
  appOverrides?: AppOverrides;
  /** Where `context.log` and friends go. Default: the console, prefixed with the function name. */
  logHandler?: LogHandler;
  /** One line per HTTP request (method, path without query, status, function). Default: off. */
  logRequest?: (line: string) => void;
  /**
   * Run queue functions on the messages of their Azure Storage queues, as the runtime does.
   * `true`: the queues of the `AzureWebJobsStorage` setting. Default: off (use `runQueue`).
   * The longest idle wait is host.json's `extensions.queues.maxPollingInterval`, as in Azure;
   * `maxIntervalMs` replaces it (tests); `visibilityTimeoutSeconds` the runtime's 10-minute message
   * lease (queue-poller.ts; tests that kill a host and wait for its message to come back).
   */
  pollQueues?: boolean | { connectionString?: string; maxIntervalMs?: number; visibilityTimeoutSeconds?: number };
  /** The Function App's CORS settings (App Service answers preflights). Default: none, as in Azure. */
  cors?: CorsOptions;
  /**
   * The host's master key (`_master` of App keys), required by the admin API in `x-functions-key`.
   * Default: a new random one, as a Function App makes at its first start; read it from `masterKey`.
   */
  masterKey?: string;
  /**
   * What the app passed to `app.setup` (functions/src/host-setup.ts when the host serves the app's
   * own functions; none for given routes, as for an app that never calls it). With
   * `enableHttpStream` the body reaches the handler as a stream, as in Azure; without it the host
   * reads the whole body first, as Azure's host does.
   */
  setup?: SetupOptions;
}

export interface FunctionsHost {
  /** http://127.0.0.1:<port>/api */
  url: string;
  routes: readonly HttpRoute[];
  /** The master key the admin API (`/admin/...`) requires in `x-functions-key`. A secret: do not log it. */
  masterKey: string;
  /** The app behind the routes (built on first use); undefined when the host serves given routes. */
  app?: () => App;
  runTimer(name: string): Promise<unknown>;
  runQueue(name: string, message: unknown): Promise<unknown>;
  /** Stops polling the queues (serving goes on): another host, e.g. one a test can kill, takes the messages. */
  stopQueuePolling(): Promise<void>;
  /** Stops serving and polling; resolves when the server is closed. */
  close(): Promise<void>;
}

const ROUTE_PREFIX = 'api';

interface Entry {
  route: HttpRoute;
  compiled: CompiledRoute;
}

function defaultLogHandler(functionName: string): LogHandler {
  return (level, ...args) => {
    const line = `[${functionName}] ${args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}`;
    if (level === 'error' || level === 'critical') console.error(line);
    else if (level === 'warning') console.warn(line);
    else if (level !== 'trace' && level !== 'debug') console.log(line);
  };
}

export async function startFunctionsHost(opts: FunctionsHostOptions = {}): Promise<FunctionsHost> {
  const ownApp = opts.routes && opts.timers && opts.queues ? undefined : lazy(() => createApp(loadConfig(opts.env ?? {}), opts.appOverrides));
  const functions = ownApp ? appFunctions(ownApp) : undefined;
  const routes = opts.routes ?? functions!.http;
  const timers = opts.timers ?? functions!.timers;
  const queues = opts.queues ?? functions!.queues;
  const entries: Entry[] = routes.map((route) => ({ route, compiled: compileRoute(route.route) })).sort((a, b) => byPrecedence(a.compiled, b.compiled));
  const host = opts.host ?? '127.0.0.1';
  const context = (functionName: string, triggerType: string, triggerMetadata?: Record<string, unknown>) =>
    new InvocationContext({
      functionName,
      invocationId: randomUUID(),
      logHandler: opts.logHandler ?? defaultLogHandler(functionName),
      triggerMetadata,
      options: { trigger: { type: triggerType, name: triggerType } },
    });
  let baseUrl = '';
  const masterKey = opts.masterKey ?? randomBytes(32).toString('base64url');
  const streaming = (opts.setup ?? (opts.routes ? {} : hostSetup)).enableHttpStream === true;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const method = (req.method ?? 'GET').toUpperCase();
    if (answerPreflight(opts.cors, req, res)) return;
    for (const [name, value] of Object.entries(corsHeaders(opts.cors, req))) res.setHeader(name, value);
    if (url.pathname === '/' && method === 'GET') {
      const html = routesPage(`${baseUrl}/${ROUTE_PREFIX}`, routes, timers, queues);
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
      return;
    }
    const adminRun = /^\/admin\/functions\/([^/]+)$/.exec(url.pathname);
    if (adminRun) {
      await runByAdminApi(req, res, decodeURIComponent(adminRun[1]));
      return;
    }
    const [prefix, ...rest] = url.pathname.split('/').filter(Boolean);
    // Split and decoded once for every route: this runs on every request.
    const parts = prefix?.toLowerCase() === ROUTE_PREFIX ? splitRoutePath(rest.join('/')) : null;
    const candidates = parts ? entries.map((e) => ({ e, params: e.compiled.matchParts(parts) })).filter((c) => c.params) : [];
    if (candidates.length === 0) {
      finish(res, method, url.pathname, 404);
      return;
    }
    const hit = candidates.find((c) => c.e.route.methods.some((m) => m.toUpperCase() === method));
    if (!hit) {
      const allow = [...new Set(candidates.flatMap((c) => c.e.route.methods.map((m) => m.toUpperCase())))];
      finish(res, method, url.pathname, 405, { Allow: allow.join(', ') });
      return;
    }
    const streamed = streaming ? toStreamingHttpRequest(req, url.toString(), hit.params!) : undefined;
    const request = streamed?.request ?? toHttpRequest(req, url.toString(), await readRawBody(req), hit.params!);
    const name = hit.e.route.name;
    try {
      const result = await hit.e.route.handler(request, context(name, 'httpTrigger'));
      await writeResult(res, result, { streaming });
      opts.logRequest?.(`${method} ${url.pathname} -> ${res.statusCode} (${name})`);
    } catch (e) {
      // As the Functions runtime does: the caller gets a bare 500, the log gets the error's message.
      (opts.logHandler ?? defaultLogHandler(name))('error', `Unhandled error: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) finish(res, method, url.pathname, 500);
      else res.destroy();
      opts.logRequest?.(`${method} ${url.pathname} -> 500 (${name})`);
    } finally {
      streamed?.done();
    }
  }

  /**
   * The runtime's admin API for non-HTTP functions: `POST /admin/functions/<name>` with the master
   * key in `x-functions-key` and `{ "input": "<string>" }` starts the function and answers 202 at
   * once; without the key, 401, as in Azure.
   */
  async function runByAdminApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    // "APIs under the /admin/ path are only accessible with authorization": the master key in
    // x-functions-key (learn.microsoft.com, Manually run a non HTTP-triggered function), checked
    // before a byte of the body is read.
    if (!holdsMasterKey(req)) {
      finish(res, req.method ?? 'POST', `/admin/functions/${name}`, 401);
      return;
    }
    const raw = (await readRawBody(req)).toString('utf8');
    const isTimer = timers.some((t) => t.name === name);
    const isQueue = queues.some((q) => q.name === name);
    if (req.method !== 'POST' || (!isTimer && !isQueue)) {
      finish(res, req.method ?? 'POST', `/admin/functions/${name}`, req.method !== 'POST' && (isTimer || isQueue) ? 405 : 404);
      return;
    }
    let input: string;
    try {
      input = String((JSON.parse(raw || '{}') as { input?: unknown }).input ?? '');
    } catch {
      finish(res, 'POST', `/admin/functions/${name}`, 400);
      return;
    }
    finish(res, 'POST', `/admin/functions/${name}`, 202);
    const run = isTimer ? runTimer(name) : runQueue(name, messageValue(input));
    run.catch((e: unknown) => (opts.logHandler ?? defaultLogHandler(name))('error', `Unhandled error: ${e instanceof Error ? e.message : String(e)}`));
  }

  function holdsMasterKey(req: IncomingMessage): boolean {
    const given = req.headers['x-functions-key'];
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(masterKey);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  async function runTimer(name: string): Promise<unknown> {
    const job = timers.find((t) => t.name === name);
    if (!job) throw new Error(`No timer function "${name}"`);
    const now = new Date().toISOString();
    const timer: Timer = { isPastDue: false, schedule: { adjustForDST: true }, scheduleStatus: { last: now, next: now, lastUpdated: now } };
    return job.handler(timer, context(name, 'timerTrigger'));
  }

  async function runQueue(name: string, message: unknown, metadata?: QueueMessageMetadata): Promise<unknown> {
    const job = queues.find((q) => q.name === name);
    if (!job) throw new Error(`No queue function "${name}"`);
    const now = new Date();
    // The metadata the Functions runtime passes with a storage queue message.
    const meta: QueueMessageMetadata = metadata ?? {
      id: randomUUID(),
      dequeueCount: 1,
      insertionTime: now.toISOString(),
      expirationTime: new Date(now.getTime() + 7 * 24 * 3600_000).toISOString(),
      nextVisibleTime: new Date(now.getTime() + 30_000).toISOString(),
      popReceipt: randomUUID(),
    };
    return job.handler(message, context(name, 'queueTrigger', { ...meta }));
  }

  function finish(res: ServerResponse, method: string, pathname: string, status: number, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Length': '0', ...headers });
    res.end();
    if (status !== 500) opts.logRequest?.(`${method} ${pathname} -> ${status}`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Length': '0' });
        res.end();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  baseUrl = `http://${host}:${(server.address() as AddressInfo).port}`;

  let poller: QueuePoller | undefined;
  if (opts.pollQueues && queues.length > 0) {
    const cfg = typeof opts.pollQueues === 'object' ? opts.pollQueues : {};
    const connectionString = cfg.connectionString ?? process.env.AzureWebJobsStorage;
    if (!connectionString) throw new Error('pollQueues needs a connection string (AzureWebJobsStorage)');
    poller = startQueuePolling({
      connectionString,
      jobs: queues,
      maxIntervalMs: cfg.maxIntervalMs ?? readQueueSettings().maxPollingIntervalMs,
      ...(cfg.visibilityTimeoutSeconds ? { visibilityTimeoutSeconds: cfg.visibilityTimeoutSeconds } : {}),
      invoke: (job, message, metadata) => runQueue(job.name, message, metadata),
    });
  }

  return {
    url: `${baseUrl}/${ROUTE_PREFIX}`,
    routes,
    masterKey,
    ...(ownApp ? { app: ownApp } : {}),
    runTimer,
    runQueue: (name, message) => runQueue(name, message),
    async stopQueuePolling() {
      await poller?.stop();
      poller = undefined;
    },
    async close() {
      await poller?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
