import { SCIMMY } from 'scimmy-routers';

/**
 * The CLM's filter profile (scim-profile.md): `eq` and `and` on userName, externalId and
 * displayName. SCIMMY parses the expression; this checks it stays inside the profile (anything else
 * is 400 invalidFilter, RFC 7644 section 3.4.2.2) and evaluates it with each attribute's caseExact
 * (RFC 7643: userName and displayName compare without case, externalId with it).
 */
const FILTERABLE: Record<string, { caseExact: boolean }> = {
  username: { caseExact: false },
  externalid: { caseExact: true },
  displayname: { caseExact: false },
};

type Comparison = [string, unknown];
/** One branch of SCIMMY's parsed filter: attribute -> comparison(s), all and-ed. */
type Branch = Record<string, Comparison | Comparison[]>;

export interface EqualityTest {
  attribute: string;
  value: string;
  caseExact: boolean;
}

const invalid = (detail: string) => new SCIMMY.Types.Error(400, 'invalidFilter', detail);

/** The and-ed equality tests of a filter, or a 400 invalidFilter outside the CLM's profile. */
export function equalityTests(filter: unknown): EqualityTest[] {
  const branches = filter as Branch[];
  if (!Array.isArray(branches) || branches.length === 0) return [];
  if (branches.length > 1) throw invalid('The CLM supports the "eq" and "and" filter operators only ("or" is not supported)');
  const tests: EqualityTest[] = [];
  for (const [attribute, raw] of Object.entries(branches[0])) {
    const profile = FILTERABLE[attribute.toLowerCase()];
    if (!profile) throw invalid(`Filtering on "${attribute}" is not supported; the CLM filters on userName, externalId and displayName`);
    const comparisons: Comparison[] = Array.isArray(raw[0]) ? (raw as Comparison[]) : [raw as Comparison];
    for (const comparison of comparisons) {
      const [operator, value] = comparison;
      if (typeof operator !== 'string' || operator.toLowerCase() !== 'eq' || comparison.length !== 2) {
        throw invalid(`The operator "${String(operator)}" is not supported; the CLM filters with "eq" and "and" only`);
      }
      if (typeof value !== 'string') throw invalid(`"${attribute}" is compared with a string value`);
      tests.push({ attribute, value, caseExact: profile.caseExact });
    }
  }
  return tests;
}

export function matches(resource: Record<string, unknown>, tests: EqualityTest[]): boolean {
  return tests.every(({ attribute, value, caseExact }) => {
    const key = Object.keys(resource).find((k) => k.toLowerCase() === attribute.toLowerCase());
    const actual = key === undefined ? undefined : resource[key];
    if (typeof actual !== 'string') return false;
    return caseExact ? actual === value : actual.toLowerCase() === value.toLowerCase();
  });
}
