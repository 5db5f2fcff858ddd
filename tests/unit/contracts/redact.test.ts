/** No token or secret in a log line: what the Redactor takes out, and what it leaves. */
import { Redactor } from '../../../functions/src/services/logging/redactor';

const plain = new Redactor();
const redact = (text: string) => plain.redact(text);
const redactValue = (value: unknown) => plain.redactValue(value);

describe('redact()', () => {
  it('removes bearer tokens and JWTs wherever they are', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJvaWQiOiJ4In0.abc_DEF-123';
    expect(redact(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [redacted]');
    expect(redact(`token was ${jwt}.`)).not.toContain('eyJ');
    expect(redact(`unsigned eyJhbGciOiJub25lIn0.eyJvaWQiOiJ4In0.`)).not.toContain('eyJ');
  });

  it('removes webhook secrets and OAuth fields in JSON and form bodies', () => {
    expect(redact('secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('secret [redacted]');
    const json = redact(JSON.stringify({ access_token: 'at-123456789', refresh_token: 'rt-987654321', expires_in: 3600 }));
    expect(json).not.toMatch(/at-123456789|rt-987654321/);
    expect(json).toContain('3600');
    expect(redact('grant_type=refresh_token&refresh_token=rt-abcdef&client_secret=s3cr3t!!')).not.toMatch(/rt-abcdef|s3cr3t/);
  });

  it("removes the app's secrets (client secret, SCIM token) even in plain words, and only that app's", () => {
    const app = new Redactor(['sandbox-connector-secret', undefined, 'short']);
    expect(app.redact('login with sandbox-connector-secret failed')).toBe('login with [redacted] failed');
    expect(app.redact('short words stay')).toBe('short words stay');
    expect(redact('login with sandbox-connector-secret failed')).toBe('login with sandbox-connector-secret failed');
  });

  it('leaves ordinary messages alone', () => {
    const line = 'POST /api/contracts answered 404 (trace 8c4f1e2a-6b3d-4c5e-9f70-1a2b3c4d5e60)';
    expect(redact(line)).toBe(line);
  });

  it('logs errors by name and message', () => {
    expect(redactValue(new TypeError('bad Bearer abcdefghijklmnop'))).toBe('TypeError: bad Bearer [redacted]');
  });
});
