/**
 * The connector's solution as the packer makes it from solution/model, with stand-in web resource
 * files; its files written to a temp folder too, for xmllint.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connectorSolutionInput, solutionFiles, type SolutionInput } from '../../../solution/pack';
import { makeWebResourcesDir } from './web-resources-fixture';
import { parseXml, type XNode } from './xml-tree';

export interface PackedSolution {
  input: SolutionInput;
  files: Map<string, string | Buffer>;
  dir: string;
  solution: XNode;
  customizations: XNode;
}

export function packConnectorSolution(): PackedSolution {
  const input = connectorSolutionInput({ webResourcesDir: makeWebResourcesDir() });
  return packInput(input);
}

export function packInput(input: SolutionInput): PackedSolution {
  const files = solutionFiles(input);
  const dir = mkdtempSync(join(tmpdir(), 'solution-'));
  for (const [path, content] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return {
    input,
    files,
    dir,
    solution: parseXml(files.get('solution.xml')!),
    customizations: parseXml(files.get('customizations.xml')!),
  };
}
