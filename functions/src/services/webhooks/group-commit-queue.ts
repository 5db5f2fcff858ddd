/**
 * The receiver's view of the event queue: enqueue() resolves once the event is durably kept, as
 * before, but concurrent events share one queue message (group commit, group-committer.ts). An
 * event too large to share a message is enqueued alone, which keeps the queue's claim-check path
 * (body in a blob) for bodies over a message's 64 KiB.
 */
import type { GroupingWebhookEventQueue, QueuedWebhookEvent, WebhookEventQueue } from '../ports';
import { GroupCommitter } from './group-committer';

/**
 * Events per message at most. The bytes cap (64 KiB, base64 included) usually binds first; this
 * one bounds the work of one processor invocation and what one poisoned message holds.
 */
const MAX_EVENTS_PER_GROUP = 64;

/** Full groups may be written side by side; a partial one waits for the write in flight. */
const MAX_WRITES_IN_FLIGHT = 2;

export class GroupCommitQueue implements WebhookEventQueue {
  private readonly committer: GroupCommitter<QueuedWebhookEvent>;

  constructor(
    private readonly inner: GroupingWebhookEventQueue,
    maxEvents = MAX_EVENTS_PER_GROUP,
    maxInFlight = MAX_WRITES_IN_FLIGHT,
  ) {
    this.committer = new GroupCommitter({
      write: (group) => (group.length === 1 ? inner.enqueue(group[0]) : inner.enqueueGroup(group)),
      cost: (e) => inner.groupCost(e),
      maxItems: maxEvents,
      maxCost: inner.groupCapacity,
      maxInFlight,
    });
  }

  enqueue(event: QueuedWebhookEvent): Promise<void> {
    if (this.inner.groupCost(event) > this.inner.groupCapacity) return this.inner.enqueue(event);
    return this.committer.submit(event);
  }
}
