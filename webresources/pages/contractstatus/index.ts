/**
 * Placeholder for the status panel: the contracts of this record, where each stands in the CLM (draft, in validation, sent for signature, signed), its history, links to the CLM, and the Launch validation and Send to Sign actions.
 * The real page comes in a later issue.
 */
import { renderPlaceholderPage } from '../../lib/placeholder-page';

renderPlaceholderPage(
  'Contract Status',
  'This page will be the status panel: the contracts of this record, where each stands in the CLM (draft, in validation, sent for signature, signed), its history, links to the CLM, and the Launch validation and Send to Sign actions.',
);
