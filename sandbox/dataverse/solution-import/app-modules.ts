/** `<AppModules>`: the model-driven apps, with the components they show and the roles that see them. */
import type { ImportedApp } from './imported-solution';
import { normalizeId } from './tables';
import { all, labelsAt, textOf, type XNode } from './xml-tree';

export function readAppModules(customizations: XNode): ImportedApp[] {
  return all(customizations, 'AppModules/AppModule').map((a) => ({
    uniqueName: textOf(a, 'UniqueName') ?? '',
    displayName: labelsAt(a, 'LocalizedNames/LocalizedName') ?? '',
    components: all(a, 'AppModuleComponents/AppModuleComponent').map((c) => ({
      type: Number(c.attrs.type),
      ...(c.attrs.schemaName ? { schemaName: c.attrs.schemaName } : {}),
      ...(c.attrs.id ? { id: normalizeId(c.attrs.id) } : {}),
    })),
    roleIds: all(a, 'AppModuleRoleMaps/Role').map((r) => normalizeId(r.attrs.id ?? '')),
  }));
}
