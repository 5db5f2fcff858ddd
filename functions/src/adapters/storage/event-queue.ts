/**
 * The durable queue between the webhook receiver and the status processor (Azure Storage queue;
 * Azurite locally). A message is base64 of JSON, as the Functions runtime's queue trigger expects
 * by default, and holds the verified raw body, the `webhook-id` and when it was received.
 *
 * A queue message is at most 64 KiB. Real events are far smaller; a body that would not fit (the
 * receiver accepts up to 256 KiB) is kept in a blob and the message points to it (claim check), so
 * a valid event is never refused for its size.
 */
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { QueuedWebhookEvent, WebhookEventQueue } from '../../services/ports';

export const WEBHOOK_QUEUE_NAME = 'clm-webhook-events';
export const WEBHOOK_POISON_QUEUE_NAME = `${WEBHOOK_QUEUE_NAME}-poison`;
export const WEBHOOK_BODY_CONTAINER = 'clm-webhook-bodies';

const FAST_RETRY = { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 500, tryTimeoutInMs: 3000 };

/** Base64 text limit of a queue message (64 KiB), with room to spare. */
const MAX_MESSAGE_CHARS = 60 * 1024;

/** What travels in the queue: the body inline, or the name of the blob that holds it. */
export type QueueMessage = { v: 1; webhookId: string; receivedAt: string } & ({ body: string } | { bodyBlob: string });

export function encodeMessage(m: QueueMessage): string {
  return Buffer.from(JSON.stringify(m), 'utf8').toString('base64');
}

/** The runtime hands JSON messages over already parsed; a raw string (or base64) is accepted too. */
export function decodeQueueMessage(value: unknown): QueueMessage {
  let v = value;
  if (typeof v === 'string') {
    const text = v.trim().startsWith('{') ? v : Buffer.from(v, 'base64').toString('utf8');
    v = JSON.parse(text) as unknown;
  }
  const m = v as Partial<QueueMessage> | null;
  if (!m || typeof m !== 'object' || typeof m.webhookId !== 'string' || typeof m.receivedAt !== 'string') {
    throw new Error('Not a webhook event message.');
  }
  if (!('body' in m && typeof m.body === 'string') && !('bodyBlob' in m && typeof m.bodyBlob === 'string')) {
    throw new Error('Not a webhook event message.');
  }
  return m as QueueMessage;
}

export class StorageWebhookEventQueue implements WebhookEventQueue {
  readonly queue: QueueClient;
  private readonly bodies: ContainerClient;
  private queueReady: Promise<unknown> | undefined;
  private containerReady: Promise<unknown> | undefined;

  constructor(connectionString: string, queueName = WEBHOOK_QUEUE_NAME) {
    // Fail fast: the CLM waits 10 s for an answer, and a 503 makes it retry later anyway.
    this.queue = QueueServiceClient.fromConnectionString(connectionString, { retryOptions: FAST_RETRY }).getQueueClient(queueName);
    this.bodies = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(WEBHOOK_BODY_CONTAINER);
  }

  async enqueue(event: QueuedWebhookEvent): Promise<void> {
    const base = { v: 1 as const, webhookId: event.webhookId, receivedAt: event.receivedAt };
    let text = encodeMessage({ ...base, body: event.body });
    if (text.length > MAX_MESSAGE_CHARS) {
      const blobName = `${encodeURIComponent(event.webhookId)}-${Date.now()}.json`;
      await (this.containerReady ??= this.bodies.createIfNotExists());
      await this.bodies.getBlockBlobClient(blobName).upload(event.body, Buffer.byteLength(event.body));
      text = encodeMessage({ ...base, bodyBlob: blobName });
    }
    await (this.queueReady ??= this.queue.createIfNotExists().catch((e: unknown) => {
      this.queueReady = undefined; // try again on the next event
      throw e;
    }));
    // Default time-to-live is 7 days; -1 keeps it until processed (the CLM retries for only 3 days).
    await this.queue.sendMessage(text, { messageTimeToLive: -1 });
  }

  /** The body of a message, fetched from its blob when it did not fit the queue. */
  async bodyOf(m: QueueMessage): Promise<string> {
    if ('body' in m) return m.body;
    const buf = await this.bodies.getBlockBlobClient(m.bodyBlob).downloadToBuffer();
    return buf.toString('utf8');
  }
}
