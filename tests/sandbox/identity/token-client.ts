/** A bare OAuth client for the tests: form POSTs as RFC 6749 describes them, no library in between. */
export interface TokenAnswer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export async function postToken(tokenEndpoint: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

export function decodePart(jwt: string, part: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[part], 'base64url').toString('utf8')) as Record<string, unknown>;
}
