import type { TemplateInput } from './template-store';

/**
 * The templates every sandbox starts with. Fixed ids and field keys (in the `dt0_` style of the
 * real CLM) so that mappings, fixtures and docs can name them.
 */
const SEED_TEMPLATE_IDS = {
  nda: 'tpl_nda',
  msa: 'tpl_master_services_agreement',
  quoteAcceptance: 'tpl_quote_acceptance',
  archivedNda: 'tpl_nda_2019_archived',
} as const;

const nda: TemplateInput = {
  id: SEED_TEMPLATE_IDS.nda,
  name: 'NDA',
  description: 'Mutual non-disclosure agreement',
  fields: [
    { key: 'dt0_counterparty_name', label: 'Counterparty name', type: 'text', required: true, maxLength: 100 },
    { key: 'dt0_effective_date', label: 'Effective date', type: 'date', required: true },
    {
      key: 'dt0_nda_type',
      label: 'NDA type',
      type: 'choice',
      required: true,
      options: [
        { value: 'mutual', label: 'Mutual' },
        { value: 'one_way_disclosing', label: 'One-way (we disclose)' },
        { value: 'one_way_receiving', label: 'One-way (we receive)' },
      ],
    },
    { key: 'dt0_purpose', label: 'Purpose', type: 'multiline', required: false, maxLength: 2000 },
    { key: 'dt0_governing_law', label: 'Governing law', type: 'text', required: false, maxLength: 50 },
    { key: 'dt0_date_de_signature', label: 'Signature deadline', type: 'datetime', required: false },
  ],
};

const msa: TemplateInput = {
  id: SEED_TEMPLATE_IDS.msa,
  name: 'Master Services Agreement',
  description: 'Framework agreement for services, with the priced lines',
  fields: [
    { key: 'dt0_customer_name', label: 'Customer', type: 'text', required: true, maxLength: 160 },
    { key: 'dt0_total_amount', label: 'Total amount', type: 'money', required: true },
    { key: 'dt0_term_months', label: 'Term (months)', type: 'number', required: true },
    { key: 'dt0_auto_renewal', label: 'Renews automatically', type: 'boolean', required: false },
    { key: 'dt0_start_date', label: 'Start date', type: 'date', required: false },
    // Set by legal in the CLM; a mapping's `returns.endDate` brings it back (mapping.md).
    { key: 'dt0_end_date', label: 'End date', type: 'date', required: false },
    {
      key: 'dt0_payment_terms',
      label: 'Payment terms',
      type: 'choice',
      required: false,
      options: [
        { value: 'net30', label: 'Net 30' },
        { value: 'net60', label: 'Net 60' },
      ],
    },
    {
      key: 'dt0_lines',
      label: 'Service lines',
      type: 'table',
      required: false,
      columns: [
        { key: 'product', label: 'Product', type: 'text', required: true, maxLength: 100 },
        { key: 'quantity', label: 'Quantity', type: 'number', required: true },
        { key: 'unit_price', label: 'Unit price', type: 'money', required: true },
        { key: 'description', label: 'Description', type: 'multiline', required: false, maxLength: 500 },
      ],
    },
  ],
};

const quoteAcceptance: TemplateInput = {
  id: SEED_TEMPLATE_IDS.quoteAcceptance,
  name: 'Quote Acceptance',
  description: 'Acceptance of a quote by the customer',
  fields: [
    { key: 'dt0_quote_number', label: 'Quote number', type: 'text', required: true, maxLength: 40 },
    { key: 'dt0_customer_name', label: 'Customer', type: 'text', required: true, maxLength: 160 },
    { key: 'dt0_quote_total', label: 'Quote total', type: 'money', required: true },
    { key: 'dt0_valid_until', label: 'Valid until', type: 'date', required: false },
  ],
};

const archivedNda: TemplateInput = {
  id: SEED_TEMPLATE_IDS.archivedNda,
  name: 'NDA (2019 edition)',
  description: 'Replaced by "NDA"',
  status: 'archived',
  fields: [{ key: 'dt0_counterparty_name', label: 'Counterparty name', type: 'text', required: true }],
};

export const SEED_TEMPLATES: TemplateInput[] = [nda, msa, quoteAcceptance, archivedNda];
