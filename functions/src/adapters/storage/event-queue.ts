/**
 * The durable queue between the webhook receiver and the status processor (Azure Storage queue;
 * Azurite locally). A message is base64 of JSON, as the Functions runtime's queue trigger expects
 * by default, and holds the verified raw body, the `webhook-id` and when it was received.
 *
 * A queue message is at most 64 KiB. Real events are far smaller; a body that would not fit (the
 * receiver accepts up to 256 KiB) is kept in a blob and the message points to it (claim check), so
 * a valid event is never refused for its size.
 *
 * Under concurrency the receiver keeps several events in one message (group commit, see
 * services/webhooks/group-commit-queue.ts): `{ v: 2, events: [...] }`, each entry what a v1 message
 * holds with its body inline. A lone event is still written as v1, and the processor reads both,
 * so messages written before grouping, and instances not yet updated, keep working.
 */
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { QueuedWebhookEvent, StatusEventQueue } from '../../services/ports';
import { WEBHOOK_QUEUE_NAME } from '../../services/webhooks/queue-names';

export const WEBHOOK_BODY_CONTAINER = 'clm-webhook-bodies';

const FAST_RETRY = { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 500, tryTimeoutInMs: 3000 };

/** Base64 text limit of a queue message (64 KiB), with room to spare. */
const MAX_MESSAGE_CHARS = 60 * 1024;

/** What travels in the queue for one event: the body inline, or the name of the blob that holds it. */
export type QueueMessage = { v: 1; webhookId: string; receivedAt: string } & ({ body: string } | { bodyBlob: string });

/** Several events in one message (group commit); bodies always inline (a large one travels alone). */
export interface GroupMessage {
  v: 2;
  events: { webhookId: string; receivedAt: string; body: string }[];
}

/** The bytes of a group message's JSON besides its entries: `{"v":2,"events":[]}`. */
const GROUP_ENVELOPE_BYTES = Buffer.byteLength(JSON.stringify({ v: 2, events: [] }));

/** The JSON bytes a group message may hold so that its base64 stays within MAX_MESSAGE_CHARS. */
const GROUP_CAPACITY = Math.floor(MAX_MESSAGE_CHARS / 4) * 3 - GROUP_ENVELOPE_BYTES;

export function encodeMessage(m: QueueMessage | GroupMessage): string {
  return Buffer.from(JSON.stringify(m), 'utf8').toString('base64');
}

function groupEntry(e: QueuedWebhookEvent): GroupMessage['events'][number] {
  return { webhookId: e.webhookId, receivedAt: e.receivedAt, body: e.body };
}

/** The runtime hands JSON messages over already parsed; a raw string (or base64) is accepted too. */
function parseMessageValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim().startsWith('{') ? value : Buffer.from(value, 'base64').toString('utf8');
  return JSON.parse(text) as unknown;
}

function asSingle(v: unknown): QueueMessage {
  const m = v as Partial<QueueMessage> | null;
  if (!m || typeof m !== 'object' || typeof m.webhookId !== 'string' || typeof m.receivedAt !== 'string') {
    throw new Error('Not a webhook event message.');
  }
  if (!('body' in m && typeof m.body === 'string') && !('bodyBlob' in m && typeof m.bodyBlob === 'string')) {
    throw new Error('Not a webhook event message.');
  }
  return m as QueueMessage;
}

/** A single-event (v1) message; a group message is refused (use decodeQueueEvents). */
export function decodeQueueMessage(value: unknown): QueueMessage {
  return asSingle(parseMessageValue(value));
}

/** The events of a message, v1 (one) or v2 (a group, in the order they were grouped), each as a v1 entry. */
export function decodeQueueEvents(value: unknown): QueueMessage[] {
  const v = parseMessageValue(value) as Partial<GroupMessage> | null;
  if (v && typeof v === 'object' && v.v === 2) {
    if (!Array.isArray(v.events) || v.events.length === 0) throw new Error('Not a webhook event group message.');
    return v.events.map((e) => {
      const m = asSingle({ ...(e as object), v: 1 });
      if (!('body' in m)) throw new Error('Not a webhook event group message.');
      return m;
    });
  }
  return [asSingle(v)];
}

export class StorageWebhookEventQueue implements StatusEventQueue {
  readonly groupCapacity = GROUP_CAPACITY;

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
    await this.send(text);
  }

  /** Bytes of the entry's JSON plus its separating comma (JSON lengths add up; base64 is applied once to the whole). */
  groupCost(event: QueuedWebhookEvent): number {
    return Buffer.byteLength(JSON.stringify(groupEntry(event))) + 1;
  }

  async enqueueGroup(events: QueuedWebhookEvent[]): Promise<void> {
    const text = encodeMessage({ v: 2, events: events.map(groupEntry) });
    // The group committer keeps groups within groupCapacity; a larger one would be refused by Storage.
    if (text.length > MAX_MESSAGE_CHARS) throw new Error(`A group of ${events.length} events does not fit one queue message.`);
    await this.send(text);
  }

  private async send(text: string): Promise<void> {
    await (this.queueReady ??= this.queue.createIfNotExists().catch((e: unknown) => {
      this.queueReady = undefined; // try again on the next event
      throw e;
    }));
    // Default time-to-live is 7 days; -1 keeps it until processed (the CLM retries for only 3 days).
    await this.queue.sendMessage(text, { messageTimeToLive: -1 });
  }

  /** The events a queue message carries: one (v1), or a group's in the order they were grouped (v2). */
  eventsOf(message: unknown): QueueMessage[] {
    return decodeQueueEvents(message);
  }

  /** The body of a message, fetched from its blob when it did not fit the queue. */
  async bodyOf(m: QueueMessage): Promise<string> {
    if ('body' in m) return m.body;
    const buf = await this.bodies.getBlockBlobClient(m.bodyBlob).downloadToBuffer();
    return buf.toString('utf8');
  }
}
