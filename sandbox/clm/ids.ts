import { randomBytes } from 'node:crypto';

/** Prefixes of the opaque ids the CLM hands out (never GUIDs, at most 64 characters). */
export type IdPrefix = 'ctr' | 'tpl' | 'evt' | 'doc' | 'fld' | 'flw' | 'con' | 'cli';

/**
 * `ctr_…`-style id: a time part (so ids sort roughly by creation, like ULIDs) and a random part
 * (so they cannot be guessed or counted). 4 + 9 + 16 characters, well under the 64 allowed.
 */
export function newId(prefix: IdPrefix): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
}

/** An opaque bearer credential; long enough that guessing is hopeless. */
export function newSecretToken(prefix: 'at' | 'rt'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}
