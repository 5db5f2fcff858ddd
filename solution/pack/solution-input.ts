/**
 * Everything the packer writes into a solution, in one value. `modelSolutionInput` fills it from
 * solution/model (the one description of the connector's Dataverse part) and the bundled web
 * resources; tests can hand the packer a smaller one.
 */
import type { AppDef } from '../model/app';
import type { EnvironmentVariableDef } from '../model/environment-variables';
import type { FormCustomizationDef, FormDef } from '../model/forms';
import type { Label } from '../model/labels';
import type { RoleDef, SchemaDef } from '../model/types';
import type { ViewDef } from '../model/views';

interface PublisherDef {
  uniqueName: string;
  displayName: Label;
  customizationPrefix: string;
  customizationOptionValuePrefix: number;
}

interface SolutionDef {
  uniqueName: string;
  displayName: Label;
  description?: Label;
}

/** WebResourceType of Dataverse's webresource table. */
export const WEB_RESOURCE_TYPE = { html: 1, css: 2, js: 3, xml: 4, png: 5, jpg: 6, gif: 7, xsl: 9, ico: 10, svg: 11, resx: 12 } as const;

export interface WebResourceFile {
  /** Web resource name, which is also its path below the organization's /WebResources/ URL: dtclm_/js/ribbon.js. */
  name: string;
  displayName: string;
  description?: string;
  type: number;
  content: Buffer;
}

/** One button on a table's main form command bar, calling a function of the ribbon library. */
export interface RibbonButtonDef {
  /** Short id used in the ribbon element ids: RequestContract. */
  key: string;
  /** LabelText, ToolTipTitle and Alt of the button, through the RibbonDiffXml's LocLabels. */
  label: Label;
  tooltip: Label;
  /** Function called on click, e.g. DiliTrustCLM.Ribbon.requestContract. */
  command: string;
  /** Function of the CustomRule that enables the button (it may return a Promise). */
  enableRule: string;
  /** Web resource name of the button's icon (an SVG), e.g. dtclm_/icons/requestcontract.svg. */
  icon?: string;
}

export interface TableRibbonDef {
  /** Logical name of the table whose main form gets the buttons: opportunity, quote. */
  entity: string;
  library: string;
  buttons: RibbonButtonDef[];
}

export interface SolutionInput {
  publisher: PublisherDef;
  solution: SolutionDef;
  /** Four-part version, e.g. 0.1.0.0. */
  version: string;
  managed: boolean;
  /** Every label in English and French: the solution ships both languages. */
  schema: SchemaDef<Label>;
  roles: RoleDef[];
  environmentVariables: EnvironmentVariableDef[];
  webResources: WebResourceFile[];
  ribbons: TableRibbonDef[];
  /** Main forms of the connector's tables. */
  forms: FormDef[];
  /** Tabs merged into forms of system tables (opportunity, quote). */
  formCustomizations: FormCustomizationDef[];
  views: ViewDef[];
  /** The model-driven app and its site map; none in a solution without one. */
  app?: AppDef;
}
