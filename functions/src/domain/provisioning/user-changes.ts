/**
 * The difference between what the CLM holds for a user and what it should hold, as SCIM PATCH
 * operations (RFC 7644 section 3.5.2). Compared with what the CLM holds, not with what was last
 * sent, so a change made by hand in the CLM is put right, and nothing equal is ever written.
 */
import type { DesiredUser } from './desired-user';

/** A CLM user as read over SCIM. */
export interface HeldClmUser {
  id: string;
  userName: string;
  externalId?: string;
  active: boolean;
  givenName?: string;
  familyName?: string;
  roleId?: string;
}

export interface PatchOperation {
  op: 'replace';
  path: string;
  value: string | boolean;
}

export function userChanges(desired: Exclude<DesiredUser, { kind: 'ineligible' }>, held: HeldClmUser, roleId: string | undefined): PatchOperation[] {
  const ops: PatchOperation[] = [];
  const replace = (path: string, value: string | boolean) => ops.push({ op: 'replace', path, value });
  if (desired.kind === 'inactive') {
    // Deactivation touches nothing else: the CLM keeps the user (and their contracts) as they were.
    if (held.active) replace('active', false);
    return ops;
  }
  if (held.userName !== desired.userName) replace('userName', desired.userName);
  if (held.externalId !== desired.externalId) replace('externalId', desired.externalId);
  if ((held.givenName ?? '') !== desired.givenName) replace('name.givenName', desired.givenName);
  if ((held.familyName ?? '') !== desired.familyName) replace('name.familyName', desired.familyName);
  if (roleId && held.roleId?.toLowerCase() !== roleId.toLowerCase()) replace('roleId', roleId);
  if (!held.active) replace('active', true);
  return ops;
}
