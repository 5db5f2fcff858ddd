import { Router } from 'express';
import { notFound } from '../errors';
import { normaliseTime, page } from '../paging';
import { locals } from '../request-locals';
import type { TemplateStore } from './template-store';

/** GET /templates (paged, filtered by updatedSince and status) and GET /templates/{templateId}. */
export function templateRoutes(templates: TemplateStore): Router {
  const router = Router();

  router.get('/templates', (_req, res) => {
    const query = locals(res).query as { cursor?: string; limit?: number; updatedSince?: string; status?: 'active' | 'archived' | 'all' };
    const status = query.status ?? 'all';
    const since = query.updatedSince === undefined ? undefined : normaliseTime(query.updatedSince);
    const matching = templates.select((t) => (status === 'all' || t.status === status) && (since === undefined || t.updatedAt >= since));
    const result = page(matching, { cursor: query.cursor, limit: query.limit ?? 100, filters: JSON.stringify([status, since ?? null]) });
    res.status(200).json(structuredClone(result));
  });

  router.get('/templates/:templateId', (_req, res) => {
    const template = templates.get(locals(res).pathParams.templateId);
    if (!template) throw notFound('Template');
    res.status(200).json(template);
  });

  return router;
}
