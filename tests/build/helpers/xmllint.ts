/**
 * Runs xmllint (libxml2) on generated files: well-formedness, and validation against Microsoft's
 * customizations schema (shared/xsd, 9.0.0.2090). tests/setup/ensure-xmllint installs it if missing.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CUSTOMIZATIONS_XSD, XSD_DIR } from './paths';

export interface LintResult {
  ok: boolean;
  /** xmllint's error lines, without the final "fails to validate" summary. */
  errors: string[];
}

function lint(args: string[]): LintResult {
  const r = spawnSync('xmllint', ['--noout', ...args], { encoding: 'utf8' });
  if (r.error) throw r.error;
  const errors = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/ (validates|fails to validate)$/.test(l));
  return { ok: r.status === 0, errors };
}

export function checkWellFormed(file: string): LintResult {
  return lint([file]);
}

export function validateAgainst(xsd: string, file: string): LintResult {
  return lint(['--schema', xsd, file]);
}

export function validateCustomizations(file: string): LintResult {
  return validateAgainst(CUSTOMIZATIONS_XSD, file);
}

/**
 * The 9.0 schema plus what the solution needs that 9.0 predates, and nothing else:
 *  - the file column: `file` as an attribute <Type>, which current Dataverse exports for it
 *    (`fileColumns`; its size is in <MaxValue>, a 9.0 element);
 *  - `solutionaction` on a form <tab>: how an export carries a tab added to a form the solution does
 *    not own (a differential FormXml; 9.0's FormXml.xsd allows it on parameters only) (`mergedTabs`).
 * Each addition must apply exactly once, so a test cannot pass on a schema that changed under it.
 */
export function customizationsXsdWith(additions: { fileColumns?: boolean; mergedTabs?: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'xsd-extended-'));
  cpSync(XSD_DIR, dir, { recursive: true });
  const patchFile = (file: string, anchor: string, addition: string) => {
    const path = join(dir, file);
    const xsd = readFileSync(path, 'utf8');
    const count = xsd.split(anchor).length - 1;
    if (count !== 1) throw new Error(`XSD anchor found ${count} times in ${file}: ${anchor}`);
    writeFileSync(path, xsd.replace(anchor, anchor + addition));
  };
  if (additions.fileColumns) {
    patchFile('CustomizationsSolution.xsd', '<xs:enumeration value="virtual" />', '<xs:enumeration value="file" />');
  }
  if (additions.mergedTabs) {
    patchFile('FormXml.xsd', '<xs:attribute name="collapsible" type="xs:boolean" />', '<xs:attribute name="solutionaction" type="solutionactionType" />');
  }
  return dir;
}
