/**
 * `Retry-After` (RFC 9110 section 10.2.3): either delay-seconds or an HTTP-date. Answers in
 * milliseconds from `now`, never negative; undefined when absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? raw * 1000 : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5", "-3": neither form of the header
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
