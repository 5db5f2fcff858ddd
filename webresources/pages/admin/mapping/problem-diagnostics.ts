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
  /** The text of the value the problem was found on, when the check saw one at its path. */
  anchor?: string;
}

/** Stamps problems with the values they were found on in the text that was checked. */
export function anchored(checkedText: string, problems: readonly MappingProblem[]): MappingProblem[] {
  return problems.map((p) => {
    const at = locateJsonPath(checkedText, p.path);
    return at?.exact ? { ...p, anchor: checkedText.slice(at.from, at.to) } : p;
  });
}

/**
 * Whether a problem still stands on the text as it is now: one whose value has been edited since
 * the check is not shown until the next check says (a fixed typo must not keep its old error, nor
 * an old error jump onto the new value).
 */
export function stillStands(text: string, p: MappingProblem, tree?: Tree): boolean {
  if (p.anchor === undefined) return true;
  const at = locateJsonPath(text, p.path, tree);
  return !!at?.exact && text.slice(at.from, at.to) === p.anchor;
}

export function problemDiagnostics(text: string, problems: readonly MappingProblem[], tree?: Tree): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    if (!stillStands(text, p, tree)) continue;
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
