/**
 * connector-api.md `GET /api/contracts/{contractId}/documents/{documentId}`: the CLM document
 * "streamed from the CLM". Through the real functions on the dev host with HTTP streaming on, as
 * Azure runs them ("HTTP streams", Azure Functions Node.js developer guide), against the CLM sandbox,
 * whose own counters (`GET /_sandbox/document-sends`) say how many bytes it has sent:
 * - a 40 MB document reaches the caller byte-identical, and while the CLM holds back after its
 *   first 4 MiB the caller has already received those 4 MiB exactly: the functions forward bytes
 *   as they come instead of collecting the file (a buffering connector answers nothing until the
 *   CLM's last byte, and here its time-out ends it in a 503);
 * - a CLM that stalls mid-body makes the answer end cut off (the caller's read fails) once the
 *   idle time-out passes, instead of hanging, and the functions close their CLM connection;
 * - a CLM error answer to the content call is still a problem+json.
 */
import { createHash, randomUUID } from 'node:crypto';
import { SEED_IDS } from '../../../sandbox/dataverse/seed/ids';
import { startWorld, type World } from '../../../sandbox/world';
import { callApi, sandboxControl, userToken } from './helpers';

jest.setTimeout(180_000);

let world: World;
const MB = 1024 * 1024;
const SIZE = 40 * 1000 * 1000;
const PAUSE_AT = 4 * MB;

interface DocumentSend {
  documentId: string;
  bytesSent: number;
  state: 'sending' | 'paused' | 'finished' | 'aborted';
}

beforeAll(async () => {
  // A short idle time-out, so that the stalled CLM below is given up on soon; far above what a
  // healthy local CLM ever leaves between two chunks.
  world = await startWorld({ settings: { CLM_DOCUMENT_IDLE_TIMEOUT_MS: '5000' } });
}, 180_000);
afterAll(async () => {
  await world?.close();
});

const control = (method: string, path: string, body?: unknown) => sandboxControl(world.clm!.apiBase, method, path, body);
const sends = async (documentId: string) => ((await control('GET', 'document-sends')) as DocumentSend[]).filter((s) => s.documentId === documentId);

async function newContract(): Promise<{ contractId: string; clmContractId: string }> {
  const res = await callApi(world, 'POST', 'contracts', {
    token: await userToken(world, 'rep'),
    body: {
      entity: 'opportunity',
      recordId: SEED_IDS.opportunity,
      templateId: world.demoTemplates!.msa,
      requestKey: randomUUID(),
      name: `Big MSA ${randomUUID().slice(0, 6)}`,
    },
  });
  expect(res.status).toBe(201);
  return { contractId: res.body.contractId, clmContractId: res.body.clmContractId };
}

async function largeDocument(clmContractId: string, body: Record<string, unknown>): Promise<{ document: { id: string; name: string }; sha256: string }> {
  return (await control('POST', `contracts/${clmContractId}/documents`, body)) as { document: { id: string; name: string }; sha256: string };
}

async function getDocument(contractId: string, documentId: string): Promise<Response> {
  return fetch(`${world.functions.url}/contracts/${contractId}/documents/${encodeURIComponent(documentId)}`, {
    headers: { Authorization: `Bearer ${await userToken(world, 'rep')}` },
  });
}

/** Reads until `want` bytes came (or the body ended), hashing them; never more than asked past it. */
async function readAtLeast(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  hash: ReturnType<typeof createHash>,
  want: number,
): Promise<{ received: number; done: boolean }> {
  let received = 0;
  while (received < want) {
    const { value, done } = await reader.read();
    if (done) return { received, done: true };
    hash.update(value);
    received += value.length;
  }
  return { received, done: false };
}

test('a 40 MB document reaches the caller byte-identical, its first bytes while the CLM still holds the rest', async () => {
  const { contractId, clmContractId } = await newContract();
  const { document, sha256 } = await largeDocument(clmContractId, { sizeBytes: SIZE, pauseAfterBytes: PAUSE_AT, name: 'Grand contrat (annexes) été.pdf' });

  const res = await getDocument(contractId, document.id);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-length')).toBe(String(SIZE));
  expect(res.headers.get('content-disposition')).toBe(
    `inline; filename="Grand contrat (annexes) _t_.pdf"; filename*=UTF-8''Grand%20contrat%20%28annexes%29%20%C3%A9t%C3%A9.pdf`,
  );
  const reader = res.body!.getReader();
  const hash = createHash('sha256');

  // The CLM sends 4 MiB, then waits: every one of them reaches the caller while it waits.
  const first = await readAtLeast(reader, hash, PAUSE_AT);
  expect(first).toEqual({ received: PAUSE_AT, done: false });
  expect(await sends(document.id)).toEqual([expect.objectContaining({ bytesSent: PAUSE_AT, state: 'paused' })]);

  await control('POST', `documents/${document.id}/resume`);
  const rest = await readAtLeast(reader, hash, Infinity);
  expect(rest.done).toBe(true);
  expect(first.received + rest.received).toBe(SIZE);
  expect(hash.digest('hex')).toBe(sha256);
  expect(await sends(document.id)).toEqual([expect.objectContaining({ bytesSent: SIZE, state: 'finished' })]);
});

test('a CLM that stalls mid-body makes the answer end cut off, not hang, and the functions hang up on the CLM', async () => {
  const { contractId, clmContractId } = await newContract();
  const { document } = await largeDocument(clmContractId, { sizeBytes: 8 * MB, pauseAfterBytes: MB });

  const res = await getDocument(contractId, document.id);
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  let received = 0;
  const ending = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return 'ended';
      received += value.length;
    }
  })();
  // Never resumed: the functions' idle time-out ends the answer; the body is cut, not completed.
  await expect(ending).rejects.toThrow();
  expect(received).toBeGreaterThanOrEqual(MB);
  expect(received).toBeLessThan(8 * MB);
  // The CLM's own count: the connection it was sending on was closed by the functions.
  for (;;) {
    const [send] = await sends(document.id);
    if (send.state === 'aborted') break;
    expect(send.state).toBe('paused');
    await new Promise((r) => setTimeout(r, 100));
  }
});

test('a CLM error answer to the content call is still a problem, as when the bytes were buffered', async () => {
  const { contractId, clmContractId } = await newContract();
  const { document } = await largeDocument(clmContractId, { sizeBytes: MB });
  await control('POST', 'faults', { status: 500, count: 8, pathPrefix: `/contracts/${clmContractId}/documents/` });
  const res = await getDocument(contractId, document.id);
  await control('DELETE', 'faults');
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(await res.json()).toEqual(expect.objectContaining({ status: 503, detail: expect.stringContaining('The CLM answered HTTP 500') }));
  expect(await sends(document.id)).toEqual([]);
});
