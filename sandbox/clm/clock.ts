/**
 * Time as the sandbox hands it out. Every change gets a strictly later instant than the one before,
 * so keyset paging on (updatedAt, id) and `updatedSince` filters behave predictably in tests even
 * when several changes land within the same millisecond.
 */
export class MonotonicClock {
  private lastMs = 0;

  /** A Date strictly after every Date this clock handed out before. */
  tick(): Date {
    const ms = Math.max(Date.now(), this.lastMs + 1);
    this.lastMs = ms;
    return new Date(ms);
  }
}

/** RFC 3339 UTC, e.g. 2026-11-22T10:15:02.123Z (the spec's format for every time). */
export function rfc3339(date: Date): string {
  return date.toISOString();
}
