/**
 * Storage queue triggers, as the Functions runtime runs them against Azurite: poll each job's queue
 * (a batch of 16, the runtime's `batchSize`, run at once), decode the message (base64, the runtime's
 * default encoding; JSON becomes an object), call the handler, delete the message on success. On
 * failure the message becomes visible again at once (host.json `visibilityTimeout` 0); after the
 * fifth attempt it moves to `<queue>-poison`, as the runtime's maxDequeueCount of 5 does.
 *
 * While a handler runs, its message stays invisible: the runtime (WebJobs QueueListener) receives
 * it with a 10-minute visibility timeout and extends it by 10 minutes every 5 (half of it), so a
 * long invocation is never handed out twice. A host that dies stops extending it: the message is
 * visible again at most 10 minutes later, with dequeueCount + 1, for another instance to take.
 * https://learn.microsoft.com/azure/azure-functions/functions-bindings-storage-queue-trigger#poison-messages
 */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { QueueJob } from '../../functions/src/routes';
import { PollingDelay } from './polling-delay';

const MAX_DEQUEUE_COUNT = 5;
const DEFAULT_VISIBILITY_SECONDS = 600;

export interface QueueMessageMetadata {
  id: string;
  dequeueCount: number;
  insertionTime: string;
  expirationTime: string;
  nextVisibleTime: string;
  popReceipt: string;
}

export interface QueuePollerOptions {
  connectionString: string;
  jobs: readonly QueueJob[];
  invoke(job: QueueJob, message: unknown, metadata: QueueMessageMetadata): Promise<unknown>;
  /** The longest wait between polls of an empty queue: host.json's `extensions.queues.maxPollingInterval` (host-json.ts). */
  maxIntervalMs: number;
  /** How long a received message stays invisible, extended at half of it while its handler runs. Default 600 (the runtime's). */
  visibilityTimeoutSeconds?: number;
}

export interface QueuePoller {
  stop(): Promise<void>;
}

/** The runtime hands a JSON message to the handler parsed, anything else as a string. */
export function messageValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Queue messages are base64 on the wire (the runtime's default `messageEncoding`). */
function decodeMessage(messageText: string): unknown {
  return messageValue(Buffer.from(messageText, 'base64').toString('utf8'));
}

export function startQueuePolling(opts: QueuePollerOptions): QueuePoller {
  const service = QueueServiceClient.fromConnectionString(opts.connectionString);
  let stopped = false;
  const loops = opts.jobs.map((job) => pollLoop(job, service.getQueueClient(job.queueName)));

  async function pollOnce(job: QueueJob, queue: QueueClient): Promise<number> {
    const visibility = opts.visibilityTimeoutSeconds ?? DEFAULT_VISIBILITY_SECONDS;
    const { receivedMessageItems } = await queue.receiveMessages({ numberOfMessages: 16, visibilityTimeout: visibility });
    await Promise.all(
      receivedMessageItems.map(async (m) => {
        if (stopped) return;
        const metadata: QueueMessageMetadata = {
          id: m.messageId,
          dequeueCount: m.dequeueCount,
          insertionTime: m.insertedOn.toISOString(),
          expirationTime: m.expiresOn.toISOString(),
          nextVisibleTime: m.nextVisibleOn.toISOString(),
          popReceipt: m.popReceipt,
        };
        let popReceipt = m.popReceipt;
        // Each extension answers a new pop receipt, which the delete (or the next extension) needs.
        let extending: Promise<void> = Promise.resolve();
        const timer = setInterval(
          () => {
            extending = extending
              .then(async () => {
                popReceipt = (await queue.updateMessage(m.messageId, popReceipt, undefined, visibility)).popReceipt!;
              })
              .catch(() => undefined);
          },
          (visibility * 1000) / 2,
        );
        let ok = false;
        try {
          await opts.invoke(job, decodeMessage(m.messageText), metadata);
          ok = true;
        } catch {
          // handled below
        } finally {
          clearInterval(timer);
          await extending;
        }
        try {
          if (ok) await queue.deleteMessage(m.messageId, popReceipt);
          else if (m.dequeueCount >= MAX_DEQUEUE_COUNT) {
            const poison = service.getQueueClient(`${job.queueName}-poison`);
            await poison.createIfNotExists();
            await poison.sendMessage(m.messageText);
            await queue.deleteMessage(m.messageId, popReceipt);
          } else {
            await queue.updateMessage(m.messageId, popReceipt, undefined, 0);
          }
        } catch {
          // The message was extended or taken by someone else meanwhile: the queue's own rules decide.
        }
      }),
    );
    return receivedMessageItems.length;
  }

  async function pollLoop(job: QueueJob, queue: QueueClient): Promise<void> {
    const delay = new PollingDelay(opts.maxIntervalMs);
    let created = false;
    while (!stopped) {
      let got = 0;
      try {
        if (!created) created = Boolean(await queue.createIfNotExists());
        got = await pollOnce(job, queue);
      } catch {
        // Storage hiccup (or shutting down): try again after the usual wait.
      }
      // Like the runtime: 100 ms after work, growing waits up to maxPollingInterval while idle.
      await sleep(delay.next(got > 0), () => stopped);
    }
  }

  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** A wait that ends early once `done()` turns true, so stop() does not wait a full interval. */
function sleep(ms: number, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const step = Math.min(ms, 50);
    let left = ms;
    const tick = () => {
      left -= step;
      if (left <= 0 || done()) resolve();
      else setTimeout(tick, step);
    };
    setTimeout(tick, step);
  });
}
