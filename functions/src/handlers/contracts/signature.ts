/** `POST /api/contracts/{contractId}/signature` (role Send to Sign). */
import { contractIdParamSchema, sendForSignatureBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import { sendForSignature } from '../../services/contracts/send-for-signature';
import { endpoint } from '../http/endpoint';
import { contractServices } from './contract-services';

export const sendForSignatureHandler = endpoint({
  role: ROUTE_ROLES.sendForSignature,
  params: { contractId: contractIdParamSchema },
  body: sendForSignatureBodySchema,
  handle: async ({ params, body, caller }) => ({ status: 202, body: await sendForSignature(params.contractId, body, caller, contractServices()) }),
});
