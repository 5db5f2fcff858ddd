/** Values that go into an OData URL ($filter literals), encoded in one place. */

/** OData string literal: a single quote is doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A GUID as a $filter operand: checked, since it is written without quotes. */
export function odataGuid(value: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) throw new Error('Not a GUID.');
  return value;
}
