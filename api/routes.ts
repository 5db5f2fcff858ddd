/**
 * The connector's routes (connector-api.md "Routes"), declared once: each by the name of its
 * function, its method and its path below `/api/`. The functions register their handlers from it,
 * and the pages build the addresses they call with `routePath`, so a route renamed here breaks the
 * build on both sides. No zod here: the ribbon's bundle may read it.
 */
export const ROUTES = {
  requestContract: { method: 'POST', path: 'contracts' },
  previewContract: { method: 'POST', path: 'contracts/preview' },
  listValidationFlows: { method: 'GET', path: 'contracts/{contractId}/validation-flows' },
  startValidation: { method: 'POST', path: 'contracts/{contractId}/validation' },
  sendForSignature: { method: 'POST', path: 'contracts/{contractId}/signature' },
  contractDocuments: { method: 'GET', path: 'contracts/{contractId}/documents' },
  contractDocument: { method: 'GET', path: 'contracts/{contractId}/documents/{documentId}' },
  contractSignatories: { method: 'GET', path: 'contracts/{contractId}/signatories' },
  refreshContract: { method: 'POST', path: 'contracts/{contractId}/refresh' },
  clmWebhook: { method: 'POST', path: 'webhooks/clm' },
  registerWebhook: { method: 'POST', path: 'admin/webhook' },
  replayStatusEvents: { method: 'POST', path: 'admin/webhook/replay' },
  health: { method: 'GET', path: 'admin/health' },
  syncTemplates: { method: 'POST', path: 'admin/templates/sync' },
  saveTemplateMapping: { method: 'PUT', path: 'admin/templates/{templateId}/mapping' },
  validateMapping: { method: 'POST', path: 'admin/mappings/validate' },
  previewMapping: { method: 'POST', path: 'admin/mappings/preview' },
  getRun: { method: 'GET', path: 'admin/runs/{runId}' },
  listRuns: { method: 'GET', path: 'admin/runs' },
  syncContacts: { method: 'POST', path: 'admin/contacts/sync' },
  syncUsers: { method: 'POST', path: 'admin/users/sync' },
} as const;

export type RouteName = keyof typeof ROUTES;

/** The path of a route with its `{parameters}` filled in, each encoded as one path segment. */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return ROUTES[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`The route ${name} needs ${key}.`);
    return encodeURIComponent(value);
  });
}
