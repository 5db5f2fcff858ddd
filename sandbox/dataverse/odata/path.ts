/**
 * The resource path after `/api/data/v9.2/`: segments split on `/` outside quotes, each an
 * identifier with an optional key in parentheses — `(guid)` or an alternate key
 * `(name='value',other=12)`. Keys are small enough to read here; query options go to @odata/parser.
 */
import { badRequest } from '../errors';

export interface Segment {
  name: string;
  /** Raw text between the parentheses, if any. */
  key?: string;
}

export function splitPath(path: string): Segment[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of path) {
    if (ch === "'") quoted = !quoted;
    if (ch === '/' && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.filter((p) => p !== '').map(decodeSegment);
}

function decodeSegment(raw: string): Segment {
  const text = safeDecode(raw);
  const open = text.indexOf('(');
  if (open < 0) return { name: text };
  if (!text.endsWith(')')) throw badRequest(`Bad request - Error in query syntax: '${text}'.`);
  return { name: text.slice(0, open), key: text.slice(open + 1, -1) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type KeyValue = string | number | boolean | null;

/** A key: a bare GUID (the primary key) or named values (an alternate key, or `LogicalName='x'`). */
export type Key = { kind: 'id'; id: string } | { kind: 'named'; values: Record<string, KeyValue> };

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

export function parseKey(text: string): Key {
  const trimmed = text.trim();
  const guid = GUID.exec(trimmed);
  if (guid) return { kind: 'id', id: guid[1].toLowerCase() };
  const values: Record<string, KeyValue> = {};
  let rest = trimmed;
  while (rest.length) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*/.exec(rest);
    if (!m) throw badRequest(`The key '${text}' is not valid.`, '0x80060888');
    rest = rest.slice(m[0].length);
    let value: KeyValue;
    if (rest.startsWith("'")) {
      let i = 1;
      let s = '';
      for (; i < rest.length; i++) {
        if (rest[i] === "'") {
          if (rest[i + 1] === "'") {
            s += "'";
            i++;
          } else break;
        } else s += rest[i];
      }
      if (i >= rest.length) throw badRequest(`The key '${text}' is not valid.`);
      value = s;
      rest = rest.slice(i + 1);
    } else {
      const lit = /^[^,]+/.exec(rest)?.[0] ?? '';
      rest = rest.slice(lit.length);
      const t = lit.trim();
      value = GUID.test(t) ? t.replace(/[{}]/g, '').toLowerCase() : t === 'null' ? null : t === 'true' ? true : t === 'false' ? false : Number(t);
      if (typeof value === 'number' && Number.isNaN(value)) throw badRequest(`The key '${text}' is not valid.`);
    }
    values[m[1]] = value;
    rest = rest.replace(/^\s*,\s*/, '');
  }
  return { kind: 'named', values };
}
