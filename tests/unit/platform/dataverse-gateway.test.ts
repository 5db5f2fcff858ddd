/**
 * The Dataverse gateway's retry classes (adapters/dataverse/client.ts), operation by operation,
 * against a server that answers every request with one status: a `safe` operation is sent again
 * after a 5xx (it cannot do harm twice), a `once` operation only after a 429 (service protection
 * refuses before running anything: https://learn.microsoft.com/power-apps/developer/data-platform/api-limits#retry-operations).
 * A batch is as safe as its least safe part. Counted at the server: requests that reached it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDataverseClient, RETRY_CLASS, type BatchPart, type DataverseGateway, type RetryClasses } from '../../../functions/src/adapters/dataverse/client';

const ID = '00000000-0000-0000-0000-0000000000a1';
let server: Server;
let url: string;
let status = 500;
/** Statuses for the next requests, in order, before `status` applies again. */
let script: number[] = [];
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      const status = script.shift() ?? statusNow();
      res.writeHead(status, { 'Content-Type': 'application/json', ...(status === 429 ? { 'Retry-After': '0' } : {}) });
      res.end(JSON.stringify({ error: { code: '0x80040216', message: 'injected' } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
const statusNow = () => status;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ATTEMPTS = 3;
const gateway = () =>
  createDataverseClient({
    url,
    getToken: async () => 'token',
    retry: { maxAttempts: ATTEMPTS, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 2000, sleep: async () => undefined },
  });

const read: BatchPart = { op: 'retrieve', request: { collection: 'accounts', key: ID } };
const made: BatchPart = { op: 'create', request: { collection: 'accounts', data: { name: 'x' } } };
const patched: BatchPart = { op: 'update', request: { collection: 'accounts', key: ID, data: { name: 'x' } } };

/** One call of each operation; every operation of the gateway must be here (Record over its keys). */
const calls: Record<keyof DataverseGateway, (g: DataverseGateway) => Promise<unknown>> = {
  retrieve: (g) => g.retrieve({ collection: 'accounts', key: ID }),
  retrieveMultiple: (g) => g.retrieveMultiple({ collection: 'accounts' }),
  retrieveAll: (g) => g.retrieveAll({ collection: 'accounts' }),
  callFunction: (g) => g.callFunction('WhoAmI'),
  callAction: (g) => g.callAction({ actionName: 'WinOpportunity', action: { Status: 3 } }),
  create: (g) => g.create({ collection: 'accounts', data: { name: 'x' } }),
  update: (g) => g.update({ collection: 'accounts', key: ID, data: { name: 'x' } }),
  updateIfUnchanged: (g) => g.updateIfUnchanged({ collection: 'accounts', key: ID, data: { name: 'x' }, ifmatch: 'W/"1"' }),
  upsert: (g) => g.upsert({ collection: 'accounts', key: ID, data: { name: 'x' } }),
  uploadFile: (g) => g.uploadFile({ collection: 'accounts', key: ID, fieldName: 'dtclm_file', fileName: 'a.pdf', data: Buffer.from('%PDF') }),
  deleteRecord: (g) => g.deleteRecord({ collection: 'accounts', key: ID }),
  deleteFile: (g) => g.deleteFile({ collection: 'accounts', key: ID, fieldName: 'dtclm_file' }),
  batch: (g) => g.batch([read, made]),
};

async function sent(call: (g: DataverseGateway) => Promise<unknown>, answer: number): Promise<number> {
  status = answer;
  requests = 0;
  await call(gateway()).catch(() => undefined);
  return requests;
}

describe('each gateway operation declares whether it may be sent again', () => {
  const expected: Record<keyof DataverseGateway, 'safe' | 'once'> = {
    retrieve: 'safe',
    retrieveMultiple: 'safe',
    retrieveAll: 'safe',
    callFunction: 'safe',
    // A second WinOpportunity on the row the first one closed is refused: never sent again on doubt.
    callAction: 'once',
    create: 'once',
    update: 'safe',
    updateIfUnchanged: 'safe',
    upsert: 'safe',
    uploadFile: 'safe',
    deleteRecord: 'safe',
    deleteFile: 'safe',
    batch: 'once', // this one holds a create
  };
  for (const op of Object.keys(calls) as (keyof DataverseGateway)[]) {
    it(`${op}: ${expected[op] === 'safe' ? 'sent again after a 500' : 'never sent again after a 500 (it may have run)'}, sent again after a 429`, async () => {
      expect(await sent(calls[op], 500)).toBe(expected[op] === 'safe' ? ATTEMPTS : 1);
      expect(await sent(calls[op], 429)).toBe(ATTEMPTS);
    });
  }

  it('a batch of reads and plain updates is safe; one create makes it once', async () => {
    expect(await sent((g) => g.batch([read, patched]), 500)).toBe(ATTEMPTS);
    expect(await sent((g) => g.batch([read, patched, made]), 500)).toBe(1);
  });

  it('the table of classes names every operation, and a new operation without a class does not typecheck', () => {
    expect(Object.keys(RETRY_CLASS).sort()).toEqual(Object.keys(calls).sort());
    // @ts-expect-error an operation the table does not classify (mergeRecords) is a type error
    const missing: RetryClasses<DataverseGateway & { mergeRecords(): Promise<void> }> = RETRY_CLASS;
    expect(missing).toBe(RETRY_CLASS);
  });
});

describe('deleteRecord: a resend that finds the row gone is done', () => {
  afterEach(() => {
    script = [];
  });

  it('a 500, then 404 on the resend (the first DELETE went through unseen): resolves, after 2 requests', async () => {
    script = [500, 404];
    requests = 0;
    await expect(gateway().deleteRecord({ collection: 'accounts', key: ID })).resolves.toBeUndefined();
    expect(requests).toBe(2);
  });

  it('a 404 on the first DELETE is not done: the row was never there, the caller hears it', async () => {
    script = [404];
    requests = 0;
    await expect(gateway().deleteRecord({ collection: 'accounts', key: ID })).rejects.toMatchObject({ status: 404 });
    expect(requests).toBe(1);
  });
});
