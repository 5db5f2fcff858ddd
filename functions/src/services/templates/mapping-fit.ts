/**
 * Does a template's mapping still fit the template? The mapping engine's own check
 * (validateMapping with the template's fields and Dataverse metadata), summed up as the row's
 * `dtclm_mappingstate` and `dtclm_mappingerrors`: one line per problem, "<JSON path>: <words>",
 * so the admin sees what to fix where (a required field added and not mapped, a mapped field
 * removed, a type changed so the source no longer converts, ...).
 */
import { validateMapping, type MappingProblem, type TemplateField } from '../../domain/mapping';
import { metadataFor } from '../mapping/preview-mapping';
import type { MetadataReader } from '../ports';
import type { MappingState } from './ports';

/** dtclm_mappingerrors holds at most 4000 characters. */
const MAX_ERRORS_CHARS = 4000;

export interface MappingFit {
  state: MappingState;
  problems: MappingProblem[];
  /** The column's text, or null when the mapping fits (or there is none). */
  errorsText: string | null;
}

export function hasMapping(mappingJson: string | null | undefined): mappingJson is string {
  return typeof mappingJson === 'string' && mappingJson.trim() !== '';
}

export async function checkMappingFit(mapping: unknown, fields: readonly TemplateField[], metadata: MetadataReader): Promise<MappingFit> {
  const shape = validateMapping(mapping, fields);
  const problems = shape.mapping ? validateMapping(shape.mapping, fields, await metadataFor(shape.mapping, metadata)).problems : shape.problems;
  return fitOf(problems);
}

function fitOf(problems: MappingProblem[]): MappingFit {
  if (problems.length === 0) return { state: 'fits', problems, errorsText: null };
  return { state: 'broken', problems, errorsText: errorsText(problems) };
}

export function errorsText(problems: readonly MappingProblem[]): string {
  const lines: string[] = [];
  let length = 0;
  for (const [i, p] of problems.entries()) {
    const line = `${p.path}: ${p.message}`;
    const more = `... and ${problems.length - i} more problem(s)`;
    if (length + line.length + 1 + more.length > MAX_ERRORS_CHARS) {
      lines.push(more);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** A stored mapping's text as JSON; text that does not parse is itself a problem the check reports. */
export function parseStoredMapping(mappingJson: string): unknown {
  try {
    return JSON.parse(mappingJson) as unknown;
  } catch {
    return mappingJson; // validateMapping reports "not valid JSON" with its path
  }
}
