/**
 * Dynamics contacts for contact sync (services/contacts/ports.ts DynamicsContactsPort), through the
 * Dataverse gateway (client.ts): a change-tracked read of every contact (`trackChanges`, whose
 * last page carries the delta link), the changes since a delta link (ExpiredVersionStamp
 * 0x80044352 -> DeltaLinkExpiredError), reads by id and e-mail, and writes with If-Match
 * (412 -> StaleContactError). Columns come from the field map; `statecode` is the `active` field.
 */
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import type { DataverseGateway } from './client';
import { normalise, type ContactScope, type ContactValues, type FieldRule } from '../../domain/contact-sync';
import { NotFoundError, ForbiddenError } from '../../services/errors';
import { DeltaLinkExpiredError, StaleContactError, type DynamicsContact, type DynamicsContactsPort } from '../../services/contacts/ports';
import { DataverseRequestError, PreconditionFailedError } from './errors';
import { equalsString, guidKey } from './url-values';

type Row = Record<string, unknown>;

const EXPIRED_VERSION_STAMP = '0x80044352';
const PAGE_SIZE = 5000;
/** Ids per `or` filter: keeps the URL well under Dataverse's limit. */
const IDS_PER_QUERY = 50;

const columns = (rules: readonly FieldRule[]) => [
  ...new Set(['contactid', 'fullname', 'modifiedon', '_modifiedby_value', 'createdon', '_createdby_value', ...rules.map((r) => r.dynamics)]),
];

function contactFromRow(row: Row, rules: readonly FieldRule[]): DynamicsContact {
  const values: ContactValues = {};
  for (const rule of rules) values[rule.clm] = rule.kind === 'boolean' ? Number(row[rule.dynamics]) === 0 : normalise(row[rule.dynamics]);
  return {
    id: String(row.contactid),
    etag: String(row['@odata.etag'] ?? ''),
    values,
    modifiedOn: String(row.modifiedon ?? new Date(0).toISOString()),
    modifiedBy: typeof row._modifiedby_value === 'string' ? row._modifiedby_value : null,
    ...(typeof row.createdon === 'string' ? { createdOn: row.createdon } : {}),
    createdBy: typeof row._createdby_value === 'string' ? row._createdby_value : null,
    fullName: String(row.fullname ?? ''),
  };
}

/** Only the fields given; `active` becomes the status pair (Active/Active or Inactive/Inactive). */
function rowFromValues(values: ContactValues, rules: readonly FieldRule[]): Row {
  const row: Row = {};
  for (const rule of rules) {
    if (!(rule.clm in values)) continue;
    const v = values[rule.clm];
    if (rule.kind === 'boolean') {
      row.statecode = v === false ? 1 : 0;
      row.statuscode = v === false ? 2 : 1;
    } else {
      row[rule.dynamics] = v === null || v === undefined ? null : String(v);
    }
  }
  return row;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export class DataverseContacts implements DynamicsContactsPort {
  private appUser: Promise<string> | undefined;

  constructor(private readonly api: DataverseGateway) {}

  async readAll(rules: readonly FieldRule[]): Promise<{ contacts: DynamicsContact[]; deltaLink: string }> {
    const all = await this.api.retrieveAll<Row>({ collection: 'contacts', select: columns(rules), trackChanges: true, maxPageSize: PAGE_SIZE });
    if (!all.oDataDeltaLink) throw new Error('Dataverse answered a change-tracked read without a delta link: is change tracking enabled on contact?');
    return { contacts: all.value.map((r) => contactFromRow(r, rules)), deltaLink: all.oDataDeltaLink };
  }

  async readChanges(deltaLink: string, rules: readonly FieldRule[]): Promise<{ changed: DynamicsContact[]; deleted: string[]; deltaLink: string }> {
    const changed: DynamicsContact[] = [];
    const deleted: string[] = [];
    let link: string | undefined = deltaLink;
    let next: string | undefined;
    try {
      for (;;) {
        const page: Awaited<ReturnType<DataverseGateway['retrieveMultiple']>> = await this.api.retrieveMultiple<Row>(
          { collection: 'contacts', maxPageSize: PAGE_SIZE },
          link,
        );
        for (const row of page.value as Row[]) {
          if (row.reason === 'deleted' && typeof row.id === 'string') deleted.push(row.id);
          else changed.push(contactFromRow(row, rules));
        }
        if (page.oDataNextLink) {
          link = page.oDataNextLink;
          continue;
        }
        next = page.oDataDeltaLink;
        break;
      }
    } catch (e) {
      if (e instanceof DataverseRequestError && e.dataverseCode === EXPIRED_VERSION_STAMP) throw new DeltaLinkExpiredError();
      throw e;
    }
    if (!next) throw new Error('Dataverse answered a delta without a new delta link.');
    return { changed, deleted, deltaLink: next };
  }

  async get(id: string, rules: readonly FieldRule[]): Promise<DynamicsContact | undefined> {
    try {
      return contactFromRow(await this.api.retrieve<Row>({ collection: 'contacts', key: guidKey(id), select: columns(rules) }), rules);
    } catch (e) {
      if (e instanceof NotFoundError) return undefined;
      throw e;
    }
  }

  async findByEmail(email: string, rules: readonly FieldRule[]): Promise<DynamicsContact[]> {
    const emailColumn = rules.find((r) => r.clm === 'email')?.dynamics ?? 'emailaddress1';
    const page = await this.api.retrieveAll<Row>({ collection: 'contacts', select: columns(rules), filter: equalsString(emailColumn, email) });
    return page.value.map((r) => contactFromRow(r, rules));
  }

  async update(id: string, etag: string, values: ContactValues, rules: readonly FieldRule[]): Promise<void> {
    try {
      const request = { collection: 'contacts', key: guidKey(id), data: rowFromValues(values, rules) };
      // A 412 is a PreconditionFailedError (never DynamicsWebApi's `false`): the service reads again and merges.
      await (etag ? this.api.updateIfUnchanged({ ...request, ifmatch: etag }) : this.api.update(request));
    } catch (e) {
      if (e instanceof PreconditionFailedError && !e.alreadyExists) throw new StaleContactError('dynamics');
      throw e;
    }
  }

  async create(values: ContactValues, rules: readonly FieldRule[]): Promise<DynamicsContact> {
    const row = await this.api.create<Row, Row>({
      collection: 'contacts',
      data: rowFromValues(values, rules),
      returnRepresentation: true,
      select: columns(rules),
    });
    return contactFromRow(row, rules);
  }

  async idsInScope(scope: ContactScope): Promise<Set<string> | undefined> {
    if (scope.kind === 'all') return undefined;
    if (scope.kind === 'filter') {
      const rows = await this.api.retrieveAll<Row>({ collection: 'contacts', select: ['contactid'], filter: scope.filter });
      return new Set(rows.value.map((r) => String(r.contactid)));
    }
    return this.signatoryContactIds();
  }

  /** Contacts that are a signatory source of some contract: the contact of an opportunity or quote that has a dtclm_contract. */
  private async signatoryContactIds(): Promise<Set<string>> {
    const contracts = await this.api.retrieveAll<Row>({
      collection: ENTITY_SET.dtclm_contract,
      select: ['_dtclm_opportunityid_value', '_dtclm_quoteid_value'],
    });
    const opportunities = [...new Set(contracts.value.map((c) => c._dtclm_opportunityid_value).filter((v): v is string => typeof v === 'string'))];
    const quotes = [...new Set(contracts.value.map((c) => c._dtclm_quoteid_value).filter((v): v is string => typeof v === 'string'))];
    const ids = new Set<string>();
    const contactOf = (row: Row, column: string) => {
      const id = row[`_${column}_value`];
      const table = row[`_${column}_value@Microsoft.Dynamics.CRM.lookuplogicalname`];
      if (typeof id === 'string' && (table === undefined || table === 'contact')) ids.add(id);
    };
    for (const group of chunks(opportunities, IDS_PER_QUERY)) {
      const rows = await this.api.retrieveAll<Row>({
        collection: ENTITY_SET.opportunity,
        select: ['_parentcontactid_value', '_customerid_value'],
        filter: group.map((id) => `opportunityid eq ${guidKey(id)}`).join(' or '),
        includeAnnotations: 'Microsoft.Dynamics.CRM.lookuplogicalname',
      });
      rows.value.forEach((r) => {
        contactOf(r, 'parentcontactid');
        if (r['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'contact') contactOf(r, 'customerid');
      });
    }
    for (const group of chunks(quotes, IDS_PER_QUERY)) {
      const rows = await this.api.retrieveAll<Row>({
        collection: ENTITY_SET.quote,
        select: ['_customerid_value'],
        filter: group.map((id) => `quoteid eq ${guidKey(id)}`).join(' or '),
        includeAnnotations: 'Microsoft.Dynamics.CRM.lookuplogicalname',
      });
      rows.value.forEach((r) => {
        if (r['_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname'] === 'contact') contactOf(r, 'customerid');
      });
    }
    return ids;
  }

  applicationUserId(): Promise<string> {
    this.appUser ??= this.api.callFunction<{ UserId: string }>('WhoAmI').then((r) => String(r.UserId).toLowerCase());
    return this.appUser.catch((e) => {
      this.appUser = undefined;
      throw e;
    });
  }

  async canRead(callerObjectId: string, contactId: string): Promise<boolean> {
    try {
      await this.api.retrieve({ collection: 'contacts', key: guidKey(contactId), select: ['contactid'], impersonateAAD: callerObjectId });
      return true;
    } catch (e) {
      if (e instanceof NotFoundError || e instanceof ForbiddenError) return false;
      throw e;
    }
  }
}
