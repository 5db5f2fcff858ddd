/**
 * A remote answer's body handed on as it arrives, never held whole, and never left to hang: the
 * bytes are read from the source only when the consumer pulls (so a paused consumer pauses the
 * remote socket), no next bytes within `idleMs` or no end within `totalMs` (from the headers)
 * destroys the source, which closes its connection, and errors the stream, so whoever forwards it
 * ends its own answer aborted instead of waiting. A consumer that cancels destroys the source too.
 * Nothing here retries: once bytes went on, a resend would send them twice.
 */
import type { Readable } from 'node:stream';
import type { BodyTimeouts } from '../../config';

/** The body stalled or outlasted its time: the answer it fed ends aborted. */
class BodyTimeoutError extends Error {
  constructor(
    readonly kind: 'idle' | 'total',
    readonly afterMs: number,
    readonly operation: string,
  ) {
    super(`${operation}: the body ${kind === 'idle' ? 'stalled' : 'took too long'} (no end after ${afterMs} ms${kind === 'idle' ? ' without bytes' : ''})`);
    this.name = 'BodyTimeoutError';
  }
}

export function guardedBody(source: Readable, limits: BodyTimeouts, operation: string): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let failure: BodyTimeoutError | undefined;
  const fail = (error: BodyTimeoutError) => {
    failure ??= error;
    source.destroy(failure);
  };
  const total = setTimeout(() => fail(new BodyTimeoutError('total', limits.totalMs, operation)), limits.totalMs);
  total.unref?.();
  const end = () => clearTimeout(total);

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const idle = setTimeout(() => fail(new BodyTimeoutError('idle', limits.idleMs, operation)), limits.idleMs);
        try {
          const next = await chunks.next();
          if (failure) throw failure;
          if (next.done) {
            end();
            controller.close();
          } else controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
        } catch (e) {
          end();
          // A fresh error: the source's may be axios', which holds the request (and its bearer token).
          controller.error(failure ?? new Error(`${operation}: the body was cut off (${(e as { code?: string }).code ?? 'closed'})`));
        } finally {
          clearTimeout(idle);
        }
      },
      cancel() {
        end();
        source.destroy();
      },
    },
    // One chunk read ahead at most: the remote socket's own buffers hold the rest.
    { highWaterMark: 0 },
  );
}
