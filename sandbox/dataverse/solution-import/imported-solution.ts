/** What importing a solution adds to an organization, in the shapes the emulator stores. */
import type { LabelText } from '../../../solution/model/labels';
import type { RoleDef, SchemaDef } from '../../../solution/model/types';
import type { SolutionManifest } from './manifest';
import type { ImportedForm, ImportedView } from './tables';

export interface EnvironmentVariableDefinition {
  schemaName: string;
  /** In every language the solution carries. */
  displayName: LabelText;
  description: LabelText;
  /** environmentvariabledefinition.type (100000000 String ... 100000003 JSON). */
  type: number;
  defaultValue?: string;
  isRequired: boolean;
  introducedVersion: string;
}

export interface ImportedWebResource {
  id: string;
  name: string;
  displayName: string;
  type: number;
  content: Buffer;
}

export interface ImportedApp {
  uniqueName: string;
  displayName: LabelText;
  components: Array<{ type: number; schemaName?: string; id?: string }>;
  roleIds: string[];
}

export interface ImportedSolution {
  manifest: SolutionManifest;
  /** The tables, global choices and relationships the solution creates. */
  schema: SchemaDef;
  roles: RoleDef[];
  environmentVariables: EnvironmentVariableDefinition[];
  webResources: ImportedWebResource[];
  /** Forms of its tables, and the differential forms merged into the organization's. */
  forms: ImportedForm[];
  views: ImportedView[];
  apps: ImportedApp[];
  /** The organization's tables the solution adds to (buttons, a merged tab): opportunity, quote, contact. */
  changedTables: string[];
}

/** The organization a solution is imported into: its tables and relationships, and the forms it holds. */
export interface TargetOrganization {
  schema: SchemaDef;
  forms: Array<{ id: string; table: string; name: string; solution: string }>;
}
