/**
 * `contains`, `startswith` and `endswith` as Dataverse runs them: a SQL `LIKE` in which the search
 * text's own `%` (any string), `_` (any one character), `[...]` (one character of a set or range)
 * and `[^...]` (one character outside it) are wildcards ("Filter rows using OData", Use wildcard
 * characters; T-SQL LIKE). Without case, as every string filter.
 */
type StringFunction = 'contains' | 'startswith' | 'endswith';

const escapeRegex = (c: string): string => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

const escapeInClass = (c: string): string => c.replace(/[\\\][^-]/g, '\\$&');

/** The characters and ranges of a `[...]` set; a range written backwards (`[z-a]`) matches nothing, as in SQL Server. */
function charClass(set: string): string {
  let out = '';
  for (let k = 0; k < set.length; k++) {
    if (set[k + 1] === '-' && k + 2 < set.length) {
      if (set[k] <= set[k + 2]) out += `${escapeInClass(set[k])}-${escapeInClass(set[k + 2])}`;
      k += 2;
    } else out += escapeInClass(set[k]);
  }
  return out;
}

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
      out += `[${negate ? '^' : ''}${charClass(negate ? body.slice(1) : body)}]`;
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
