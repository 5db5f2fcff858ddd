/**
 * Which CLM addresses the connector trusts (connector-api.md, the token-origin and link rules):
 * https, or plain http only on a loopback host (the local sandbox). Shared by the functions (where
 * the CLM tokens may go) and the pages (which CLM links are shown as links). Pure: no I/O.
 */

/** 127.0.0.0/8, ::1 and localhost (RFC 6761 6.3): a request to them never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The origin of `url` when it is one the connector may talk to or link to; undefined otherwise. */
export function trustedClmOrigin(url: string | null | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  const u = new URL(url);
  if (u.username || u.password) return undefined;
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return u.origin;
  return undefined;
}
