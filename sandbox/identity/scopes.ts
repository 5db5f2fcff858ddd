/**
 * Reading the `scope` parameter as Entra's v2.0 endpoint does: OpenID scopes aside, every scope is
 * `<resource>/<name>`, all for one resource; `<resource>/.default` means "what was consented", and
 * is the only form the client-credentials grant accepts.
 */
import { entraErrors } from './errors';
import { exposedApis } from './directory';

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** Microsoft Graph: where bare scopes (`User.Read`) and OpenID-only requests point, as in Entra. */
const GRAPH = 'https://graph.microsoft.com';

export interface ResolvedScopes {
  /** The `aud` the access token gets: the client id for the tenant's own APIs, else the resource URI. */
  audience: string;
  /** The resource as requested, for the `scope` answer (`<resource>/<name>`). */
  resource: string;
  /** Delegated scope names granted (`scp`), `.default` already replaced by what is consented. */
  granted: string[];
  /** True when the request was `<resource>/.default`. */
  isDefault: boolean;
  oidc: string[];
}

export interface ResourcePolicy {
  /** Accept a URL resource (e.g. the Dataverse emulator) the tenant has not been told about? */
  isKnownResource(resource: string): boolean;
  tenant: string;
}

function splitScope(scope: string): { resource: string; name: string } {
  // `api://id/.default` and `https://host/x/.default`: the name is after the last slash.
  const slash = scope.lastIndexOf('/');
  if (slash <= 0 || scope.endsWith('://')) return { resource: GRAPH, name: scope };
  return { resource: scope.slice(0, slash), name: scope.slice(slash + 1) };
}

/**
 * The authorize leg may name several resources ("Microsoft identity platform and OAuth 2.0
 * authorization code flow": the `scope` of /authorize "can cover multiple resources"), the token
 * leg one. Answers one scope string per resource, in order, the OpenID scopes with the first: the
 * code's tokens are for the first resource.
 */
export function scopesByResource(raw: string): string[] {
  const all = raw.split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.includes(s.toLowerCase()));
  const groups = new Map<string, string[]>();
  for (const scope of all.filter((s) => !OIDC_SCOPES.includes(s.toLowerCase()))) {
    const resource = splitScope(scope).resource.toLowerCase();
    groups.set(resource, [...(groups.get(resource) ?? []), scope]);
  }
  const list = [...groups.values()].map((g) => g.join(' '));
  if (list.length === 0) return [oidc.join(' ')];
  list[0] = [list[0], ...oidc].join(' ');
  return list;
}

export function resolveScopes(raw: string, policy: ResourcePolicy): ResolvedScopes {
  const all = raw.split(/\s+/).filter(Boolean);
  const oidc = all.filter((s) => OIDC_SCOPES.includes(s.toLowerCase()));
  const resourceScopes = all.filter((s) => !OIDC_SCOPES.includes(s.toLowerCase())).map(splitScope);
  const resources = [...new Set(resourceScopes.map((s) => s.resource.toLowerCase()))];
  if (resources.length > 1) throw entraErrors.multipleResources();
  if (resourceScopes.length === 0) {
    // OpenID-only sign-in: Entra hands out a Graph token alongside the id token.
    return { audience: GRAPH, resource: GRAPH, granted: oidc.filter((s) => s !== 'offline_access'), isDefault: false, oidc };
  }
  const resource = resourceScopes[0].resource;
  const names = resourceScopes.map((s) => s.name);
  const isDefault = names.includes('.default');
  if (isDefault && names.length > 1) throw entraErrors.invalidScope(raw);

  const api = exposedApis.find((a) => a.identifierUris.some((u) => u.toLowerCase() === resource.toLowerCase()));
  if (api) {
    const unknown = names.filter((n) => n !== '.default' && !api.scopes.includes(n));
    if (unknown.length > 0) throw entraErrors.invalidScope(raw);
    return { audience: api.clientId, resource, granted: isDefault ? api.scopes : names, isDefault, oidc };
  }
  if (resource === GRAPH) return { audience: GRAPH, resource, granted: isDefault ? ['User.Read'] : names, isDefault, oidc };
  if (!/^https?:\/\//i.test(resource) || !policy.isKnownResource(resource)) {
    throw entraErrors.resourceNotFound(resource, policy.tenant);
  }
  // A first-party resource such as Dataverse: `aud` is the resource URL as requested;
  // its delegated permission is user_impersonation.
  return { audience: resource, resource, granted: isDefault ? ['user_impersonation'] : names, isDefault, oidc };
}
