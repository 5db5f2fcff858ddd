import { z } from 'zod';

/**
 * How the sandbox delivers webhooks (PUT /_sandbox/delivery). Every mode but "normal" exists to
 * hold the receiver to webhook.md: deliveries are not ordered, may come twice, may be lost.
 *   normal        each event as soon as it happens (after delayMs)
 *   delay         the same, each first attempt waiting delayMs (default 1000)
 *   duplicate     every event is delivered twice (same webhook-id and body, new signature)
 *   reverse       events are held, then delivered newest first on POST /_sandbox/deliveries/flush
 *                 (or when the mode changes)
 *   random        the same, in a shuffled order
 *   drop          matching events are never delivered; without `match`, only the next event
 *                 (and the mode returns to normal)
 *   wrong-secret  attempts are signed with another (well-formed) secret
 */
const DELIVERY_MODES = ['normal', 'delay', 'duplicate', 'reverse', 'random', 'drop', 'wrong-secret'] as const;
type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const deliverySettingsSchema = z
  .object({
    mode: z.enum(DELIVERY_MODES),
    delayMs: z.number().int().min(0).optional(),
    speedup: z.number().positive().optional(),
    /** Answer time-out of an attempt; default 10 s divided by speedup, but never under 1 s. */
    answerTimeoutMs: z.number().int().positive().optional(),
    match: z.object({ status: z.string().optional(), eventId: z.string().optional() }).strict().optional(),
    /** Signs attempts as if sent this many seconds later (negative: earlier), to test the receiver's 5-minute tolerance. */
    timestampSkewSeconds: z.number().int().optional(),
  })
  .strict();

export type DeliverySettingsInput = z.infer<typeof deliverySettingsSchema>;

export interface DeliverySettings {
  mode: DeliveryMode;
  delayMs: number;
  speedup: number;
  answerTimeoutMs?: number;
  match?: { status?: string; eventId?: string };
  timestampSkewSeconds?: number;
}
