/** Connector roles (dataverse-model.md "Security roles") and the contract status machine (clm-api.yaml). */
import { CONNECTOR_ROLE_NAMES as CONNECTOR_ROLES } from '../../../api/vocabulary/roles';
import { connectorRolesOf, grants, ROUTE_ROLES } from '../../../functions/src/domain/roles';
import {
  canSendForSignature,
  canStartValidation,
  CONTRACT_STATUSES,
  eventName,
  FINAL_STATUSES,
  STATUS_CHOICE,
  statusFromChoice,
} from '../../../functions/src/domain/contract';

describe('connector roles', () => {
  const can = (roleNames: string[], route: keyof typeof ROUTE_ROLES) => grants(connectorRolesOf(roleNames), ROUTE_ROLES[route]);

  it('User requests, validates and refreshes, but does not send to sign or administer', () => {
    expect(can([CONNECTOR_ROLES.user], 'requestContract')).toBe(true);
    expect(can([CONNECTOR_ROLES.user], 'startValidation')).toBe(true);
    expect(can([CONNECTOR_ROLES.user], 'refreshContract')).toBe(true);
    expect(can([CONNECTOR_ROLES.user], 'sendForSignature')).toBe(false);
    expect(can([CONNECTOR_ROLES.user], 'admin')).toBe(false);
  });

  it('Send to Sign is User and more', () => {
    for (const r of ['requestContract', 'listValidationFlows', 'startValidation', 'sendForSignature', 'refreshContract'] as const)
      expect(can([CONNECTOR_ROLES.sendToSign], r)).toBe(true);
    expect(can([CONNECTOR_ROLES.sendToSign], 'admin')).toBe(false);
  });

  it('ReadOnly only reads', () => {
    expect(can([CONNECTOR_ROLES.readOnly], 'refreshContract')).toBe(true);
    for (const r of ['requestContract', 'startValidation', 'sendForSignature', 'admin'] as const) expect(can([CONNECTOR_ROLES.readOnly], r)).toBe(false);
  });

  it('Admin may do everything', () => {
    for (const r of Object.keys(ROUTE_ROLES) as (keyof typeof ROUTE_ROLES)[]) expect(can([CONNECTOR_ROLES.admin], r)).toBe(true);
  });

  it('other Dynamics roles grant nothing; names compare without case', () => {
    expect(can(['Salesperson', 'System Administrator'], 'requestContract')).toBe(false);
    expect(can(['dilitrust clm user'], 'requestContract')).toBe(true);
  });
});

describe('contract status machine', () => {
  it('maps every CLM status to its dtclm_contractstatus value and back', () => {
    expect(STATUS_CHOICE.draft).toBe(718900000);
    expect(STATUS_CHOICE.cancelled).toBe(718900008);
    for (const s of CONTRACT_STATUSES) expect(statusFromChoice(STATUS_CHOICE[s])).toBe(s);
    expect(statusFromChoice(718900009)).toBeUndefined();
  });

  it('validation starts from draft or rejected only', () => {
    expect(CONTRACT_STATUSES.filter(canStartValidation)).toEqual(['draft', 'rejected']);
  });

  it('only draft and validated can be sent for signature', () => {
    expect(CONTRACT_STATUSES.filter(canSendForSignature)).toEqual(['draft', 'validated']);
  });

  it('signed, declined, expired and cancelled are final', () => {
    expect(CONTRACT_STATUSES.filter((s) => FINAL_STATUSES.has(s))).toEqual(['signed', 'declined', 'expired', 'cancelled']);
  });

  it('names events by label and sequence', () => {
    expect(eventName('signed', 5)).toBe('Signed (5)');
    expect(eventName('in_validation', 2)).toBe('In validation (2)');
  });
});
