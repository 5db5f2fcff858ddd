/**
 * Until template sync lands, the sandbox does what an admin would after a sync: one `dtclm_template`
 * row per active CLM sandbox template, each with a demo mapping that shows the engine's features
 * (related entities, a collection, a fixed mapping, constants, signatories), written through the
 * Web API with the connector app's token. Fixed row ids so that tests and docs can name them.
 *
 *   NDA                        opportunity: account through parentaccountid, a fixed record
 *                              (our own legal entity's country), a constant choice, two signatories
 *   Master Services Agreement  opportunity: the opportunity products as the `dt0_lines` table
 *   Quote Acceptance           quote: customer account and its primary contact (2 levels), signatories
 */
import type { ClmSandbox } from './clm';
import type { DataverseAdmin } from './dataverse-admin';
import { SEED_IDS } from './dataverse/seed/ids';

export const DEMO_TEMPLATE_IDS = {
  nda: 'd7e00000-0000-4000-8000-000000000001',
  msa: 'd7e00000-0000-4000-8000-000000000002',
  quoteAcceptance: 'd7e00000-0000-4000-8000-000000000003',
} as const;

const ownerSignatory = { from: 'ownerid_systemuser', firstName: 'firstname', lastName: 'lastname', email: 'internalemailaddress', order: 2 };

/** The demo mapping of each seeded CLM template, by its CLM id. */
export const DEMO_MAPPINGS: Record<string, { rowId: string; mapping: Record<string, unknown> }> = {
  tpl_nda: {
    rowId: DEMO_TEMPLATE_IDS.nda,
    mapping: {
      trigger_entity: 'opportunity',
      contractName: 'NDA - {parentaccountid.name}',
      fields: {
        dt0_effective_date: 'estimatedclosedate',
        dt0_purpose: { attribute: 'description', default: 'Evaluation of a business relationship' },
        dt0_date_de_signature: 'createdon',
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
    rowId: DEMO_TEMPLATE_IDS.msa,
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
    rowId: DEMO_TEMPLATE_IDS.quoteAcceptance,
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

interface ClmTemplate {
  id: string;
  name: string;
  status: string;
  version: number;
  fields: unknown[];
}

/** Reads the CLM sandbox's templates (with a token family of its own) and writes the rows. */
export async function seedDemoTemplates(opts: { admin: DataverseAdmin; apiUrl: string; clm: ClmSandbox }): Promise<void> {
  const { access_token } = await opts.clm.issueTokens();
  const res = await fetch(`${opts.clm.apiBase}/templates?status=active&limit=200`, { headers: { Authorization: `Bearer ${access_token}` } });
  if (!res.ok) throw new Error(`CLM sandbox templates: HTTP ${res.status}`);
  const templates = ((await res.json()) as { data: ClmTemplate[] }).data;
  const api = opts.apiUrl.replace(/\/+$/, '');
  for (const t of templates) {
    const demo = DEMO_MAPPINGS[t.id];
    if (!demo) continue;
    const mapping = demo.mapping;
    // PATCH by id is an upsert: a second start over the same emulator updates the row.
    const put = await fetch(`${api}/dtclm_templates(${demo.rowId})`, {
      method: 'PATCH',
      headers: {
        Authorization: `Bearer ${await opts.admin.token()}`,
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json',
        'OData-MaxVersion': '4.0',
        'OData-Version': '4.0',
      },
      body: JSON.stringify({
        dtclm_name: t.name,
        dtclm_clmtemplateid: t.id,
        dtclm_clmversion: t.version,
        dtclm_fields: JSON.stringify(t.fields),
        dtclm_mapping: JSON.stringify(mapping, null, 2),
        dtclm_triggerentity: mapping.trigger_entity,
        dtclm_lastsyncedon: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      }),
    });
    if (!put.ok) throw new Error(`Dataverse refused the demo template ${t.name}: HTTP ${put.status} ${(await put.text()).slice(0, 300)}`);
  }
}
