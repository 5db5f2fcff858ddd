import { Router } from 'express';
import { z } from 'zod';
import { ClmError, notFound, type ErrorDetail } from '../errors';
import { componentSchema, validateAt } from '../spec/schema-validator';
import { syntheticTemplates } from '../templates/synthetic-templates';
import type { TemplateField } from '../templates/template-types';
import type { ClmWorld } from '../world';
import { controlBody } from './control-body';

const templateSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().min(1).optional(),
    description: z.string().optional(),
    status: z.enum(['active', 'archived']).optional(),
    fields: z.array(z.unknown()).optional(),
    validationFlows: z.array(z.object({ id: z.string().min(1).max(64).optional(), name: z.string().min(1) }).strict()).optional(),
  })
  .strict();

const generateSchema = z.object({ count: z.number().int().min(1).max(100_000) }).strict();

/** Fields must be the spec's TemplateField, with what the spec says in words: options for a choice, no table in a table. */
function checkFields(fields: unknown[]): TemplateField[] {
  const details: ErrorDetail[] = [];
  fields.forEach((field, i) => {
    details.push(...validateAt(componentSchema('TemplateField'), field, `fields[${i}]`));
    const f = field as TemplateField;
    if (f?.type === 'choice' && !(f.options && f.options.length > 0)) details.push({ field: `fields[${i}].options`, message: 'a choice needs options' });
    if (f?.type === 'table' && !(f.columns && f.columns.length > 0)) details.push({ field: `fields[${i}].columns`, message: 'a table needs columns' });
    if (f?.columns?.some((c) => c.type === 'table')) details.push({ field: `fields[${i}].columns`, message: 'a column is never a table' });
  });
  if (details.length > 0) throw new ClmError(400, 'invalid_request', 'The template fields do not follow TemplateField', details);
  return fields as TemplateField[];
}

/**
 *   POST /_sandbox/templates                 add a template, or change the one with this `id` (version + 1);
 *                                            a change may give only what changes
 *   POST /_sandbox/templates/{id}/archive    status archived (version + 1)
 *   POST /_sandbox/templates/generate        { count } synthetic active templates -> { created, ids }
 *   DELETE /_sandbox/templates/{id}          the template is gone from the CLM (not archived: deleted)
 */
export function templateControls(world: ClmWorld): Router {
  const router = Router();
  let generated = 0;

  router.post('/templates', (req, res) => {
    const body = controlBody(templateSchema, req);
    const existing = body.id ? world.templates.get(body.id) : undefined;
    const name = body.name ?? existing?.name;
    const fields = body.fields ? checkFields(body.fields) : existing?.fields;
    if (!name || !fields)
      throw new ClmError(400, 'invalid_request', 'A new template needs name and fields', [{ field: name ? 'fields' : 'name', message: 'is required' }]);
    const template = world.templates.upsert({
      id: body.id,
      name,
      description: body.description ?? existing?.description,
      status: body.status,
      fields,
      validationFlows: body.validationFlows,
    });
    res.status(existing ? 200 : 201).json({ ...template, validationFlows: world.templates.flowsOf(template.id) });
  });

  router.post('/templates/generate', (req, res) => {
    const { count } = controlBody(generateSchema, req);
    const ids = syntheticTemplates(count, generated + 1).map((input) => world.templates.upsert(input).id);
    generated += count;
    res.status(201).json({ created: ids.length, ids });
  });

  router.delete('/templates/:templateId', (req, res) => {
    if (!world.templates.remove(String(req.params.templateId))) throw notFound('Template');
    res.status(204).end();
  });

  router.post('/templates/:templateId/archive', (req, res) => {
    const template = world.templates.archive(String(req.params.templateId));
    if (!template) throw notFound('Template');
    res.status(200).json(template);
  });

  return router;
}
