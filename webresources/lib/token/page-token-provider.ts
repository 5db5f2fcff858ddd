/**
 * The token provider of a page: msal-browser (imported on first use, as its own chunk), with the
 * user's sign-in name as login hint, the org's redirect bridge page and the tenant's authority.
 */
import { dataverseGet, dataverseUrl, guid } from '../dataverse';
import { signInAuthority, signInRedirectUri } from './sign-in-settings';
import { TokenError, type TokenProvider } from './token-provider';

async function loginHint(userId: string): Promise<string> {
  const { body } = await dataverseGet<{ domainname?: string }>(dataverseUrl(`systemusers(${guid(userId)})`, { $select: 'domainname' }));
  if (!body?.domainname) throw new TokenError('Your Dynamics user has no sign-in name: ask your administrator.');
  return body.domainname;
}

export interface PageSignIn {
  /** dtclm_connector_appid */
  appId: string;
  /** dtclm_connector_authority, when an admin set it. */
  authority?: string;
  userId: string;
  /** Xrm.Utility.getGlobalContext().getClientUrl(): the org's URL. */
  clientUrl: string;
}

export function pageTokenProvider(opts: PageSignIn): TokenProvider {
  let msal: Promise<TokenProvider> | undefined;
  return {
    getToken() {
      msal ??= Promise.all([import(/* webpackChunkName: "msal" */ './msal-provider'), loginHint(opts.userId)])
        .then(([m, hint]) => {
          let authority: string;
          try {
            authority = signInAuthority(opts.authority, hint);
          } catch (e) {
            throw new TokenError(`The connector's sign-in is not set up right: ${(e as Error).message} Ask your administrator.`);
          }
          return m.createMsalTokenProvider({ clientId: opts.appId, loginHint: hint, authority, redirectUri: signInRedirectUri(opts.clientUrl) });
        })
        .catch((e: unknown) => {
          msal = undefined;
          throw e;
        });
      return msal.then((p) => p.getToken());
    },
  };
}
