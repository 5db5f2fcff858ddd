/**
 * The contact sync settings (environment variable `dtclm_contactsync_settings`, contact-sync.md
 * "Field map"), checked with messages an admin can act on. The shape (docs/contact-sync.md):
 *
 *   { "enabled": true,
 *     "scope": "signatories" | "all" | "<OData $filter on contact>",
 *     "fields": [ { "clm": "firstName", "dynamics": "firstname", "direction": "both" }, ... ] }
 *
 * Every key is optional: an empty or missing value is the default of contact-sync.md. `fields`,
 * when given, is the whole map (so a row can be removed or made one-way); `email` must stay in it,
 * since matching needs it. `externalId` is the connector's own (it always carries the contactid).
 */
import { z } from 'zod';

type Direction = 'both' | 'toClm' | 'fromClm';
type FieldKind = 'text' | 'boolean';

export interface FieldRule {
  /** The CLM contact field (clm-api.yaml `Contact`). */
  clm: string;
  /** The Dynamics contact attribute (`statecode` for `active`). */
  dynamics: string;
  direction: Direction;
  kind: FieldKind;
  /** The CLM refuses an empty value for this field (firstName, lastName, email). */
  clmRequired: boolean;
}

export type ContactScope = { kind: 'signatories' } | { kind: 'all' } | { kind: 'filter'; filter: string };

export interface ContactSyncSettings {
  enabled: boolean;
  scope: ContactScope;
  fields: FieldRule[];
}

interface SettingsProblem {
  path: string;
  message: string;
}

/** The CLM fields a contact has (clm-api.yaml), their kind, and whether the CLM requires a value. */
const CLM_FIELDS: Record<string, { kind: FieldKind; required: boolean }> = {
  firstName: { kind: 'text', required: true },
  lastName: { kind: 'text', required: true },
  email: { kind: 'text', required: true },
  phone: { kind: 'text', required: false },
  active: { kind: 'boolean', required: false },
};

export const DEFAULT_FIELDS: readonly FieldRule[] = [
  { clm: 'firstName', dynamics: 'firstname', direction: 'both', kind: 'text', clmRequired: true },
  { clm: 'lastName', dynamics: 'lastname', direction: 'both', kind: 'text', clmRequired: true },
  { clm: 'email', dynamics: 'emailaddress1', direction: 'both', kind: 'text', clmRequired: true },
  { clm: 'phone', dynamics: 'telephone1', direction: 'both', kind: 'text', clmRequired: false },
  { clm: 'active', dynamics: 'statecode', direction: 'both', kind: 'boolean', clmRequired: false },
];

const DEFAULT_SETTINGS: ContactSyncSettings = { enabled: true, scope: { kind: 'signatories' }, fields: [...DEFAULT_FIELDS] };

/** Dynamics attribute logical names: lower-case letters, digits and underscores. */
const LOGICAL_NAME = /^[a-z][a-z0-9_]{0,49}$/;

const rawSchema = z.object({
  enabled: z.unknown().optional(),
  scope: z.unknown().optional(),
  fields: z.unknown().optional(),
});

export type SettingsResult = { ok: true; settings: ContactSyncSettings } | { ok: false; problems: SettingsProblem[] };

/** Reads the environment variable's text; undefined or blank is the default. */
export function parseContactSyncSettings(text: string | undefined | null): SettingsResult {
  if (text === undefined || text === null || text.trim() === '') return { ok: true, settings: DEFAULT_SETTINGS };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ path: '', message: 'Dilitrust_ContactSync_Settings is not JSON: check the quotes and commas.' }] };
  }
  return validateContactSyncSettings(json);
}

function validateContactSyncSettings(json: unknown): SettingsResult {
  const problems: SettingsProblem[] = [];
  const parsed = rawSchema.safeParse(json);
  if (!parsed.success || json === null || Array.isArray(json)) {
    return { ok: false, problems: [{ path: '', message: 'Dilitrust_ContactSync_Settings must be a JSON object such as {"enabled": true, "scope": "all"}.' }] };
  }
  const raw = parsed.data;
  for (const key of Object.keys(json as object)) {
    if (!['enabled', 'scope', 'fields'].includes(key))
      problems.push({ path: key, message: `"${key}" is not a setting; the settings are enabled, scope and fields.` });
  }

  let enabled = true;
  if (raw.enabled !== undefined) {
    if (typeof raw.enabled === 'boolean') enabled = raw.enabled;
    else problems.push({ path: 'enabled', message: 'enabled must be true or false (without quotes).' });
  }

  let scope: ContactScope = { kind: 'signatories' };
  if (raw.scope !== undefined) {
    if (typeof raw.scope !== 'string' || raw.scope.trim() === '') {
      problems.push({ path: 'scope', message: 'scope must be "signatories", "all", or an OData filter on contact such as "address1_country eq \'France\'".' });
    } else if (raw.scope === 'signatories' || raw.scope === 'all') {
      scope = { kind: raw.scope };
    } else {
      scope = { kind: 'filter', filter: raw.scope.trim() };
    }
  }

  let fields: FieldRule[] = [...DEFAULT_FIELDS];
  if (raw.fields !== undefined) {
    if (!Array.isArray(raw.fields) || raw.fields.length === 0) {
      problems.push({ path: 'fields', message: 'fields must be a list of {"clm", "dynamics", "direction"} rows; leave it out for the default map.' });
    } else {
      fields = [];
      raw.fields.forEach((row: unknown, i: number) => {
        const rule = fieldRule(row, `fields[${i}]`, problems);
        if (rule) fields.push(rule);
      });
      const seenClm = new Set<string>();
      const seenDynamics = new Set<string>();
      for (const f of fields) {
        if (seenClm.has(f.clm)) problems.push({ path: 'fields', message: `The CLM field "${f.clm}" appears twice; keep one row for it.` });
        if (seenDynamics.has(f.dynamics)) problems.push({ path: 'fields', message: `The Dynamics column "${f.dynamics}" appears twice; keep one row for it.` });
        seenClm.add(f.clm);
        seenDynamics.add(f.dynamics);
      }
      if (!seenClm.has('email')) problems.push({ path: 'fields', message: 'The map must keep the email row: contacts are matched by e-mail.' });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, settings: { enabled, scope, fields } };
}

function fieldRule(row: unknown, path: string, problems: SettingsProblem[]): FieldRule | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) {
    problems.push({ path, message: 'Each row must be an object {"clm": "...", "dynamics": "...", "direction": "both"}.' });
    return undefined;
  }
  const r = row as Record<string, unknown>;
  const before = problems.length;
  const clm = r.clm;
  const dynamics = r.dynamics;
  const direction = r.direction ?? 'both';
  for (const key of Object.keys(r)) {
    if (!['clm', 'dynamics', 'direction'].includes(key))
      problems.push({ path: `${path}.${key}`, message: `"${key}" is not part of a row; a row has clm, dynamics and direction.` });
  }
  if (clm === 'externalId') {
    problems.push({ path: `${path}.clm`, message: 'externalId is set by the connector (it carries the Dynamics contactid); remove this row.' });
  } else if (typeof clm !== 'string' || !(clm in CLM_FIELDS)) {
    problems.push({ path: `${path}.clm`, message: `clm must be one of the CLM contact fields: ${Object.keys(CLM_FIELDS).join(', ')}.` });
  }
  if (typeof dynamics !== 'string' || !LOGICAL_NAME.test(dynamics)) {
    problems.push({ path: `${path}.dynamics`, message: 'dynamics must be the logical name of a contact column, e.g. "telephone1" (lower case).' });
  }
  if (direction !== 'both' && direction !== 'toClm' && direction !== 'fromClm') {
    problems.push({ path: `${path}.direction`, message: 'direction must be "both", "toClm" or "fromClm".' });
  }
  if (problems.length > before) return undefined;
  const spec = CLM_FIELDS[clm as string];
  // A field of the same kind on both sides: active (a yes/no) goes with statecode only.
  if (spec.kind === 'boolean' && dynamics !== 'statecode') {
    problems.push({ path: `${path}.dynamics`, message: 'active maps to the contact status (statecode) only.' });
    return undefined;
  }
  if (spec.kind === 'text' && dynamics === 'statecode') {
    problems.push({ path: `${path}.clm`, message: 'statecode (the contact status) maps to the CLM field active only.' });
    return undefined;
  }
  return { clm: clm as string, dynamics: dynamics as string, direction: direction as Direction, kind: spec.kind, clmRequired: spec.required };
}
