/**
 * Placeholder for the connector settings page: health, template sync, mappings with live preview, webhook registration and user provisioning.
 * The real page comes in a later issue.
 */
import { renderPlaceholderPage } from '../../lib/placeholder-page';

renderPlaceholderPage(
  'DiliTrust CLM Settings',
  'This page will be the connector settings page: health, template sync, mappings with live preview, webhook registration and user provisioning.',
);
