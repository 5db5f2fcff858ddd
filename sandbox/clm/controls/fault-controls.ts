import { Router } from 'express';
import { faultSchema } from '../faults';
import type { ClmWorld } from '../world';
import { controlBody } from './control-body';

/**
 *   POST   /_sandbox/faults { status: 429 | 500 | "hang", count, retryAfter?, pathPrefix? }
 *   GET    /_sandbox/faults   the faults still armed
 *   DELETE /_sandbox/faults   disarm all
 */
export function faultControls(world: ClmWorld): Router {
  const router = Router();
  router.post('/faults', (req, res) => {
    world.faults.arm(controlBody(faultSchema, req));
    res.status(201).json({ armed: world.faults.pending() });
  });
  router.get('/faults', (_req, res) => {
    res.status(200).json({ armed: world.faults.pending() });
  });
  router.delete('/faults', (_req, res) => {
    world.faults.clear();
    res.status(204).end();
  });
  return router;
}
