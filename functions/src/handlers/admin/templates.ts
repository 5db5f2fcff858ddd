/**
 * Template sync and the admin's mapping routes (connector-api.md): `POST /api/admin/templates/sync`
 * and the 02:00 UTC timer start the same long run; `POST /api/admin/mappings/validate`,
 * `POST /api/admin/mappings/preview`, `PUT /api/admin/templates/{templateId}/mapping`.
 */
import type { InvocationContext, Timer } from '@azure/functions';
import { previewMappingBodySchema, saveMappingBodySchema, templateSyncBodySchema, validateMappingBodySchema } from '../../../../api/admin';
import { guidSchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider, AppServices } from '../../services/app-services';
import { previewTemplateMapping, saveTemplateMapping, validateTemplateMapping, type MappingAdminDeps } from '../../services/templates/mapping-admin';
import { TEMPLATE_RUN_KIND } from '../../services/templates/sync-templates';
import { endpoint } from '../http/endpoint';
import { safeLog } from '../http/safe-log';
import { startRun } from './runs';

function mappingAdmin(s: AppServices): MappingAdminDeps {
  return { store: s.templateAdmin, metadata: s.contracts.mapping.metadata, preview: s.contracts.mapping };
}

export const syncTemplatesHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: templateSyncBodySchema,
    handle: async ({ body, request }) => startRun(app(), TEMPLATE_RUN_KIND, body.full ? { full: true } : {}, request),
  });

export const templateSyncTimer =
  (app: AppProvider) =>
  async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const services = app();
    const { run, started } = await services.runs.start(TEMPLATE_RUN_KIND, {}, 'timer');
    safeLog(context, services.redactor).info(started ? `Template sync ${run.runId} queued.` : `Template sync ${run.runId} is already under way.`);
  };

export const validateMappingHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: validateMappingBodySchema,
    handle: async ({ body, caller }) => ({ status: 200, body: await validateTemplateMapping(body.templateId, body.mapping, caller, mappingAdmin(app())) }),
  });

export const previewMappingHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    body: previewMappingBodySchema,
    handle: async ({ body, caller }) => ({ status: 200, body: await previewTemplateMapping(body, caller, mappingAdmin(app())) }),
  });

export const saveMappingHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.admin,
    params: { templateId: guidSchema },
    body: saveMappingBodySchema,
    handle: async ({ body, params, caller, request }) => {
      const answer = await saveTemplateMapping(params.templateId, body.mapping, request.headers.get('if-match'), caller, mappingAdmin(app()));
      return { status: 200, body: answer, headers: { ETag: answer.etag } };
    },
  });
