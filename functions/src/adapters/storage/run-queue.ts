/**
 * The queue that starts long-run workers (Azure Storage queue `connector-runs`; Azurite locally).
 * A message is base64 JSON `{ v: 1, kind, runId }`, as the Functions queue trigger reads it; what
 * the run is to do lives in the run store, so a message is tiny and a retried one is harmless.
 */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import { UnavailableError } from '../../services/errors';
import { RUN_QUEUE_NAME, type RunMessage, type RunQueue } from '../../services/runs/ports';

export class StorageRunQueue implements RunQueue {
  private readonly queue: QueueClient;
  private ready?: Promise<unknown>;

  constructor(connectionString: string, queueName = RUN_QUEUE_NAME) {
    this.queue = QueueServiceClient.fromConnectionString(connectionString, {
      retryOptions: { maxTries: 4, retryDelayInMs: 200, maxRetryDelayInMs: 2_000, tryTimeoutInMs: 10_000 },
    }).getQueueClient(queueName);
  }

  async send(message: RunMessage): Promise<void> {
    try {
      await (this.ready ??= this.queue.createIfNotExists().catch((e: unknown) => {
        this.ready = undefined;
        throw e;
      }));
      await this.queue.sendMessage(Buffer.from(JSON.stringify(message), 'utf8').toString('base64'));
    } catch {
      throw new UnavailableError('The connector’s storage queue is unavailable; please try again later.', 5, 'storage');
    }
  }
}
