import type { MonotonicClock } from '../clock';
import { rfc3339 } from '../clock';
import { newId } from '../ids';
import type { Template, TemplateField, ValidationFlow } from './template-types';

/** What a test control (or the seed) says a template should be; the store owns version and updatedAt. */
export interface TemplateInput {
  id?: string;
  name: string;
  description?: string;
  status?: 'active' | 'archived';
  fields: TemplateField[];
  /** Validation flows in their defined order; by default two ("Legal review", "Finance and legal"). */
  validationFlows?: { id?: string; name: string }[];
}

/** The two flows every template has unless told otherwise, so "the first defined flow" matters. */
const DEFAULT_FLOW_NAMES = ['Legal review', 'Finance and legal'];

export class TemplateStore {
  private readonly templates = new Map<string, Template>();
  private readonly flows = new Map<string, ValidationFlow[]>();

  constructor(private readonly clock: MonotonicClock) {}

  /** Adds a template, or changes the one with this id (its version grows by one). */
  upsert(input: TemplateInput): Template {
    const existing = input.id ? this.templates.get(input.id) : undefined;
    const template: Template = {
      id: existing?.id ?? input.id ?? newId('tpl'),
      name: input.name,
      status: input.status ?? existing?.status ?? 'active',
      version: existing ? existing.version + 1 : 1,
      updatedAt: rfc3339(this.clock.tick()),
      fields: structuredClone(input.fields),
    };
    if (input.description !== undefined) template.description = input.description;
    this.templates.set(template.id, template);
    if (input.validationFlows || !existing) {
      const flows: { id?: string; name: string }[] = input.validationFlows ?? DEFAULT_FLOW_NAMES.map((name) => ({ name }));
      this.flows.set(
        template.id,
        flows.map((flow, i) => ({ id: flow.id ?? newId('flw'), name: flow.name, position: i + 1 })),
      );
    }
    return structuredClone(template);
  }

  archive(id: string): Template | undefined {
    const template = this.templates.get(id);
    if (!template) return undefined;
    if (template.status === 'archived') return structuredClone(template);
    template.status = 'archived';
    template.version += 1;
    template.updatedAt = rfc3339(this.clock.tick());
    return structuredClone(template);
  }

  /** Deletes a template (gone from the CLM: lists no longer show it, GET /templates/{id} is 404). */
  remove(id: string): boolean {
    this.flows.delete(id);
    return this.templates.delete(id);
  }

  get(id: string): Template | undefined {
    const template = this.templates.get(id);
    return template ? structuredClone(template) : undefined;
  }

  /**
   * The stored templates that pass `keep`, not copied: for paging over thousands of synthetic
   * templates without cloning them all on every page. Callers copy what they hand out.
   */
  select(keep: (template: Readonly<Template>) => boolean): readonly Readonly<Template>[] {
    return [...this.templates.values()].filter(keep);
  }

  all(): Template[] {
    return [...this.templates.values()].map((t) => structuredClone(t));
  }

  /** The template's validation flows in their defined order (position 1 first). */
  flowsOf(templateId: string): ValidationFlow[] {
    return structuredClone(this.flows.get(templateId) ?? []).sort((a, b) => a.position - b.position);
  }
}
