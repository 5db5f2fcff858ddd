/** `GET /api/contracts/{contractId}/validation-flows` and `POST /api/contracts/{contractId}/validation` (role User). */
import { contractIdParamSchema, startValidationBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import { startValidation } from '../../services/contracts/start-validation';
import { listValidationFlows } from '../../services/contracts/validation-flows';
import { endpoint } from '../http/endpoint';
import { contractServices } from './contract-services';

export const validationFlowsHandler = endpoint({
  role: ROUTE_ROLES.listValidationFlows,
  params: { contractId: contractIdParamSchema },
  handle: async ({ params, caller }) => ({ status: 200, body: await listValidationFlows(params.contractId, caller, contractServices()) }),
});

export const startValidationHandler = endpoint({
  role: ROUTE_ROLES.startValidation,
  params: { contractId: contractIdParamSchema },
  body: startValidationBodySchema,
  handle: async ({ params, body, caller }) => ({ status: 202, body: await startValidation(params.contractId, body, caller, contractServices()) }),
});
