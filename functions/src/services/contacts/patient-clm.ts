/**
 * The CLM's address book as a contact sync run reads and writes it: every call rides out an outage
 * with the run's patience (services/runs/run-patience.ts). Each is safe to send again: reads,
 * creates (an idempotency key: a resend is answered with the first one) and updates (If-Match on
 * the version: a resend of one that landed is refused as stale, then read again and merged).
 */
import type { RunPatience } from '../runs/run-patience';
import type { ClmContactsPort } from './ports';

export function patientClmContacts(clm: ClmContactsPort, patience: RunPatience): ClmContactsPort {
  return {
    all: () => patience.call(() => clm.all()),
    changedSince: (since) => patience.call(() => clm.changedSince(since)),
    get: (id) => patience.call(() => clm.get(id)),
    findByEmail: (email) => patience.call(() => clm.findByEmail(email)),
    findByExternalId: (externalId) => patience.call(() => clm.findByExternalId(externalId)),
    create: (values, externalId, key) => patience.call(() => clm.create(values, externalId, key)),
    update: (id, version, values, externalId) => patience.call(() => clm.update(id, version, values, externalId)),
  };
}
