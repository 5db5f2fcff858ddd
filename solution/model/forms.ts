/**
 * The connector's forms (dataverse-model.md, Forms, views and the app), described once: the main
 * forms of its own tables, and the tab it adds to the main forms of opportunity and quote. The
 * packer writes them as FormXml; ids of forms, tabs, sections and cells are derived from the keys.
 * Every label is in English and French.
 */
import { label, type Label } from './labels';

export type FormCell =
  | { kind: 'field'; attribute: string }
  /** A web resource control: the page gets the record's id and table (PassParameters). */
  | { kind: 'webResource'; key: string; label: Label; webResource: string; rows: number }
  /** The related rows of `table` through `relationship`, shown with the view `view` (a key of views.ts). */
  | { kind: 'subgrid'; key: string; label: Label; table: string; relationship: string; view: string; rows: number };

interface FormSection {
  key: string;
  label: Label;
  cells: FormCell[];
}

export interface FormTab {
  key: string;
  label: Label;
  sections: FormSection[];
}

export interface FormDef {
  /** Stable key: the form's id is derived from it. */
  key: string;
  table: string;
  name: Label;
  description: Label;
  tabs: FormTab[];
}

/**
 * A tab added to a form the connector does not own (Dynamics 365 Sales' opportunity and quote main
 * forms). The solution carries it as a differential FormXml (`solutionaction="Added"`), which
 * Dataverse merges into the form on import, leaving the rest of the form as the customer has it.
 */
export interface FormCustomizationDef {
  table: string;
  /** Id of the Dynamics 365 Sales main form the tab is merged into. */
  formId: string;
  /** The Sales form's own name, as Dynamics 365 Sales names it in each language. */
  formName: Label;
  addTabs: FormTab[];
}

const field = (attribute: string): FormCell => ({ kind: 'field', attribute });

const DETAILS = label('Details', 'Détails');

/**
 * The contract main form. The signed document (a file column) has its own section: Unified Interface
 * shows a file column's control (file name, download, and upload for a user who may write) by the
 * column's type; see the packer (solution/pack/customizations/forms.ts) for the control's class id.
 */
const contractMainForm: FormDef = {
  key: 'contract.main',
  table: 'dtclm_contract',
  name: label('Contract (CLM)', 'Contrat (CLM)'),
  description: label('The contract, where it stands in the CLM, and its history.', 'Le contrat, où il en est dans le CLM, et son historique.'),
  tabs: [
    {
      key: 'general',
      label: label('Contract', 'Contrat'),
      sections: [
        {
          key: 'details',
          label: DETAILS,
          cells: [
            field('dtclm_name'),
            field('dtclm_status'),
            field('dtclm_templateid'),
            field('dtclm_opportunityid'),
            field('dtclm_quoteid'),
            field('dtclm_clmurl'),
            field('dtclm_reason'),
            field('dtclm_lasterror'),
            field('ownerid'),
          ],
        },
        {
          key: 'signeddocument',
          label: label('Signed document', 'Document signé'),
          cells: [field('dtclm_signeddocument')],
        },
        {
          key: 'status',
          label: label('Status in the CLM', 'Statut dans le CLM'),
          cells: [
            {
              kind: 'webResource',
              key: 'statuspanel',
              label: label('Contract status', 'Statut du contrat'),
              webResource: 'dtclm_/html/contractstatus.html',
              rows: 12,
            },
          ],
        },
      ],
    },
    {
      key: 'history',
      label: label('History', 'Historique'),
      sections: [
        {
          key: 'events',
          label: label('Events', 'Événements'),
          cells: [
            {
              kind: 'subgrid',
              key: 'events',
              label: label('Contract events', 'Événements du contrat'),
              table: 'dtclm_contractevent',
              relationship: 'dtclm_dtclm_contract_dtclm_contractevent',
              view: 'contractevent.bysequence',
              rows: 10,
            },
          ],
        },
      ],
    },
  ],
};

const templateMainForm: FormDef = {
  key: 'template.main',
  table: 'dtclm_template',
  name: label('Contract template', 'Modèle de contrat'),
  description: label(
    'A CLM template as last synced, and whether its mapping still fits it.',
    'Un modèle CLM tel que synchronisé en dernier, et si son mappage lui correspond toujours.',
  ),
  tabs: [
    {
      key: 'general',
      label: label('Template', 'Modèle'),
      sections: [
        {
          key: 'details',
          label: DETAILS,
          cells: [field('dtclm_name'), field('dtclm_clmtemplateid'), field('dtclm_clmversion'), field('dtclm_triggerentity'), field('dtclm_lastsyncedon')],
        },
        {
          key: 'mapping',
          label: label('Mapping', 'Mappage'),
          cells: [field('dtclm_mappingstate'), field('dtclm_mappingerrors')],
        },
      ],
    },
  ],
};

/**
 * The CLM user link main form: the app's CLM users grid opens it (a table the site map shows needs
 * a main form to open its rows; a maker's new table gets one, "Information").
 */
const userLinkMainForm: FormDef = {
  key: 'userlink.main',
  table: 'dtclm_userlink',
  name: label('CLM user link', 'Lien utilisateur CLM'),
  description: label(
    'A Dynamics user provisioned into the CLM over SCIM, and how the last push went.',
    'Un utilisateur Dynamics provisionné dans le CLM par SCIM, et le résultat du dernier envoi.',
  ),
  tabs: [
    {
      key: 'general',
      label: label('CLM user', 'Utilisateur CLM'),
      sections: [
        {
          key: 'details',
          label: DETAILS,
          cells: [field('dtclm_name'), field('dtclm_systemuserid'), field('dtclm_clmrole'), field('dtclm_active'), field('dtclm_scimid')],
        },
        {
          key: 'sync',
          label: label('Sync', 'Synchronisation'),
          cells: [field('dtclm_syncstate'), field('dtclm_lastsyncedon'), field('dtclm_lasterror')],
        },
      ],
    },
  ],
};

export const connectorForms: FormDef[] = [contractMainForm, templateMainForm, userLinkMainForm];

const CONTRACTS = label('Contracts (CLM)', 'Contrats (CLM)');

/** The Contracts (CLM) tab of an opportunity or quote: the record's contracts. */
function contractsTab(relationship: string): FormTab {
  return {
    key: 'dtclm_contracts',
    label: CONTRACTS,
    sections: [
      {
        key: 'dtclm_contracts',
        label: CONTRACTS,
        cells: [{ kind: 'subgrid', key: 'dtclm_contracts', label: CONTRACTS, table: 'dtclm_contract', relationship, view: 'contract.associated', rows: 8 }],
      },
    ],
  };
}

/**
 * Ids of the main forms named "Opportunity" and "Quote" that Dynamics 365 Sales installs (a form
 * keeps the id of the solution that made it, so they are the same in every environment; the
 * "Sales Insights" opportunity form, 595978a6-704c-4aec-aab8-34f3927c1cda, shows up with the same
 * id in two unrelated environments below). Read from public material, not from an environment:
 *
 * - opportunity `a837e4a7-01b8-4f82-a475-be9abd67e667`, confirmed by four independent sources:
 *   a field-usage report of one customer's environment ("2.3. Opportunity (main) -- Active, Form ID
 *   {a837e4a7-...}, UCI/Tablet", beside "AI for Sales" 595978a6-...); a RetrieveFilteredForms
 *   result from another environment ("Opportunity (a837e4a7-...)", "Sales Insights (595978a6-...)");
 *   a form script opening the opportunity's Documents area with `formid=a837e4a7-...&oType=3`;
 *   and a Selenium test addressing the opportunity name field as `id-a837e4a7-...-1-name8`.
 * - quote `54076a2d-d043-4a1b-b061-4d06846371a9`: ONE source only (the same customer's field-usage
 *   report, "2.1. Quote (main) -- Active, Form ID {54076a2d-...}, UCI/Tablet", also the trigger form
 *   of one of its workflows). NOT VERIFIED by a second source.
 *
 * Before a release, read both from an environment with Sales
 * (`GET /api/data/v9.2/systemforms?$select=formid,name&$filter=objecttypecode eq 'quote' and type eq 2`).
 * If an id is wrong, the Contracts (CLM) tab does not land on the Sales form; docs/admin-guide.md
 * (step 2 and troubleshooting) tells an admin how to add the subgrid by hand.
 */
const SALES_MAIN_FORM_IDS = {
  opportunity: 'a837e4a7-01b8-4f82-a475-be9abd67e667',
  quote: '54076a2d-d043-4a1b-b061-4d06846371a9',
} as const;

export const connectorFormCustomizations: FormCustomizationDef[] = [
  {
    table: 'opportunity',
    formId: SALES_MAIN_FORM_IDS.opportunity,
    formName: label('Opportunity', 'Opportunité'),
    addTabs: [contractsTab('dtclm_opportunity_dtclm_contract')],
  },
  { table: 'quote', formId: SALES_MAIN_FORM_IDS.quote, formName: label('Quote', 'Devis'), addTabs: [contractsTab('dtclm_quote_dtclm_contract')] },
];
