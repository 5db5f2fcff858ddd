/**
 * Where a page signs in (webresources/lib/token/sign-in-settings.ts): the redirect URI an admin
 * registers (admin guide Step 1 item 7) and the Entra authority of a single-tenant app.
 */
import { signInAuthority, signInRedirectUri } from '../../../../webresources/lib/token/sign-in-settings';

describe('the redirect URI', () => {
  it('is the org URL + /WebResources/dtclm_/html/signin.html, exactly what admin guide Step 1 item 7 registers', () => {
    expect(signInRedirectUri('https://contoso.crm4.dynamics.com')).toBe('https://contoso.crm4.dynamics.com/WebResources/dtclm_/html/signin.html');
    expect(signInRedirectUri('https://contoso.crm4.dynamics.com/')).toBe('https://contoso.crm4.dynamics.com/WebResources/dtclm_/html/signin.html');
  });

  it('keeps an on-premises org name in the path (getClientUrl gives https://server/org there)', () => {
    expect(signInRedirectUri('https://crm.contoso.com/contoso')).toBe('https://crm.contoso.com/contoso/WebResources/dtclm_/html/signin.html');
  });
});

describe('the authority', () => {
  it("is the user's tenant at login.microsoftonline.com, named by their sign-in domain: a single-tenant app may not use /organizations (AADSTS50194)", () => {
    expect(signInAuthority(undefined, 'Remi.Durand@Contoso.com')).toBe('https://login.microsoftonline.com/contoso.com');
    expect(signInAuthority('', 'guest_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com');
  });

  it('is dtclm_connector_authority when an admin set it (another cloud)', () => {
    expect(signInAuthority(' https://login.microsoftonline.us/00000000-0000-0000-0000-000000000001/ ', 'rep@contoso.us')).toBe(
      'https://login.microsoftonline.us/00000000-0000-0000-0000-000000000001',
    );
  });

  it('refuses a plain http authority in words, as msal-browser would (authority_uri_insecure)', () => {
    expect(() => signInAuthority('http://login.example/tenant', 'rep@contoso.com')).toThrow(/must be an https URL/);
  });
});
