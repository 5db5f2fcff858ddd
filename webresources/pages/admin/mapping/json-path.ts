/**
 * The JSON paths the connector puts on mapping problems (`$.relatedEntities.customerid_account.fields.x`,
 * `$.signatories[1].email`, `$.fields["key with space"]`), read back into their parts. The server
 * writes a key as `.name` when it is an identifier and as a JSON string in brackets otherwise.
 */

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*/;
const INDEX = /^\[(\d+)\]/;
const DOUBLE_QUOTED = /^\["((?:[^"\\]|\\.)*)"\]/;
const SINGLE_QUOTED = /^\['((?:[^'\\]|\\.)*)'\]/;

/** The path's parts, or undefined when it is not a path of that form (then the caller falls back to `$`). */
export function parseJsonPath(path: string): PathSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: PathSegment[] = [];
  let rest = path.slice(1);
  while (rest.length) {
    let m: RegExpExecArray | null;
    if (rest.startsWith('.') && (m = IDENTIFIER.exec(rest.slice(1)))) {
      segments.push(m[0]);
      rest = rest.slice(1 + m[0].length);
    } else if ((m = INDEX.exec(rest))) {
      segments.push(Number(m[1]));
      rest = rest.slice(m[0].length);
    } else if ((m = DOUBLE_QUOTED.exec(rest))) {
      try {
        segments.push(JSON.parse(`"${m[1]}"`) as string);
      } catch {
        return undefined;
      }
      rest = rest.slice(m[0].length);
    } else if ((m = SINGLE_QUOTED.exec(rest))) {
      segments.push(m[1].replace(/\\(.)/g, '$1'));
      rest = rest.slice(m[0].length);
    } else {
      return undefined;
    }
  }
  return segments;
}

/** The inverse, in the server's spelling (domain/mapping/errors.ts jsonPath): for tests and messages. */
export function formatJsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}
