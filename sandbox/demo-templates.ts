/**
 * The demo templates, set up through the product as an admin does after install: signed in as
 * admin@contoso.example, `POST {functions}/admin/templates/sync` (a long run: 202, then its
 * `Location` is followed until it succeeds), then for each seeded CLM template its row's ETag is read
 * and `PUT {functions}/admin/templates/{id}/mapping` saves the demo mapping below. So `npm start`
 * exercises the product's own path; the row ids are Dataverse's, answered in `DemoTemplateIds`.
 *
 *   NDA                        opportunity: account through parentaccountid, a fixed record
 *                              (our own legal entity's country), a constant choice, two signatories
 *   Master Services Agreement  opportunity: the opportunity products as the `dt0_lines` table
 *   Quote Acceptance           quote: customer account and its primary contact (2 levels), signatories
 */
import type { DataverseAdmin } from './dataverse-admin';
import { SEED_IDS } from './dataverse/seed/ids';
import { demoUserToken } from './identity/demo-tokens';

/** The `dtclm_template` row ids of the demo templates (made by the sync, so known only once it ran). */
export interface DemoTemplateIds {
  nda: string;
  msa: string;
  quoteAcceptance: string;
}

const ownerSignatory = { from: 'ownerid_systemuser', firstName: 'firstname', lastName: 'lastname', email: 'internalemailaddress', order: 2 };

/** The demo mapping of each seeded CLM template, by its CLM id. */
export const DEMO_MAPPINGS: Record<string, { name: keyof DemoTemplateIds; mapping: Record<string, unknown> }> = {
  tpl_nda: {
    name: 'nda',
    mapping: {
      trigger_entity: 'opportunity',
      contractName: 'NDA - {parentaccountid.name}',
      fields: {
        dt0_effective_date: 'estimatedclosedate',
        dt0_purpose: { attribute: 'description', default: 'Evaluation of a business relationship' },
        // No signature deadline: mapped from createdon it lay in the past on every demo contract
        // (issue 25); the optional field is left to the CLM, where the legal team sets it.
      },
      relatedEntities: { parentaccountid: { entity: 'account', fields: { dt0_counterparty_name: 'name' } } },
      // The law of our own legal entity: one attribute of one fixed record.
      fixedFieldMappings: { dt0_governing_law: { entity: 'account', id: SEED_IDS.account, attribute: 'address1_country' } },
      constants: { dt0_nda_type: 'mutual' },
      signatories: [
        { from: 'parentcontactid', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1', phone: 'telephone1', order: 1 },
        ownerSignatory,
      ],
    },
  },
  tpl_master_services_agreement: {
    name: 'msa',
    mapping: {
      trigger_entity: 'opportunity',
      contractName: 'MSA - {parentaccountid.name} - {name}',
      fields: { dt0_total_amount: 'totalamount', dt0_start_date: 'estimatedclosedate' },
      relatedEntities: { parentaccountid: { entity: 'account', fields: { dt0_customer_name: 'name' } } },
      collections: {
        dt0_lines: {
          relationship: 'product_opportunities',
          entity: 'opportunityproduct',
          orderBy: 'productname',
          top: 100,
          columns: { product: 'productname', quantity: 'quantity', unit_price: 'priceperunit', description: 'productdescription' },
        },
      },
      constants: { dt0_term_months: 12, dt0_auto_renewal: true, dt0_payment_terms: 'net30' },
      signatories: [{ from: 'parentcontactid', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1', order: 1 }, ownerSignatory],
    },
  },
  tpl_quote_acceptance: {
    name: 'quoteAcceptance',
    mapping: {
      trigger_entity: 'quote',
      contractName: '{name} - {customerid_account.name}',
      fields: { dt0_quote_number: 'quotenumber', dt0_quote_total: 'totalamount', dt0_valid_until: 'effectiveto' },
      relatedEntities: {
        customerid_account: {
          entity: 'account',
          fields: { dt0_customer_name: 'name' },
          relatedEntities: { primarycontactid: { entity: 'contact', fields: {} } },
        },
      },
      signatories: [
        { from: 'customerid_account.primarycontactid', firstName: 'firstname', lastName: 'lastname', email: 'emailaddress1', phone: 'telephone1', order: 1 },
        ownerSignatory,
      ],
    },
  },
};

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function call(url: string, token: string, init: { method: string; body?: unknown; headers?: Record<string, string> }): Promise<Answer> {
  const res = await fetch(url, {
    method: init.method,
    headers: { Authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Starts a template sync as the admin and waits until its run has ended; answers the run. */
export async function syncTemplatesAsAdmin(opts: {
  tokenEndpoint: string;
  functionsUrl: string;
  full?: boolean;
  timeoutMs?: number;
}): Promise<Record<string, unknown>> {
  const token = await demoUserToken(opts.tokenEndpoint, 'admin');
  const started = await call(`${opts.functionsUrl}/admin/templates/sync`, token, { method: 'POST', body: opts.full ? { full: true } : {} });
  const location = started.headers.get('location');
  if (started.status !== 202 || !location) throw new Error(`Template sync did not start (${started.status}): ${String(started.body.detail ?? '')}`);
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    const run = await call(location, token, { method: 'GET' });
    if (run.body.state === 'succeeded') return run.body;
    if (run.body.state === 'failed') throw new Error(`Template sync failed: ${JSON.stringify(run.body.errors)}`);
    if (Date.now() > deadline) throw new Error(`Template sync still ${String(run.body.state)} after ${opts.timeoutMs ?? 120_000} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Sync, then the demo mappings saved through `PUT /api/admin/templates/{id}/mapping` with the row's
 * ETag, as the admin. Answers the demo rows' ids.
 */
export async function setUpDemoTemplates(opts: {
  admin: DataverseAdmin;
  apiUrl: string;
  tokenEndpoint: string;
  functionsUrl: string;
}): Promise<DemoTemplateIds> {
  await syncTemplatesAsAdmin(opts);
  const token = await demoUserToken(opts.tokenEndpoint, 'admin');
  const api = opts.apiUrl.replace(/\/+$/, '');
  const ids: Partial<DemoTemplateIds> = {};
  for (const [clmId, demo] of Object.entries(DEMO_MAPPINGS)) {
    // What the admin page does: read the row (its ETag), then save the mapping with If-Match.
    const res = await fetch(`${api}/dtclm_templates?$select=dtclm_templateid&$filter=dtclm_clmtemplateid eq '${clmId}'`, {
      headers: { Authorization: `Bearer ${await opts.admin.token()}`, Accept: 'application/json' },
    });
    const row = ((await res.json()) as { value: { dtclm_templateid: string; '@odata.etag': string }[] }).value[0];
    if (!row) throw new Error(`Template sync made no row for the CLM template ${clmId}`);
    const saved = await call(`${opts.functionsUrl}/admin/templates/${row.dtclm_templateid}/mapping`, token, {
      method: 'PUT',
      body: { mapping: demo.mapping },
      headers: { 'If-Match': row['@odata.etag'] },
    });
    if (saved.status !== 200) throw new Error(`Saving the demo mapping of ${clmId} failed (${saved.status}): ${JSON.stringify(saved.body)}`);
    if (saved.body.state !== 'fits') throw new Error(`The demo mapping of ${clmId} does not fit: ${JSON.stringify(saved.body.errors)}`);
    ids[demo.name] = row.dtclm_templateid;
  }
  return ids as DemoTemplateIds;
}
