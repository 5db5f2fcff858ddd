/** `GET /api/contracts/{contractId}/validation-flows` and `POST /api/contracts/{contractId}/validation` (role User). */
import { guidSchema, startValidationBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { startValidation } from '../../services/contracts/start-validation';
import { listValidationFlows } from '../../services/contracts/validation-flows';
import { endpoint } from '../http/endpoint';

export const validationFlowsHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.listValidationFlows,
    params: { contractId: guidSchema },
    handle: async ({ params, caller }) => ({ status: 200, body: await listValidationFlows(params.contractId, caller, app().contracts) }),
  });

export const startValidationHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.startValidation,
    params: { contractId: guidSchema },
    body: startValidationBodySchema,
    handle: async ({ params, body, caller }) => ({ status: 202, body: await startValidation(params.contractId, body, caller, app().contracts) }),
  });
