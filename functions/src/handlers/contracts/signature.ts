/** `POST /api/contracts/{contractId}/signature` and `GET /api/contracts/{contractId}/signatories` (role Send to Sign). */
import { guidSchema, sendForSignatureBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { contractSignatories } from '../../services/contracts/contract-signatories';
import { sendForSignature } from '../../services/contracts/send-for-signature';
import { endpoint } from '../http/endpoint';

export const sendForSignatureHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.sendForSignature,
    params: { contractId: guidSchema },
    body: sendForSignatureBodySchema,
    handle: async ({ params, body, caller }) => ({ status: 202, body: await sendForSignature(params.contractId, body, caller, app().contracts) }),
  });

export const contractSignatoriesHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.sendForSignature,
    params: { contractId: guidSchema },
    handle: async ({ params, caller }) => ({ status: 200, body: await contractSignatories(params.contractId, caller, app().contracts) }),
  });
