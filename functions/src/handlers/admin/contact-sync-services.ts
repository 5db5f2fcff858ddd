/**
 * Where the contact sync handlers get their ports: the composition root (app-context.ts) registers
 * the factory (app/contact-sync.ts); tests replace it. Built on first use, never at import time.
 */
import type { ContactSyncDeps } from '../../services/contacts/ports';

let factory: (() => ContactSyncDeps) | undefined;
let built: ContactSyncDeps | undefined;

export function setContactSyncFactory(make: (() => ContactSyncDeps) | undefined): void {
  factory = make;
  built = undefined;
}

export function contactSyncDeps(): ContactSyncDeps {
  if (built) return built;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!factory) require('../../app-context');
  if (!factory) throw new Error('Contact sync has no wiring: app-context.ts must call setContactSyncFactory().');
  built = factory();
  return built;
}
