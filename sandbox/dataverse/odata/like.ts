/**
 * `contains`, `startswith` and `endswith` as Dataverse runs them: a SQL `LIKE` in which the search
 * text's own `%` (any string), `_` (any one character), `[...]` (one character of a set or range)
 * and `[^...]` (one character outside it) are wildcards ("Filter rows using OData", Use wildcard
 * characters; T-SQL LIKE). Without case, as every string filter.
 */
type StringFunction = 'contains' | 'startswith' | 'endswith';

const escapeRegex = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** A LIKE pattern as a regular expression; a `[` with no closing `]` is an ordinary character. */
function likeToRegex(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(i + 1, close);
      const negate = body.startsWith('^');
      const set = (negate ? body.slice(1) : body).replace(/[\\\]^[]/g, '\\$&');
      out += `[${negate ? '^' : ''}${set}]`;
      i = close;
    } else out += escapeRegex(c);
  }
  return out;
}

export function likeMatcher(fn: StringFunction, search: string): (value: string) => boolean {
  const body = likeToRegex(search);
  const source = fn === 'contains' ? body : fn === 'startswith' ? `^${body}` : `${body}$`;
  const regex = new RegExp(source, 'i');
  return (value) => regex.test(value);
}
