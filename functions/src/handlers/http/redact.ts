/**
 * Takes secrets out of text before it is logged: bearer tokens, JWTs anywhere, Standard Webhooks
 * secrets (`whsec_...`), OAuth token fields (access/refresh tokens, client secrets, passwords,
 * assertions) in JSON or form bodies, and any value registered with `registerSecret` (the client
 * secret, the SCIM token, the CLM tokens once read). What is left says what happened, not the keys.
 */
const REDACTED = '[redacted]';

const PATTERNS: RegExp[] = [
  // Authorization: Bearer <anything up to whitespace or quote>
  /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/=]{8,}/gi,
  // A JWT (header.payload.signature; the signature may be empty for alg none)
  /\beyJ[A-Za-z0-9\-_]{5,}\.[A-Za-z0-9\-_]{5,}\.[A-Za-z0-9\-_]*/g,
  // Standard Webhooks secret
  /\bwhsec_[A-Za-z0-9+/=]+/g,
];

// "access_token": "x", refresh_token=x, client_secret: 'x', ... in JSON, form bodies and messages.
const SECRET_FIELDS = 'access_token|refresh_token|id_token|client_secret|client_assertion|password|secret|token|dtclm_token_at|dtclm_token_rt|api[_-]?key';
const FIELD_PATTERN = new RegExp(`(["']?(?:${SECRET_FIELDS})["']?\\s*[:=]\\s*["']?)([^"'&\\s,}]{4,})`, 'gi');

const registered = new Set<string>();

/** Values that must never be logged, whatever surrounds them (at least 8 characters, to avoid redacting words). */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 8) registered.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  for (const p of PATTERNS) out = out.replace(p, (m) => (/^(Bearer|Basic)\s/i.test(m) ? `${m.split(/\s+/)[0]} ${REDACTED}` : REDACTED));
  return out.replace(FIELD_PATTERN, (_m, head: string) => `${head}${REDACTED}`);
}

/** Any logged value as redacted text (errors by name and message, never their stack's arguments). */
export function redactValue(value: unknown): string {
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (typeof value === 'string') return redact(value);
  try {
    return redact(JSON.stringify(value));
  } catch {
    return redact(String(value));
  }
}
