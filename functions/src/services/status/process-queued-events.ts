/**
 * The status processor's use case: the events of one queue message (one event, or a group made by
 * the receiver's group commit), each applied to Dataverse exactly as a lone event would be.
 * Failing hands the whole message back to the runtime, which tries again and sets it aside after
 * the fifth attempt; events of the group already applied are then duplicates (dedupe on the
 * webhook-id), so a retried or replayed group is harmless.
 *
 * The runtime makes a failed message visible again at once, so five quick failures during a short
 * Dataverse outage would poison a good event. Hence each event rides out throttling and outages
 * (UnavailableError) through `outageRetry` (bounded) before its failure is given back.
 */
import { UnavailableError } from '../errors';
import type { ClmStatusReader, ContractStatusStore, OutageRetry, QueuedEventRef, StatusEventQueue } from '../ports';
import { applyStatusEvent, type ApplyDeps, type ApplyOutcome } from './apply-status-event';
import { parseWebhookBody } from './status-event';

/**
 * Events of one group applied side by side. The runtime already runs several messages at once,
 * so concurrent events (even for one contract) are the normal case the ETag check is built for;
 * this keeps a group of 64 from taking 64 times one event's time.
 */
const GROUP_CONCURRENCY = 8;

export interface ProcessDeps {
  queue: Pick<StatusEventQueue, 'eventsOf' | 'bodyOf'>;
  store: ContractStatusStore;
  clm: ClmStatusReader;
  /** This organization's URL, which a CLM contract's externalRef must name. */
  orgUrl?: string;
  outageRetry: OutageRetry;
  log: (message: string) => void;
  /** What a moved status does to the record (services/outcomes); absent: nothing. */
  outcomes?: ApplyDeps['outcomes'];
}

/** Applies every event of the message; answers one outcome per event (undefined: skipped), in message order. */
export async function processQueuedEvents(message: unknown, deps: ProcessDeps): Promise<(ApplyOutcome | undefined)[]> {
  const events = deps.queue.eventsOf(message);
  const outcomes: (ApplyOutcome | undefined)[] = new Array<ApplyOutcome | undefined>(events.length).fill(undefined);
  let failure: { error: unknown } | undefined;
  let outage = false;
  let next = 0;
  const worker = async () => {
    // After an outage outlasted its patience, starting the rest would only wait out the same
    // outage again; any other failure is the event's own, so the others still go ahead.
    while (next < events.length && !outage) {
      const i = next++;
      try {
        outcomes[i] = await processOne(events[i], deps);
      } catch (e) {
        failure ??= { error: e };
        if (e instanceof UnavailableError) outage = true;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, events.length) }, worker));
  if (failure) throw failure.error;
  return outcomes;
}

async function processOne(ref: QueuedEventRef, deps: ProcessDeps): Promise<ApplyOutcome | undefined> {
  const body = await deps.queue.bodyOf(ref);
  const parsed = parseWebhookBody(body, ref.webhookId);
  if (parsed.kind !== 'status') {
    // The receiver checked it; a message that does not parse now never will: dropping it is right.
    deps.log(`Queued webhook ${ref.webhookId} is not a status event (${parsed.kind}); skipped.`);
    return undefined;
  }
  return deps.outageRetry(
    () => applyStatusEvent(parsed.event, { store: deps.store, clm: deps.clm, orgUrl: deps.orgUrl, log: deps.log, outcomes: deps.outcomes }),
    ({ delayMs }) => deps.log(`Status event ${ref.webhookId}: a service is unavailable, trying again in ${delayMs} ms.`),
  );
}
