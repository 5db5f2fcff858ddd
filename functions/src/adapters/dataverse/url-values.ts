/**
 * The one place where values become parts of Dataverse URLs: keys, entity references and the
 * literals of `$filter`. Every adapter builds these through here, never by pasting text.
 *
 * - A row is addressed in a path only by its GUID (`guidKey`): DynamicsWebApi puts a key into the
 *   path as written, so anything but a GUID could end the segment (`)`), start a query (`?`) or
 *   another segment (`/`). Rows whose natural id may hold such characters (CLM ids, webhook ids) are
 *   found with `$filter` instead; Dataverse refuses `/ < > * % & : \ ? +` in alternate key values
 *   anyway (Microsoft, "Work with alternate keys").
 * - A string in `$filter` is an OData string literal, its quotes doubled (OData ABNF `SQUOTE-in-string`);
 *   DynamicsWebApi then percent-encodes the whole `$filter` value (encodeURIComponent), so `&`, `#`,
 *   `%`, `?`, `+`, `/` and `"` travel as data. `{` `}` around a GUID are only stripped outside quotes.
 * - A GUID in `$filter` is written bare, after it is checked to be one.
 * - `contains`, `startswith` and `endswith` run as SQL `LIKE`: `%`, `_` and `[` in their text are
 *   wildcards ("Filter rows using OData", Use wildcard characters), so text meant literally has each
 *   put in brackets (`[_]`).
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class InvalidKeyError extends Error {
  constructor(what: string) {
    super(`${what} is not a record id (a GUID).`);
    this.name = 'InvalidKeyError';
  }
}

export const isGuid = (value: string): boolean => GUID.test(value);

/** A row's primary key for a URL path or `$filter`: a GUID, lower-cased, or an error naming what it is. */
export function guidKey(value: string, what = 'The value'): string {
  if (!GUID.test(value)) throw new InvalidKeyError(what);
  return value.toLowerCase();
}

/** `/<entityset>(<guid>)`, the form of an `@odata.bind` reference. */
export function entityPath(entitySet: string, id: string): string {
  return `/${entitySet}(${guidKey(id, `The ${entitySet} reference`)})`;
}

/** An OData string literal for `$filter`: `'it''s'`. */
function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `column eq 'value'`. */
export function equalsString(column: string, value: string): string {
  return `${column} eq ${odataString(value)}`;
}

/** Text for `contains`/`startswith`/`endswith` taken literally: its LIKE wildcards bracketed. */
function likeLiteral(value: string): string {
  return value.replace(/[%_[]/g, '[$&]');
}

/** `startswith(column,'prefix')`, the prefix matched as written. */
export function startsWithText(column: string, prefix: string): string {
  return `startswith(${column},${odataString(likeLiteral(prefix))})`;
}
