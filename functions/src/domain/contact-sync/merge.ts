/**
 * The per-field three-way merge of contact-sync.md "Rules": each side's values are compared with
 * what that side held after the last sync (`base`), so a field one side changed goes to the other;
 * a field both sides changed goes to the side that changed last (Dynamics `modifiedon` against CLM
 * `updatedAt`), and the value it overwrote is reported; an empty value never clears a filled one
 * unless the field is one-way toward that side; a one-way field always follows its source.
 * Pure: no I/O, the same input always gives the same answer.
 */
import type { FieldRule } from './settings';
import { isEmpty, normalise, sameValue, type ContactValues, type FieldValue, type SyncedValues } from './values';

export type Side = 'dynamics' | 'clm';

interface SideState {
  values: ContactValues;
  /** RFC 3339: Dynamics `modifiedon`, CLM `updatedAt`. */
  changedAt: string;
}

export interface MergeInput {
  rules: readonly FieldRule[];
  /** Undefined: the pair was never synced (a new link), so every difference is a conflict to settle. */
  base?: SyncedValues;
  dynamics: SideState;
  clm: SideState;
}

interface FieldConflict {
  field: string;
  dynamics: FieldValue;
  clm: FieldValue;
  winner: Side;
}

export interface MergeResult {
  /** What each side holds once the patches are written (the next base). */
  merged: SyncedValues;
  toDynamics: ContactValues;
  toClm: ContactValues;
  conflicts: FieldConflict[];
}

/** Neither side moved, yet they differ: nothing to settle. */
const LEAVE = Symbol('leave');

/** Later change wins; on the same instant Dynamics, where sales keeps its contacts, wins. */
function laterSide(input: MergeInput): Side {
  return Date.parse(input.clm.changedAt) > Date.parse(input.dynamics.changedAt) ? 'clm' : 'dynamics';
}

export function mergeContact(input: MergeInput): MergeResult {
  const merged: SyncedValues = { dynamics: {}, clm: {} };
  const toDynamics: ContactValues = {};
  const toClm: ContactValues = {};
  const conflicts: FieldConflict[] = [];

  for (const rule of input.rules) {
    const f = rule.clm;
    const d = normalise(input.dynamics.values[f]);
    const c = normalise(input.clm.values[f]);
    let nextD = d;
    let nextC = c;

    if (rule.direction === 'toClm') {
      nextC = d;
    } else if (rule.direction === 'fromClm') {
      nextD = c;
    } else if (!sameValue(d, c)) {
      const dChanged = input.base === undefined || !sameValue(d, normalise(input.base.dynamics[f]));
      const cChanged = input.base === undefined || !sameValue(c, normalise(input.base.clm[f]));
      let value: FieldValue | typeof LEAVE;
      if (isEmpty(d) && !isEmpty(c)) value = c;
      else if (isEmpty(c) && !isEmpty(d)) value = d;
      else if (dChanged && !cChanged) value = d;
      else if (cChanged && !dChanged) value = c;
      else if (!dChanged && !cChanged) {
        // Neither moved since the last sync yet they differ (a value one side refused): leave both.
        value = LEAVE;
      } else {
        const winner = laterSide(input);
        value = winner === 'dynamics' ? d : c;
        conflicts.push({ field: f, dynamics: d, clm: c, winner });
      }
      if (value !== LEAVE) {
        nextD = value;
        nextC = value;
      }
    }

    // The CLM refuses an empty first name, last name or e-mail: it keeps its value.
    if (rule.clmRequired && isEmpty(nextC)) nextC = c;

    merged.dynamics[f] = nextD;
    merged.clm[f] = nextC;
    if (!sameValue(nextD, d)) toDynamics[f] = nextD;
    if (!sameValue(nextC, c)) toClm[f] = nextC;
  }
  return { merged, toDynamics, toClm, conflicts };
}
