/** dtclm_syncedhash: a short fingerprint of both sides' synced values (the no-echo check). */
import { createHash } from 'node:crypto';
import { canonicalSynced, type SyncedValues } from '../../domain/contact-sync';

export function syncedHash(values: SyncedValues): string {
  return createHash('sha256').update(canonicalSynced(values)).digest('hex');
}
