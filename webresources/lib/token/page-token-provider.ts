/**
 * The token provider of a page: the harness's when the app window offers one, otherwise MSAL
 * (imported on first use, as its own chunk).
 */
import { dataverseGet, dataverseUrl, guid } from '../dataverse';
import { HARNESS_PROVIDER_GLOBAL, TokenError, type TokenProvider } from './token-provider';

function harnessProvider(): TokenProvider | undefined {
  try {
    const candidate = (window.parent as unknown as Record<string, unknown>)[HARNESS_PROVIDER_GLOBAL] as TokenProvider | undefined;
    return candidate && typeof candidate.getToken === 'function' ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function loginHint(userId: string): Promise<string> {
  const { body } = await dataverseGet<{ domainname?: string }>(dataverseUrl(`systemusers(${guid(userId)})`, { $select: 'domainname' }));
  if (!body?.domainname) throw new TokenError('Your Dynamics user has no sign-in name: ask your administrator.');
  return body.domainname;
}

export function pageTokenProvider(opts: { appId: string; userId: string }): TokenProvider {
  const fromHarness = harnessProvider();
  if (fromHarness) return fromHarness;
  let msal: Promise<TokenProvider> | undefined;
  return {
    getToken() {
      msal ??= Promise.all([import(/* webpackChunkName: "msal" */ './msal-provider'), loginHint(opts.userId)]).then(([m, hint]) =>
        m.createMsalTokenProvider({ clientId: opts.appId, loginHint: hint }),
      );
      return msal.then((p) => p.getToken());
    },
  };
}
