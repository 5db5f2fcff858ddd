import express, { Router, type NextFunction, type Request, type Response } from 'express';
import SCIMMYRouters, { SCIMMY } from 'scimmy-routers';
import { normalizeEntraPatch } from './entra-patch';
import { declareScimResources, listPage, ROLE_ID_ATTRIBUTE, type ScimContext } from './scimmy-resources';
import { SCIM_TECHNICAL_ACCOUNT } from './scim-token';
import type { ScimWorld } from './scim-world';

/** Path of the SCIM base on the CLM sandbox's origin, as the real CLM has it (scim-profile.md). */
export const SCIM_PATH = '/api/scim/v2';

const SCIM_JSON = 'application/scim+json';
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
const CORE_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** An RFC 7644 section 3.12 error body; `status` is a JSON string, as the RFC says. */
function errorBody(status: number, detail: string, scimType?: string) {
  return { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

function sendScimError(res: Response, status: number, detail: string, scimType?: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res
    .status(status)
    .type(SCIM_JSON)
    .send(JSON.stringify(errorBody(status, detail, scimType)));
}

/** The userNames a call is about, so a fault can target one person (scim-faults.ts). */
function userNamesOf(world: ScimWorld, req: Request): string[] {
  const names: string[] = [];
  const body = req.body as { userName?: unknown } | undefined;
  if (body && typeof body.userName === 'string') names.push(body.userName);
  const filter = typeof req.query.filter === 'string' ? req.query.filter : '';
  for (const m of filter.matchAll(/userName\s+eq\s+"([^"]*)"/gi)) names.push(m[1]);
  const id = /^\/Users\/([^/]+)$/.exec(req.path)?.[1];
  const target = id ? world.store.listUsers().find((u) => u.id === decodeURIComponent(id)) : undefined;
  if (target) names.push(String(target.userName));
  return names;
}

/** /Schemas as SCIMMY describes it, with this organization's role UUIDs on roleId (scim-profile.md). */
function withRoleIds(world: ScimWorld, schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.id !== CORE_USER_SCHEMA) return schema;
  const attributes = (schema.attributes as Record<string, unknown>[]).map((a) =>
    a.name === ROLE_ID_ATTRIBUTE ? { ...a, canonicalValues: world.roles.ids(), description: world.roles.description() } : a,
  );
  return { ...schema, attributes };
}

function schemaRoutes(world: ScimWorld): Router {
  const router = Router();
  const send = (res: Response, body: unknown) => res.status(200).type(SCIM_JSON).send(JSON.stringify(body));
  router.get('/Schemas', async (req, res, next) => {
    try {
      const list = JSON.parse(JSON.stringify(await new SCIMMY.Resources.Schema(req.query as never).read())) as { Resources: Record<string, unknown>[] };
      send(res, { ...list, Resources: list.Resources.map((s) => withRoleIds(world, s)) });
    } catch (e) {
      next(e);
    }
  });
  router.get('/Schemas/:id', async (req, res, next) => {
    try {
      const schema = JSON.parse(JSON.stringify(await new SCIMMY.Resources.Schema(String(req.params.id), req.query as never).read())) as Record<string, unknown>;
      send(res, withRoleIds(world, schema));
    } catch (e) {
      next(e);
    }
  });
  return router;
}

/** The request's sandbox, set by scimRouter before SCIMMY's routers run. */
const worldOf = (req: Request): ScimWorld => (req.res!.locals as { scimWorld: ScimWorld }).scimWorld;

let shared: Router | undefined;

/**
 * SCIMMY Routers registers its authentication scheme in SCIMMY's process-wide configuration each
 * time one is built, so one is built per process and finds the sandbox of each request in
 * `res.locals` (several sandboxes run side by side in tests).
 */
function sharedScimmyRouters(): Router {
  if (shared) return shared;
  shared = new SCIMMYRouters({
    type: 'bearer',
    docUri: 'https://datatracker.ietf.org/doc/html/rfc6750',
    // The token was checked before (scimRouter): here it only names the caller for /Me.
    handler: () => SCIM_TECHNICAL_ACCOUNT,
    context: (req): ScimContext => ({ store: worldOf(req).store }),
    baseUri: (req) => new URL(worldOf(req).base.scimBase).origin,
  }) as unknown as Router;
  // The CLM's profile (scim-profile.md): PATCH and filters, no bulk, no sorting, no ETags.
  SCIMMY.Config.set({ patch: true, filter: { supported: true, maxResults: 200 }, bulk: false, sort: false, etag: false, changePassword: false });
  return shared;
}

/**
 * The CLM's SCIM 2.0 service provider, mounted at SCIM_PATH. In order: the call is logged, faults,
 * the bearer token (RFC 6750), the body (application/scim+json or application/json), paging
 * numbers, Entra's PATCH quirks, /Schemas with the role UUIDs, then SCIMMY's routers for
 * /Users, /Groups, /ResourceTypes and /ServiceProviderConfig.
 */
export function scimRouter(world: ScimWorld): Router {
  declareScimResources();
  const router = Router();

  router.use((req, res, next) => {
    // Read now: the routers below rewrite req.url while they work.
    const path = req.path;
    res.on('finish', () => world.log.push({ method: req.method, path, status: res.statusCode, at: new Date().toISOString() }));
    next();
  });

  router.use(express.json({ type: [SCIM_JSON, 'application/json'], limit: '1mb' }));

  router.use(async (req, res, next) => {
    const fault = world.faults.take({ method: req.method, path: req.path, userNames: userNamesOf(world, req) });
    if (!fault) return next();
    if (fault.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.status === undefined) return next();
    if (fault.status === 'hang') return world.faults.hold(res);
    if (fault.status === 429)
      return sendScimError(res, 429, 'Too many requests; retry after the time given in Retry-After', undefined, {
        'Retry-After': String(fault.retryAfter ?? 1),
      });
    return sendScimError(res, 500, 'Injected server error');
  });

  router.use(async (req, res, next) => {
    const header = req.get('authorization');
    if (!header) return sendScimError(res, 401, 'An Authorization: Bearer header is required', undefined, { 'WWW-Authenticate': 'Bearer realm="SCIM"' });
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match || !(await world.tokens.verify(match[1]))) {
      return sendScimError(res, 401, 'The bearer token is not accepted', undefined, { 'WWW-Authenticate': 'Bearer realm="SCIM", error="invalid_token"' });
    }
    next();
  });

  // Express 5 re-parses req.query on each read, so SCIMMY Routers' own cast of startIndex/count is
  // lost; the numbers are fixed once here. RFC 7644 section 3.4.2.4: startIndex < 1 is read as 1,
  // a negative count as 0; a value that is not a whole number is refused.
  router.use((req, _res, next) => {
    const query: Record<string, unknown> = { ...req.query };
    for (const name of ['startIndex', 'count']) {
      if (query[name] === undefined) continue;
      const n = Number(query[name]);
      if (typeof query[name] !== 'string' || !/^-?\d+$/.test(query[name] as string)) {
        return next(new SCIMMY.Types.Error(400, 'invalidValue', `${name} must be a whole number`));
      }
      query[name] = name === 'startIndex' ? Math.max(1, n) : Math.max(0, n);
    }
    Object.defineProperty(req, 'query', { value: query, writable: true, configurable: true, enumerable: true });
    next();
  });

  router.use((req, _res, next) => {
    const resource = /^\/(Users|Groups)\/[^/]+$/.exec(req.path)?.[1] as 'Users' | 'Groups' | undefined;
    if (req.method === 'PATCH' && resource) req.body = normalizeEntraPatch(req.body, resource);
    next();
  });

  // RFC 7644 section 3.3: a 201 carries the new resource's URI in Location (SCIMMY Routers does not set it).
  router.use((req, res, next) => {
    if (req.method !== 'POST') return next();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 201 && !res.get('Location')) {
        const location = (typeof body === 'string' ? (JSON.parse(body) as { meta?: { location?: string } }) : (body as { meta?: { location?: string } }))?.meta
          ?.location;
        if (location) res.setHeader('Location', location);
      }
      return send(body);
    };
    next();
  });

  router.use(schemaRoutes(world));
  router.get(['/Users', '/Groups'], (req, res, next) => {
    try {
      const body = listPage(
        req.path === '/Users' ? 'Users' : 'Groups',
        req.query as Record<string, unknown>,
        world.store,
        `${new URL(world.base.scimBase).origin}${req.baseUrl}`,
      );
      res.status(200).type(SCIM_JSON).send(JSON.stringify(body));
    } catch (e) {
      next(e);
    }
  });

  router.use((_req, res, next) => {
    res.locals.scimWorld = world;
    next();
  });
  router.use(sharedScimmyRouters());

  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return; // SCIMMY Routers answered already and passes 5xx on for logging
    const e = error as { status?: unknown; scimType?: unknown; message?: unknown; type?: unknown };
    if (e.type === 'entity.parse.failed') return sendScimError(res, 400, 'The body is not valid JSON', 'invalidSyntax');
    if (e.type === 'entity.too.large') return sendScimError(res, 413, 'The body is larger than 1 MiB', 'tooMany');
    const status = typeof e.status === 'number' ? e.status : Number(e.status) || 500;
    const detail = status >= 500 && !(error instanceof SCIMMY.Types.Error) ? 'Internal error' : String(e.message ?? 'Error');
    sendScimError(res, status, detail, typeof e.scimType === 'string' ? e.scimType : undefined);
  });
  return router;
}
