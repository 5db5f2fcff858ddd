/**
 * The connector's own (app-only) token for Dataverse: client credentials through msal-node, for
 * `${DATAVERSE_URL}/.default`. MSAL caches the token and renews it before it expires.
 *
 * msal-node refuses an `http:` authority. The sandbox's identity emulator is http on loopback, so
 * for that case only (AZURE_AUTHORITY_HOST is http://127.0.0.1, localhost or [::1]) the authority
 * is written https, declared in `knownAuthorities`, and given the emulator's own
 * openid-configuration as `authorityMetadata` (its endpoints are http; MSAL follows them).
 * This is the tested workaround described in sandbox/README.md. A non-loopback http authority is
 * refused: a token must never travel in clear outside the machine.
 */
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import type { Config } from '../../config';
import { UnavailableError } from '../../services/errors';

export type AppTokenSettings = Pick<Config, 'dataverseUrl' | 'tenantId' | 'clientId' | 'clientSecret' | 'authorityHost'>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHttp(authorityHost: string): boolean {
  const u = new URL(authorityHost);
  return u.protocol === 'http:' && LOOPBACK.has(u.hostname);
}

async function msalAuth(s: AppTokenSettings): Promise<Configuration['auth']> {
  const authority = `${s.authorityHost}/${s.tenantId}`;
  const base = { clientId: s.clientId, clientSecret: s.clientSecret };
  // The configured host is the authority: msal asks login.microsoftonline.com's instance discovery
  // about any host it does not know unless it is declared (another cloud, the sandbox's https emulator).
  if (!s.authorityHost.startsWith('http:')) return { ...base, authority, knownAuthorities: [new URL(s.authorityHost).host] };
  if (!isLoopbackHttp(s.authorityHost)) throw new Error('AZURE_AUTHORITY_HOST must be https (http is accepted on loopback only)');
  const host = new URL(s.authorityHost).host;
  const res = await fetch(`${authority}/v2.0/.well-known/openid-configuration`);
  if (!res.ok) throw new UnavailableError(`The identity provider did not answer its configuration (HTTP ${res.status}).`, 5, 'dataverse');
  return { ...base, authority: `https://${host}/${s.tenantId}`, knownAuthorities: [host], authorityMetadata: await res.text() };
}

/** A function that answers a valid app token for Dataverse (cached by MSAL). */
export function createAppTokenProvider(s: AppTokenSettings): () => Promise<string> {
  let app: Promise<ConfidentialClientApplication> | undefined;
  const scopes = [`${s.dataverseUrl}/.default`];
  return async () => {
    app ??= msalAuth(s).then((auth) => new ConfidentialClientApplication({ auth }));
    let cca: ConfidentialClientApplication;
    try {
      cca = await app;
    } catch (e) {
      app = undefined; // the metadata fetch may succeed next time
      throw e;
    }
    try {
      const result = await cca.acquireTokenByClientCredential({ scopes });
      if (!result?.accessToken) throw new Error('no access token in the answer');
      return result.accessToken;
    } catch (e) {
      // MSAL's errorCode only (e.g. invalid_client): its message can quote the request, so it is
      // not kept as the cause either.
      const code = (e as { errorCode?: unknown }).errorCode;
      // eslint-disable-next-line preserve-caught-error -- the cause may quote the client secret
      throw new Error(
        `Could not get an app token for Dataverse${typeof code === 'string' && code ? ` (${code})` : ''}; check AZURE_CLIENT_ID, AZURE_CLIENT_SECRET and DATAVERSE_URL.`,
      );
    }
  };
}
