/**
 * The connector's mapping problems (`{ path, message }`, from validate or a 422 of the save) as
 * editor diagnostics at their JSON path. Kept as paths, not positions, and placed again on the
 * current text each time, so a problem stays on its value while the admin types around it.
 */
import type { Diagnostic } from '@codemirror/lint';
import type { Tree } from '@lezer/common';
import { locateJsonPath } from './json-path-locator';

export interface MappingProblem {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

export function problemDiagnostics(text: string, problems: readonly MappingProblem[], tree?: Tree): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const at = locateJsonPath(text, p.path, tree);
    if (!at) {
      out.push({ from: 0, to: Math.min(1, text.length), severity: p.severity, message: `${p.path}: ${p.message}` });
      continue;
    }
    const multiLine = text.slice(at.from, at.to).includes('\n');
    // A long object or array is marked at its key (or its opening bracket), a short value as a whole.
    const range = multiLine || !at.exact ? (at.name ?? { from: at.from, to: at.from + 1 }) : { from: at.from, to: at.to };
    out.push({ from: range.from, to: range.to, severity: p.severity, message: at.exact ? p.message : `${p.message} (${p.path})` });
  }
  return out;
}
