import { Router } from 'express';
import { z } from 'zod';
import { CLM_USER_ID } from '../contacts/contact-store';
import { notFound } from '../errors';
import type { ClmWorld } from '../world';
import { controlBody } from './control-body';

const newContactSchema = z
  .object({
    externalId: z.string().optional(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.email(),
    phone: z.string().optional(),
    active: z.boolean().optional(),
  })
  .strict();

const changeSchema = z
  .object({
    externalId: z.string().nullable().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.email().optional(),
    phone: z.string().nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();

/**
 * Contacts changed by a person in the CLM web app (updatedBy is a CLM user, not the API client),
 * so contact sync has CLM-side changes to bring into Dynamics:
 *   POST  /_sandbox/contacts       create
 *   PATCH /_sandbox/contacts/{id}  change, on the latest version (no If-Match)
 *   POST  /_sandbox/contacts/{id}/deactivate   someone left: active false (frees the e-mail)
 */
export function contactControls(world: ClmWorld): Router {
  const router = Router();
  router.post('/contacts', (req, res) => {
    res.status(201).json(world.contacts.create(controlBody(newContactSchema, req), CLM_USER_ID));
  });
  router.patch('/contacts/:contactId', (req, res) => {
    const id = String(req.params.contactId);
    if (!world.contacts.get(id)) throw notFound('Contact');
    res.status(200).json(world.contacts.change(id, controlBody(changeSchema, req), CLM_USER_ID));
  });
  router.post('/contacts/:contactId/deactivate', (req, res) => {
    const id = String(req.params.contactId);
    if (!world.contacts.get(id)) throw notFound('Contact');
    res.status(200).json(world.contacts.change(id, { active: false }, CLM_USER_ID));
  });
  return router;
}
