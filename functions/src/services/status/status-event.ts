/**
 * The status event the CLM posts (webhook.md), as the connector holds it once verified. The
 * receiver checks the body against this schema before queueing it, so the processor can trust it.
 */
import { zodProblems } from '../../../../api/zod-problems';
import { z } from 'zod';
import { CONTRACT_STATUSES, type ContractStatus } from '../../domain/contract';
import type { FieldProblem } from '../errors';

const STATUS_CHANGED = 'contract.status_changed';

/** Any event: only `type` is needed to decide whether it is one we know. */
const envelopeSchema = z.object({ id: z.string().min(1), type: z.string().min(1) }).loose();

const statusChangedSchema = z.object({
  id: z.string().min(1).max(100),
  type: z.literal(STATUS_CHANGED),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z
    .object({
      contractId: z.string().min(1).max(64),
      status: z.enum(CONTRACT_STATUSES),
      previousStatus: z.enum(CONTRACT_STATUSES).nullable().optional(),
      sequence: z.number().int().min(0),
      externalRef: z.unknown().optional(),
      reason: z.string().nullable().optional(),
      signedDocumentId: z.string().nullable().optional(),
    })
    .loose(),
});

/** What the processor applies; `eventId` is the `webhook-id` (the same on every retry). */
export interface StatusEvent {
  eventId: string;
  clmContractId: string;
  status: ContractStatus;
  sequence: number;
  occurredAt: string;
  reason: string | null;
  signedDocumentId: string | null;
  /**
   * `data.externalRef` as the CLM signed it: the record the contract was made for. Undefined when
   * the body has none (the contract is then read from the CLM to check it).
   */
  externalRef?: unknown;
  /** The body as received (kept in the event row's `dtclm_payload`). */
  payload: string;
}

export type ParsedWebhookBody = { kind: 'status'; event: StatusEvent } | { kind: 'unknown-type'; type: string } | { kind: 'invalid'; problems: FieldProblem[] };

/** Parses a verified body: the spec's JSON, an event type we do not know (to be acknowledged), or neither. */
export function parseWebhookBody(raw: string, webhookId: string): ParsedWebhookBody {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'invalid', problems: [{ field: '(body)', message: 'The body is not JSON.' }] };
  }
  // The event the CLM sends nearly every time is checked first, in one pass (this runs on every
  // delivery); only a body it refuses is checked against the envelope, to tell an event type we do
  // not use (acknowledged) from a malformed body (400). Same answers as envelope-then-event.
  const parsed = statusChangedSchema.safeParse(json);
  if (!parsed.success) {
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success) return { kind: 'invalid', problems: zodProblems(envelope.error, { input: json }) };
    if (envelope.data.type !== STATUS_CHANGED) return { kind: 'unknown-type', type: envelope.data.type };
    return { kind: 'invalid', problems: zodProblems(parsed.error, { input: json }) };
  }
  const { data, occurredAt } = parsed.data;
  return {
    kind: 'status',
    event: {
      eventId: webhookId,
      clmContractId: data.contractId,
      status: data.status,
      sequence: data.sequence,
      occurredAt: new Date(occurredAt).toISOString(),
      reason: data.reason ?? null,
      signedDocumentId: data.signedDocumentId ?? null,
      ...(data.externalRef === undefined || data.externalRef === null ? {} : { externalRef: data.externalRef }),
      payload: raw,
    },
  };
}
