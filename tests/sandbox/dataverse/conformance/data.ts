/** Rows shaped like the articles' sample data, made through the Web API as the app (the expectations stay the articles'). */
import type { Harness } from '../fixtures/harness';

/** Rows are made with the demo admin's own token (System Administrator; the connector app may not create accounts). */
export const admin = (h: Harness) => h.identity.userToken(h.dv.url, 'admin');

export interface AccountWithContacts {
  accountId: string;
  ownerId: string;
  contacts: { id: string; fullname: string }[];
}

const idOf = (headers: Headers): string => /\(([0-9a-f-]{36})\)$/.exec(headers.get('odata-entityid') ?? '')![1];

export async function create(h: Harness, set: string, body: Record<string, unknown>): Promise<string> {
  const r = await h.api(set, { method: 'POST', body, token: await admin(h) });
  if (r.status !== 204) throw new Error(`POST ${set}: ${r.status} ${r.text}`);
  return idOf(r.headers);
}

/** An account whose first contact is its primary contact, with `count` contacts and one opportunity. */
export async function makeAccountWithContacts(h: Harness, name: string, count: number): Promise<AccountWithContacts> {
  const accountId = await create(h, 'accounts', { name });
  const contacts: AccountWithContacts['contacts'] = [];
  for (let i = 1; i <= count; i++) {
    const fullname = `Contact ${i} of ${name}`;
    const id = await create(h, 'contacts', {
      firstname: `Contact ${i}`,
      lastname: `of ${name}`,
      'parentcustomerid_account@odata.bind': `/accounts(${accountId})`,
    });
    contacts.push({ id, fullname });
  }
  await h.api(`accounts(${accountId})`, { method: 'PATCH', body: { 'primarycontactid@odata.bind': `/contacts(${contacts[0].id})` }, token: await admin(h) });
  await create(h, 'opportunities', { name: `Deal with ${name}`, 'parentaccountid@odata.bind': `/accounts(${accountId})` });
  const owner = await h.api(`accounts(${accountId})?$select=_ownerid_value`);
  const named = await h.api(`contacts?$select=fullname&$filter=${encodeURIComponent(`_parentcustomerid_value eq ${accountId}`)}`);
  for (const c of contacts) c.fullname = named.body.value.find((x: { contactid: string }) => x.contactid === c.id).fullname;
  return { accountId, ownerId: owner.body._ownerid_value, contacts };
}
