/**
 * Placeholder for the Request Contract dialog: pick a CLM template offered for this record, check the signatories the mapping found, then follow the request until the CLM has made the contract.
 * The real page comes in a later issue.
 */
import { renderPlaceholderPage } from '../../lib/placeholder-page';

renderPlaceholderPage(
  'Request Contract',
  'This page will be the Request Contract dialog: pick a CLM template offered for this record, check the signatories the mapping found, then follow the request until the CLM has made the contract.',
);
