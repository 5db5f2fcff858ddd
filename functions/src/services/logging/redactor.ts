/**
 * Takes secrets out of text before it is logged: Bearer and Basic credentials, JWTs anywhere,
 * Standard Webhooks secrets (`whsec_...`), OAuth token fields (access/refresh/id tokens, client
 * secrets, passwords, assertions, API keys) in JSON or form bodies, and the values the app names as
 * secret when it is built (the client secret and the SCIM token). What is left says what happened,
 * not the keys.
 *
 * One Redactor per app (built by the composition root), so two apps in one process (tests) never
 * share a list of secrets through module state; until an app is built (its settings may be what
 * fails), the HTTP wrapper logs through one with the patterns alone.
 */
const REDACTED = '[redacted]';

const PATTERNS: RegExp[] = [
  // Authorization: Bearer|Basic <8 or more token68 characters>; redact() keeps the scheme, drops the credentials
  /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]{8,}/gi,
  // A JWT (header.payload.signature; the signature may be empty for alg none)
  /\beyJ[A-Za-z0-9\-_]{5,}\.[A-Za-z0-9\-_]{5,}\.[A-Za-z0-9\-_]*/g,
  // Standard Webhooks secret
  /\bwhsec_[A-Za-z0-9+/=]+/g,
];

// "access_token": "x", refresh_token=x, client_secret: 'x', ... in JSON, form bodies and messages
// (the CLM tokens as stored, dtclm_token_at/rt, too); values shorter than 4 characters are left.
const SECRET_FIELDS = 'access_token|refresh_token|id_token|client_secret|client_assertion|password|secret|token|dtclm_token_at|dtclm_token_rt|api[_-]?key';
const FIELD_PATTERN = new RegExp(`(["']?(?:${SECRET_FIELDS})["']?\\s*[:=]\\s*["']?)([^"'&\\s,}]{4,})`, 'gi');

export class Redactor {
  private readonly secrets: string[];

  /** Values that must never be logged, whatever surrounds them (at least 8 characters, to avoid redacting words). */
  constructor(secrets: readonly (string | undefined | null)[] = []) {
    this.secrets = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const p of PATTERNS) out = out.replace(p, (m) => (/^(Bearer|Basic)\s/i.test(m) ? `${m.split(/\s+/)[0]} ${REDACTED}` : REDACTED));
    return out.replace(FIELD_PATTERN, (_m, head: string) => `${head}${REDACTED}`);
  }

  /** Any logged value as redacted text (errors by name and message, never their stack's arguments). */
  redactValue(value: unknown): string {
    if (value instanceof Error) return this.redact(`${value.name}: ${value.message}`);
    if (typeof value === 'string') return this.redact(value);
    try {
      return this.redact(JSON.stringify(value));
    } catch {
      return this.redact(String(value));
    }
  }
}
