/**
 * Reads a request body as bytes, refusing more than the limit (413) without buffering it all:
 * the declared Content-Length is checked first, then the bytes as they stream in.
 */
import type { HttpRequest } from '@azure/functions';
import { PayloadTooLargeError } from '../../services/errors';

const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) => new PayloadTooLargeError(`The request body is larger than ${Math.round(limit / 1024)} KiB: send less.`);

export async function readBody(request: Pick<HttpRequest, 'headers' | 'body'>, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
