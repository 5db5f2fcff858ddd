import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../errors';
import { CONTRACT_STATUSES, type ContractStatus } from '../contracts/status-machine';
import type { ClmWorld } from '../world';
import { controlBody } from './control-body';

const transitionSchema = z
  .object({
    to: z.enum(CONTRACT_STATUSES as [ContractStatus, ...ContractStatus[]]),
    reason: z.string().optional(),
    /** Extra numbers skipped by the last move's sequence (the spec: "grows by at least one"). */
    sequenceGap: z.number().int().min(0).optional(),
  })
  .strict();

const fieldsSchema = z.object({ fields: z.record(z.string(), z.unknown()) }).strict();

/**
 *   PATCH /_sandbox/contracts/{id}/fields { fields }: legal changes values in the CLM (the final
 *     amount, the end date); merged into the contract's fields, no status change, no event.
 *   POST /_sandbox/contracts/{id}/transition { to, reason? }: what a CLM user would do by hand
 *     (approve, reject, sign, decline, expire, cancel). When `to` is not one legal move away the
 *     contract goes through the shortest legal chain (a draft "to signed" is sent, then signed),
 *     one webhook event per move; a final contract, or an unreachable status, is 409 invalid_state.
 *     `sequenceGap: n` makes the last move's sequence jump by 1 + n.
 *   GET  /_sandbox/contracts: every contract, newest last.
 */
export function contractControls(world: ClmWorld): Router {
  const router = Router();
  router.post('/contracts/:contractId/transition', async (req, res) => {
    const body = controlBody(transitionSchema, req);
    const id = String(req.params.contractId);
    if (!world.contracts.get(id)) throw notFound('Contract');
    res.status(200).json(await world.contracts.moveTo(id, body.to, body.reason, body.sequenceGap));
  });
  router.patch('/contracts/:contractId/fields', async (req, res) => {
    const body = controlBody(fieldsSchema, req);
    const id = String(req.params.contractId);
    if (!world.contracts.get(id)) throw notFound('Contract');
    res.status(200).json(await world.contracts.setFields(id, body.fields));
  });
  router.get('/contracts', (_req, res) => {
    res.status(200).json(world.contracts.all());
  });
  return router;
}
