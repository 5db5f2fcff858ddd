/**
 * solution.xml's `<MissingDependencies>`: what the solution needs from solutions other than
 * Dataverse's own, so that an import into an organization without them stops before anything is
 * made, with the list of what is missing. Written in the shape of a real export
 * (shared/reference/solutions/tactec/solution.xml): a lookup to another solution's table requires
 * the table (type 1), its primary key and primary name columns (type 2), each with the relationship
 * as the dependent (type 10, parentSchemaName the referenced table); a tab merged into another
 * solution's form requires that form (type 60). Keys number the components, a component keeping
 * its key wherever it appears.
 *
 * The `solution` attribute names the solution without its version (an export writes
 * "msdynce_Sales (9.x.y.z)", the version of the exporting organization): import does not compare it.
 */
import { LANGUAGE_CODE } from './customizations/labels';
import { braced } from './guid';
import { SYSTEM_TABLES } from './names';
import type { SolutionInput } from './solution-input';
import { el, type XmlElement } from './xml';

interface Component {
  type: number;
  schemaName?: string;
  id?: string;
  displayName: string;
  parentSchemaName?: string;
  parentDisplayName?: string;
  solution?: string;
}

interface Dependency {
  required: Component;
  dependent: Component;
}

const COMPONENT = { entity: 1, attribute: 2, relationship: 10, systemForm: 60 } as const;

/** Every dependency on a table or form of another solution, in a stable order. */
function missingDependencies(input: SolutionInput): Dependency[] {
  const out: Dependency[] = [];
  for (const rel of input.schema.relationships) {
    const sys = SYSTEM_TABLES[rel.referencedEntity];
    if (rel.isSystem || !sys?.solution) continue;
    const dependent: Component = {
      type: COMPONENT.relationship,
      schemaName: rel.schemaName,
      displayName: rel.schemaName,
      parentSchemaName: rel.referencedEntity,
      parentDisplayName: sys.displayName,
    };
    const parent = { parentSchemaName: rel.referencedEntity, parentDisplayName: sys.displayName, solution: sys.solution };
    out.push({ required: { type: COMPONENT.entity, schemaName: rel.referencedEntity, displayName: sys.displayName, solution: sys.solution }, dependent });
    if (sys.primaryId) out.push({ required: { type: COMPONENT.attribute, schemaName: sys.primaryId, displayName: sys.displayName, ...parent }, dependent });
    if (sys.primaryName) out.push({ required: { type: COMPONENT.attribute, schemaName: sys.primaryName, displayName: sys.displayName, ...parent }, dependent });
  }
  for (const form of input.formCustomizations) {
    const sys = SYSTEM_TABLES[form.table];
    if (!sys?.solution) continue;
    const id = braced(form.formId);
    const parent = { parentSchemaName: form.table, parentDisplayName: sys.displayName };
    out.push({
      required: { type: COMPONENT.systemForm, id, displayName: form.formName[LANGUAGE_CODE], ...parent, solution: sys.solution },
      dependent: { type: COMPONENT.systemForm, id, displayName: form.formName[LANGUAGE_CODE], ...parent },
    });
  }
  return out;
}

/** Required and dependent components are numbered apart: a form this solution changes depends on the form it changes. */
const componentKey = (role: 'required' | 'dependent', c: Component) => `${role}:${c.type}:${c.parentSchemaName ?? ''}:${c.schemaName ?? c.id}`;

export function missingDependenciesXml(input: SolutionInput): XmlElement {
  const keys = new Map<string, number>();
  const keyOf = (role: 'required' | 'dependent', c: Component) => {
    const k = componentKey(role, c);
    if (!keys.has(k)) keys.set(k, keys.size);
    return keys.get(k)!;
  };
  const attrs = (role: 'required' | 'dependent', c: Component) => ({
    key: keyOf(role, c),
    type: c.type,
    schemaName: c.schemaName,
    id: c.id,
    displayName: c.displayName,
    parentSchemaName: c.parentSchemaName,
    parentDisplayName: c.parentDisplayName,
    solution: c.solution,
  });
  return el(
    'MissingDependencies',
    {},
    missingDependencies(input).map((d) => {
      const required = attrs('required', d.required);
      return el('MissingDependency', {}, el('Required', required), el('Dependent', attrs('dependent', d.dependent)));
    }),
  );
}
