/**
 * Whether a CLM address may be a link (connector-api.md, the link rule): https (http on a loopback
 * host) on the origin of `dtclm_clm_url`. Pure, so the rule is tested without a browser.
 */
import { trustedClmOrigin } from '../../api/clm-origin';

/** `url` as an href when it may be one: trusted scheme and host, on the CLM's own origin; undefined otherwise. */
export function clmHref(url: string | null | undefined, clmWebUrl: string | null | undefined): string | undefined {
  const clmOrigin = trustedClmOrigin(clmWebUrl);
  const origin = trustedClmOrigin(url);
  if (!clmOrigin || !origin || origin !== clmOrigin) return undefined;
  return new URL(url!).href;
}
