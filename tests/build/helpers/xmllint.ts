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
 * The 9.0 schema plus the file column, which it predates: `file` as an attribute <Type> and the
 * <MaxSizeInKB> element that current Dataverse exports for it. Nothing else is added, and each
 * addition must apply exactly once, so the test cannot pass on a schema that changed under it.
 */
export function customizationsXsdWithFileColumns(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xsd-file-columns-'));
  cpSync(XSD_DIR, dir, { recursive: true });
  const path = join(dir, 'CustomizationsSolution.xsd');
  let xsd = readFileSync(path, 'utf8');
  const patch = (anchor: string, addition: string) => {
    const count = xsd.split(anchor).length - 1;
    if (count !== 1) throw new Error(`XSD anchor found ${count} times: ${anchor}`);
    xsd = xsd.replace(anchor, anchor + addition);
  };
  patch('<xs:enumeration value="virtual" />', '<xs:enumeration value="file" />');
  patch(
    '<xs:element name="IsDataSourceSecret" type="TrueFalse01Type" minOccurs="0" maxOccurs="1" />',
    '<xs:element name="MaxSizeInKB" type="xs:positiveInteger" minOccurs="0" maxOccurs="1" />',
  );
  writeFileSync(path, xsd);
  return path;
}
