/** Failures of user provisioning that are not one user's alone. */
import { ConnectorError } from '../errors';

/** 401 from SCIM: SCIM_TOKEN is not accepted; every call would fail the same way, so the run stops. */
export class ScimTokenRejectedError extends ConnectorError {
  readonly status = 503;
  readonly title = 'SCIM token refused';
  constructor() {
    super('The CLM refused SCIM_TOKEN (HTTP 401). Create a new SCIM token in the CLM and put it in the Function App setting SCIM_TOKEN.');
  }
}

/** SCIM_URL / SCIM_TOKEN are not set: provisioning is off. */
export class ScimNotConfiguredError extends ConnectorError {
  readonly status = 503;
  readonly title = 'User provisioning not configured';
  constructor() {
    super('User provisioning is not set up: set SCIM_URL and SCIM_TOKEN in the Function App settings.');
  }
}
