import { Router } from 'express';
import { z } from 'zod';
import { controlBody } from '../controls/control-body';
import { ClmError } from '../errors';
import { CLM_ROLE_NAMES } from './roles';
import { scimFaultSchema } from './scim-faults';
import type { StoredResource } from './scim-store';
import type { ScimWorld } from './scim-world';

const existingUserSchema = z
  .object({
    userName: z.string().min(1),
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    externalId: z.string().min(1).optional(),
    role: z.enum(CLM_ROLE_NAMES).default('Contributor'),
    active: z.boolean().default(true),
  })
  .strict();

/**
 * Test controls of the SCIM side, at `${apiBase}/_sandbox/scim` (no auth, not logged, never faulted):
 *
 *   GET    /scim/users        users as the CLM holds them, each with `role` (the role's name)
 *   POST   /scim/users        a user made in the CLM by hand (before the connector): { userName, givenName?, familyName?, externalId?, role?, active? }
 *   GET    /scim/groups       groups, each with `memberUserNames`
 *   GET    /scim/roles        { Administrator: uuid, ... };  POST /scim/roles/regenerate: new UUIDs
 *   POST   /scim/tokens       201 { token }: a new SCIM token;  DELETE /scim/tokens: every token refused from now on
 *   GET    /scim/requests     every SCIM call [{ method, path, status, at }];  DELETE: forget them
 *   POST   /scim/faults       { status?: 429 | 500 | "hang", latencyMs?, count?, forMs?, retryAfter?, method?, pathPrefix?, userName? };  GET, DELETE
 */
/** A SCIM refusal (409 uniqueness...) as the controls' own error body. */
function asControlError<T>(write: () => T): T {
  try {
    return write();
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 409) throw new ClmError(409, 'conflict', (e as Error).message);
    if (status === 400) throw new ClmError(400, 'invalid_request', (e as Error).message);
    throw e;
  }
}

export function scimControls(world: ScimWorld): Router {
  const router = Router();
  const { store, roles } = world;
  const userView = (u: StoredResource) => ({ ...u, role: roles.nameOf(String(u.roleId)) });

  router.get('/scim/users', (_req, res) => {
    res.json(store.listUsers().map(userView));
  });
  router.post('/scim/users', (req, res) => {
    const input = controlBody(existingUserSchema, req);
    const user = asControlError(() =>
      store.writeUser(undefined, {
        userName: input.userName,
        ...(input.externalId ? { externalId: input.externalId } : {}),
        name: { ...(input.givenName ? { givenName: input.givenName } : {}), ...(input.familyName ? { familyName: input.familyName } : {}) },
        active: input.active,
        roleId: roles.idOf(input.role),
      }),
    );
    res.status(201).json(userView(user));
  });
  router.get('/scim/groups', (_req, res) => {
    res.json(
      store.listGroups().map((g) => ({
        ...g,
        memberUserNames: ((g.members ?? []) as { value: string }[]).map((m) => String(store.user(m.value).userName)).sort(),
      })),
    );
  });
  router.get('/scim/roles', (_req, res) => {
    res.json(Object.fromEntries(CLM_ROLE_NAMES.map((n) => [n, roles.idOf(n)])));
  });
  router.post('/scim/roles/regenerate', (_req, res) => {
    store.renameRoles(roles.regenerate());
    res.json(Object.fromEntries(CLM_ROLE_NAMES.map((n) => [n, roles.idOf(n)])));
  });
  router.post('/scim/tokens', async (_req, res) => {
    res.status(201).json({ token: await world.tokens.issue() });
  });
  router.delete('/scim/tokens', (_req, res) => {
    world.tokens.revokeAll();
    res.status(204).end();
  });
  router.get('/scim/requests', (_req, res) => {
    res.json(world.log);
  });
  router.delete('/scim/requests', (_req, res) => {
    world.log.length = 0;
    res.status(204).end();
  });
  router.post('/scim/faults', (req, res) => {
    world.faults.arm(controlBody(scimFaultSchema, req));
    res.status(201).json({ armed: world.faults.pending() });
  });
  router.get('/scim/faults', (_req, res) => {
    res.json({ armed: world.faults.pending(), served: world.faults.served });
  });
  router.delete('/scim/faults', (_req, res) => {
    world.faults.clear();
    res.status(204).end();
  });
  return router;
}
