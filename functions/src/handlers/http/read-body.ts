/**
 * Reads a request body as bytes, refusing more than the limit (413) without buffering it all:
 * the declared Content-Length is checked first, then the bytes as they stream in (the app runs
 * with HTTP streaming, host-setup.ts, so nothing was read before this). With a declared length the
 * bytes are copied into one buffer of that size as they come, so a body costs its size once, not
 * twice (chunks, then their concatenation). Reading waits for room in the instance's body budget
 * (body-budget.ts), so many large bodies at once are read a few at a time, not all together.
 */
import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError } from '../../services/errors';
import { bodyBudget, type BodyBudget } from './body-budget';

const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) => new PayloadTooLargeError(`The request body is larger than ${Math.round(limit / 1024)} KiB: send less.`);

export async function readBody(request: Pick<HttpRequest, 'headers' | 'body'>, limit = MAX_BODY_BYTES, budget: BodyBudget = bodyBudget): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const release = await budget.acquire(Number.isInteger(declared) && declared >= 0 ? declared : limit);
  try {
    return await readWithin(request.body, limit, declared);
  } finally {
    release();
  }
}

async function readWithin(body: NonNullable<HttpRequest['body']>, limit: number, declared: number): Promise<Buffer> {
  const reader = body.getReader();
  const exact = Number.isInteger(declared) && declared >= 0 ? Buffer.allocUnsafe(declared) : undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit || (exact && size + value.byteLength > exact.length)) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    if (exact) exact.set(value, size);
    else chunks.push(value);
    size += value.byteLength;
  }
  if (exact) return size === exact.length ? exact : exact.subarray(0, size);
  return Buffer.concat(chunks);
}
