/**
 * Problems found in a mapping or while converting a record, each with the JSON path into the
 * mapping that caused it (`$.relatedEntities.customerid_account.fields.dt0_client_nom`), so that
 * the admin page can put the message next to the line to fix.
 */

/**
 * `shape`: the mapping itself is wrong (caught by validateMapping before any record is read).
 * `data`: the mapping is right but this record's values cannot fill the template (empty required
 * field, no matching choice, too long); a salesperson can act on these by editing the record.
 */
export type ProblemKind = 'shape' | 'data';

export type ProblemCode =
  | 'invalid_shape'
  | 'unknown_key'
  | 'unsupported_trigger'
  | 'unknown_template_field'
  | 'required_unmapped'
  | 'unknown_entity'
  | 'unknown_attribute'
  | 'unknown_navigation'
  | 'unknown_relationship'
  | 'incompatible_type'
  | 'invalid_literal'
  | 'invalid_id'
  | 'unsupported_path'
  | 'required_empty'
  | 'too_long'
  | 'no_choice_match'
  | 'not_convertible'
  | 'missing_email'
  | 'record_not_found';

export interface MappingProblem {
  kind: ProblemKind;
  code: ProblemCode;
  /** JSON path into the mapping, `$` is the mapping itself. */
  path: string;
  message: string;
  /** The CLM field key the problem is about, when there is one. */
  fieldKey?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['relatedEntities', 'customerid_account', 'fields', 'x']` -> `$.relatedEntities.customerid_account.fields.x`. */
export function jsonPath(segments: readonly (string | number)[]): string {
  let out = '$';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

export function shapeProblem(code: ProblemCode, segments: readonly (string | number)[], message: string, fieldKey?: string): MappingProblem {
  return { kind: 'shape', code, path: jsonPath(segments), message, ...(fieldKey ? { fieldKey } : {}) };
}

export function dataProblem(code: ProblemCode, segments: readonly (string | number)[], message: string, fieldKey?: string): MappingProblem {
  return { kind: 'data', code, path: jsonPath(segments), message, ...(fieldKey ? { fieldKey } : {}) };
}

/** The words a salesperson reads: `Client SIREN: Customer > Account Number is empty`. */
export function emptyRequiredMessage(fieldLabel: string, dynamicsPath: readonly string[]): string {
  return `${fieldLabel}: ${dynamicsPath.join(' > ')} is empty`;
}
