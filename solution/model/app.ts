/**
 * The model-driven app `dtclm_DiliTrustCLM` (dataverse-model.md, Forms, views and the app): its site
 * map (one area: Contracts, Templates, CLM users, Settings) and the roles that see it (the four
 * connector roles). Views and forms are named by the keys of views.ts and forms.ts.
 */
import { label, type Label } from './labels';
import { CONNECTOR_ROLE_IDS } from './roles';

export type SubAreaDef =
  /** A table's grid: the app opens its default public view. */
  | { key: string; kind: 'table'; table: string; label: Label }
  /** A web resource page, e.g. the admin page. */
  | { key: string; kind: 'webResource'; webResource: string; label: Label };

interface SiteMapGroupDef {
  key: string;
  label: Label;
  subAreas: SubAreaDef[];
}

export interface AppDef {
  uniqueName: string;
  displayName: Label;
  description: Label;
  /** The site map has the app's unique name (as the app designer names it). */
  area: { key: string; label: Label; groups: SiteMapGroupDef[] };
  /** Forms and views the app shows, by key (forms.ts, views.ts); tables by logical name. */
  tables: string[];
  forms: string[];
  views: string[];
  roleIds: string[];
}

export const connectorApp: AppDef = {
  uniqueName: 'dtclm_DiliTrustCLM',
  displayName: label('DiliTrust CLM', 'DiliTrust CLM'),
  description: label(
    'Contracts requested from Dynamics 365 and held in DiliTrust CLM; connector settings.',
    'Contrats demandés depuis Dynamics 365 et conservés dans DiliTrust CLM\u00a0; paramètres du connecteur.',
  ),
  area: {
    key: 'dtclm_area',
    label: label('DiliTrust CLM', 'DiliTrust CLM'),
    groups: [
      {
        key: 'dtclm_group_contracts',
        label: label('Contracts', 'Contrats'),
        subAreas: [
          { key: 'dtclm_subarea_contracts', kind: 'table', table: 'dtclm_contract', label: label('Contracts', 'Contrats') },
          { key: 'dtclm_subarea_templates', kind: 'table', table: 'dtclm_template', label: label('Templates', 'Modèles') },
        ],
      },
      {
        key: 'dtclm_group_admin',
        label: label('Administration', 'Administration'),
        subAreas: [
          { key: 'dtclm_subarea_users', kind: 'table', table: 'dtclm_userlink', label: label('CLM users', 'Utilisateurs CLM') },
          { key: 'dtclm_subarea_settings', kind: 'webResource', webResource: 'dtclm_/html/admin.html', label: label('Settings', 'Paramètres') },
        ],
      },
    ],
  },
  tables: ['dtclm_contract', 'dtclm_contractevent', 'dtclm_template', 'dtclm_userlink'],
  forms: ['contract.main', 'template.main', 'userlink.main'],
  views: [
    'contract.active',
    'contract.mine',
    'contract.awaitingsignature',
    'contract.signed',
    'contract.quickfind',
    'contract.associated',
    'contractevent.bysequence',
    'template.active',
    'template.brokenmapping',
    'userlink.provisioned',
    'userlink.error',
    // The standard views of the app's tables (views.ts), so lookups, quick find and advanced find
    // in the app use the connector's columns.
    'contract.lookup',
    'contract.advancedfind',
    'contractevent.active',
    'contractevent.quickfind',
    'contractevent.lookup',
    'contractevent.advancedfind',
    'template.quickfind',
    'template.lookup',
    'template.advancedfind',
    'template.associated',
    'userlink.quickfind',
    'userlink.lookup',
    'userlink.advancedfind',
    'userlink.associated',
  ],
  roleIds: [CONNECTOR_ROLE_IDS.user, CONNECTOR_ROLE_IDS.sendToSign, CONNECTOR_ROLE_IDS.readOnly, CONNECTOR_ROLE_IDS.admin],
};
