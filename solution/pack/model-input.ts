/** The connector's solution as the packer takes it: solution/model plus the bundled web resources. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  connectorApp,
  connectorFormCustomizations,
  connectorForms,
  connectorRoles,
  connectorSchema,
  connectorViews,
  environmentVariables,
  PUBLISHER,
  SOLUTION,
  solutionVersion,
} from '../model';
import { connectorRibbons } from './ribbon-buttons';
import type { SolutionInput } from './solution-input';
import { readWebResources } from './web-resource-files';

const REPO_ROOT = join(__dirname, '..', '..');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

export function connectorSolutionInput(opts: { webResourcesDir: string; managed?: boolean }): SolutionInput {
  return {
    publisher: { ...PUBLISHER },
    solution: { ...SOLUTION },
    version: solutionVersion(packageVersion()),
    managed: opts.managed ?? false,
    schema: connectorSchema,
    roles: connectorRoles,
    environmentVariables,
    webResources: readWebResources(opts.webResourcesDir),
    ribbons: connectorRibbons,
    forms: connectorForms,
    formCustomizations: connectorFormCustomizations,
    views: connectorViews,
    app: connectorApp,
  };
}
