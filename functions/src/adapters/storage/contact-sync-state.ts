/**
 * Contact sync's state between runs (services/contacts/ports.ts ContactSyncState): the Dataverse
 * delta link, the CLM `updatedSince` start, the CLM's id for the connector and the retry set. One JSON blob in the
 * Function App's storage account (container `connector-state`), written with its ETag.
 */
import { z } from 'zod';
import type { ContactSyncState, ContactSyncStateStore } from '../../services/contacts/ports';
import { DocumentChangedError, type SharedDocument } from './blob-json-document';

export const CONTACT_SYNC_CONTAINER = 'connector-state';
export const CONTACT_SYNC_BLOB = 'contact-sync.json';

export const contactSyncStateSchema = z.object({
  deltaLink: z.string().optional(),
  deltaFields: z.string().optional(),
  clmSince: z.string().optional(),
  clmClientId: z.string().optional(),
  retry: z.object({ dynamics: z.array(z.string()), clm: z.array(z.string()), deleted: z.array(z.string()) }).optional(),
});

export class BlobContactSyncState implements ContactSyncStateStore {
  constructor(private readonly document: SharedDocument<ContactSyncState>) {}

  async read(): Promise<ContactSyncState> {
    return (await this.document.read())?.value ?? {};
  }

  /** Runs of one kind do not overlap (the runs machinery), so the last write wins a race. */
  async write(state: ContactSyncState): Promise<void> {
    for (let round = 0; round < 3; round++) {
      const current = await this.document.read();
      try {
        await this.document.write(state, { etag: current?.etag });
        return;
      } catch (e) {
        if (!(e instanceof DocumentChangedError)) throw e;
      }
    }
    throw new Error('The contact sync state kept changing while it was written.');
  }
}
