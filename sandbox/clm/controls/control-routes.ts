import { Router } from 'express';
import type { ClmWorld } from '../world';
import { contactControls } from './contact-controls';
import { contractControls } from './contract-controls';
import { deliveryControls } from './delivery-controls';
import { faultControls } from './fault-controls';
import { templateControls } from './template-controls';
import { tokenControls } from './token-controls';

/** Every test control, mounted at `${apiBase}/_sandbox`; never mixed with the spec's paths. */
export function controlRoutes(world: ClmWorld): Router {
  const router = Router();
  router.use(tokenControls(world));
  router.use(contractControls(world));
  router.use(deliveryControls(world));
  router.use(faultControls(world));
  router.use(templateControls(world));
  router.use(contactControls(world));
  return router;
}
