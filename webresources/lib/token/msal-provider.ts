/**
 * The connector API token in Dynamics, with @azure/msal-browser: ssoSilent with the user's login
 * hint (the Entra session that signed them into Dynamics), a popup only when Entra needs the user,
 * and a message that names the pop-up blocker when it blocks. Loaded only when a page first needs
 * a token (a chunk of its own), so the pages stay small.
 */
import { BrowserAuthError, InteractionRequiredAuthError, PublicClientApplication, type AccountInfo } from '@azure/msal-browser';
import { TokenError, type TokenProvider } from './token-provider';

export interface MsalSettings {
  /** dtclm_connector_appid: the connector's app registration, whose API the token is for. */
  clientId: string;
  /** The Dynamics user's UPN (systemuser.domainname). */
  loginHint: string;
  /** Default: organizations (the user's own tenant, from the hint). */
  authority?: string;
}

export function createMsalTokenProvider(settings: MsalSettings): TokenProvider {
  const scopes = [`api://${settings.clientId}/.default`];
  const app = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: settings.authority ?? 'https://login.microsoftonline.com/organizations',
      redirectUri: window.location.origin,
    },
    cache: { cacheLocation: 'sessionStorage' },
  });
  const ready = app.initialize();
  let account: AccountInfo | null = null;

  async function interactive(): Promise<string> {
    try {
      const result = await app.acquireTokenPopup({ scopes, loginHint: settings.loginHint });
      account = result.account;
      return result.accessToken;
    } catch (e) {
      if (e instanceof BrowserAuthError && (e.errorCode === 'popup_window_error' || e.errorCode === 'empty_window_error')) {
        throw new TokenError('Your browser blocked the sign-in pop-up. Allow pop-ups for this Dynamics site in the address bar, then try again.');
      }
      if (e instanceof BrowserAuthError && e.errorCode === 'user_cancelled') throw new TokenError('Sign-in was cancelled. Try again and complete the sign-in.');
      throw new TokenError('Sign-in to the DiliTrust CLM connector failed. Try again; if it keeps failing, ask your administrator.');
    }
  }

  return {
    async getToken() {
      await ready;
      try {
        if (account) return (await app.acquireTokenSilent({ scopes, account })).accessToken;
        const result = await app.ssoSilent({ scopes, loginHint: settings.loginHint });
        account = result.account;
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError || e instanceof BrowserAuthError) return interactive();
        throw new TokenError('Sign-in to the DiliTrust CLM connector failed. Try again; if it keeps failing, ask your administrator.');
      }
    },
  };
}
