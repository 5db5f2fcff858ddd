/**
 * How a run finds the other half of a contact (contact-sync.md "Matching": the link, then
 * `externalId` = contactid, then the e-mail). A full sync has read both sides and every link, so it
 * looks things up in memory; an incremental run or a single contact asks Dataverse and the CLM,
 * and keeps what it learnt for the rest of the run.
 */
import type { ContactLinkStore, ClmContact, ClmContactsPort, ContactLink, DynamicsContact, DynamicsContactsPort } from './ports';
import type { FieldRule } from '../../domain/contact-sync';

export interface Lookups {
  linkByContact(contactId: string): Promise<ContactLink | undefined>;
  linkByClm(clmContactId: string): Promise<ContactLink | undefined>;
  dynamicsById(id: string): Promise<DynamicsContact | undefined>;
  dynamicsByEmail(email: string): Promise<DynamicsContact[]>;
  clmById(id: string): Promise<ClmContact | undefined>;
  clmByExternalId(externalId: string): Promise<ClmContact[]>;
  clmByEmail(email: string): Promise<ClmContact[]>;
  /** What the run wrote, so later look-ups see it. */
  rememberLink(link: ContactLink): void;
  rememberDynamics(contact: DynamicsContact): void;
  rememberClm(contact: ClmContact): void;
}

const key = (email: unknown) => (typeof email === 'string' ? email.trim().toLowerCase() : '');

function push<T>(map: Map<string, T[]>, k: string, v: T, same: (a: T) => boolean): void {
  if (!k) return;
  const list = (map.get(k) ?? []).filter((x) => !same(x));
  list.push(v);
  map.set(k, list);
}

export class MemoryLookups implements Lookups {
  private readonly links = new Map<string, ContactLink>();
  private readonly linksByClm = new Map<string, ContactLink>();
  private readonly dynamics = new Map<string, DynamicsContact>();
  private readonly dynamicsEmail = new Map<string, DynamicsContact[]>();
  private readonly clm = new Map<string, ClmContact>();
  private readonly clmEmail = new Map<string, ClmContact[]>();
  private readonly clmExternal = new Map<string, ClmContact[]>();

  constructor(links: ContactLink[], dynamics: DynamicsContact[], clm: ClmContact[]) {
    links.forEach((l) => this.rememberLink(l));
    dynamics.forEach((d) => this.rememberDynamics(d));
    clm.forEach((c) => this.rememberClm(c));
  }

  rememberLink(link: ContactLink): void {
    const before = this.links.get(link.contactId);
    if (before?.clmContactId) this.linksByClm.delete(before.clmContactId);
    this.links.set(link.contactId, link);
    if (link.clmContactId) this.linksByClm.set(link.clmContactId, link);
  }

  rememberDynamics(contact: DynamicsContact): void {
    const before = this.dynamics.get(contact.id);
    if (before)
      this.dynamicsEmail.set(
        key(before.values.email),
        (this.dynamicsEmail.get(key(before.values.email)) ?? []).filter((d) => d.id !== contact.id),
      );
    this.dynamics.set(contact.id, contact);
    push(this.dynamicsEmail, key(contact.values.email), contact, (d) => d.id === contact.id);
  }

  rememberClm(contact: ClmContact): void {
    const before = this.clm.get(contact.id);
    if (before) {
      this.clmEmail.set(
        key(before.values.email),
        (this.clmEmail.get(key(before.values.email)) ?? []).filter((c) => c.id !== contact.id),
      );
      if (before.externalId)
        this.clmExternal.set(
          before.externalId,
          (this.clmExternal.get(before.externalId) ?? []).filter((c) => c.id !== contact.id),
        );
    }
    this.clm.set(contact.id, contact);
    push(this.clmEmail, key(contact.values.email), contact, (c) => c.id === contact.id);
    if (contact.externalId) push(this.clmExternal, contact.externalId, contact, (c) => c.id === contact.id);
  }

  linkByContact = (id: string) => Promise.resolve(this.links.get(id));
  linkByClm = (id: string) => Promise.resolve(this.linksByClm.get(id));
  dynamicsById = (id: string) => Promise.resolve(this.dynamics.get(id));
  dynamicsByEmail = (email: string) => Promise.resolve([...(this.dynamicsEmail.get(key(email)) ?? [])]);
  clmById = (id: string) => Promise.resolve(this.clm.get(id));
  clmByExternalId = (id: string) => Promise.resolve([...(this.clmExternal.get(id) ?? [])]);
  clmByEmail = (email: string) => Promise.resolve([...(this.clmEmail.get(key(email)) ?? [])]);
}

/** Asks the two systems; what it learns (or the run writes) is kept for the rest of the run. */
export class RemoteLookups implements Lookups {
  private readonly links = new Map<string, ContactLink | null>();
  private readonly linksByClm = new Map<string, ContactLink | null>();
  private readonly dynamics = new Map<string, DynamicsContact | null>();
  private readonly clm = new Map<string, ClmContact | null>();

  constructor(
    private readonly ports: { dynamics: DynamicsContactsPort; clm: ClmContactsPort; links: ContactLinkStore },
    private readonly rules: readonly FieldRule[],
  ) {}

  /** Reads the links of many contacts / CLM contacts in a few requests (an incremental run's changes). */
  async preload(contactIds: string[], clmIds: string[]): Promise<void> {
    const wantD = contactIds.filter((id) => !this.links.has(id));
    const wantC = clmIds.filter((id) => !this.linksByClm.has(id));
    if (wantD.length) {
      const found = await this.ports.links.byContactIds(wantD);
      wantD.forEach((id) => this.links.set(id, null));
      found.forEach((l) => this.rememberLink(l));
    }
    if (wantC.length) {
      const found = await this.ports.links.byClmContactIds(wantC);
      wantC.forEach((id) => this.linksByClm.set(id, null));
      found.forEach((l) => this.rememberLink(l));
    }
  }

  rememberLink(link: ContactLink): void {
    this.links.set(link.contactId, link);
    if (link.clmContactId) this.linksByClm.set(link.clmContactId, link);
  }
  rememberDynamics(contact: DynamicsContact): void {
    this.dynamics.set(contact.id, contact);
  }
  rememberClm(contact: ClmContact): void {
    this.clm.set(contact.id, contact);
  }

  async linkByContact(id: string): Promise<ContactLink | undefined> {
    if (!this.links.has(id)) await this.preload([id], []);
    return this.links.get(id) ?? undefined;
  }
  async linkByClm(id: string): Promise<ContactLink | undefined> {
    if (!this.linksByClm.has(id)) await this.preload([], [id]);
    return this.linksByClm.get(id) ?? undefined;
  }
  async dynamicsById(id: string): Promise<DynamicsContact | undefined> {
    if (!this.dynamics.has(id)) this.dynamics.set(id, (await this.ports.dynamics.get(id, this.rules)) ?? null);
    return this.dynamics.get(id) ?? undefined;
  }
  async dynamicsByEmail(email: string): Promise<DynamicsContact[]> {
    const found = await this.ports.dynamics.findByEmail(email, this.rules);
    found.forEach((d) => this.rememberDynamics(d));
    return found;
  }
  async clmById(id: string): Promise<ClmContact | undefined> {
    if (!this.clm.has(id)) this.clm.set(id, (await this.ports.clm.get(id)) ?? null);
    return this.clm.get(id) ?? undefined;
  }
  async clmByExternalId(externalId: string): Promise<ClmContact[]> {
    const found = await this.ports.clm.findByExternalId(externalId);
    found.forEach((c) => this.rememberClm(c));
    return found;
  }
  async clmByEmail(email: string): Promise<ClmContact[]> {
    const found = await this.ports.clm.findByEmail(email);
    found.forEach((c) => this.rememberClm(c));
    return found;
  }
}
