/**
 * Components whose dependencies are present. A solution holds a table the organization already has
 * (behavior 2, only what it adds), merges a tab into an organization's form, and lists in
 * solution.xml's `<MissingDependencies>` what it needs from other solutions (Sales' opportunity and
 * quote tables and main forms). Dataverse checks each before importing anything and refuses the
 * whole zip: "The following solution cannot be imported: <name>. Some dependencies are missing. The
 * missing dependencies are : <MissingDependencies>..." (ErrorCode -2147188707, as Microsoft's docs
 * show the import log). A component the solution needs but does not declare is refused the same way.
 */
import { IMPORT_ERROR, SolutionImportError } from '../import-error';
import type { ComponentRef, MissingDependency } from '../manifest';
import type { TargetOrganization } from '../imported-solution';
import { normalizeId } from '../tables';

const COMPONENT_TYPE = { entity: 1, attribute: 2, systemForm: 60 } as const;

function isPresent(org: TargetOrganization, c: ComponentRef): boolean {
  const table = (name: string | undefined) => org.schema.tables.find((t) => t.logicalName === (name ?? '').toLowerCase());
  if (c.type === COMPONENT_TYPE.entity) return table(c.schemaName) !== undefined;
  if (c.type === COMPONENT_TYPE.attribute)
    return table(c.parentSchemaName)?.attributes.some((a) => a.logicalName === (c.schemaName ?? '').toLowerCase()) === true;
  if (c.type === COMPONENT_TYPE.systemForm) return org.forms.some((f) => f.id === normalizeId(c.id ?? ''));
  // The emulator's organization holds no other kind of component a solution could need.
  return false;
}

const xmlAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function refXml(tag: string, key: number, c: ComponentRef): string {
  const attrs = Object.entries({
    key: String(key),
    type: String(c.type),
    schemaName: c.schemaName,
    id: c.id,
    displayName: c.displayName,
    parentSchemaName: c.parentSchemaName,
    solution: c.solution,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}="${xmlAttr(v!)}"`)
    .join(' ');
  return `<${tag} ${attrs} />`;
}

function refuse(solutionName: string, missing: MissingDependency[]): never {
  let key = 0;
  const list = missing
    .map((d) => `<MissingDependency>${refXml('Required', key++, d.required)}${d.dependent ? refXml('Dependent', key++, d.dependent) : ''}</MissingDependency>`)
    .join('');
  const kind: Record<number, string> = { [COMPONENT_TYPE.entity]: 'table', [COMPONENT_TYPE.attribute]: 'column', [COMPONENT_TYPE.systemForm]: 'form' };
  const names = missing.map((d) => {
    const name =
      d.required.type === COMPONENT_TYPE.attribute ? `${d.required.parentSchemaName}.${d.required.schemaName}` : (d.required.schemaName ?? d.required.id);
    return `${kind[d.required.type] ?? `component type ${d.required.type}`} ${name}`;
  });
  throw new SolutionImportError(
    IMPORT_ERROR.missingDependencies,
    names.join(', '),
    `The following solution cannot be imported: ${solutionName}. Some dependencies are missing. The missing dependencies are : <MissingDependencies>${list}</MissingDependencies> , ProductUpdatesOnly : False`,
  );
}

/**
 * `declared`: solution.xml's MissingDependencies; `needed`: what the components themselves name
 * outside the solution (tables it adds to, forms it merges into).
 */
export function checkDependencies(solutionName: string, org: TargetOrganization, declared: MissingDependency[], needed: MissingDependency[]): void {
  const absent = [...declared, ...needed].filter((d) => !isPresent(org, d.required));
  const seen = new Set<string>();
  const unique = absent.filter((d) => {
    const k = `${d.required.type}:${d.required.parentSchemaName ?? ''}:${(d.required.schemaName ?? d.required.id ?? '').toLowerCase()}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (unique.length) refuse(solutionName, unique);
}
