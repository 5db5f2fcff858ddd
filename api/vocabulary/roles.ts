/**
 * The connector's security roles by the names Dynamics shows (dataverse-model.md, Security roles).
 * The functions compare a caller's roles with these on every call; the pages and the ribbon hide
 * what a user may not do; the solution ships roles of these names.
 */
export const CONNECTOR_ROLE_NAMES = {
  user: 'Dilitrust CLM User',
  sendToSign: 'Dilitrust CLM Send to Sign',
  readOnly: 'Dilitrust CLM ReadOnly',
  admin: 'Dilitrust CLM Admin',
} as const;

export type ConnectorRole = keyof typeof CONNECTOR_ROLE_NAMES;

/** The application user's role: never a person's, so no route of the connector takes it. */
export const CONNECTOR_APPLICATION_ROLE_NAME = 'Dilitrust CLM Connector';
