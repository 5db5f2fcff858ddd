import { Router } from 'express';
import type { ClmWorld } from '../world';
import { contractListPage, contractPage } from './contract-page';
import { layout, escapeHtml } from './html';

/** The CLM "web app": the pages that contract `url`s open, and their documents. */
export function webRoutes(world: ClmWorld): Router {
  const router = Router();
  const notFoundPage = (what: string) => layout('Not found', `<h1>${escapeHtml(what)} not found</h1>`);

  router.get('/', (_req, res) => {
    res.type('html').send(contractListPage(world.contracts.all()));
  });
  router.get('/contracts/:contractId', (req, res) => {
    const contract = world.contracts.get(String(req.params.contractId));
    if (!contract) {
      res.status(404).type('html').send(notFoundPage('Contract'));
      return;
    }
    const { validationFlowId, requestedBy } = world.contracts.details(contract.id);
    const flow = world.templates.flowsOf(contract.templateId).find((f) => f.id === validationFlowId);
    res.type('html').send(contractPage(contract, world.templates.get(contract.templateId), flow?.name, requestedBy));
  });
  router.get('/contracts/:contractId/documents/:documentId', (req, res) => {
    const found = world.contracts.documentContent(String(req.params.contractId), String(req.params.documentId));
    if (!found) {
      res.status(404).type('html').send(notFoundPage('Document'));
      return;
    }
    res.type('application/pdf').send(Buffer.from(found.content));
  });
  return router;
}
