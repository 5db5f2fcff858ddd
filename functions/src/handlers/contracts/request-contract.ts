/** `POST /api/contracts` (role User): 201 with the new contract, 200 when the request key was seen before. */
import { requestContractBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { requestContract } from '../../services/contracts/request-contract';
import { endpoint } from '../http/endpoint';

export const requestContractHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.requestContract,
    body: requestContractBodySchema,
    handle: async ({ body, caller, log }) => {
      const result = await requestContract(body, caller, app().contracts);
      log.info(`Contract ${result.contract.clmContractId} ${result.created ? 'requested' : 'found again'} for ${body.entity} ${body.recordId}.`);
      return { status: result.created ? 201 : 200, body: result.contract };
    },
  });
