/** `<optionsets>`: the solution's global choices. */
import type { OptionSetDef } from '../../../solution/model/types';
import { all, labelsAt, type XNode } from './xml-tree';

export function readGlobalOptionSets(customizations: XNode): OptionSetDef[] {
  return all(customizations, 'optionsets/optionset').map((set) => ({
    name: set.attrs.Name ?? '',
    displayName: labelsAt(set, 'displaynames/displayname') ?? set.attrs.localizedName ?? '',
    isGlobal: true,
    options: all(set, 'options/option').map((o) => ({ value: Number(o.attrs.value), label: labelsAt(o, 'labels/label') ?? '' })),
  }));
}
