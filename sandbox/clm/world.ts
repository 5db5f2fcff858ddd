import { TokenStore } from './auth/token-store';
import { MonotonicClock } from './clock';
import { ContactStore } from './contacts/contact-store';
import { ContractStore } from './contracts/contract-store';
import { GeneratedDocuments } from './contracts/generated-documents';
import { FaultInjector } from './faults';
import { FolderStore } from './folders/folder-store';
import { createScimWorld, type ScimWorld } from './scim/scim-world';
import { seedWorld } from './seed';
import type { SpecViolation } from './spec/response-checks';
import { TemplateStore } from './templates/template-store';
import { DeliveryEngine } from './webhooks/delivery-engine';
import { WebhookRegistrationStore } from './webhooks/webhook-registration';

/** Everything one CLM sandbox holds; one per startClm(), so tests can run several side by side. */
export interface ClmWorld {
  clock: MonotonicClock;
  tokens: TokenStore;
  templates: TemplateStore;
  folders: FolderStore;
  contracts: ContractStore;
  /** Large documents a test adds to a contract (made as they are sent; sends counted). */
  generatedDocuments: GeneratedDocuments;
  contacts: ContactStore;
  webhook: WebhookRegistrationStore;
  deliveries: DeliveryEngine;
  faults: FaultInjector;
  /** The organization's SCIM 2.0 side (users, groups, role UUIDs), served at `scimBase`. */
  scim: ScimWorld;

  /** `byMethod`: requests per HTTP method (e.g. PATCH), so a test counts writes where they happen. */
  stats: { requests: number; byMethod: Record<string, number>; specViolations: SpecViolation[] };
  /** Set once the server listens (the port is known only then). */
  bases: { apiBase: string; webBase: string };
}

export function createWorld(opts: { accessTokenTtlSeconds: number; webhookSpeedup: number }): ClmWorld {
  const clock = new MonotonicClock();
  const bases = { apiBase: '', webBase: '' };
  const webhook = new WebhookRegistrationStore();
  const world: ClmWorld = {
    clock,
    tokens: new TokenStore(opts.accessTokenTtlSeconds),
    templates: new TemplateStore(clock),
    folders: new FolderStore(),
    contracts: new ContractStore(clock, (id) => `${bases.webBase}/contracts/${encodeURIComponent(id)}`),
    generatedDocuments: new GeneratedDocuments(),
    contacts: new ContactStore(clock),
    webhook,
    deliveries: new DeliveryEngine(webhook, opts.webhookSpeedup),
    faults: new FaultInjector(),
    scim: createScimWorld(),

    stats: { requests: 0, byMethod: {}, specViolations: [] },
    bases,
  };
  world.contracts.onStatusChange((change) => world.deliveries.enqueue(change));
  seedWorld(world);
  return world;
}
