/** connector-api.md, the link rule: which CLM addresses the pages render as links. */
import { isLoopbackHost, trustedClmOrigin } from '../../../api/clm-origin';
import { clmHref } from '../../../webresources/lib/clm-href';

const CLM = 'https://contoso.dilitrust.example/app';

describe('clmHref', () => {
  it('links an https address on the origin of dtclm_clm_url', () => {
    expect(clmHref('https://contoso.dilitrust.example/contracts/c-1', CLM)).toBe('https://contoso.dilitrust.example/contracts/c-1');
  });

  it.each([
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['javascript:', 'javascript:alert(1)'],
    ['another origin', 'https://contoso.dilitrust.example.evil.example/contracts/c-1'],
    ['another port', 'https://contoso.dilitrust.example:8443/contracts/c-1'],
    ['plain http on the CLM host', 'http://contoso.dilitrust.example/contracts/c-1'],
    ['credentials in the address', 'https://user:pw@contoso.dilitrust.example/contracts/c-1'],
    ['not an address', 'contracts/c-1'],
  ])('shows %s as text', (_what, url) => {
    expect(clmHref(url, CLM)).toBeUndefined();
  });

  it('links nothing while dtclm_clm_url is empty or itself not https', () => {
    expect(clmHref('https://contoso.dilitrust.example/c', undefined)).toBeUndefined();
    expect(clmHref('http://contoso.dilitrust.example/c', 'http://contoso.dilitrust.example')).toBeUndefined();
  });

  it('allows plain http on a loopback host (the local sandbox)', () => {
    expect(clmHref('http://127.0.0.1:7075/contracts/c', 'http://127.0.0.1:7075')).toBe('http://127.0.0.1:7075/contracts/c');
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.example')).toBe(false);
    expect(trustedClmOrigin('http://10.0.0.5/api')).toBeUndefined();
  });
});
