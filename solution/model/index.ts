/**
 * The connector's part of Dataverse, described once: publisher, solution, tables, choices,
 * relationships, environment variables, roles. Read by the solution packer and the emulator.
 */
import { connectorOptionSets } from './option-sets';
import { connectorRelationships } from './relationships';
import { connectorTables } from './tables';
import { label, type Label } from './labels';
import type { SchemaDef } from './types';

export * from './types';
export * from './labels';
export * from './option-sets';
export * from './tables';
export * from './relationships';
export * from './environment-variables';
export * from './roles';
export * from './views';
export * from './forms';
export * from './app';

export const PUBLISHER = {
  uniqueName: 'dilitrust',
  displayName: label('DiliTrust', 'DiliTrust'),
  customizationPrefix: 'dtclm',
  customizationOptionValuePrefix: 71890,
} as const;

export const SOLUTION = {
  uniqueName: 'DiliTrustCLMConnector',
  displayName: label('DiliTrust CLM Connector', 'Connecteur DiliTrust CLM'),
  description: label(
    'Connects Dynamics 365 opportunities and quotes to DiliTrust CLM contracts.',
    'Relie les opportunités et les devis de Dynamics 365 aux contrats DiliTrust CLM.',
  ),
} as const;

/** package.json's version as the four parts a solution version has: 2.0.0 -> 2.0.0.0. */
export function solutionVersion(packageVersion: string): string {
  const parts = packageVersion
    .split(/[.+-]/)
    .slice(0, 4)
    .map((p) => (/^\d+$/.test(p) ? p : '0'));
  while (parts.length < 4) parts.push('0');
  return parts.join('.');
}

export const connectorSchema: SchemaDef<Label> = {
  tables: connectorTables,
  optionSets: connectorOptionSets,
  relationships: connectorRelationships,
  manyToMany: [],
};
