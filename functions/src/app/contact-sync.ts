/**
 * Contact sync's wiring, in one small factory: which adapter implements which port of
 * services/contacts/ports.ts. The composition root (composition-root.ts) calls it once per app.
 */
import type { Config } from '../config';
import type { Clm } from '../adapters/clm';
import { ClmContactDirectory } from '../adapters/clm/contact-directory';
import { DataverseContactLinks } from '../adapters/dataverse/contact-links-repository';
import { DataverseContacts } from '../adapters/dataverse/contacts-repository';
import type { Dataverse } from '../adapters/dataverse/create-dataverse';
import { containerFromConnectionString, JsonBlobDocument } from '../adapters/storage/blob-json-document';
import { BlobContactSyncState, CONTACT_SYNC_BLOB, CONTACT_SYNC_CONTAINER, contactSyncStateSchema } from '../adapters/storage/contact-sync-state';
import type { ContactSyncDeps } from '../services/contacts/ports';
import { CONTACT_SYNC_SETTINGS_VARIABLE, settingsFromVariable } from '../services/contacts/settings-source';

export interface ContactSyncOptions {
  /** Tests: another state blob, another clock. */
  stateBlob?: string;
  now?: () => Date;
}

export interface ContactSyncWiring extends ContactSyncOptions {
  config: Config;
  dataverse: Dataverse;
  clm: Clm;
}

export function createContactSyncDeps(w: ContactSyncWiring): ContactSyncDeps {
  const now = w.now ?? (() => new Date());
  return {
    dynamics: new DataverseContacts(w.dataverse.api),
    clm: new ClmContactDirectory(w.clm.client),
    links: new DataverseContactLinks(w.dataverse.api, now),
    state: new BlobContactSyncState(
      new JsonBlobDocument(
        containerFromConnectionString(w.config.storageConnectionString, CONTACT_SYNC_CONTAINER),
        w.stateBlob ?? CONTACT_SYNC_BLOB,
        contactSyncStateSchema,
      ),
    ),
    settings: settingsFromVariable(() => w.dataverse.environmentVariables.get(CONTACT_SYNC_SETTINGS_VARIABLE)),
    now,
  };
}
