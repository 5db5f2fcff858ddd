/**
 * The CLM address book for contact sync (services/contacts/ports.ts ClmContactsPort), over the CLM
 * client's /contacts calls: values in the domain's vocabulary, 412 -> StaleContactError, 409 on a
 * duplicate active e-mail -> DuplicateEmailError. Pages of 200 (the spec's maximum).
 */
import { normalise, type ContactValues } from '../../domain/contact-sync';
import { DuplicateEmailError, StaleContactError, type ClmContact, type ClmContactsPort } from '../../services/contacts/ports';
import type { ClmClient } from './client';
import { ClmVersionConflictError } from './errors';
import type { Contact, ContactPatch, CreateContactRequest } from './schemas';
import { ConflictError, NotFoundError } from '../../services/errors';

const PAGE = 200;

function fromClm(c: Contact): ClmContact {
  return {
    id: c.id,
    externalId: c.externalId ?? null,
    values: { firstName: normalise(c.firstName), lastName: normalise(c.lastName), email: normalise(c.email), phone: normalise(c.phone), active: c.active },
    version: c.version,
    updatedAt: c.updatedAt,
    updatedBy: c.updatedBy ?? null,
  };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

function toPatch(values: ContactValues): ContactPatch {
  const patch: ContactPatch = {};
  if ('firstName' in values) patch.firstName = text(values.firstName);
  if ('lastName' in values) patch.lastName = text(values.lastName);
  if ('email' in values) patch.email = text(values.email);
  if ('phone' in values) patch.phone = values.phone === null ? null : text(values.phone);
  if ('active' in values) patch.active = values.active !== false;
  return patch;
}

export class ClmContactDirectory implements ClmContactsPort {
  constructor(private readonly client: ClmClient) {}

  private async collect(query: { updatedSince?: string; email?: string; externalId?: string }): Promise<ClmContact[]> {
    const out: ClmContact[] = [];
    for await (const c of this.client.allContacts({ ...query, limit: PAGE })) out.push(fromClm(c));
    return out;
  }

  all = () => this.collect({});
  changedSince = (since: string) => this.collect({ updatedSince: since });
  findByEmail = (email: string) => this.collect({ email });
  findByExternalId = (externalId: string) => this.collect({ externalId });

  async get(id: string): Promise<ClmContact | undefined> {
    try {
      return fromClm(await this.client.getContact(id));
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  async create(values: ContactValues, externalId: string, idempotencyKey: string): Promise<ClmContact> {
    const patch = toPatch(values);
    const body: CreateContactRequest = {
      externalId,
      firstName: patch.firstName ?? '',
      lastName: patch.lastName ?? '',
      email: patch.email ?? '',
      ...(patch.phone ? { phone: patch.phone } : {}),
      ...(patch.active === false ? { active: false } : {}),
    };
    try {
      return fromClm(await this.client.createContact(body, idempotencyKey));
    } catch (e) {
      if (e instanceof ConflictError && !(e instanceof ClmVersionConflictError)) throw new DuplicateEmailError(body.email);
      throw e;
    }
  }

  async update(id: string, version: number, values: ContactValues, externalId?: string | null): Promise<ClmContact> {
    const patch = toPatch(values);
    if (externalId !== undefined) patch.externalId = externalId;
    try {
      return fromClm(await this.client.patchContact(id, version, patch));
    } catch (e) {
      if (e instanceof ClmVersionConflictError) throw new StaleContactError('clm');
      if (e instanceof ConflictError) throw new DuplicateEmailError(patch.email ?? id);
      throw e;
    }
  }
}
