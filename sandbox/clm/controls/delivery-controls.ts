import { Router } from 'express';
import type { ClmWorld } from '../world';
import { deliverySettingsSchema } from '../webhooks/delivery-settings';
import { controlBody } from './control-body';
import { notFound } from '../errors';

/**
 *   PUT    /_sandbox/delivery          { mode, delayMs?, speedup?, answerTimeoutMs?, match? }
 *   GET    /_sandbox/delivery          the current settings
 *   GET    /_sandbox/deliveries        [{ eventId, contractId, status, sequence, attempts, lastAnswer, state, event, attemptLog }]
 *   POST   /_sandbox/deliveries/{eventId}/redeliver  the same event once more (same webhook-id and body) -> { answer }
 *   POST   /_sandbox/deliveries/flush  release events held by reverse/random -> { released }
 *   DELETE /_sandbox/deliveries        forget the log (deliveries under way go on)
 */
export function deliveryControls(world: ClmWorld): Router {
  const router = Router();
  router.put('/delivery', async (req, res) => {
    res.status(200).json(await world.deliveries.configure(controlBody(deliverySettingsSchema, req)));
  });
  router.get('/delivery', (_req, res) => {
    res.status(200).json(world.deliveries.currentSettings());
  });
  router.get('/deliveries', (_req, res) => {
    res.status(200).json(world.deliveries.list());
  });
  router.post('/deliveries/:eventId/redeliver', async (req, res) => {
    const answer = await world.deliveries.redeliver(String(req.params.eventId));
    if (!answer) throw notFound('Delivery');
    res.status(200).json({ answer });
  });
  router.post('/deliveries/flush', async (_req, res) => {
    res.status(200).json({ released: await world.deliveries.flush() });
  });
  router.delete('/deliveries', (_req, res) => {
    world.deliveries.clearLog();
    res.status(204).end();
  });
  return router;
}
