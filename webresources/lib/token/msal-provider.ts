/**
 * The connector API token with @azure/msal-browser v5, as the signed-in Dynamics user:
 * - the account msal already knows for this user: acquireTokenSilent (the cached token, renewed
 *   with the refresh token when it is within five minutes of expiring, msal's
 *   tokenRenewalOffsetSeconds; a hidden iframe when the 24-hour SPA refresh token has run out);
 * - otherwise ssoSilent with the user's login hint: a hidden iframe on Entra's own session, the one
 *   that signed them into Dynamics;
 * - a popup only when Entra asks for the user (InteractionRequiredAuthError), never for missing
 *   admin consent, which no user can give there.
 * Every answer from Entra comes back to dtclm_/html/signin.html, the redirect bridge. Loaded only
 * when a page first needs a token (a chunk of its own), so the pages stay small.
 */
import { PublicClientApplication, type AccountInfo, type IPublicClientApplication } from '@azure/msal-browser';
import { needsUser, signInFailure } from './sign-in-errors';
import type { TokenProvider } from './token-provider';

export interface MsalSettings {
  /** dtclm_connector_appid: the connector's app registration, whose API the token is for. */
  clientId: string;
  /** The Dynamics user's UPN (systemuser.domainname). */
  loginHint: string;
  /** sign-in-settings.ts signInAuthority. */
  authority: string;
  /** sign-in-settings.ts signInRedirectUri: https://<org>/WebResources/dtclm_/html/signin.html */
  redirectUri: string;
}

/** The part of msal-browser's application the provider uses (tests give their own). */
export type MsalApp = Pick<IPublicClientApplication, 'initialize' | 'getAccount' | 'acquireTokenSilent' | 'ssoSilent' | 'acquireTokenPopup'>;

function msalApp(settings: MsalSettings): MsalApp {
  return new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.authority,
      // The authority's host is trusted as given: no instance discovery at login.microsoftonline.com
      // for another cloud's (or the sandbox's) host. For login.microsoftonline.com it changes nothing.
      knownAuthorities: [new URL(settings.authority).host],
      redirectUri: settings.redirectUri,
    },
    // Per tab, shared by the tab's frames (dialog, side pane): one sign-in serves every page.
    cache: { cacheLocation: 'sessionStorage' },
  });
}

export function createMsalTokenProvider(settings: MsalSettings, app: MsalApp = msalApp(settings)): TokenProvider {
  const scopes = [`api://${settings.clientId}/.default`];
  const request = { scopes, redirectUri: settings.redirectUri };
  const ready = app.initialize();
  // One sign-in at a time: two calls at once share it (msal refuses a second interaction anyway).
  let inFlight: Promise<string> | undefined;

  const known = (): AccountInfo | null => app.getAccount({ loginHint: settings.loginHint }) ?? app.getAccount({ username: settings.loginHint });

  async function interactive(): Promise<string> {
    try {
      return (await app.acquireTokenPopup({ ...request, loginHint: settings.loginHint })).accessToken;
    } catch (e) {
      throw signInFailure(e, settings.redirectUri);
    }
  }

  async function token(): Promise<string> {
    await ready;
    try {
      const account = known();
      const result = account ? await app.acquireTokenSilent({ ...request, account }) : await app.ssoSilent({ ...request, loginHint: settings.loginHint });
      return result.accessToken;
    } catch (e) {
      if (needsUser(e)) return interactive();
      throw signInFailure(e, settings.redirectUri);
    }
  }

  return {
    getToken() {
      inFlight ??= token().finally(() => (inFlight = undefined));
      return inFlight;
    },
  };
}
