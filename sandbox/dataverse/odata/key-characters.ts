/**
 * "If the data within a column used in an alternate key contains one of the following characters
 * `/`,`<`,`>`,`*`,`%`,`&`,`:`,`\`,`?`,`+`, then retrieve (`GET`), update, or upsert (`PATCH`) actions
 * don't work." (Microsoft, "Work with alternate keys"). Such a row can still be created with POST
 * and found with `$filter`; only addressing it by key in the URL fails. The article does not give
 * the answer; the request is refused before any row is looked at, as 400.
 */
import { badRequest } from '../errors';
import type { Key } from './path';

const KEY_REFUSED_CHARACTERS = ['/', '<', '>', '*', '%', '&', ':', '\\', '?', '+'] as const;

export function refuseUnaddressableKey(key: Key): void {
  if (key.kind !== 'named') return;
  for (const value of Object.values(key.values)) {
    if (typeof value !== 'string') continue;
    const found = KEY_REFUSED_CHARACTERS.find((c) => value.includes(c));
    if (found) throw badRequest(`A potentially dangerous Request.Path value was detected from the client (${found}).`);
  }
}
