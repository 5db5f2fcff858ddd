/** `POST /api/contracts/preview` (role User): what a request would send, read as the caller. */
import { contractPreviewBodySchema } from '../../../../api/contracts';
import { ROUTE_ROLES } from '../../domain/roles';
import type { AppProvider } from '../../services/app-services';
import { previewContract } from '../../services/contracts/preview-contract';
import { endpoint } from '../http/endpoint';

export const previewContractHandler = (app: AppProvider) =>
  endpoint(app, {
    role: ROUTE_ROLES.requestContract,
    body: contractPreviewBodySchema,
    handle: async ({ body, caller }) => ({ status: 200, body: await previewContract(body, caller, app().contracts) }),
  });
