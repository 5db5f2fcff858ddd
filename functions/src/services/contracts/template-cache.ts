/**
 * A template's parsed fields and mapping, kept per instance until the row changes. The request's
 * first read returns the row's version (versionnumber) with its small columns, so a warm request
 * knows its copy is current without reading the big JSON columns (up to 1 MB each) again.
 */
import type { TemplateField } from '../../domain/mapping';
import { ConflictError } from '../errors';
import type { TemplateHeader, TemplatesStore } from './ports';
import type { Caller } from '../ports';

export interface ParsedTemplate {
  fields: TemplateField[];
  /** The mapping as JSON (validated by the mapping engine), or undefined when the template has none. */
  mapping: unknown;
}

const MAX_ENTRIES = 500;

export class TemplateCache {
  private readonly entries = new Map<string, { version: string; parsed: Promise<ParsedTemplate> }>();

  constructor(private readonly store: TemplatesStore) {}

  async get(header: TemplateHeader, as: Caller): Promise<ParsedTemplate> {
    const hit = this.entries.get(header.id);
    if (hit && hit.version === header.version) return hit.parsed;
    const parsed = this.load(header, as);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(header.id, { version: header.version, parsed });
    parsed.catch(() => this.entries.delete(header.id));
    return parsed;
  }

  private async load(header: TemplateHeader, as: Caller): Promise<ParsedTemplate> {
    const content = await this.store.content(header.id, as);
    const fields = parseJson(content?.fieldsJson, header.name, 'fields');
    const mapping = parseJson(content?.mappingJson, header.name, 'mapping');
    return { fields: Array.isArray(fields) ? (fields as TemplateField[]) : [], mapping };
  }
}

function parseJson(text: string | null | undefined, template: string, what: 'fields' | 'mapping'): unknown {
  if (text === null || text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ConflictError(
      `The ${what} of the template "${template}" are not valid JSON: ask your connector administrator to fix the template in the connector settings.`,
    );
  }
}
