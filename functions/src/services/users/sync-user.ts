/**
 * One user's step of provisioning (scim-profile.md): given the Dynamics user, their link row and
 * the CLM user they match, write to the CLM only what differs, then keep the link row in step.
 * A failure is this user's alone: recorded on their link (Pending after the retries ran out, Error
 * otherwise) and answered as the outcome, never thrown, except a refused SCIM token, which would
 * fail every user the same way and so stops the run.
 */
import {
  desiredClmUser,
  roleOfId,
  userChanges,
  withOverride,
  type ClmRole,
  type DynamicsUser,
  type HeldClmUser,
  type Match,
  type RoleIds,
  type ScimSettings,
} from '../../domain/provisioning';
import { ScimTokenRejectedError, UnavailableError } from '../errors';
import type { LinkState, NewClmUser, ScimClient, UserLink, UserLinkStore } from './ports';

export type UserOutcome = 'created' | 'updated' | 'deactivated' | 'unchanged' | 'skipped' | 'pending' | 'error';

export interface UserResult {
  systemUserId: string;
  outcome: UserOutcome;
  role?: ClmRole;
  scimId?: string;
  /** Whether the CLM holds the user as active after this step (as far as is known). */
  activeInClm?: boolean;
  /** Why it was skipped, or what went wrong, in words. */
  message?: string;
}

export interface UserSyncContext {
  scim: ScimClient;
  links: UserLinkStore;
  settings: ScimSettings;
  roleIds(): Promise<RoleIds>;
  /** Reads /Schemas again (once per run however many users ask). */
  refreshRoleIds(): Promise<RoleIds>;
  now(): Date;
}

/** A refusal the admin must fix in the settings or the CLM; recorded on the link as Error. */
class ProvisioningError extends Error {}

/** A SCIM refusal as the adapters raise it (status and scimType), without importing the adapter. */
const refusal = (e: unknown) => e as { status?: number; scimType?: string };

/** Whether a failure means "try again later" (retries ran out on 429, 5xx or time-outs). */
function isTransientFailure(e: unknown): boolean {
  return e instanceof UnavailableError;
}

export function messageOf(e: unknown): string {
  if (isTransientFailure(e)) return `${(e as Error).message} The user stays Pending and is tried again at the next run.`;
  return e instanceof Error && e.message ? e.message : 'Unexpected error.';
}

async function withRoleRefresh<T>(ctx: UserSyncContext, role: ClmRole, roleId: string, write: (roleId: string) => Promise<T>): Promise<T> {
  try {
    return await write(roleId);
  } catch (e) {
    if (refusal(e).status !== 400) throw e;
    // The CLM refused the role UUID? Its organization may have new ones: read /Schemas again.
    const fresh = withOverride(await ctx.refreshRoleIds(), ctx.settings.roleIds)[role];
    if (!fresh || fresh === roleId) throw e;
    return write(fresh);
  }
}

async function roleIdFor(ctx: UserSyncContext, role: ClmRole): Promise<string> {
  const id = withOverride(await ctx.roleIds(), ctx.settings.roleIds)[role];
  if (!id) {
    throw new ProvisioningError(
      `The CLM's GET /Schemas names no UUID for the role ${role}; add it as roleIds.${role} in the environment variable Dilitrust_SCIM_Settings.`,
    );
  }
  return id;
}

/** Creates the user; a 409 (the user exists, e.g. a retried POST that went through) is read back instead. */
async function create(ctx: UserSyncContext, user: NewClmUser): Promise<{ held: HeldClmUser; created: boolean }> {
  try {
    return { held: await ctx.scim.createUser(user), created: true };
  } catch (e) {
    if (refusal(e).status !== 409) throw e;
    const [existing] = await ctx.scim.findUsers('userName', user.userName);
    if (!existing) throw e;
    return { held: existing, created: false };
  }
}

/**
 * What the CLM answered for a user it has just made, held against what was sent: a server that
 * drops an attribute (the role, most of all) still answers 201, and the user it made is not the
 * one asked for. Each difference is named, so the link's error says what the CLM did not keep.
 */
function notKept(sent: NewClmUser, held: HeldClmUser): string | undefined {
  const lost: string[] = [];
  if ((held.roleId ?? '') !== sent.roleId) lost.push(`roleId ${sent.roleId} (it answered ${held.roleId ? held.roleId : 'none'})`);
  if (held.userName.toLowerCase() !== sent.userName.toLowerCase()) lost.push(`userName ${sent.userName} (it answered ${held.userName})`);
  if (!held.active) lost.push('active true (it answered false)');
  if (lost.length === 0) return undefined;
  return `The CLM created the user (SCIM id ${held.id}) but did not keep ${lost.join(', ')}. Check the CLM's SCIM settings (roles of the organization), then sync again.`;
}

function sameLink(a: UserLink | undefined, b: UserLink): boolean {
  return (
    !!a &&
    a.name === b.name &&
    a.scimId === b.scimId &&
    a.role === b.role &&
    a.active === b.active &&
    a.state === b.state &&
    (a.lastError ?? '') === (b.lastError ?? '')
  );
}

export async function syncUser(ctx: UserSyncContext, user: DynamicsUser, link: UserLink | undefined, match: Match): Promise<UserResult> {
  const base = { systemUserId: user.systemUserId };
  const desired = desiredClmUser(user, ctx.settings);
  if (desired.kind === 'ineligible') return { ...base, outcome: 'skipped', message: desired.reason };
  if (desired.kind === 'inactive' && !link?.scimId) {
    // Never created inactive; a CLM user the connector never linked is not the connector's to close.
    return { ...base, outcome: 'skipped', message: desired.reason };
  }

  const saveLink = async (next: Omit<UserLink, 'systemUserId' | 'name'>, wrote: boolean) => {
    const row: UserLink = { systemUserId: user.systemUserId, name: user.fullName || desired.userName, ...next };
    if (!wrote && sameLink(link, row)) return;
    await ctx.links.save({ ...row, lastSyncedOn: ctx.now().toISOString() });
  };

  if (match.kind === 'conflict') {
    const message = `This user and ${match.others.length} other Dynamics user(s) (${match.others.join(', ')}) match the same CLM user (SCIM id ${match.held.id}); nothing was written. Give each a distinct e-mail and Entra object id, or remove the wrong link row.`;
    await saveLink(
      {
        ...(link?.scimId ? { scimId: link.scimId } : {}),
        ...(link?.role ? { role: link.role } : {}),
        ...(link?.active !== undefined ? { active: link.active } : {}),
        state: 'Error',
        lastError: message,
      },
      false,
    );
    return { ...base, outcome: 'error', message };
  }

  let held: HeldClmUser | undefined = match.kind === 'found' ? match.held : undefined;
  try {
    if (desired.kind === 'inactive') {
      if (!held) return { ...base, outcome: 'skipped', message: `${desired.reason} The CLM no longer has the linked user.` };
      const ops = userChanges(desired, held, undefined);
      if (ops.length) await ctx.scim.patchUser(held.id, ops);
      const role = link?.role ?? roleOfId(withOverride(await ctx.roleIds(), ctx.settings.roleIds), held.roleId);
      await saveLink({ scimId: held.id, ...(role ? { role } : {}), active: false, state: 'In sync' }, ops.length > 0);
      return {
        ...base,
        outcome: ops.length ? 'deactivated' : 'unchanged',
        scimId: held.id,
        activeInClm: false,
        ...(role ? { role } : {}),
        message: desired.reason,
      };
    }

    const roleId = await roleIdFor(ctx, desired.role);
    let outcome: UserOutcome = 'unchanged';
    await withRoleRefresh(ctx, desired.role, roleId, async (id) => {
      if (!held) {
        const sent: NewClmUser = {
          userName: desired.userName,
          externalId: desired.externalId,
          givenName: desired.givenName,
          familyName: desired.familyName,
          roleId: id,
        };
        const made = await create(ctx, sent);
        held = made.held;
        if (made.created) {
          const mismatch = notKept(sent, made.held);
          if (mismatch) throw new ProvisioningError(mismatch);
          outcome = 'created';
          return;
        }
      }
      const ops = userChanges(desired, held, id);
      if (ops.length) {
        await ctx.scim.patchUser(held.id, ops);
        outcome = 'updated';
      }
    });
    const scimId = held!.id;
    await saveLink({ scimId, role: desired.role, active: true, state: 'In sync' }, outcome !== 'unchanged');
    return { ...base, outcome, role: desired.role, scimId, activeInClm: true };
  } catch (e) {
    if (e instanceof ScimTokenRejectedError) throw e;
    const state: LinkState = isTransientFailure(e) ? 'Pending' : 'Error';
    const message = messageOf(e);
    const scimId = held?.id ?? link?.scimId;
    await saveLink(
      {
        ...(scimId ? { scimId } : {}),
        ...(link?.role ? { role: link.role } : {}),
        ...(link?.active !== undefined ? { active: link.active } : {}),
        state,
        lastError: message,
      },
      false,
    ).catch(() => undefined);
    return {
      ...base,
      outcome: state === 'Pending' ? 'pending' : 'error',
      ...(scimId ? { scimId } : {}),
      ...(held ? { activeInClm: held.active } : {}),
      message,
    };
  }
}
