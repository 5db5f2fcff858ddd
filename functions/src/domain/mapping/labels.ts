/** The words Dynamics shows for a path ("Customer > Account Number"), from metadata display names. */
import { type DataverseMetadata, findAttribute } from './metadata';
import { canonicalNavigation } from './paths';

/**
 * Labels of each navigation step and of the attribute. A step is labelled by its lookup column's
 * display name (the "Customer" of customerid_account); logical names stand in when metadata lacks one.
 */
export function dynamicsPathLabels(
  startEntity: string | undefined,
  navigation: readonly string[],
  attribute: string | undefined,
  metadata: DataverseMetadata | undefined,
): string[] {
  const labels: string[] = [];
  let entity = startEntity;
  for (const nav of navigation) {
    const info = entity ? metadata?.entities[entity] : undefined;
    const navInfo = info?.singleValued[canonicalNavigation(nav)];
    const lookup = navInfo?.lookupAttribute ? findAttribute(info, navInfo.lookupAttribute) : undefined;
    labels.push(lookup?.displayName ?? nav);
    entity = navInfo?.target;
  }
  if (attribute !== undefined) {
    const info = entity ? metadata?.entities[entity] : undefined;
    labels.push(findAttribute(info, attribute)?.displayName ?? attribute);
  }
  return labels;
}
