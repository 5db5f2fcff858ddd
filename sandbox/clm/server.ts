import express, { Router, type Express } from 'express';
import { tokenEndpoint } from './auth/token-endpoint';
import { contactRoutes } from './contacts/contact-routes';
import { contractRoutes } from './contracts/contract-routes';
import { controlRoutes } from './controls/control-routes';
import { errorHandler } from './error-handler';
import { scimControls } from './scim/scim-controls';
import { SCIM_PATH, scimRouter } from './scim/scim-router';
import { folderRoutes } from './folders/folder-store';
import { checkRequest, matchAndAuthenticate } from './spec-gate';
import { templateRoutes } from './templates/template-routes';
import { webRoutes } from './web/web-routes';
import { webhookRoutes } from './webhooks/webhook-registration';
import type { ClmWorld } from './world';

/** Path of the API base on the sandbox's origin, as the real API has it. */
export const API_PATH = '/api/clm/v1';

/** The spec's paths, in the order: count, faults, spec gate, body parsing, checks, handlers. */
function apiRouter(world: ClmWorld): Router {
  const api = Router();
  const apiBase = () => world.bases.apiBase;
  api.use((req, _res, next) => {
    world.stats.requests += 1;
    world.stats.byMethod[req.method] = (world.stats.byMethod[req.method] ?? 0) + 1;
    next();
  });
  api.use(world.faults.middleware());
  api.use(matchAndAuthenticate(world));
  api.use(express.json({ limit: '1mb', type: 'application/json' }));
  api.use(express.urlencoded({ extended: false, limit: '16kb', type: 'application/x-www-form-urlencoded' }));
  api.use(checkRequest());
  api.post('/oauth/token', tokenEndpoint(world.tokens));
  api.use(folderRoutes(world.folders));
  api.use(templateRoutes(world.templates));
  api.use(contractRoutes(world.contracts, world.templates, world.folders, apiBase, world.generatedDocuments));
  api.use(webhookRoutes(world.webhook));
  api.use(contactRoutes(world.contacts, apiBase));
  api.use(errorHandler());
  return api;
}

export function createClmApp(world: ClmWorld): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const controls = Router();
  controls.use(express.json({ limit: '1mb' }));
  controls.use(controlRoutes(world));
  controls.use(scimControls(world.scim));
  controls.use(errorHandler());
  // Controls first: their prefix must never reach the spec gate (which would call them unknown paths).
  app.use(`${API_PATH}/_sandbox`, controls);
  app.use(API_PATH, apiRouter(world));
  app.use(SCIM_PATH, scimRouter(world.scim));
  app.use(webRoutes(world));
  return app;
}
