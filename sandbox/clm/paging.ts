import { ClmError } from './errors';

/**
 * Keyset paging over (updatedAt, id), oldest change first, as both paged lists of the spec do.
 * The cursor is opaque to clients; it carries the position and the filters of the first page, so a
 * cursor replayed with different filters is refused rather than silently mixing two lists.
 */
export interface Pageable {
  id: string;
  updatedAt: string;
}

interface CursorContent {
  after: { updatedAt: string; id: string };
  filters: string;
}

function encodeCursor(content: CursorContent): string {
  return Buffer.from(JSON.stringify(content)).toString('base64url');
}

function decodeCursor(cursor: string): CursorContent {
  try {
    const content = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorContent;
    if (typeof content?.after?.updatedAt !== 'string' || typeof content.after.id !== 'string' || typeof content.filters !== 'string') throw new Error('shape');
    return content;
  } catch {
    throw new ClmError(400, 'invalid_request', 'The cursor is not one this API handed out', [{ field: 'cursor', message: 'unknown cursor' }]);
  }
}

function compare(a: Pageable, b: { updatedAt: string; id: string }): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One page of `items` (already filtered by the caller with `filters`, a canonical string of the
 * filter values) after `cursor`. Times are RFC 3339 UTC with a fixed width, so string order is time order.
 */
export function page<T extends Pageable>(
  items: readonly T[],
  opts: { cursor?: string; limit: number; filters: string },
): { data: T[]; nextCursor: string | null } {
  const sorted = [...items].sort((a, b) => compare(a, b));
  let start = 0;
  if (opts.cursor !== undefined) {
    const cursor = decodeCursor(opts.cursor);
    if (cursor.filters !== opts.filters) {
      throw new ClmError(400, 'invalid_request', 'The cursor was made for other filters; send the same filters as for the first page', [
        { field: 'cursor', message: 'filters differ from those of the first page' },
      ]);
    }
    start = sorted.findIndex((item) => compare(item, cursor.after) > 0);
    if (start < 0) start = sorted.length;
  }
  const data = sorted.slice(start, start + opts.limit);
  const last = data[data.length - 1];
  const more = start + opts.limit < sorted.length;
  return { data, nextCursor: more && last ? encodeCursor({ after: { updatedAt: last.updatedAt, id: last.id }, filters: opts.filters }) : null };
}

/** Normalises an RFC 3339 time from a query to the stored form (UTC, milliseconds) for comparisons. */
export function normaliseTime(value: string): string {
  return new Date(value).toISOString();
}
