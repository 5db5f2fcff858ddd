/**
 * The CLM's SCIM service as a provisioning run calls it: every call rides out an outage with the
 * run's patience (services/runs/run-patience.ts). A resent create that had landed meets 409 and is
 * read back (sync-user.ts); PATCHes set values, so sending one again changes nothing more; a
 * group deleted twice is gone either way.
 */
import type { RunPatience } from '../runs/run-patience';
import type { ScimClient } from './ports';

export function patientScim(scim: ScimClient, patience: RunPatience): ScimClient {
  return {
    roleIdAttribute: () => patience.call(() => scim.roleIdAttribute()),
    listUsers: () => patience.call(() => scim.listUsers()),
    checkToken: () => patience.call(() => scim.checkToken()),
    getUser: (id) => patience.call(() => scim.getUser(id)),
    findUsers: (attribute, value) => patience.call(() => scim.findUsers(attribute, value)),
    createUser: (user) => patience.call(() => scim.createUser(user)),
    patchUser: (id, operations) => patience.call(() => scim.patchUser(id, operations)),
    listGroups: () => patience.call(() => scim.listGroups()),
    findGroup: (displayName) => patience.call(() => scim.findGroup(displayName)),
    createGroup: (displayName, memberIds) => patience.call(() => scim.createGroup(displayName, memberIds)),
    patchGroupMembers: (id, add, remove) => patience.call(() => scim.patchGroupMembers(id, add, remove)),
    deleteGroup: (id) => patience.call(() => scim.deleteGroup(id)),
  };
}
