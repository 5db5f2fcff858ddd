/**
 * The poison queue of the webhook events: where the Functions runtime moves a message after its
 * fifth failed attempt (`<queue>-poison`). The admin health check counts it; replay moves its
 * messages back to the main queue, unchanged, so the processor tries them again.
 */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { PoisonQueue } from '../../services/ports';
import { WEBHOOK_POISON_QUEUE_NAME, WEBHOOK_QUEUE_NAME } from '../../services/webhooks/queue-names';

export class StoragePoisonQueue implements PoisonQueue {
  private readonly poison: QueueClient;
  private readonly main: QueueClient;

  constructor(connectionString: string, queueName = WEBHOOK_QUEUE_NAME) {
    const service = QueueServiceClient.fromConnectionString(connectionString);
    this.main = service.getQueueClient(queueName);
    this.poison = service.getQueueClient(queueName === WEBHOOK_QUEUE_NAME ? WEBHOOK_POISON_QUEUE_NAME : `${queueName}-poison`);
  }

  async count(): Promise<number> {
    if (!(await this.poison.exists())) return 0;
    const props = await this.poison.getProperties();
    return props.approximateMessagesCount ?? 0;
  }

  async replay(): Promise<number> {
    if (!(await this.poison.exists())) return 0;
    await this.main.createIfNotExists();
    let moved = 0;
    for (;;) {
      const { receivedMessageItems } = await this.poison.receiveMessages({ numberOfMessages: 32, visibilityTimeout: 60 });
      if (receivedMessageItems.length === 0) return moved;
      for (const m of receivedMessageItems) {
        // Sent before deleted: a crash in between replays twice, which the processor's dedupe absorbs.
        await this.main.sendMessage(m.messageText, { messageTimeToLive: -1 });
        await this.poison.deleteMessage(m.messageId, m.popReceipt);
        moved++;
      }
    }
  }
}
