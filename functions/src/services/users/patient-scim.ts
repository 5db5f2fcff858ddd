/**
 * The CLM's SCIM service as a provisioning run calls it: every call rides out an outage with the
 * run's patience (services/runs/run-patience.ts). A call about one user or group names a probe
 * (`GET /Users?count=1`, about no one): when its own bounded retries gave up and the probe is
 * answered, the failure is that user's own, given back at once (the user stays Pending, tried again
 * by the next run), never waited out as an outage. The reads of the whole run (the schema, the
 * users, the groups) are the service's: their failure is an outage.
 *
 * Each is safe to send again: a resent create that had landed meets 409 and is read back
 * (sync-user.ts); PATCHes set values, so sending one again changes nothing more; a group deleted
 * twice is gone either way.
 */
import type { PatientCall, RunPatience } from '../runs/run-patience';
import type { ScimClient } from './ports';

export function patientScim(scim: ScimClient, patience: RunPatience): ScimClient {
  const aboutOne: PatientCall = { probe: () => scim.checkToken() };
  return {
    roleIdAttribute: () => patience.call(() => scim.roleIdAttribute()),
    listUsers: () => patience.call(() => scim.listUsers()),
    checkToken: () => patience.call(() => scim.checkToken()),
    listGroups: () => patience.call(() => scim.listGroups()),
    getUser: (id) => patience.call(() => scim.getUser(id), aboutOne),
    findUsers: (attribute, value) => patience.call(() => scim.findUsers(attribute, value), aboutOne),
    createUser: (user) => patience.call(() => scim.createUser(user), aboutOne),
    patchUser: (id, operations) => patience.call(() => scim.patchUser(id, operations), aboutOne),
    findGroup: (displayName) => patience.call(() => scim.findGroup(displayName), aboutOne),
    createGroup: (displayName, memberIds) => patience.call(() => scim.createGroup(displayName, memberIds), aboutOne),
    patchGroupMembers: (id, add, remove) => patience.call(() => scim.patchGroupMembers(id, add, remove), aboutOne),
    deleteGroup: (id) => patience.call(() => scim.deleteGroup(id), aboutOne),
  };
}
