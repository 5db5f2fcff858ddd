import { rfc3339, type MonotonicClock } from '../clock';
import { ClmError, notFound } from '../errors';
import { newId } from '../ids';

/** clm-api.yaml components.schemas.Contact. */
export interface Contact {
  id: string;
  externalId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  active: boolean;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export interface NewContact {
  externalId?: string;
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  active?: boolean;
}

export type ContactChange = Partial<Pick<Contact, 'externalId' | 'firstName' | 'lastName' | 'email' | 'phone' | 'active'>>;

/** The id CLM-side edits are made under (a person in the CLM web app, not the API client). */
export const CLM_USER_ID = 'usr_clm_sandbox_admin';

const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export class ContactStore {
  private readonly contacts = new Map<string, Contact>();
  /** Lower-cased e-mail -> the active contact that has it (the spec's uniqueness rule, without a scan). */
  private readonly activeByEmail = new Map<string, string>();
  /** Lower-cased e-mail and externalId -> contact ids, for the list filters. */
  private readonly byEmail = new Map<string, Set<string>>();
  private readonly byExternalId = new Map<string, Set<string>>();
  private readonly idempotency = new Map<string, { contactId: string; atMs: number }>();

  constructor(private readonly clock: MonotonicClock) {}

  replayOf(key: string): Contact | undefined {
    const entry = this.idempotency.get(key);
    if (!entry || Date.now() - entry.atMs > IDEMPOTENCY_WINDOW_MS) return undefined;
    return this.get(entry.contactId);
  }

  /** Email is unique among active contacts (case does not make two addresses different). */
  private assertEmailFree(email: string, exceptId?: string): void {
    const takenId = this.activeByEmail.get(email.toLowerCase());
    const taken = takenId !== undefined && takenId !== exceptId ? this.contacts.get(takenId) : undefined;
    if (taken)
      throw new ClmError(409, 'conflict', `An active contact already has the email ${email}`, [
        { field: 'email', message: `used by active contact ${taken.id}` },
      ]);
  }

  create(input: NewContact, updatedBy: string, idempotencyKey?: string): Contact {
    const active = input.active ?? true;
    if (active) this.assertEmailFree(input.email);
    const contact: Contact = {
      id: newId('con'),
      externalId: input.externalId ?? null,
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone ?? null,
      active,
      version: 1,
      updatedAt: rfc3339(this.clock.tick()),
      updatedBy,
    };
    this.store(contact);
    if (idempotencyKey !== undefined) this.idempotency.set(idempotencyKey, { contactId: contact.id, atMs: Date.now() });
    return { ...contact };
  }

  private store(contact: Contact, before?: Contact): void {
    if (before) {
      if (this.activeByEmail.get(before.email.toLowerCase()) === before.id) this.activeByEmail.delete(before.email.toLowerCase());
      this.byEmail.get(before.email.toLowerCase())?.delete(before.id);
      if (before.externalId !== null) this.byExternalId.get(before.externalId)?.delete(before.id);
    }
    this.contacts.set(contact.id, contact);
    const email = contact.email.toLowerCase();
    if (contact.active) this.activeByEmail.set(email, contact.id);
    if (!this.byEmail.has(email)) this.byEmail.set(email, new Set());
    this.byEmail.get(email)!.add(contact.id);
    if (contact.externalId !== null) {
      if (!this.byExternalId.has(contact.externalId)) this.byExternalId.set(contact.externalId, new Set());
      this.byExternalId.get(contact.externalId)!.add(contact.id);
    }
  }

  /** The contacts a list asks for: by e-mail (any case) or externalId through an index, else all (not copies: read only). */
  matching(filter: { email?: string; externalId?: string }): readonly Readonly<Contact>[] {
    let ids: Iterable<string> | undefined;
    if (filter.email !== undefined) ids = this.byEmail.get(filter.email.toLowerCase()) ?? [];
    else if (filter.externalId !== undefined) ids = this.byExternalId.get(filter.externalId) ?? [];
    const found = ids === undefined ? [...this.contacts.values()] : [...ids].map((id) => this.contacts.get(id)!);
    return found.filter((c) => filter.externalId === undefined || c.externalId === filter.externalId);
  }

  get(id: string): Contact | undefined {
    const contact = this.contacts.get(id);
    return contact ? { ...contact } : undefined;
  }

  all(): Contact[] {
    return [...this.contacts.values()].map((c) => ({ ...c }));
  }

  /**
   * Applies a change made on top of `basedOnVersion` (undefined: a CLM-side edit, always on the
   * latest). 412 when the version moved on. No actual difference, no new version.
   */
  change(id: string, change: ContactChange, updatedBy: string, basedOnVersion?: number): Contact {
    const contact = this.contacts.get(id);
    if (!contact) throw notFound('Contact');
    if (basedOnVersion !== undefined && basedOnVersion !== contact.version) {
      throw new ClmError(412, 'conflict', `The contact is at version ${contact.version}, not ${basedOnVersion}; read it again and merge`);
    }
    const next: Contact = { ...contact, ...change };
    const changed = (Object.keys(change) as (keyof ContactChange)[]).some((k) => next[k] !== contact[k]);
    if (!changed) return { ...contact };
    if (next.active && (next.email.toLowerCase() !== contact.email.toLowerCase() || !contact.active)) this.assertEmailFree(next.email, id);
    next.version = contact.version + 1;
    next.updatedAt = rfc3339(this.clock.tick());
    next.updatedBy = updatedBy;
    this.store(next, contact);
    return { ...next };
  }
}
