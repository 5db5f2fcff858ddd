/**
 * Who is calling and may they: the token is checked (401), an app-only token is refused (403), its `oid` names a Dynamics user who is
 * enabled and holds the route's connector role directly or through a team (403). Dataverse's own
 * record security is applied later, by reading records as this user (CallerObjectId).
 */
import { connectorRolesOf, grants, roleDisplayName, type ConnectorRole } from '../../domain/roles';
import { ForbiddenError } from '../errors';
import type { CallerDirectory, DirectoryUser, TokenValidator } from './ports';

export interface AuthDeps {
  tokens: TokenValidator;
  directory: CallerDirectory;
}

/** The authenticated, authorized caller a service acts for. */
export interface AuthorizedCaller extends DirectoryUser {
  /** For Dataverse reads and writes as this user (`CallerObjectId`). */
  callerObjectId: string;
  roles: ConnectorRole[];
}

export async function authorize(authorization: string | null | undefined, needed: ConnectorRole, deps: AuthDeps): Promise<AuthorizedCaller> {
  const verified = await deps.tokens.verify(authorization);
  // connector-api.md, the first rule: the connector acts for people, never for an app on its own
  // (the application user holds every privilege the connector needs, so an app token would act as Admin).
  if (verified.isApp)
    throw new ForbiddenError(
      'The connector acts for people: an app-only token (client credentials) is refused. Sign in as a person who holds a Dilitrust CLM role.',
    );
  const user = await deps.directory.find(verified.objectId);
  if (!user) throw new ForbiddenError('You have no user in this Dynamics 365 organization: ask your administrator to add you.');
  if (user.isDisabled) throw new ForbiddenError('Your Dynamics 365 user is disabled: ask your administrator to enable it.');
  const held = connectorRolesOf(user.roleNames);
  if (!grants(held, needed)) {
    throw new ForbiddenError(
      `This action needs the security role "${roleDisplayName(needed)}" (directly or through a team): ask your Dynamics 365 administrator to assign it to you.`,
    );
  }
  return { ...user, callerObjectId: user.objectId, roles: [...held] };
}
