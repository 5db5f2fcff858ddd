/**
 * The contract name: a pattern such as `{name} - {customerid_account.name}`, each `{path}` taking
 * a value like a text field does; by default "<template name> - <record primary name>".
 */

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}/g;

/** The paths a pattern reads, in order of appearance. */
export function placeholdersOf(pattern: string): string[] {
  return [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/**
 * Fills a pattern; `textOf` gives a path's text ('' when empty). Runs of separators left by empty
 * values are tidied so that "{name} - {x}" with no x gives "Q-1001" rather than "Q-1001 - ".
 */
export function renderContractName(pattern: string, textOf: (path: string) => string): string {
  const filled = pattern.replace(PLACEHOLDER, (_, path: string) => textOf(path));
  return filled
    .replace(/^[\s\-–—,:;/|]+|[\s\-–—,:;/|]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function defaultContractName(templateName: string | undefined, primaryName: string): string {
  return [templateName, primaryName].filter((s) => s && s.trim()).join(' - ');
}
