/**
 * A solution zip opened: its files by path, solution.xml and customizations.xml parsed. A zip
 * without them, or with XML that does not parse, is not a solution, and Dataverse refuses it before
 * looking at any component.
 */
import { IMPORT_ERROR, SolutionImportError } from './import-error';
import { readZip } from './read-zip';
import { parseXml, type XNode } from './xml-tree';

export interface SolutionPackage {
  files: Map<string, Buffer>;
  solution: XNode;
  customizations: XNode;
}

export function openSolutionZip(zipBytes: Buffer): SolutionPackage {
  let files: Map<string, Buffer>;
  try {
    files = readZip(zipBytes);
  } catch (e) {
    throw new SolutionImportError(IMPORT_ERROR.invalidPackage, 'solution zip', `The file is not a solution zip: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { files, solution: parsePart(files, 'solution.xml'), customizations: parsePart(files, 'customizations.xml') };
}

export function parsePart(files: Map<string, Buffer>, path: string): XNode {
  const bytes = files.get(path);
  if (!bytes) throw new SolutionImportError(IMPORT_ERROR.invalidPackage, path, `The solution zip has no ${path}: it is not a solution package.`);
  try {
    return parseXml(bytes);
  } catch (e) {
    throw new SolutionImportError(IMPORT_ERROR.invalidPackage, path, `${path} is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`);
  }
}
