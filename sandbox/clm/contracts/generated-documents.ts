/**
 * Large documents for tests of the connector's streamed documents route: bytes made as they are
 * sent (AES-CTR of a seed, so the same every time and never held whole, here either), sent with
 * backpressure, optionally pausing after `pauseAfterBytes` until a test resumes them (a CLM that
 * stalls mid-body, when nobody does). Every send is counted as it goes (`sends()`): how many bytes
 * left, and whether it finished, is paused, or was cut off by the client.
 */
import { createCipheriv, createHash } from 'node:crypto';
import type { Response } from 'express';

const CHUNK_BYTES = 64 * 1024;
const PDF_HEAD = Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1');

export interface GeneratedDocumentSpec {
  contractId: string;
  documentId: string;
  size: number;
  seed: string;
  pauseAfterBytes?: number;
}

export interface DocumentSend {
  sendId: number;
  contractId: string;
  documentId: string;
  size: number;
  bytesSent: number;
  state: 'sending' | 'paused' | 'finished' | 'aborted';
}

/** The document's bytes, chunk by chunk: a PDF header, then a keystream of the seed. */
function* chunksOf(spec: Pick<GeneratedDocumentSpec, 'size' | 'seed'>): Generator<Buffer> {
  const key = createHash('sha256').update(spec.seed).digest();
  const cipher = createCipheriv('aes-128-ctr', key.subarray(0, 16), key.subarray(16, 32));
  const zeros = Buffer.alloc(CHUNK_BYTES);
  let left = spec.size;
  let first = true;
  while (left > 0) {
    const chunk = cipher.update(zeros.subarray(0, Math.min(CHUNK_BYTES, left)));
    if (first) PDF_HEAD.copy(chunk, 0, 0, Math.min(PDF_HEAD.length, chunk.length));
    first = false;
    left -= chunk.length;
    yield chunk;
  }
}

/** SHA-256 of the bytes a spec makes, computed as they are made. */
export function sha256Of(spec: Pick<GeneratedDocumentSpec, 'size' | 'seed'>): string {
  const hash = createHash('sha256');
  for (const chunk of chunksOf(spec)) hash.update(chunk);
  return hash.digest('hex');
}

export class GeneratedDocuments {
  private readonly specs = new Map<string, GeneratedDocumentSpec>();
  private readonly log: DocumentSend[] = [];
  private readonly paused = new Map<DocumentSend, () => void>();

  add(spec: GeneratedDocumentSpec): void {
    this.specs.set(`${spec.contractId}/${spec.documentId}`, spec);
  }

  get(contractId: string, documentId: string): GeneratedDocumentSpec | undefined {
    return this.specs.get(`${contractId}/${documentId}`);
  }

  sends(): DocumentSend[] {
    return this.log.map((s) => ({ ...s }));
  }

  /** Lets every paused send of the document go on to its end. */
  resume(documentId: string): number {
    let resumed = 0;
    for (const [send, go] of this.paused) {
      if (send.documentId !== documentId) continue;
      this.paused.delete(send);
      go();
      resumed += 1;
    }
    return resumed;
  }

  /** Writes the body (headers already set), waiting for the socket to drain, and for a resume at the pause. */
  async send(spec: GeneratedDocumentSpec, res: Response): Promise<void> {
    const send: DocumentSend = {
      sendId: this.log.length + 1,
      contractId: spec.contractId,
      documentId: spec.documentId,
      size: spec.size,
      bytesSent: 0,
      state: 'sending',
    };
    this.log.push(send);
    let closed = false;
    const gone = new Promise<void>((resolve) =>
      res.once('close', () => {
        closed = true;
        resolve();
      }),
    );
    for (const chunk of chunksOf(spec)) {
      const pauseAt = spec.pauseAfterBytes;
      let piece = chunk;
      if (pauseAt !== undefined && send.bytesSent < pauseAt && send.bytesSent + piece.length > pauseAt) {
        // Exactly pauseAfterBytes go out before the pause.
        const before = piece.subarray(0, pauseAt - send.bytesSent);
        if (!(await this.write(res, before, gone)) || closed) break;
        send.bytesSent += before.length;
        piece = piece.subarray(before.length);
      }
      if (pauseAt !== undefined && send.bytesSent === pauseAt && !closed) {
        send.state = 'paused';
        await Promise.race([new Promise<void>((resolve) => this.paused.set(send, resolve)), gone]);
        this.paused.delete(send);
        if (closed) break;
        send.state = 'sending';
      }
      if (!(await this.write(res, piece, gone)) || closed) break;
      send.bytesSent += piece.length;
    }
    if (closed) {
      send.state = 'aborted';
      return;
    }
    send.state = 'finished';
    res.end();
  }

  private async write(res: Response, chunk: Buffer, gone: Promise<void>): Promise<boolean> {
    if (res.write(chunk)) return true;
    await Promise.race([new Promise<void>((resolve) => res.once('drain', resolve)), gone]);
    return !res.destroyed;
  }
}
