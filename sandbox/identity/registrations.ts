/**
 * What an admin configures on the tenant's app registrations beyond their ids and secrets: the
 * redirect URIs of each platform ("Single-page application" or "Web") and the admin consent to the
 * delegated permissions of an API. Per emulator, because the redirect URIs depend on the ports a
 * world starts on (the harness's origin stands in for the Dynamics org).
 *
 * Matching follows "Redirect URI (reply URL) restrictions and limitations": exact and case-sensitive
 * in the path, `http` only for loopback hosts, and the port of a loopback URI ignored (RFC 8252 7.3).
 */
export type RedirectUriType = 'spa' | 'web';

export interface RegisteredRedirectUri {
  uri: string;
  type: RedirectUriType;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1']);

function parse(uri: string): URL | undefined {
  try {
    return new URL(uri);
  } catch {
    return undefined;
  }
}

/** Why Entra's app registration would refuse this redirect URI, or undefined when it takes it. */
function redirectUriProblem(uri: string): string | undefined {
  const url = parse(uri);
  if (!url) return `'${uri}' is not an absolute URI.`;
  if (url.hash || uri.includes('#')) return 'A redirect URI cannot contain a fragment.';
  if (uri.includes('*')) return 'The sandbox does not take wildcard redirect URIs.';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return undefined;
  return `Redirect URIs must use https (http only for localhost): '${uri}'.`;
}

function matches(registered: URL, requested: URL): boolean {
  const loopback = LOOPBACK.has(registered.hostname);
  return (
    registered.protocol === requested.protocol &&
    registered.hostname === requested.hostname &&
    (loopback || registered.port === requested.port) &&
    registered.pathname === requested.pathname &&
    registered.search === requested.search
  );
}

function consentKey(clientId: string, apiClientId: string): string {
  return `${clientId.toLowerCase()}|${apiClientId.toLowerCase()}`;
}

export class AppRegistrations {
  private readonly redirects = new Map<string, RegisteredRedirectUri[]>();
  private readonly revokedConsent = new Set<string>();

  /** Adds a redirect URI under a platform of the app registration (as the admin does in step 7). */
  addRedirectUri(clientId: string, uri: string, type: RedirectUriType): void {
    const problem = redirectUriProblem(uri);
    if (problem) throw new Error(`Cannot register the redirect URI: ${problem}`);
    const list = this.redirects.get(clientId.toLowerCase()) ?? [];
    if (!list.some((r) => r.uri === uri)) list.push({ uri, type });
    this.redirects.set(clientId.toLowerCase(), list);
  }

  removeRedirectUri(clientId: string, uri: string): void {
    const list = this.redirects.get(clientId.toLowerCase()) ?? [];
    this.redirects.set(
      clientId.toLowerCase(),
      list.filter((r) => r.uri !== uri),
    );
  }

  redirectUris(clientId: string): RegisteredRedirectUri[] {
    return [...(this.redirects.get(clientId.toLowerCase()) ?? [])];
  }

  /** The registration a requested redirect URI matches, or undefined (AADSTS50011). */
  findRedirectUri(clientId: string, requested: string): RegisteredRedirectUri | undefined {
    const wanted = parse(requested);
    if (!wanted || wanted.hash) return undefined;
    return this.redirectUris(clientId).find((r) => {
      const url = parse(r.uri);
      return url !== undefined && matches(url, wanted);
    });
  }

  /**
   * Has an admin consented, for the whole tenant, to `clientId` using the delegated permissions of
   * the API registered as `apiClientId`? Granted by default, as the admin guide's install does.
   */
  hasAdminConsent(clientId: string, apiClientId: string): boolean {
    return !this.revokedConsent.has(consentKey(clientId, apiClientId));
  }

  setAdminConsent(clientId: string, apiClientId: string, granted: boolean): void {
    const key = consentKey(clientId, apiClientId);
    if (granted) this.revokedConsent.delete(key);
    else this.revokedConsent.add(key);
  }
}
