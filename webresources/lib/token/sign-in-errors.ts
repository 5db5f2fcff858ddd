/**
 * What msal-browser's errors mean for the person at the page: whether Entra asks for them (a popup
 * then), and otherwise a message they can act on. The AADSTS codes are Entra's ("Microsoft Entra
 * authentication and authorization error codes"); the error codes msal-browser's
 * (BrowserAuthErrorCodes, InteractionRequiredAuthErrorCodes).
 */
import { AuthError, BrowserAuthError, InteractionRequiredAuthError } from '@azure/msal-browser';
import { TokenError } from './token-provider';

/** Where the admin guide tells the admin what to fix (docs/admin-guide.md). */
const GUIDE_CONSENT = 'admin guide, Step 1 item 8';
const GUIDE_REDIRECT = 'admin guide, Step 1 item 7';

function text(e: AuthError): string {
  return `${e.errorCode} ${e.subError} ${e.errorMessage}`;
}

/** AADSTS65001 (no consent), 90094 (admin approval needed), or the consent_required of a silent request. */
function isMissingConsent(e: unknown): boolean {
  if (!(e instanceof AuthError)) return false;
  return e.errorCode === 'consent_required' || e.subError === 'consent_required' || /AADSTS(65001|90094)\b/.test(text(e));
}

/**
 * Entra asks for the user (no session, or it needs them to sign in again: login_required,
 * interaction_required, AADSTS50058, an expired session): a popup is the answer. Missing admin
 * consent is not: no user can consent to the connector's admin-only scope in that popup.
 */
export function needsUser(e: unknown): boolean {
  return e instanceof InteractionRequiredAuthError && !isMissingConsent(e);
}

/** The message for a sign-in that did not give a token. `redirectUri` is the one this page used. */
export function signInFailure(e: unknown, redirectUri: string): TokenError {
  if (isMissingConsent(e)) {
    return new TokenError(
      'The DiliTrust CLM connector is not approved for your organization yet. Ask your administrator to grant admin consent to the ' +
        `"DiliTrust CLM Connector" app in Microsoft Entra ID (${GUIDE_CONSENT}), then try again.`,
    );
  }
  if (e instanceof BrowserAuthError) {
    switch (e.errorCode) {
      case 'popup_window_error':
      case 'empty_window_error':
        return new TokenError(
          'Your browser blocked the sign-in window of the DiliTrust CLM connector. Allow pop-ups for this Dynamics site ' +
            '(the blocked pop-up icon at the right of the address bar), then try again.',
        );
      case 'user_cancelled':
        return new TokenError('The sign-in window was closed before sign-in finished. Try again and complete the sign-in.');
      case 'timed_out':
      case 'monitor_window_timeout':
        return new TokenError(
          `Sign-in did not come back to ${redirectUri}. If Microsoft showed error AADSTS50011, ask your administrator to register exactly ` +
            `that address as a single-page application redirect URI of the connector's app (${GUIDE_REDIRECT}).`,
        );
    }
  }
  if (e instanceof AuthError && /AADSTS9002326\b/.test(text(e))) {
    return new TokenError(
      `The connector's app registration lists ${redirectUri} under Web, not Single-page application. Ask your administrator to move it (${GUIDE_REDIRECT}).`,
    );
  }
  const code = e instanceof AuthError ? /AADSTS\d+/.exec(text(e))?.[0] : undefined;
  return new TokenError(
    `Sign-in to the DiliTrust CLM connector failed${code ? ` (${code})` : ''}. Try again; if it keeps failing, give your administrator this code.`,
  );
}
