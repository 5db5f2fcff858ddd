/**
 * The dev host writes a handler's streamed answer body as the Functions runtime does
 * (@azure/functions toRpcHttp / httpProxy sendProxyResponse): with `enableHttpStream` each chunk is
 * written as the stream yields it, so the caller reads the first before the last is made, and a
 * body that fails after the headers leaves the answer cut off; without it the worker reads the
 * whole body first and the answer carries its length.
 */
import type { HttpRoute } from '../../../functions/src/routes';
import { startFunctionsHost, type FunctionsHost } from '../../../sandbox/functions-host';

/** A body that yields "first", then waits for `release` before "last" (or fails, when told so). */
function gatedBody(): { body: ReadableStream<Uint8Array>; release(fail?: boolean): void } {
  let release!: (fail?: boolean) => void;
  const gate = new Promise<boolean | undefined>((resolve) => (release = resolve));
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      step += 1;
      if (step === 1) return controller.enqueue(new TextEncoder().encode('first;'));
      if (await gate) return controller.error(new Error('the source stalled'));
      controller.enqueue(new TextEncoder().encode('last'));
      controller.close();
    },
  });
  return { body, release };
}

let gated: ReturnType<typeof gatedBody>;
const routes: HttpRoute[] = [
  { name: 'gated', methods: ['GET'], route: 'gated', handler: async () => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: gated.body }) },
  { name: 'small', methods: ['GET'], route: 'small', handler: async () => ({ body: new Blob(['whole']).stream() }) },
];

describe('with HTTP streaming on (app.setup({ enableHttpStream: true }))', () => {
  let host: FunctionsHost;
  beforeAll(async () => {
    host = await startFunctionsHost({ routes, setup: { enableHttpStream: true }, logHandler: () => undefined });
  });
  afterAll(() => host.close());

  it('writes each chunk as the handler’s stream yields it: the first arrives before the last is made', async () => {
    gated = gatedBody();
    const res = await fetch(`${host.url}/gated`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first;');
    gated.release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toBe('last');
  });

  it('leaves the answer cut off when the body fails after the headers: the caller’s read fails, nothing hangs', async () => {
    gated = gatedBody();
    const res = await fetch(`${host.url}/gated`);
    const reader = res.body!.getReader();
    await reader.read();
    gated.release(true);
    await expect(reader.read()).rejects.toThrow();
  });
});

describe('without HTTP streaming', () => {
  let host: FunctionsHost;
  beforeAll(async () => {
    host = await startFunctionsHost({ routes, setup: {}, logHandler: () => undefined });
  });
  afterAll(() => host.close());

  it('reads the whole body first and answers it with its length, as the worker does over RPC', async () => {
    const res = await fetch(`${host.url}/small`);
    expect(res.headers.get('content-length')).toBe('5');
    expect(await res.text()).toBe('whole');
  });
});
