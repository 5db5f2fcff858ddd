import { Router } from 'express';
import { ClmError, notFound } from '../errors';
import { normaliseTime, page } from '../paging';
import { locals } from '../request-locals';
import type { ContactChange, ContactStore, NewContact } from './contact-store';

/**
 * If-Match carries the version the change was based on. Accepted forms: `3`, `"3"` (an entity
 * tag) and `W/"3"`; anything else is 400, since the spec says to send the version back.
 */
function parseIfMatch(value: string): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(value.trim());
  if (!m) throw new ClmError(400, 'invalid_request', 'If-Match must carry the contact version, e.g. "3"', [{ field: 'If-Match', message: 'not a version' }]);
  return Number(m[1]);
}

/** The contact paths of clm-api.yaml; `updatedBy` is the API client the token belongs to. */
export function contactRoutes(contacts: ContactStore, apiBase: () => string): Router {
  const router = Router();

  router.get('/contacts', (_req, res) => {
    const query = locals(res).query as { cursor?: string; limit?: number; updatedSince?: string; email?: string; externalId?: string };
    const since = query.updatedSince === undefined ? undefined : normaliseTime(query.updatedSince);
    const email = query.email?.toLowerCase();
    const matching = contacts
      .matching({ email, externalId: query.externalId })
      .filter(
        (c) =>
          (since === undefined || c.updatedAt >= since) &&
          (email === undefined || c.email.toLowerCase() === email) &&
          (query.externalId === undefined || c.externalId === query.externalId),
      );
    const filters = JSON.stringify([since ?? null, email ?? null, query.externalId ?? null]);
    res.status(200).json(page(matching, { cursor: query.cursor, limit: query.limit ?? 100, filters }));
  });

  router.post('/contacts', (req, res) => {
    const key = req.get('idempotency-key') as string;
    const earlier = contacts.replayOf(key);
    if (earlier) {
      res.status(200).json(earlier);
      return;
    }
    const contact = contacts.create(req.body as NewContact, locals(res).clientId as string, key);
    res.setHeader('Location', `${apiBase()}/contacts/${encodeURIComponent(contact.id)}`);
    res.status(201).json(contact);
  });

  router.get('/contacts/:contactId', (_req, res) => {
    const contact = contacts.get(locals(res).pathParams.contactId);
    if (!contact) throw notFound('Contact');
    res.status(200).json(contact);
  });

  router.patch('/contacts/:contactId', (req, res) => {
    const id = locals(res).pathParams.contactId;
    if (!contacts.get(id)) throw notFound('Contact');
    const version = parseIfMatch(req.get('if-match') as string);
    const contact = contacts.change(id, req.body as ContactChange, locals(res).clientId as string, version);
    res.setHeader('ETag', `"${contact.version}"`);
    res.status(200).json(contact);
  });

  return router;
}
