/**
 * The webhook secret store: one JSON blob in the Function App's storage account, not readable from
 * Dynamics. Every change is a read-modify-write guarded by the blob's ETag, so two admins rotating
 * at once cannot lose a secret. The values are never logged.
 */
import { BlobServiceClient, RestError, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
import { NO_WEBHOOK_SECRETS, type WebhookSecrets, type WebhookSecretStore } from '../../services/ports';

export const SECRETS_CONTAINER = 'connector-state';
const SECRETS_BLOB = 'webhook-secrets.json';

const MAX_ROUNDS = 10;

export class BlobWebhookSecretStore implements WebhookSecretStore {
  private readonly container: ContainerClient;
  private readonly blob: BlockBlobClient;
  private containerReady: Promise<unknown> | undefined;

  constructor(connectionString: string, blobName = SECRETS_BLOB) {
    this.container = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(SECRETS_CONTAINER);
    this.blob = this.container.getBlockBlobClient(blobName);
  }

  async read(): Promise<WebhookSecrets> {
    return (await this.readWithEtag()).secrets;
  }

  async update(change: (s: WebhookSecrets) => WebhookSecrets | null): Promise<WebhookSecrets> {
    await (this.containerReady ??= this.container.createIfNotExists());
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const { secrets, etag } = await this.readWithEtag();
      const next = change(secrets);
      if (!next) return secrets;
      const text = JSON.stringify(next);
      try {
        await this.blob.upload(text, Buffer.byteLength(text), {
          blobHTTPHeaders: { blobContentType: 'application/json' },
          // Create-only when there was none, else only over the version read.
          conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
        });
        return next;
      } catch (e) {
        if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409)) continue;
        throw e;
      }
    }
    throw new Error('The webhook secrets kept changing during the update; try again.');
  }

  private async readWithEtag(): Promise<{ secrets: WebhookSecrets; etag: string | undefined }> {
    try {
      const res = await this.blob.download();
      const text = (await streamToBuffer(res.readableStreamBody)).toString('utf8');
      return { secrets: { ...NO_WEBHOOK_SECRETS, ...(JSON.parse(text) as Partial<WebhookSecrets>) }, etag: res.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return { secrets: { ...NO_WEBHOOK_SECRETS }, etag: undefined };
      throw e;
    }
  }
}

async function streamToBuffer(stream: NodeJS.ReadableStream | undefined): Promise<Buffer> {
  if (!stream) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks);
}
