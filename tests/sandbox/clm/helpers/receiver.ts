import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the webhook receiver got. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  answeredWith: number | 'hang';
}

/**
 * A webhook receiver on 127.0.0.1 (free port) that records every delivery and answers what the
 * test tells it to: `answers` is consumed one per request (then 200).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answers: (number | 'hang')[] = [];
  /** When set, the receiver behaves as webhook.md asks: a signature that does not verify is 401. */
  verifySecret: string | undefined;
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const answer = this.verifySecret && !this.verifies(req.headers, body) ? 401 : (this.answers.shift() ?? 200);
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = undefined;
        }
        this.received.push({ headers: req.headers, body, json, answeredWith: answer });
        if (answer === 'hang') return;
        res.statusCode = answer;
        res.end(answer < 300 ? 'ok' : 'no');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/clm`;
    return this;
  }

  private verifies(headers: IncomingHttpHeaders, body: string): boolean {
    try {
      new Webhook(this.verifySecret as string).verify(body, {
        'webhook-id': String(headers['webhook-id']),
        'webhook-timestamp': String(headers['webhook-timestamp']),
        'webhook-signature': String(headers['webhook-signature']),
      });
      return true;
    } catch {
      return false;
    }
  }

  /** The deliveries of one event (same webhook-id). */
  of(eventId: string): Received[] {
    return this.received.filter((r) => r.headers['webhook-id'] === eventId);
  }

  reset(): void {
    this.received.length = 0;
    this.answers = [];
    this.verifySecret = undefined;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
