/**
 * The JSON mapping of mapping.md as a zod schema. Every object is strict: a typo in a key must be
 * reported, never silently ignored. Each top-level section also has its own schema so that
 * validateMapping can keep checking the sections that are well formed when another one is not.
 */
import { z } from 'zod';
import { CONTRACT_STATUSES } from '../contract';
import { type MappingProblem, shapeProblem } from './errors';

/** The forms a template can be offered on today (mapping.md: `opportunity` or `quote`). */
export const SUPPORTED_TRIGGER_ENTITIES = ['opportunity', 'quote'] as const;

/** mapping.md: `top` is at most 500 rows. */
const MAX_COLLECTION_TOP = 500;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** A logical name (attribute, table) or a navigation property name. */
const logicalName = z.string().regex(NAME, { message: 'must be a logical name (letters, digits, _)' });
/** An attribute, or a `.`-separated path through single-valued navigation properties to one. */
const attributePath = z.string().regex(PATH, { message: 'must be an attribute logical name or a .-separated path (parentaccountid.name)' });

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const valueSourceObject = z.strictObject({
  attribute: attributePath,
  as: z.enum(['value', 'label', 'id']).optional(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  format: z.enum(['date', 'datetime', 'number', 'money']).optional(),
  default: jsonValue.optional(),
});
const valueSource = z.union([attributePath, valueSourceObject]);

export interface RelatedBlock {
  entity: string;
  fields?: Record<string, ValueSource>;
  relatedEntities?: Record<string, RelatedBlock>;
}
const relatedBlock: z.ZodType<RelatedBlock> = z.lazy(() =>
  z.strictObject({
    entity: logicalName,
    fields: z.record(z.string(), valueSource).optional(),
    relatedEntities: z.record(logicalName, relatedBlock).optional(),
  }),
);

const collectionBlock = z.strictObject({
  relationship: logicalName,
  entity: logicalName,
  orderBy: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*( (asc|desc))?$/, { message: 'must be an attribute, optionally followed by " asc" or " desc"' })
    .optional(),
  top: z.int().min(1).max(MAX_COLLECTION_TOP).optional(),
  filter: z.string().min(1).optional(),
  columns: z.record(z.string(), valueSource),
});

const fixedFieldMapping = z.strictObject({
  entity: logicalName,
  /** Any non-empty text here (the product guide shows `<guid>`); validateMapping checks it is a GUID. */
  id: z.string().min(1),
  attribute: logicalName,
});

const signatoryEntry = z.strictObject({
  /** A navigation property, `.`-separated for deeper ones, or `this` for the trigger record. */
  from: attributePath,
  firstName: logicalName,
  lastName: logicalName,
  email: logicalName,
  phone: logicalName.optional(),
  order: z.int().min(1).optional(),
});

/** How far ahead of an end date a renewal task can be asked for: ten years. */
const MAX_RENEWAL_NOTICE_DAYS = 3650;

/**
 * mapping.md "Back into Dynamics": what the CLM decided, written onto the trigger record at a
 * status. `fields` goes the other way from the rest: Dynamics column -> CLM field key.
 */
const returnsBlock = z.strictObject({
  when: z.enum(CONTRACT_STATUSES).optional(),
  fields: z.record(logicalName, z.string().min(1)).optional(),
  endDate: z.string().min(1).optional(),
  renewalNoticeDays: z.int().min(0).max(MAX_RENEWAL_NOTICE_DAYS).optional(),
});

/** One schema per top-level key, so that a broken section does not hide the problems of the others. */
export const mappingSections = {
  trigger_entity: z.string().min(1),
  contractName: z.string().min(1).optional(),
  fields: z.record(z.string(), valueSource).optional(),
  relatedEntities: z.record(logicalName, relatedBlock).optional(),
  collections: z.record(z.string(), collectionBlock).optional(),
  fixedFieldMappings: z.record(z.string(), fixedFieldMapping).optional(),
  constants: z.record(z.string(), jsonValue).optional(),
  signatories: z.array(signatoryEntry).optional(),
  returns: returnsBlock.optional(),
};

const mappingSchema = z.strictObject(mappingSections);

export type ValueSourceObject = z.infer<typeof valueSourceObject>;
export type ValueSource = string | ValueSourceObject;
export type SignatoryEntry = z.infer<typeof signatoryEntry>;
export type ReturnsBlock = z.infer<typeof returnsBlock>;
export type Mapping = z.infer<typeof mappingSchema>;

export type ParseResult = { ok: true; mapping: Mapping } | { ok: false; problems: MappingProblem[] };

/** Turns zod issues into problems with a JSON path; an unknown key gets the path of the key itself. */
export function issuesToProblems(issues: readonly z.core.$ZodIssue[], prefix: readonly (string | number)[] = []): MappingProblem[] {
  const out: MappingProblem[] = [];
  for (const issue of issues) {
    const at = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push(shapeProblem('unknown_key', [...at, key], `unknown key "${key}"`));
    } else if (issue.code === 'invalid_union') {
      // A value source is a string or an object: report the branch that matches what was written.
      const branches = issue.errors.filter((b) => !(b.length === 1 && b[0].code === 'invalid_type' && b[0].path.length === 0));
      if (branches.length > 0) out.push(...issuesToProblems(branches[0], at));
      else out.push(shapeProblem('invalid_shape', at, 'must be an attribute path or an object { attribute, as, values, format, default }'));
    } else {
      out.push(shapeProblem('invalid_shape', at, issue.message));
    }
  }
  return out;
}

/** Parses JSON text or an already-parsed value; every shape problem is reported, each with its path. */
export function parseMapping(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [shapeProblem('invalid_shape', [], `not valid JSON: ${(e as Error).message}`)] };
    }
  }
  const parsed = mappingSchema.safeParse(value);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  return { ok: false, problems: issuesToProblems(parsed.error.issues) };
}
