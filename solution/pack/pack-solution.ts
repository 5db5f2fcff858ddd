/**
 * Writes the solution zip: solution.xml, customizations.xml, [Content_Types].xml, one
 * environmentvariabledefinition.xml per environment variable, and the web resources' files.
 * Every zip entry carries the same fixed date, so the same input gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentTypesXml } from './content-types';
import { customizationsXml } from './customizations';
import { deterministicZip } from './deterministic-zip';
import { webResourceZipPath } from './customizations/web-resources';
import { environmentVariableXml, environmentVariableZipPath } from './environment-variables';
import type { SolutionInput } from './solution-input';
import { solutionManifestXml } from './solution-manifest';

/** DiliTrustCLMConnector_0_1_0_0.zip, or ..._managed.zip: the name Dynamics gives an export. */
export function solutionZipName(input: Pick<SolutionInput, 'solution' | 'version' | 'managed'>): string {
  return `${input.solution.uniqueName}_${input.version.replace(/\./g, '_')}${input.managed ? '_managed' : ''}.zip`;
}

/** The files of the solution, path in the zip -> content. */
export function solutionFiles(input: SolutionInput): Map<string, string | Buffer> {
  const files = new Map<string, string | Buffer>();
  files.set('solution.xml', solutionManifestXml(input));
  files.set('customizations.xml', customizationsXml(input));
  for (const v of input.environmentVariables) files.set(environmentVariableZipPath(v.schemaName), environmentVariableXml(v));
  for (const w of input.webResources) files.set(webResourceZipPath(w.name), w.content);
  files.set('[Content_Types].xml', contentTypesXml([...files.keys()]));
  return files;
}

export async function solutionZip(input: SolutionInput): Promise<Buffer> {
  return deterministicZip(
    [...solutionFiles(input)].map(([name, content]) => ({ name, content })),
    'DOS',
  );
}

/** Writes the zip into `outDir` and returns its path. */
export async function packSolution(input: SolutionInput, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, solutionZipName(input));
  writeFileSync(path, await solutionZip(input));
  return path;
}
