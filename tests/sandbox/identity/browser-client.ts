/**
 * A browser as the authorize endpoint sees one, without a library in between: it keeps the identity
 * provider's cookies, does not follow redirects (the tests read each Location), and fills in the
 * sign-in page's form as a person would. Plus PKCE pairs (RFC 7636) and redirect parsing.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface PageAnswer {
  status: number;
  location?: string;
  html: string;
  setCookie?: string;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The parameters of a redirect to the app: from the fragment, else the query. */
export function redirectParams(location: string): { target: string; params: Record<string, string> } {
  const url = new URL(location);
  const source = url.hash ? new URLSearchParams(url.hash.slice(1)) : url.searchParams;
  const params = Object.fromEntries(source.entries());
  url.hash = '';
  url.search = '';
  return { target: url.toString(), params };
}

/** A value of a hidden or text input of the page. */
export function inputValue(html: string, name: string): string | undefined {
  const m = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`));
  return m
    ? m[1]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
    : undefined;
}

export class TestBrowser {
  private cookies = new Map<string, string>();

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): string | undefined {
    const set = res.headers.get('set-cookie') ?? undefined;
    if (set) {
      const [pair, ...attrs] = set.split(';');
      const [name, ...value] = pair.split('=');
      const maxAge0 = attrs.some((a) => a.trim().toLowerCase() === 'max-age=0');
      if (maxAge0) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    return set;
  }

  private async answer(res: Response): Promise<PageAnswer> {
    const setCookie = this.keep(res);
    return { status: res.status, location: res.headers.get('location') ?? undefined, html: await res.text(), setCookie };
  }

  async get(url: string): Promise<PageAnswer> {
    const res = await fetch(url, { redirect: 'manual', headers: this.cookies.size ? { Cookie: this.cookieHeader } : {} });
    return this.answer(res);
  }

  async post(url: string, form: Record<string, string>): Promise<PageAnswer> {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(this.cookies.size ? { Cookie: this.cookieHeader } : {}) },
      body: new URLSearchParams(form).toString(),
    });
    return this.answer(res);
  }

  /** Posts the form of the page (its `ctx`) with the given fields, to the page's form action. */
  async submit(page: PageAnswer, fields: Record<string, string>): Promise<PageAnswer> {
    const action = page.html.match(/<form method="post" action="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    if (!action) throw new Error(`No form on the page (status ${page.status})`);
    const ctx = inputValue(page.html, 'ctx') ?? '';
    return this.post(action, { ctx, ...fields });
  }

  /** Opens the authorize URL and, on the sign-in page, signs in as `upn`. */
  async signIn(authorizeUrl: string, upn: string, password = 'sandbox'): Promise<PageAnswer> {
    const page = await this.get(authorizeUrl);
    if (page.status !== 200 || !page.html.includes('name="passwd"')) throw new Error(`Expected the sign-in page, got ${page.status}`);
    return this.submit(page, { login: upn, passwd: password });
  }
}
