import { Router } from 'express';
import { z } from 'zod';
import type { ClmWorld } from '../world';
import { controlBody } from './control-body';

const newFamilySchema = z.object({ accessTokenTtlSeconds: z.number().int().min(0).optional() }).strict();
const ttlSchema = z.object({ accessTokenTtlSeconds: z.number().int().min(0) }).strict();

/**
 *   POST /_sandbox/tokens          -> { access_token, refresh_token }: a new token family
 *                                     (body optional: { accessTokenTtlSeconds })
 *   POST /_sandbox/tokens/expire   every access token issued so far expires now
 *   PUT  /_sandbox/tokens/ttl      { accessTokenTtlSeconds } for tokens issued from now on
 *   GET  /_sandbox/stats           -> { refreshes, requests, ... }
 */
export function tokenControls(world: ClmWorld): Router {
  const router = Router();
  router.post('/tokens', (req, res) => {
    const body = controlBody(newFamilySchema, req);
    res.status(201).json(world.tokens.issueFamily({ accessTokenTtlSeconds: body.accessTokenTtlSeconds }));
  });
  router.post('/tokens/expire', (_req, res) => {
    res.status(200).json({ expired: world.tokens.expireAccessTokens() });
  });
  router.put('/tokens/ttl', (req, res) => {
    world.tokens.setDefaultTtl(controlBody(ttlSchema, req).accessTokenTtlSeconds);
    res.status(200).json({ accessTokenTtlSeconds: world.tokens.accessTokenTtlSeconds });
  });
  router.get('/stats', (_req, res) => {
    res.status(200).json({
      refreshes: world.tokens.stats.refreshes,
      requests: world.stats.requests,
      requestsByMethod: world.stats.byMethod,
      refreshesSucceeded: world.tokens.stats.refreshesSucceeded,
      refreshesRefused: world.tokens.stats.refreshesRefused,
      faultsServed: world.faults.served,
      specViolations: world.stats.specViolations,
    });
  });
  return router;
}
