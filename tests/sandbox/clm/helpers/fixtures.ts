import { randomBytes, randomUUID } from 'node:crypto';
import type { ClmTestClient } from './client';

/** Seed template ids and field keys the sandbox README documents. */
export const NDA = 'tpl_nda';
export const MSA = 'tpl_master_services_agreement';
export const QUOTE_ACCEPTANCE = 'tpl_quote_acceptance';

const externalRef = () => ({ system: 'dynamics365', entity: 'opportunity', id: randomUUID() });

export const signatory = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@fabrikam.example', order: 1 };

export const validNdaFields = { dt0_counterparty_name: 'Fabrikam', dt0_effective_date: '2026-12-01', dt0_nda_type: 'mutual' };

export const validMsaFields = {
  dt0_customer_name: 'Contoso',
  dt0_total_amount: { amount: 12000.5, currency: 'EUR' },
  dt0_term_months: 24,
  dt0_auto_renewal: true,
  dt0_lines: [{ product: 'Support', quantity: 2, unit_price: { amount: 6000.25, currency: 'EUR' } }],
};

export const newSecret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;

export function contractBody(folderId: string, overrides: Record<string, unknown> = {}) {
  return { templateId: NDA, folderId, name: 'NDA Fabrikam', fields: validNdaFields, signatories: [signatory], externalRef: externalRef(), ...overrides };
}

/** Creates an NDA contract and returns it (asserting the 201). */
export async function createContract(client: ClmTestClient, folderId: string, overrides: Record<string, unknown> = {}): Promise<any> {
  const answer = await client.call('POST', '/contracts', { headers: { 'Idempotency-Key': randomUUID() }, json: contractBody(folderId, overrides) });
  if (answer.status !== 201) throw new Error(`create contract: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}
