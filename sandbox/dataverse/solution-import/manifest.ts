/** solution.xml: the solution's name, version, publisher, root components and declared missing dependencies. */
import { all, first, labelAt, textOf, type XNode } from './xml-tree';

/** One side of a `<MissingDependency>`: a component by type and schema name or id. */
export interface ComponentRef {
  type: number;
  schemaName?: string;
  id?: string;
  displayName?: string;
  /** A column's (type 2) or form's table. */
  parentSchemaName?: string;
  /** The solution that holds it in the exporting organization, e.g. "msdynce_Sales (9.0)". */
  solution?: string;
}

export interface MissingDependency {
  required: ComponentRef;
  dependent?: ComponentRef;
}

export interface SolutionManifest {
  uniqueName: string;
  displayName: string;
  version: string;
  managed: boolean;
  publisher: { uniqueName: string; customizationPrefix: string; customizationOptionValuePrefix: number };
  rootComponents: Array<{ type: number; schemaName?: string; id?: string; behavior: number }>;
  missingDependencies: MissingDependency[];
}

function componentRef(node: XNode | undefined): ComponentRef | undefined {
  if (!node) return undefined;
  const a = node.attrs;
  return { type: Number(a.type), schemaName: a.schemaName, id: a.id, displayName: a.displayName, parentSchemaName: a.parentSchemaName, solution: a.solution };
}

export function readManifest(solution: XNode): SolutionManifest {
  const m = first(solution, 'SolutionManifest');
  const publisher = first(m, 'Publisher');
  return {
    uniqueName: textOf(m, 'UniqueName') ?? '',
    displayName: labelAt(m, 'LocalizedNames/LocalizedName') ?? '',
    version: textOf(m, 'Version') ?? '',
    managed: textOf(m, 'Managed') === '1',
    publisher: {
      uniqueName: textOf(publisher, 'UniqueName') ?? '',
      customizationPrefix: textOf(publisher, 'CustomizationPrefix') ?? '',
      customizationOptionValuePrefix: Number(textOf(publisher, 'CustomizationOptionValuePrefix')),
    },
    rootComponents: all(m, 'RootComponents/RootComponent').map((r) => ({
      type: Number(r.attrs.type),
      schemaName: r.attrs.schemaName,
      id: r.attrs.id,
      behavior: Number(r.attrs.behavior ?? 0),
    })),
    missingDependencies: all(m, 'MissingDependencies/MissingDependency').map((d) => ({
      required: componentRef(first(d, 'Required'))!,
      dependent: componentRef(first(d, 'Dependent')),
    })),
  };
}
