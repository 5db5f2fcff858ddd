/**
 * One small JSON document in a blob, read and written with its ETag (optimistic concurrency), and
 * optionally under a blob lease. Used by the CLM token store; general enough for any
 * "one shared state document" the connector keeps in its storage account.
 *
 * Retries: the Storage SDK's own policy (exponential, per-try time-out) covers 5xx, 503 throttling
 * and time-outs; what is left after it is an UnavailableError('storage').
 */
import { BlobServiceClient, type BlockBlobClient, type ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { z } from 'zod';
import { statusOf, storageUnavailable } from './blob-errors';
import { tryAcquireLease, type HeldLease } from './blob-lease';

/** The Storage SDK's retry settings for the connector's state blobs: short, bounded. */
const STORAGE_PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 4, tryTimeoutInMs: 10_000, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 },
};

/** The document changed (ETag) or is leased by someone else: read again. */
export class DocumentChangedError extends Error {
  constructor() {
    super('The stored document changed since it was read.');
    this.name = 'DocumentChangedError';
  }
}

export interface Versioned<T> {
  value: T;
  etag: string;
}

export function containerFromConnectionString(connectionString: string, container: string): ContainerClient {
  return BlobServiceClient.fromConnectionString(connectionString, STORAGE_PIPELINE).getContainerClient(container);
}

/** What a shared state document offers; JsonBlobDocument is the Azure one, tests use an in-memory one. */
export interface SharedDocument<T> {
  read(): Promise<Versioned<T> | undefined>;
  write(value: T, condition: { etag: string | undefined; leaseId?: string }): Promise<string>;
  tryLease(durationSeconds: number): Promise<HeldLease | undefined>;
}

export class JsonBlobDocument<T> implements SharedDocument<T> {
  readonly blob: BlockBlobClient;
  private containerReady?: Promise<unknown>;

  constructor(
    private readonly container: ContainerClient,
    name: string,
    private readonly schema: z.ZodType<T>,
  ) {
    this.blob = container.getBlockBlobClient(name);
  }

  /** Creates the container once per instance (cheap when it exists). */
  ensureContainer(): Promise<unknown> {
    this.containerReady ??= this.container.createIfNotExists().catch((e: unknown) => {
      this.containerReady = undefined;
      throw storageUnavailable(e);
    });
    return this.containerReady;
  }

  /** The blob's lease, or undefined while another process holds it (see blob-lease.ts). */
  tryLease(durationSeconds: number): Promise<HeldLease | undefined> {
    return tryAcquireLease(this.blob, durationSeconds);
  }

  /** The document and its ETag; undefined when it does not exist yet. */
  async read(): Promise<Versioned<T> | undefined> {
    await this.ensureContainer();
    let body: Buffer;
    let etag: string | undefined;
    try {
      const res = await this.blob.download();
      etag = res.etag;
      body = await streamToBuffer(res.readableStreamBody);
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw storageUnavailable(e);
    }
    if (!etag) throw new Error('The storage answer had no ETag.');
    const parsed = this.schema.safeParse(JSON.parse(body.toString('utf8')));
    if (!parsed.success) throw new Error(`The stored document ${this.blob.name} is not in the expected shape.`);
    return { value: parsed.data, etag };
  }

  /**
   * Writes only if the document is still at `etag` (or, with `etag: undefined`, does not exist
   * yet). With a lease on the blob, `leaseId` must be given. Answers the new ETag.
   */
  async write(value: T, condition: { etag: string | undefined; leaseId?: string }): Promise<string> {
    await this.ensureContainer();
    const body = JSON.stringify(value);
    try {
      const res = await this.blob.upload(body, Buffer.byteLength(body), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        conditions: {
          ...(condition.etag ? { ifMatch: condition.etag } : { ifNoneMatch: '*' }),
          ...(condition.leaseId ? { leaseId: condition.leaseId } : {}),
        },
      });
      if (!res.etag) throw new Error('The storage answer had no ETag.');
      return res.etag;
    } catch (e) {
      // 412: ETag moved or a lease is held (no/wrong lease id); 409: created meanwhile (If-None-Match).
      if (statusOf(e) === 412 || statusOf(e) === 409) throw new DocumentChangedError();
      throw storageUnavailable(e);
    }
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}
