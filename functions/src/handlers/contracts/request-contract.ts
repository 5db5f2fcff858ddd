/** `POST /api/contracts` (role User): 201 with the new contract, 200 when the request key was seen before. */
import { requestContractBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import { requestContract } from '../../services/contracts/request-contract';
import { endpoint } from '../http/endpoint';
import { contractServices } from './contract-services';

export const requestContractHandler = endpoint({
  role: ROUTE_ROLES.requestContract,
  body: requestContractBodySchema,
  handle: async ({ body, caller, log }) => {
    const result = await requestContract(body, caller, contractServices());
    log.info(`Contract ${result.contract.clmContractId} ${result.created ? 'requested' : 'found again'} for ${body.entity} ${body.recordId}.`);
    return { status: result.created ? 201 : 200, body: result.contract };
  },
});
