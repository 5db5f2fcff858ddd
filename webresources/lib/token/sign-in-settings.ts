/**
 * Where a page signs in: the redirect URI (the web resource dtclm_/html/signin.html, the SPA
 * redirect URI an admin registers in admin guide Step 1 item 7) and the Entra authority.
 */
import { WEB_RESOURCES } from '../dataverse-names';

/**
 * `https://<org>/WebResources/dtclm_/html/signin.html`, from the org's URL
 * (`Xrm.Utility.getGlobalContext().getClientUrl()`). Not from the page's own location: Dynamics
 * serves web resources under a cache-busting prefix (`/%7B<version>%7D/WebResources/...`), and
 * Entra compares the redirect URI with the registered one character for character (AADSTS50011).
 */
export function signInRedirectUri(clientUrl: string): string {
  const url = new URL(clientUrl);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}/WebResources/${WEB_RESOURCES.signIn}`;
}

const ENTRA_HOST = 'https://login.microsoftonline.com';

/**
 * The authority: the environment variable dtclm_connector_authority when an admin set it (another
 * cloud, e.g. `https://login.microsoftonline.us/<tenant id>`, or the sandbox's identity emulator);
 * otherwise `https://login.microsoftonline.com/<domain of the user's sign-in name>`. The connector's
 * app registration is single-tenant (admin guide Step 1 item 2), and Entra refuses `/common` and
 * `/organizations` for those (AADSTS50194); a verified domain names the tenant as well as its id,
 * and every user's UPN ends in one of their tenant's verified domains.
 */
export function signInAuthority(setting: string | undefined, loginHint: string): string {
  const configured = setting?.trim();
  if (configured) {
    const url = new URL(configured);
    if (url.protocol !== 'https:') throw new Error(`dtclm_connector_authority must be an https URL, not ${configured}.`);
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  const domain = loginHint.slice(loginHint.lastIndexOf('@') + 1).toLowerCase();
  if (!loginHint.includes('@') || !domain) throw new Error(`The sign-in name ${loginHint} has no domain.`);
  return `${ENTRA_HOST}/${domain}`;
}
