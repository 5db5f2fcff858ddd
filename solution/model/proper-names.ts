/**
 * The one list of what a French (1036) label may keep exactly as its English (1033) twin writes it.
 * tests/build/solution-languages.test.ts holds every other French label of the built solution to
 * differ from its English one: a French label that equals the English is a copy nobody translated.
 */
import { environmentVariables } from './environment-variables';

/** Names of products, vendors, standards and formats: the same in every language. */
const PROPER_NAMES: readonly string[] = [
  'DiliTrust',
  'Dilitrust',
  'CLM',
  'SCIM',
  'JSON',
  'PDF',
  'URL',
  'API',
  'ID',
  'Dynamics 365',
  'Dynamics',
  'Entra',
  'Azure Functions',
  'Azure',
  'Power Platform',
];

/**
 * Words French spells as English does, with the same meaning, as Microsoft's French UI uses them
 * ("Contact" is the French name of the contact table; "Administration" of Dynamics' admin area).
 */
const SAME_IN_FRENCH: readonly string[] = ['Contact', 'Administration'];

/**
 * The environment variables' display names: the names the product guide gives them, which admins
 * look for in either language (dataverse-model.md, Environment variables).
 */
const PRODUCT_GUIDE_NAMES: readonly string[] = environmentVariables.map((v) => v.displayName[1033]);

/** Everything above, longest first (so "Dynamics 365" goes before "Dynamics"). */
export const NAMES_KEPT_IN_FRENCH: readonly string[] = [...PRODUCT_GUIDE_NAMES, ...PROPER_NAMES, ...SAME_IN_FRENCH].sort((a, b) => b.length - a.length);
