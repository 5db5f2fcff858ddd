/**
 * What the ribbon hands a page it opens: Xrm.Navigation.navigateTo passes `data` to a web resource
 * as the `data` query parameter, so it travels as JSON text.
 */

export interface PageData {
  /** Logical name of the record's table: opportunity or quote. */
  entityName: string;
  /** The record's id, lower case, without braces. */
  recordId: string;
  /** What the page should do first, when not its default. */
  action?: 'sendToSign';
}

export function encodePageData(data: PageData): string {
  return JSON.stringify(data);
}

/** Reads the page data from a web resource's query string; undefined when absent or malformed. */
export function readPageData(search: string): PageData | undefined {
  const params = new URLSearchParams(search);
  const raw = params.get('data');
  // A form's web resource control with "pass record object-type code and unique identifier" gets typename and id.
  const typename = params.get('typename');
  const id = params.get('id');
  if (!raw && typename && id) return { entityName: typename, recordId: id.replace(/[{}]/g, '').toLowerCase() };
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<PageData>;
    if (typeof parsed.entityName !== 'string' || typeof parsed.recordId !== 'string') return undefined;
    return { entityName: parsed.entityName, recordId: parsed.recordId, ...(parsed.action === 'sendToSign' ? { action: parsed.action } : {}) };
  } catch {
    return undefined;
  }
}
