/**
 * Value sources and `.`-separated paths: `parentaccountid.primarycontactid.fullname` is the
 * attribute `fullname` reached through two single-valued navigation properties.
 */
import type { ValueSource, ValueSourceObject } from './schema';

/**
 * Navigation names that admins write but the Web API does not expose, and the real property to
 * read instead. `ownerid_systemuser` follows the `customerid_account` pattern of polymorphic
 * lookups, but the owner lookup's single-valued navigation properties are `owninguser` and
 * `owningteam` (the `ownerid` property itself is typed as `principal` and cannot $select user
 * columns). Reading the alias gives what the admin meant: the owning user (or team).
 */
const NAVIGATION_ALIASES: Readonly<Record<string, string>> = {
  ownerid_systemuser: 'owninguser',
  ownerid_team: 'owningteam',
};

export function canonicalNavigation(name: string): string {
  return NAVIGATION_ALIASES[name] ?? name;
}

/** The `from` of a signatory entry that means the trigger record itself. */
const THIS_RECORD = 'this';

export interface NormalizedSource {
  /** Navigation properties to follow from the block's record, as written (aliases not yet applied). */
  navigation: string[];
  attribute: string;
  as?: ValueSourceObject['as'];
  values?: ValueSourceObject['values'];
  format?: ValueSourceObject['format'];
  hasDefault: boolean;
  default?: unknown;
}

export function splitPath(path: string): { navigation: string[]; attribute: string } {
  const parts = path.split('.');
  const attribute = parts.pop() as string;
  return { navigation: parts, attribute };
}

export function normalizeSource(source: ValueSource): NormalizedSource {
  if (typeof source === 'string') return { ...splitPath(source), hasDefault: false };
  const { navigation, attribute } = splitPath(source.attribute);
  return {
    navigation,
    attribute,
    as: source.as,
    values: source.values,
    format: source.format,
    hasDefault: source.default !== undefined,
    default: source.default,
  };
}

/** The navigation path of a signatory entry's `from` (empty for `this`). */
export function signatoryNavigation(from: string): string[] {
  return from === THIS_RECORD ? [] : from.split('.');
}

/** How a lookup attribute appears in the Web API: `customerid` is selected and returned as `_customerid_value`. */
export function lookupValueProperty(attribute: string): string {
  return /^_.+_value$/.test(attribute) ? attribute : `_${attribute}_value`;
}

export function isLookupValueProperty(property: string): boolean {
  return /^_.+_value$/.test(property);
}
