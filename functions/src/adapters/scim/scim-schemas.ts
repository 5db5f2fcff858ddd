/** What the SCIM service provider answers (RFC 7643, RFC 7644), checked before use. */
import { z } from 'zod';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const scimUserSchema = z.looseObject({
  id: z.string().min(1),
  userName: z.string().min(1),
  externalId: z.string().optional(),
  // RFC 7643 gives active no default; an answer without it is read as active.
  active: z.boolean().optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  roleId: z.string().optional(),
});

export const scimGroupSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().min(1),
  members: z.array(z.looseObject({ value: z.string().min(1) })).optional(),
});

export const listResponseSchema = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    totalResults: z.number().int().min(0),
    startIndex: z.number().int().optional(),
    itemsPerPage: z.number().int().optional(),
    Resources: z.array(item).optional(),
  });

export const schemaResourceSchema = z.looseObject({
  id: z.string(),
  attributes: z.array(z.looseObject({ name: z.string(), description: z.string().optional(), canonicalValues: z.array(z.unknown()).optional() })).default([]),
});

export const errorBodySchema = z.looseObject({ scimType: z.string().optional(), detail: z.string().optional() });
