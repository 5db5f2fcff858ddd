import { Router } from 'express';
import { ClmError, notFound } from '../errors';
import type { FolderStore } from '../folders/folder-store';
import { locals } from '../request-locals';
import type { TemplateStore } from '../templates/template-store';
import type { ContractStore } from './contract-store';
import type { NewContract, Signatory } from './contract-types';
import type { GeneratedDocuments } from './generated-documents';
import { validateFieldValues } from './field-validation';

/**
 * The contract paths of clm-api.yaml. Bodies and parameters were already held to the spec's
 * schemas by the spec gate; what is checked here is what only the CLM's data can tell.
 */
export function contractRoutes(
  contracts: ContractStore,
  templates: TemplateStore,
  folders: FolderStore,
  apiBase: () => string,
  generated: GeneratedDocuments,
): Router {
  const router = Router();

  router.post('/contracts', async (req, res) => {
    const key = req.get('idempotency-key') as string;
    const earlier = contracts.replayOf(key);
    if (earlier) {
      // The spec: a second POST with the same key answers 200 with the first contract, whatever its body.
      res.status(200).json(earlier);
      return;
    }
    const body = req.body as NewContract;
    const template = templates.get(body.templateId);
    if (!template) throw notFound('Template');
    if (!folders.get(body.folderId)) throw notFound('Folder');
    if (template.status !== 'active') {
      throw new ClmError(422, 'validation_failed', `Template "${template.name}" is archived`, [
        { field: 'templateId', message: 'the template is archived; contracts cannot be made from it' },
      ]);
    }
    const details = validateFieldValues(template, body.fields);
    if (details.length > 0) throw new ClmError(422, 'validation_failed', `The field values do not fit template "${template.name}"`, details);
    const { contract, replayed } = await contracts.create(body, key);
    if (!replayed) res.setHeader('Location', `${apiBase()}/contracts/${encodeURIComponent(contract.id)}`);
    res.status(replayed ? 200 : 201).json(contract);
  });

  router.get('/contracts/:contractId', (_req, res) => {
    const contract = contracts.get(locals(res).pathParams.contractId);
    if (!contract) throw notFound('Contract');
    res.status(200).json(contract);
  });

  router.get('/contracts/:contractId/validation-flows', (_req, res) => {
    const contract = contracts.get(locals(res).pathParams.contractId);
    if (!contract) throw notFound('Contract');
    res.status(200).json({ data: templates.flowsOf(contract.templateId) });
  });

  router.post('/contracts/:contractId/validations', async (req, res) => {
    const contract = contracts.get(locals(res).pathParams.contractId);
    if (!contract) throw notFound('Contract');
    if (contract.status !== 'draft' && contract.status !== 'rejected') {
      throw new ClmError(409, 'invalid_state', `A validation can start only from draft or rejected; the contract is ${contract.status}`);
    }
    const flowId = (req.body as { flowId?: string } | undefined)?.flowId;
    const flows = templates.flowsOf(contract.templateId);
    const flow = flowId === undefined ? flows[0] : flows.find((f) => f.id === flowId);
    if (!flow) {
      const message = flowId === undefined ? 'The template of this contract has no validation flow' : `No validation flow ${flowId} applies to this contract`;
      throw new ClmError(422, 'no_validation_flow', message, flowId === undefined ? undefined : [{ field: 'flowId', message: 'unknown validation flow' }]);
    }
    res.status(202).json(await contracts.move(contract.id, 'in_validation', { validationFlowId: flow.id }));
  });

  router.post('/contracts/:contractId/signature', async (req, res) => {
    const contract = contracts.get(locals(res).pathParams.contractId);
    if (!contract) throw notFound('Contract');
    if (contract.status !== 'draft' && contract.status !== 'validated') {
      throw new ClmError(409, 'invalid_state', `Only a draft or validated contract can be sent for signature; the contract is ${contract.status}`);
    }
    const given = (req.body as { signatories?: Signatory[] } | undefined)?.signatories;
    const signatories = given ?? contract.signatories;
    if (signatories.length === 0) throw new ClmError(422, 'no_signatory', 'The contract has no signatory; send at least one');
    res.status(202).json(await contracts.move(contract.id, 'sent_for_signature', { signatories }));
  });

  router.get('/contracts/:contractId/documents/:documentId/content', async (_req, res) => {
    const { contractId, documentId } = locals(res).pathParams;
    const contract = contracts.get(contractId);
    if (!contract) throw notFound('Contract');
    const big = generated.get(contractId, documentId);
    const document = contract.documents.find((d) => d.id === documentId);
    const found = big ? undefined : contracts.documentContent(contractId, documentId);
    if (!document || (!big && !found)) throw notFound('Document');
    res.status(200);
    res.setHeader('Content-Type', document.contentType);
    res.setHeader('Content-Length', String(big ? big.size : found!.content.length));
    const asciiName = document.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    res.setHeader('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(document.name)}`);
    if (big) await generated.send(big, res);
    else res.end(Buffer.from(found!.content));
  });

  return router;
}
