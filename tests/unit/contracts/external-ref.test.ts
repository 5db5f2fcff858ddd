/**
 * externalRefMismatch (issue 24, finding 1; dataverse-model.md "Who writes what"): the connector acts
 * on a CLM contract only when its externalRef (clm-api.yaml ExternalRef) names the row's opportunity
 * or quote in this organization.
 */
import { externalRefMismatch } from '../../../functions/src/domain/contract';

const ORG = 'https://contoso.crm4.dynamics.com';
const OPPORTUNITY = '6a1e0000-0000-4000-8000-000000000001';
const QUOTE = '6a1e0000-0000-4000-8000-000000000002';
const ref = (over: Record<string, unknown> = {}) => ({ system: 'dynamics365', entity: 'opportunity', id: OPPORTUNITY, orgUrl: ORG, ...over });
const opportunityRow = { opportunityId: OPPORTUNITY, quoteId: null };
const quoteRow = { opportunityId: OPPORTUNITY, quoteId: QUOTE };

describe('externalRefMismatch', () => {
  it("accepts the row's own opportunity, with or without orgUrl, whatever the GUID's case or a trailing slash", () => {
    expect(externalRefMismatch(ref(), opportunityRow, ORG)).toBeNull();
    expect(externalRefMismatch(ref({ orgUrl: undefined }), opportunityRow, ORG)).toBeNull();
    expect(externalRefMismatch(ref({ id: OPPORTUNITY.toUpperCase(), orgUrl: `${ORG}/` }), opportunityRow, ORG)).toBeNull();
  });

  it("accepts a quote's contract by its quote (which also names the quote's opportunity)", () => {
    expect(externalRefMismatch(ref({ entity: 'quote', id: QUOTE }), quoteRow, ORG)).toBeNull();
  });

  it('refuses a CLM contract made for another opportunity or quote', () => {
    expect(externalRefMismatch(ref({ id: '6a1e0000-0000-4000-8000-0000000000ff' }), opportunityRow, ORG)).toBe(
      'the CLM contract was made for another opportunity',
    );
    expect(externalRefMismatch(ref({ entity: 'quote', id: '6a1e0000-0000-4000-8000-0000000000ff' }), quoteRow, ORG)).toBe(
      'the CLM contract was made for another quote',
    );
  });

  it('refuses one made for the same record id in another organization, or with an orgUrl that is no URL', () => {
    expect(externalRefMismatch(ref({ orgUrl: 'https://fabrikam.crm.dynamics.com' }), opportunityRow, ORG)).toBe(
      'the CLM contract was made for another Dynamics 365 organization',
    );
    expect(externalRefMismatch(ref({ orgUrl: 'not a url' }), opportunityRow, ORG)).toMatch(/another Dynamics 365 organization/);
  });

  it('refuses a contract that names no Dynamics record, or another system', () => {
    for (const r of [undefined, null, 'ctr_1', {}, ref({ system: 'salesforce' }), ref({ entity: 'account' }), ref({ id: '' })])
      expect(externalRefMismatch(r, opportunityRow, ORG)).toBe('the CLM contract names no Dynamics 365 record');
  });

  it('refuses a quote contract on a row that names only the opportunity, unless the org vouches for it (the quote was deleted: Remove Link)', () => {
    const quoteRef = ref({ entity: 'quote', id: QUOTE });
    expect(externalRefMismatch(quoteRef, opportunityRow, ORG)).toBeNull();
    expect(externalRefMismatch({ ...quoteRef, orgUrl: undefined }, opportunityRow, ORG)).toBe(
      'the CLM contract was made for a quote this contract is not linked to',
    );
    expect(externalRefMismatch(ref(), { opportunityId: null, quoteId: null }, undefined)).toMatch(/not linked to/);
  });
});
