/** `GET WhoAmI` / `WhoAmI()`: the user the request runs as (after CallerObjectId), their unit, the org. */
import { jsonResponse, type ApiResponse } from '../http/types';
import type { Scope } from './scope';

export function whoAmI(scope: Scope, organizationId: string): ApiResponse {
  return jsonResponse(200, {
    '@odata.context': `${scope.apiUrl}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    BusinessUnitId: scope.caller.businessUnitId ?? null,
    UserId: scope.caller.systemUserId,
    OrganizationId: organizationId,
  });
}
