/**
 * A failure in the words of contact-sync.md's troubleshooting table (what is seen, what to do), so
 * the run history and a contact's link say what an admin can act on. Never a token or a stack.
 */
import { ClmConnectionBrokenError, ConnectorError, ForbiddenError, UnavailableError } from '../errors';
import { DuplicateEmailError, StaleContactError } from './ports';

const WORDS = {
  invalidClientCredentials:
    "Invalid client credentials: the app registration's client id, tenant id or secret is wrong, or the secret expired. Check AZURE_CLIENT_ID, AZURE_TENANT_ID, renew the secret.",
  accessDenied: "Access denied: the application user lacks a privilege in Dynamics. Give the application user the connector's Admin role.",
  clmTokenRejected: 'CLM token rejected: the CLM refresh token is dead. Paste new tokens into Dilitrust_token_at / Dilitrust_token_rt.',
  connectionTimeout: 'Connection timeout: Dynamics or the CLM did not answer in time. Check the URLs; large runs resume where they stopped.',
} as const;

export function inAdminWords(error: unknown): string {
  if (error instanceof ClmConnectionBrokenError) return WORDS.clmTokenRejected;
  if (error instanceof ForbiddenError) return WORDS.accessDenied;
  // The table's words, then what happened (refused, timed out, answered 503: not all the same).
  if (error instanceof UnavailableError) return `${WORDS.connectionTimeout} (${error.message})`;
  if (error instanceof StaleContactError) return `${error.message} It kept changing while it was synced; the next run tries again.`;
  if (error instanceof DuplicateEmailError)
    return `The CLM already has an active contact with this e-mail (${error.detail}); merge or deactivate one of them in the CLM.`;
  const message = error instanceof Error ? error.message : String(error);
  if (/AZURE_CLIENT_ID|invalid_client|unauthorized_client/i.test(message)) return WORDS.invalidClientCredentials;
  if (error instanceof ConnectorError) return error.message;
  return `Unexpected failure: ${message.slice(0, 300)}`;
}
