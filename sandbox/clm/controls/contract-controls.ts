import { Router } from 'express';
import { z } from 'zod';
import { notFound } from '../errors';
import { CONTRACT_STATUSES, type ContractStatus } from '../contracts/status-machine';
import type { ClmWorld } from '../world';
import { newId } from '../ids';
import { sha256Of } from '../contracts/generated-documents';
import { controlBody } from './control-body';

const transitionSchema = z
  .object({
    to: z.enum(CONTRACT_STATUSES as [ContractStatus, ...ContractStatus[]]),
    reason: z.string().optional(),
    /** Extra numbers skipped by the last move's sequence (the spec: "grows by at least one"). */
    sequenceGap: z.number().int().min(0).optional(),
  })
  .strict();

const documentSchema = z
  .object({
    sizeBytes: z
      .number()
      .int()
      .min(1)
      .max(512 * 1024 * 1024),
    name: z.string().min(1).optional(),
    kind: z.enum(['draft', 'signed']).default('draft'),
    contentType: z.string().min(1).default('application/pdf'),
    /** Send this many bytes, then wait for POST /_sandbox/documents/{id}/resume (forever: a stalled CLM). */
    pauseAfterBytes: z.number().int().min(1).optional(),
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
 *   POST /_sandbox/contracts/{id}/documents { sizeBytes, name?, kind?, contentType?, pauseAfterBytes? }:
 *     one more document on the contract, made as it is sent (generated-documents.ts): 201
 *     { document, sha256 }; with pauseAfterBytes every send stops there until
 *     POST /_sandbox/documents/{documentId}/resume (never: a CLM that stalls mid-body).
 *   GET  /_sandbox/document-sends: every send of such a document, { bytesSent, state } as it goes.
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
  router.post('/contracts/:contractId/documents', (req, res) => {
    const body = controlBody(documentSchema, req);
    const contractId = String(req.params.contractId);
    const contract = world.contracts.get(contractId);
    if (!contract) throw notFound('Contract');
    const documentId = newId('doc');
    const spec = { contractId, documentId, size: body.sizeBytes, seed: documentId, pauseAfterBytes: body.pauseAfterBytes };
    const document = {
      id: documentId,
      name: body.name ?? `${contract.name} (${body.kind}, large).pdf`,
      kind: body.kind,
      size: body.sizeBytes,
      contentType: body.contentType,
    };
    world.generatedDocuments.add(spec);
    world.contracts.addDocument(contractId, document);
    res.status(201).json({ document, sha256: sha256Of(spec) });
  });
  router.get('/document-sends', (_req, res) => {
    res.status(200).json(world.generatedDocuments.sends());
  });
  router.post('/documents/:documentId/resume', (req, res) => {
    res.status(200).json({ resumed: world.generatedDocuments.resume(String(req.params.documentId)) });
  });
  router.get('/contracts', (_req, res) => {
    res.status(200).json(world.contracts.all());
  });
  return router;
}
