import { Webhook } from 'standardwebhooks';
import type { ClmSandbox } from '../../../sandbox/clm';
import { waitFor, type ClmTestClient } from './helpers/client';
import { createContract, newSecret } from './helpers/fixtures';
import { WebhookReceiver } from './helpers/receiver';
import { startWithClient } from './helpers/sandbox';

/** clm-api.yaml GET/PUT /webhook and webhook.md: signed deliveries, retries, and the delivery modes. */
describe('CLM sandbox: webhooks', () => {
  let clm: ClmSandbox;
  let client: ClmTestClient;
  let receiver: WebhookReceiver;
  const secret = newSecret();

  // A speed-up of a million makes the whole 3-day schedule last about a quarter of a second.
  beforeAll(async () => {
    ({ clm, client } = await startWithClient({ webhookSpeedup: 1_000_000 }));
    receiver = await new WebhookReceiver().start();
    const put = await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret, events: ['contract.status_changed'] } });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await clm.close();
    await receiver.close();
  });
  beforeEach(async () => {
    await client.control('PUT', '/delivery', { mode: 'normal', speedup: 1_000_000 });
    receiver.reset();
  });

  const deliveries = async () => (await client.control('GET', '/deliveries')).body as any[];
  const deliveriesOf = async (contractId: string) => (await deliveries()).filter((d) => d.contractId === contractId);
  const transition = (contractId: string, to: string, reason?: string) => client.control('POST', `/contracts/${contractId}/transition`, { to, reason });
  const verify = (r: { body: string; headers: Record<string, unknown> }, key = secret) =>
    new Webhook(key).verify(r.body, {
      'webhook-id': String(r.headers['webhook-id']),
      'webhook-timestamp': String(r.headers['webhook-timestamp']),
      'webhook-signature': String(r.headers['webhook-signature']),
    });

  describe('registration', () => {
    test('GET /webhook shows the url and events, never the secret', async () => {
      const answer = await client.call('GET', '/webhook');
      expect(answer.body).toEqual({ webhook_url: receiver.url, events: ['contract.status_changed'] });
      expect(JSON.stringify(answer.body)).not.toContain(secret);
    });

    test('a secret that is not whsec_ + base64 of 24 to 64 bytes is 422', async () => {
      for (const bad of ['not-a-secret', newSecret(23), newSecret(65), 'whsec_!!!!', `${newSecret(32)}x`]) {
        const answer = await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret: bad } });
        expect(answer.status).toBe(422);
        expect(answer.body.details).toEqual([expect.objectContaining({ field: 'secret' })]);
      }
      for (const good of [newSecret(24), newSecret(64)]) {
        expect((await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret: good } })).status).toBe(200);
      }
      await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret } });
    });

    test('a url that is not https is 422, except loopback', async () => {
      for (const bad of ['http://connector.example.com/api/webhooks/clm', 'ftp://127.0.0.1/x', 'not a url']) {
        const answer = await client.call('PUT', '/webhook', { json: { webhook_url: bad, secret } });
        expect(answer.status).toBe(422);
        expect(answer.body.details.map((d: any) => d.field)).toContain('webhook_url');
      }
      expect((await client.call('PUT', '/webhook', { json: { webhook_url: 'https://connector.example.com/api/webhooks/clm', secret } })).status).toBe(200);
      expect((await client.call('PUT', '/webhook', { json: { webhook_url: 'http://localhost:7071/api/webhooks/clm', secret } })).status).toBe(200);
      await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret } });
    });

    test('secret and webhook_url are required; events are only contract.status_changed', async () => {
      expect((await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url } })).status).toBe(422);
      expect((await client.call('PUT', '/webhook', { json: { webhook_url: receiver.url, secret, events: ['contract.deleted'] } })).status).toBe(422);
    });
  });

  describe('delivery', () => {
    test('each status change is POSTed, signed with the secret (verified by standardwebhooks), with the body of webhook.md', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      await client.call('POST', '/contracts/{contractId}/signature', { params: { contractId: contract.id } });
      await transition(contract.id, 'signed');
      await waitFor(() => receiver.received.length >= 2, 'two deliveries');
      const signed = await client.call('GET', '/contracts/{contractId}', { params: { contractId: contract.id } });
      const signedDoc = signed.body.documents.find((d: any) => d.kind === 'signed');
      for (const r of receiver.received) {
        expect(r.headers['content-type']).toMatch(/^application\/json/);
        const event = verify(r) as any;
        expect(event.id).toBe(r.headers['webhook-id']);
        expect(r.headers['webhook-signature']).toMatch(/^v1,/);
        expect(event.type).toBe('contract.status_changed');
        expect(event.data.contractId).toBe(contract.id);
        expect(event.data.externalRef).toEqual(contract.externalRef);
        expect(Number.isNaN(Date.parse(event.occurredAt))).toBe(false);
        expect(event.data).toHaveProperty('reason', null);
      }
      const events = receiver.received.map((r) => r.json).sort((a, b) => a.data.sequence - b.data.sequence);
      expect(events.map((e) => [e.data.previousStatus, e.data.status])).toEqual([
        ['draft', 'sent_for_signature'],
        ['sent_for_signature', 'signed'],
      ]);
      expect(events[1].data.sequence).toBe(signed.body.sequence);
      expect(events[1].data.signedDocumentId).toBe(signedDoc.id);
      expect(events[0].data.signedDocumentId).toBeNull();
    });

    test('reason is set on rejected, declined, expired and cancelled', async () => {
      const reasons: Record<string, string> = {};
      for (const [path, final] of [
        [['in_validation', 'rejected'], 'rejected'],
        [['declined'], 'declined'],
        [['expired'], 'expired'],
        [['cancelled'], 'cancelled'],
      ] as const) {
        const contract = await createContract(client, clm.rootFolderId);
        for (const to of path) await transition(contract.id, to, to === final ? `because ${final}` : undefined);
        const event = await waitFor(
          () => receiver.received.map((r) => r.json).find((e) => e.data.contractId === contract.id && e.data.status === final),
          final,
        );
        reasons[final] = event.data.reason;
      }
      expect(reasons).toEqual({ rejected: 'because rejected', declined: 'because declined', expired: 'because expired', cancelled: 'because cancelled' });
    });

    test('the delivery log lists each event with its answer', async () => {
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const [entry] = await waitFor(async () => {
        const list = await deliveriesOf(contract.id);
        return list.length === 1 && list[0].state === 'delivered' ? list : undefined;
      }, 'delivered');
      expect(entry).toMatchObject({ contractId: contract.id, status: 'cancelled', attempts: 1, lastAnswer: { status: 200 } });
      expect(entry.sequence).toBe(contract.sequence + 1);
      expect(entry.eventId).toMatch(/^evt_/);
    });
  });

  test('while the secret is being rotated, deliveries carry a signature for the new and the old secret', async () => {
    const { clm: other, client: otherClient } = await startWithClient({ webhookSpeedup: 1_000_000 });
    const otherReceiver = await new WebhookReceiver().start();
    try {
      const [oldSecret, newSecretValue] = [newSecret(), newSecret()];
      await otherClient.call('PUT', '/webhook', { json: { webhook_url: otherReceiver.url, secret: oldSecret } });
      await otherClient.call('PUT', '/webhook', { json: { webhook_url: otherReceiver.url, secret: newSecretValue } });
      const contract = await createContract(otherClient, other.rootFolderId);
      await otherClient.control('POST', `/contracts/${contract.id}/transition`, { to: 'cancelled' });
      const [delivery] = await waitFor(() => (otherReceiver.received.length > 0 ? otherReceiver.received : undefined), 'a delivery');
      expect(String(delivery.headers['webhook-signature']).split(' ')).toHaveLength(2);
      expect(verify(delivery, newSecretValue)).toBeTruthy();
      expect(verify(delivery, oldSecret)).toBeTruthy();
      expect(() => verify(delivery, newSecret())).toThrow();
    } finally {
      await other.close();
      await otherReceiver.close();
    }
  });

  describe('retries (webhook.md schedule, sped up)', () => {
    test('a receiver that fails twice then succeeds gets 3 attempts of the same event, each signed afresh', async () => {
      receiver.answers = [500, 503];
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const entry = await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.state === 'delivered'), 'delivered after retries');
      expect(entry.attempts).toBe(3);
      expect(entry.attemptLog.map((a: any) => a.nominalDelayMs)).toEqual([0, 5_000, 30_000]);
      expect(entry.attemptLog.map((a: any) => a.answer.status)).toEqual([500, 503, 200]);
      const got = receiver.of(entry.eventId);
      expect(got).toHaveLength(3);
      expect(new Set(got.map((r) => r.body)).size).toBe(1);
      for (const r of got) expect(verify(r)).toBeTruthy();
      got.forEach((r, i) => expect(r.headers['webhook-timestamp']).toBe(entry.attemptLog[i].webhookTimestamp));
    });

    test('a receiver that never succeeds gets the whole schedule: 5 s, 30 s, 2 min, 10 min, 1 h, then every 6 h for 3 days', async () => {
      receiver.answers = Array.from({ length: 40 }, () => 500);
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const entry = await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.state === 'failed'), 'given up');
      const minute = 60_000;
      const hour = 60 * minute;
      expect(entry.attemptLog.map((a: any) => a.nominalDelayMs)).toEqual([
        0,
        5_000,
        30_000,
        2 * minute,
        10 * minute,
        hour,
        ...Array.from({ length: 12 }, () => 6 * hour),
      ]);
      expect(entry.attempts).toBe(18);
    });

    test('no answer within the time-out is a failed attempt, retried', async () => {
      await client.control('PUT', '/delivery', { mode: 'normal', answerTimeoutMs: 100 });
      receiver.answers = ['hang'];
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const entry = await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.state === 'delivered'), 'delivered after a time-out');
      expect(entry.attempts).toBe(2);
      expect(entry.attemptLog[0].answer.error).toMatch(/no answer/);
    });
  });

  describe('modes', () => {
    test('duplicate: every event arrives twice with the same webhook-id and body', async () => {
      await client.control('PUT', '/delivery', { mode: 'duplicate' });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const eventId = await waitFor(async () => (await deliveriesOf(contract.id))[0]?.eventId, 'event');
      await waitFor(() => receiver.of(eventId).length === 2, 'two copies');
      const [a, b] = receiver.of(eventId);
      expect(a.body).toBe(b.body);
      expect(verify(a)).toEqual(verify(b));
    });

    test('reverse: held events go out newest first on flush', async () => {
      await client.control('PUT', '/delivery', { mode: 'reverse' });
      const contract = await createContract(client, clm.rootFolderId);
      for (const to of ['in_validation', 'validated', 'sent_for_signature', 'signed']) await transition(contract.id, to);
      expect(receiver.received).toHaveLength(0);
      expect((await deliveriesOf(contract.id)).every((d) => d.state === 'held')).toBe(true);
      const flushed = await client.control('POST', '/deliveries/flush');
      expect(flushed.body.released).toBe(4);
      await waitFor(() => receiver.received.length === 4, 'four deliveries');
      expect(receiver.received.map((r) => r.json.data.status)).toEqual(['signed', 'sent_for_signature', 'validated', 'in_validation']);
    });

    test('random: held events all go out, in some order, on flush', async () => {
      await client.control('PUT', '/delivery', { mode: 'random' });
      const contract = await createContract(client, clm.rootFolderId);
      for (const to of ['in_validation', 'validated', 'sent_for_signature', 'signed']) await transition(contract.id, to);
      await client.control('POST', '/deliveries/flush');
      await waitFor(() => receiver.received.length === 4, 'four deliveries');
      expect(receiver.received.map((r) => r.json.data.sequence).sort((a, b) => a - b)).toEqual([2, 3, 4, 5]);
    });

    test('leaving reverse mode releases what it held', async () => {
      await client.control('PUT', '/delivery', { mode: 'reverse' });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      await client.control('PUT', '/delivery', { mode: 'normal' });
      await waitFor(() => receiver.received.length === 1, 'released');
    });

    test('drop with no match drops the next event only; it is never delivered', async () => {
      await client.control('PUT', '/delivery', { mode: 'drop' });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'in_validation');
      await transition(contract.id, 'validated');
      await waitFor(() => receiver.received.length === 1, 'the second event');
      expect(receiver.received[0].json.data.status).toBe('validated');
      const log = await deliveriesOf(contract.id);
      expect(log.find((d) => d.status === 'in_validation')).toMatchObject({ state: 'dropped', attempts: 0 });
      expect((await client.control('GET', '/delivery')).body.mode).toBe('normal');
    });

    test('drop with match.status drops every event of that status', async () => {
      await client.control('PUT', '/delivery', { mode: 'drop', match: { status: 'signed' } });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'signed');
      await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.status === 'sent_for_signature' && d.state === 'delivered'), 'sent delivered');
      expect((await deliveriesOf(contract.id)).find((d) => d.status === 'signed')?.state).toBe('dropped');
      expect(receiver.received.map((r) => r.json.data.status)).toEqual(['sent_for_signature']);
    });

    test('drop with match.eventId cancels the retries of an event already failing', async () => {
      receiver.answers = Array.from({ length: 40 }, () => 500);
      await client.control('PUT', '/delivery', { mode: 'normal', speedup: 1 });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const entry = await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.state === 'retrying'), 'retrying');
      await client.control('PUT', '/delivery', { mode: 'drop', match: { eventId: entry.eventId }, speedup: 1_000_000 });
      expect((await deliveriesOf(contract.id))[0].state).toBe('dropped');
    });

    test('wrong-secret: the signature does not verify with the registered secret, so a receiver refuses it and the CLM retries', async () => {
      receiver.verifySecret = secret;
      await client.control('PUT', '/delivery', { mode: 'wrong-secret', speedup: 1_000 });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      await waitFor(() => receiver.received.length >= 1, 'a delivery');
      expect(receiver.received[0].answeredWith).toBe(401);
      expect(() => verify(receiver.received[0])).toThrow();
      await client.control('PUT', '/delivery', { mode: 'normal', speedup: 1_000 });
      const entry = await waitFor(async () => (await deliveriesOf(contract.id)).find((d) => d.state === 'delivered'), 'delivered once the secret is right');
      expect(entry.attemptLog.map((a: any) => a.signedWith)).toContain('wrong-secret');
      const last = receiver.received[receiver.received.length - 1];
      expect(verify(last)).toBeTruthy();
      await client.control('PUT', '/delivery', { mode: 'normal', speedup: 1_000_000 });
    });

    test('delay: the first attempt waits delayMs', async () => {
      await client.control('PUT', '/delivery', { mode: 'delay', delayMs: 60_000 });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const [entry] = await deliveriesOf(contract.id);
      expect(entry).toMatchObject({ state: 'scheduled', attempts: 0 });
      await client.control('PUT', '/delivery', { mode: 'delay', delayMs: 20 });
      const contract2 = await createContract(client, clm.rootFolderId);
      await transition(contract2.id, 'cancelled');
      await waitFor(async () => (await deliveriesOf(contract2.id))[0].state === 'delivered', 'delayed delivery');
    });

    test('timestampSkewSeconds signs with a timestamp off by that much, which standardwebhooks refuses beyond 5 minutes', async () => {
      await client.control('PUT', '/delivery', { mode: 'normal', timestampSkewSeconds: -600 });
      const contract = await createContract(client, clm.rootFolderId);
      await transition(contract.id, 'cancelled');
      const delivery = await waitFor(() => receiver.received.find((r) => r.json?.data?.contractId === contract.id), 'a delivery');
      expect(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000 + 600)).toBeLessThan(120);
      expect(() => verify(delivery)).toThrow(/timestamp/i);
    });

    test('a bad delivery setting is 400', async () => {
      expect((await client.control('PUT', '/delivery', { mode: 'sideways' })).status).toBe(400);
    });
  });

  test('no answer of the sandbox broke the spec', async () => {
    expect((await client.control('GET', '/stats')).body.specViolations).toEqual([]);
  });
});
