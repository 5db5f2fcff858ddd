/**
 * Writes the solution zip: solution.xml, customizations.xml, [Content_Types].xml, one
 * environmentvariabledefinition.xml per environment variable, and the web resources' files.
 * Every zip entry carries the same fixed date, so the same input gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { contentTypesXml } from './content-types';
import { customizationsXml } from './customizations';
import { webResourceZipPath } from './customizations/web-resources';
import { environmentVariableXml, environmentVariableZipPath } from './environment-variables';
import type { SolutionInput } from './solution-input';
import { solutionManifestXml } from './solution-manifest';

/** 1980-01-01, the earliest date a zip entry can hold: entries carry no build time. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1));

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
  const zip = new JSZip();
  for (const [path, content] of solutionFiles(input)) zip.file(path, content, { date: FIXED_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}

/** Writes the zip into `outDir` and returns its path. */
export async function packSolution(input: SolutionInput, outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const path = join(outDir, solutionZipName(input));
  writeFileSync(path, await solutionZip(input));
  return path;
}
