/**
 * Whether a CLM contract belongs to a `dtclm_contract` row (dataverse-model.md, "Who writes what"):
 * the connector acts on a CLM contract only when its `externalRef` (clm-api.yaml
 * ExternalRef, set by Request Contract) names the row's opportunity or quote in this organization.
 * A row pointing at someone else's CLM contract (a planted `dtclm_clmcontractid`) would otherwise
 * list its flows, start its validation, replace its signatories and receive its signed PDF.
 *
 * The rules, in order:
 * - an `orgUrl` that names another organization never matches;
 * - the row's lookup of the entity named (`dtclm_opportunityid` / `dtclm_quoteid`) must hold the id;
 * - that lookup empty means its record was deleted (Delete: Remove Link, the contract outlives it):
 *   then only an `orgUrl` naming this organization vouches for it, since the id cannot be compared.
 */
export interface ExternalRefOwner {
  /** The row's `dtclm_opportunityid` (null when empty). */
  opportunityId: string | null;
  /** The row's `dtclm_quoteid` (null when empty). */
  quoteId: string | null;
}

/** Why the CLM contract is not the row's, in words for the person who asked; null when it is. */
export function externalRefMismatch(externalRef: unknown, row: ExternalRefOwner, orgUrl: string | undefined): string | null {
  const ref = asRef(externalRef);
  if (!ref) return 'the CLM contract names no Dynamics 365 record';
  const ours = originOf(orgUrl);
  const theirs = ref.orgUrl === undefined ? undefined : originOf(ref.orgUrl);
  if (ref.orgUrl !== undefined && (!theirs || (ours && theirs !== ours))) return 'the CLM contract was made for another Dynamics 365 organization';
  const lookup = ref.entity === 'opportunity' ? row.opportunityId : row.quoteId;
  if (lookup) return sameId(lookup, ref.id) ? null : `the CLM contract was made for another ${ref.entity}`;
  if (ours && theirs === ours) return null;
  return `the CLM contract was made for a ${ref.entity} this contract is not linked to`;
}

interface Ref {
  entity: 'opportunity' | 'quote';
  id: string;
  orgUrl?: string;
}

function asRef(value: unknown): Ref | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (v.system !== 'dynamics365' || (v.entity !== 'opportunity' && v.entity !== 'quote') || typeof v.id !== 'string' || !v.id) return undefined;
  if (v.orgUrl !== undefined && v.orgUrl !== null && typeof v.orgUrl !== 'string') return undefined;
  return { entity: v.entity, id: v.id, ...(typeof v.orgUrl === 'string' ? { orgUrl: v.orgUrl } : {}) };
}

/** Organizations compare by origin: `https://contoso.crm4.dynamics.com/` and its form without the slash are one. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin.toLowerCase();
  } catch {
    return undefined;
  }
}

/** GUIDs in Dataverse compare without case (and the CLM keeps the form it was given). */
function sameId(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
