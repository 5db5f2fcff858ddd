/**
 * The editor's completion: CLM field keys from the template where a field key is expected, the
 * mapping format's own keys, and attribute and navigation property names of the entity at the
 * cursor from Dataverse metadata (completion-context.ts says which entity and what is expected).
 */
import type { Completion, CompletionContext as CmContext, CompletionResult, CompletionSource } from '@codemirror/autocomplete';
import { ensureSyntaxTree } from '@codemirror/language';
import { completionContextAt, type CompletionTarget } from './completion-context';
import type { EntityMetadata, EntitySummary } from './entity-metadata';
import type { TemplateFieldDef } from './template-row';

/** Follows the navigation properties typed before the last dot (`parentaccountid.primarycontactid.`). */
async function through(metadata: EntityMetadata, start: EntitySummary | undefined, navigations: string[]): Promise<EntitySummary | undefined> {
  let entity = start;
  for (const name of navigations) {
    const target = entity?.singleValued.find((s) => s.name === name)?.target;
    entity = target ? await metadata.entity(target) : undefined;
  }
  return entity;
}

function attributeOptions(entity: EntitySummary): Completion[] {
  return entity.attributes.map((a) => ({ label: a.name, detail: [a.label, a.type].filter(Boolean).join(' · '), type: 'property' }));
}

function navigationOptions(entity: EntitySummary, dotted: boolean): Completion[] {
  // In a value path a navigation property is a step: the dot is typed with it and completion goes on.
  return entity.singleValued.map((s) => ({ label: s.name, detail: `→ ${s.target}`, type: 'class', ...(dotted ? { apply: `${s.name}.`, boost: -1 } : {}) }));
}

async function options(target: CompletionTarget, fields: readonly TemplateFieldDef[], metadata: EntityMetadata): Promise<Completion[]> {
  switch (target.kind) {
    case 'fieldKey':
      return fields
        .filter((f) => (f.type === 'table') === target.table)
        .map((f) => ({ label: f.key, detail: `${f.label} · ${f.type}${f.required ? ' · required' : ''}`, type: 'variable' }));
    case 'columnKey':
      return (fields.find((f) => f.key === target.field)?.columns ?? []).map((c) => ({ label: c.key, detail: `${c.label} · ${c.type}`, type: 'variable' }));
    case 'formatKey':
      return target.keys.map((k) => ({ label: k, type: 'keyword' }));
    case 'literal':
      return target.values.map((v) => ({ label: v, type: 'enum' }));
    case 'navigation': {
      const entity = await metadata.resolve(target.entity);
      return entity ? navigationOptions(entity, false) : [];
    }
    case 'relationship': {
      const entity = await metadata.resolve(target.entity);
      return (entity?.collections ?? []).map((c) => ({ label: c.name, detail: `→ ${c.entity}[]`, type: 'class' }));
    }
    case 'targetEntity': {
      const entity = await metadata.resolve(target.via);
      return entity ? [{ label: entity.logicalName, type: 'type' }] : [];
    }
    case 'valuePath': {
      const entity = await through(metadata, await metadata.resolve(target.entity), target.through);
      return entity ? [...attributeOptions(entity), ...navigationOptions(entity, true)] : [];
    }
    case 'navigationPath': {
      const entity = await through(metadata, await metadata.resolve(target.entity), target.through);
      return entity ? navigationOptions(entity, false) : [];
    }
  }
}

/** A key typed without its quotes gets them, and its colon. */
function quoteKey(option: Completion): Completion {
  return { ...option, apply: `${JSON.stringify(option.label)}: ` };
}

export function mappingCompletionSource(deps: { fields: () => readonly TemplateFieldDef[]; metadata: EntityMetadata }): CompletionSource {
  return async (cm: CmContext): Promise<CompletionResult | null> => {
    const { state, pos } = cm;
    const tree = ensureSyntaxTree(state, state.doc.length, 100) ?? undefined;
    const at = completionContextAt(state.doc.toString(), pos, tree);
    if (!at || (!at.quoted && !cm.explicit && at.typed === '')) return null;
    const found = await options(at.target, deps.fields(), deps.metadata);
    if (cm.aborted || found.length === 0) return null;
    return { from: at.from, to: at.to, options: at.quoted ? found : found.map(quoteKey), validFor: /^[A-Za-z0-9_]*$/ };
  };
}
