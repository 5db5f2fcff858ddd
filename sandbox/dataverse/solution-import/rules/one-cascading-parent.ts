/**
 * One cascading relationship per related table (Microsoft, "Create and edit 1:N relationships",
 * limitations on behaviors you can set): a table can be the related (referencing) table of only one
 * relationship that is parental or that cascades Assign, Share, Unshare or Reparent. Dataverse
 * refuses the second one; the refusal names it and the one already there.
 */
import type { RelationshipDef } from '../../../../solution/model/types';
import { IMPORT_ERROR, SolutionImportError } from '../import-error';

function isCascading(r: RelationshipDef): boolean {
  const cascades = [r.cascadeAssign, r.cascadeShare, r.cascadeUnshare, r.cascadeReparent].some(
    (c) => c !== undefined && c !== 'NoCascade' && c !== 'RemoveLink' && c !== 'Restrict',
  );
  return cascades || r.cascadeDelete === 'Cascade';
}

/** `existing`: the organization's relationships; `added`: the solution's, in the order it lists them. */
export function checkOneCascadingParent(existing: RelationshipDef[], added: RelationshipDef[]): void {
  const parentOf = new Map<string, RelationshipDef>();
  for (const r of existing.filter(isCascading)) if (!parentOf.has(r.referencingEntity)) parentOf.set(r.referencingEntity, r);
  for (const r of added.filter(isCascading)) {
    const first = parentOf.get(r.referencingEntity);
    if (first) {
      // Our wording: the article states the limitation, not the message the import gives.
      throw new SolutionImportError(
        IMPORT_ERROR.cascadingRelationship,
        `EntityRelationship ${r.schemaName}`,
        `The relationship ${r.schemaName} cannot be created: the related table ${r.referencingEntity} already has a cascading (parental or configurable cascading) ` +
          `relationship, ${first.schemaName}, and a table can be the related table of only one. Make ${r.schemaName} referential (no cascade).`,
      );
    }
    parentOf.set(r.referencingEntity, r);
  }
}
