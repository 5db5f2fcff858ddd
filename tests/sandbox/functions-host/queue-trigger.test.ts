import { QueueServiceClient } from '@azure/storage-queue';
import type { QueueJob, TimerJob } from '../../../functions/src/routes';
import { startAzurite, type AzuriteSandbox } from '../../../sandbox/azurite';
import { startFunctionsHost, type FunctionsHost } from '../../../sandbox/functions-host';

/** Queue functions fed from Azurite as the runtime feeds them, and the admin API that runs the others. */
let storage: AzuriteSandbox;
let host: FunctionsHost;
const received: { message: unknown; dequeueCount: unknown }[] = [];
let onReceived: () => void = () => undefined;
let failures = 0;
let timerRan: () => void = () => undefined;

const queues: QueueJob[] = [
  {
    name: 'applyEvent',
    queueName: 'events',
    handler: async (message, ctx) => {
      received.push({ message, dequeueCount: ctx.triggerMetadata?.dequeueCount });
      onReceived();
    },
  },
  {
    name: 'alwaysFails',
    queueName: 'doomed',
    handler: async () => {
      failures++;
      throw new Error('cannot apply');
    },
  },
];
const timers: TimerJob[] = [{ name: 'reconcile', schedule: '0 0 3 * * *', handler: async () => timerRan() }];

beforeAll(async () => {
  storage = await startAzurite();
  host = await startFunctionsHost({
    routes: [],
    timers,
    queues,
    pollQueues: { connectionString: storage.connectionString, maxIntervalMs: 200 },
    logHandler: () => undefined,
  });
});
afterAll(async () => {
  await host?.close();
  await storage?.close();
});

const service = () => QueueServiceClient.fromConnectionString(storage.connectionString);
const base64 = (s: string) => Buffer.from(s).toString('base64');

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('queue triggers on Azurite', () => {
  it('hands a base64 JSON message to the handler as an object, then deletes it', async () => {
    const got = new Promise<void>((resolve) => (onReceived = resolve));
    const queue = service().getQueueClient('events');
    await queue.createIfNotExists();
    await queue.sendMessage(base64('{"eventId":"evt_1","status":"signed"}'));
    await got;
    expect(received).toEqual([{ message: { eventId: 'evt_1', status: 'signed' }, dequeueCount: 1 }]);
    await until(async () => ((await queue.getProperties()).approximateMessagesCount === 0 ? true : undefined));
  });

  it('retries a failing message and moves it to <queue>-poison after the fifth attempt', async () => {
    const queue = service().getQueueClient('doomed');
    await queue.createIfNotExists();
    await queue.sendMessage(base64('poison me'));
    const poison = service().getQueueClient('doomed-poison');
    const text = await until(async () => {
      if (!(await poison.exists())) return undefined;
      const { peekedMessageItems } = await poison.peekMessages();
      return peekedMessageItems[0]?.messageText;
    });
    expect(Buffer.from(text, 'base64').toString()).toBe('poison me');
    expect(failures).toBe(5);
  });
});

describe('admin API for non-HTTP functions', () => {
  const adminUrl = (name: string) => `${host.url.replace(/\/api$/, '')}/admin/functions/${name}`;

  const withKey = () => ({ 'x-functions-key': host.masterKey });

  // learn.microsoft.com, Manually run a non HTTP-triggered function: /admin/ needs the master key.
  it('answers 401 without the master key, or with another key, and starts nothing', async () => {
    let started = false;
    timerRan = () => (started = true);
    const none = await fetch(adminUrl('reconcile'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"input":""}' });
    const wrong = await fetch(adminUrl('reconcile'), { method: 'POST', headers: { 'x-functions-key': 'not-the-master-key' }, body: '{"input":""}' });
    const unknownFunction = await fetch(adminUrl('nope'), { method: 'POST', body: '{}' });
    expect([none.status, wrong.status, unknownFunction.status]).toEqual([401, 401, 401]);
    // The timer runs at once when started (runTimer): by now it would have.
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(false);
  });

  it('starts a timer function with POST /admin/functions/<name> and answers 202', async () => {
    const ran = new Promise<void>((resolve) => (timerRan = resolve));
    const res = await fetch(adminUrl('reconcile'), { method: 'POST', headers: { 'Content-Type': 'application/json', ...withKey() }, body: '{"input":""}' });
    expect(res.status).toBe(202);
    await ran;
  });

  it('passes the input to a queue function as its message', async () => {
    const got = new Promise<void>((resolve) => (onReceived = resolve));
    const res = await fetch(adminUrl('applyEvent'), { method: 'POST', headers: withKey(), body: JSON.stringify({ input: '{"eventId":"evt_2"}' }) });
    expect(res.status).toBe(202);
    await got;
    expect(received.at(-1)?.message).toEqual({ eventId: 'evt_2' });
  });

  it('answers 404 for a function it does not have', async () => {
    expect((await fetch(adminUrl('nope'), { method: 'POST', headers: withKey(), body: '{}' })).status).toBe(404);
  });
});
