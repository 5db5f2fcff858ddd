/**
 * A blob lease as a cross-process lock: whoever holds the lease on a blob is the only one allowed
 * to write it. Leases expire by themselves (15–60 s), so a process that dies holding one blocks the
 * others for at most that long.
 */
import { BlobLeaseClient, RestError, type BlobClient } from '@azure/storage-blob';
import { storageUnavailable } from './blob-errors';

export interface HeldLease {
  leaseId: string;
  release(): Promise<void>;
}

/** Tries once: the lease, or undefined when another process holds it. */
export async function tryAcquireLease(blob: BlobClient, durationSeconds: number): Promise<HeldLease | undefined> {
  if (durationSeconds < 15 || durationSeconds > 60) throw new RangeError('a blob lease lasts 15 to 60 seconds');
  const client = new BlobLeaseClient(blob);
  try {
    const res = await client.acquireLease(durationSeconds);
    const leaseId = res.leaseId ?? client.leaseId;
    return {
      leaseId,
      async release() {
        // A lease that expired or was broken meanwhile is not an error worth reporting here.
        await client.releaseLease().catch(() => undefined);
      },
    };
  } catch (e) {
    if (e instanceof RestError && e.statusCode === 409) return undefined; // LeaseAlreadyPresent
    throw storageUnavailable(e);
  }
}
