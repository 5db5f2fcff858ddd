/**
 * The CLM's SCIM 2.0 service provider (scim-profile.md) as the ScimClient port. Every call:
 * `Authorization: Bearer SCIM_TOKEN`, application/scim+json both ways, a time-out per attempt,
 * and the shared retry loop (429 waits out Retry-After; 5xx, time-outs and dropped connections
 * back off with jitter; 5 attempts, as scim-profile.md says), and the answer checked with zod.
 * Lists are read page by page (startIndex/count).
 */
import type { AxiosInstance } from 'axios';
import type { z } from 'zod';
import type { RetrySettings } from '../../config';
import { CORE_USER_SCHEMA, ROLE_ID_ATTRIBUTE, type HeldClmGroup, type HeldClmUser, type PatchOperation, type SchemaAttribute } from '../../domain/provisioning';
import type { NewClmUser, ScimClient } from '../../services/users/ports';
import { httpExchange, validAnswer, withRetry, type RetryPolicy } from '../resilience';
import { ScimTokenRejectedError } from '../../services/errors';
import { ScimAnswerError, ScimHttpError, ScimNetworkError } from './scim-errors';
import {
  errorBodySchema,
  GROUP_SCHEMA,
  listResponseSchema,
  PATCH_SCHEMA,
  schemaResourceSchema,
  scimGroupSchema,
  scimUserSchema,
  USER_SCHEMA,
} from './scim-schemas';
import { eqFilter, scimUrl } from './scim-url';

const SCIM_JSON = 'application/scim+json';
const SCIM_PAGE_SIZE = 100;
/** scim-profile.md: give up on a call after 5 tries. */
export const SCIM_MAX_ATTEMPTS = 5;

export interface ScimConnection {
  url: string;
  token: string;
  http: AxiosInstance;
  retry: RetrySettings & Partial<Pick<RetryPolicy, 'sleep' | 'random' | 'onRetry' | 'now'>>;
}

interface Call {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  segments: string[];
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** For messages: method and path template, never an id or a filter value (personal data). */
  operation: string;
}

/** The answer's text as JSON; undefined when empty or not JSON (an error answer may be either). */
function jsonOf(data: unknown): unknown {
  const text = typeof data === 'string' ? data : '';
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function toHeldUser(u: z.infer<typeof scimUserSchema>): HeldClmUser {
  return {
    id: u.id,
    userName: u.userName,
    ...(u.externalId !== undefined ? { externalId: u.externalId } : {}),
    active: u.active ?? true,
    ...(u.name?.givenName !== undefined ? { givenName: u.name.givenName } : {}),
    ...(u.name?.familyName !== undefined ? { familyName: u.name.familyName } : {}),
    ...(u.roleId !== undefined ? { roleId: u.roleId } : {}),
  };
}

function toHeldGroup(g: z.infer<typeof scimGroupSchema>): HeldClmGroup {
  return { id: g.id, displayName: g.displayName, memberIds: (g.members ?? []).map((m) => m.value) };
}

export class ScimHttpClient implements ScimClient {
  constructor(private readonly c: ScimConnection) {}

  async roleIdAttribute(): Promise<SchemaAttribute | undefined> {
    const list = await this.call({ method: 'GET', segments: ['Schemas'], operation: 'GET /Schemas' }, listResponseSchema(schemaResourceSchema));
    const user = (list.Resources ?? []).find((s) => s.id === CORE_USER_SCHEMA);
    return user?.attributes.find((a) => a.name === ROLE_ID_ATTRIBUTE);
  }

  async listUsers(): Promise<HeldClmUser[]> {
    return (await this.pages(['Users'], 'GET /Users', scimUserSchema)).map(toHeldUser);
  }

  async checkToken(): Promise<void> {
    await this.call(
      { method: 'GET', segments: ['Users'], query: { startIndex: 1, count: 1 }, operation: 'GET /Users?count=1' },
      listResponseSchema(scimUserSchema),
    );
  }

  async getUser(id: string): Promise<HeldClmUser | undefined> {
    try {
      return toHeldUser(await this.call({ method: 'GET', segments: ['Users', id], operation: 'GET /Users/{id}' }, scimUserSchema));
    } catch (e) {
      if (e instanceof ScimHttpError && e.status === 404) return undefined;
      throw e;
    }
  }

  async findUsers(attribute: 'externalId' | 'userName', value: string): Promise<HeldClmUser[]> {
    return (await this.pages(['Users'], `GET /Users?filter=${attribute} eq`, scimUserSchema, eqFilter(attribute, value))).map(toHeldUser);
  }

  async createUser(user: NewClmUser): Promise<HeldClmUser> {
    const name = { ...(user.givenName ? { givenName: user.givenName } : {}), ...(user.familyName ? { familyName: user.familyName } : {}) };
    const body = {
      schemas: [USER_SCHEMA],
      userName: user.userName,
      externalId: user.externalId,
      active: true,
      ...(Object.keys(name).length ? { name } : {}),
      roleId: user.roleId,
    };
    return toHeldUser(await this.call({ method: 'POST', segments: ['Users'], body, operation: 'POST /Users' }, scimUserSchema));
  }

  async patchUser(id: string, operations: PatchOperation[]): Promise<void> {
    await this.call({ method: 'PATCH', segments: ['Users', id], body: { schemas: [PATCH_SCHEMA], Operations: operations }, operation: 'PATCH /Users/{id}' });
  }

  async listGroups(): Promise<HeldClmGroup[]> {
    return (await this.pages(['Groups'], 'GET /Groups', scimGroupSchema)).map(toHeldGroup);
  }

  async findGroup(displayName: string): Promise<HeldClmGroup | undefined> {
    const found = await this.pages(['Groups'], 'GET /Groups?filter=displayName eq', scimGroupSchema, eqFilter('displayName', displayName));
    return found[0] ? toHeldGroup(found[0]) : undefined;
  }

  async createGroup(displayName: string, memberIds: string[]): Promise<void> {
    const body = { schemas: [GROUP_SCHEMA], displayName, members: memberIds.map((value) => ({ value })) };
    await this.call({ method: 'POST', segments: ['Groups'], body, operation: 'POST /Groups' });
  }

  async patchGroupMembers(id: string, add: string[], remove: string[]): Promise<void> {
    const Operations = [
      ...(add.length ? [{ op: 'add', path: 'members', value: add.map((value) => ({ value })) }] : []),
      ...remove.map((value) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(value)}]` })),
    ];
    if (!Operations.length) return;
    await this.call({ method: 'PATCH', segments: ['Groups', id], body: { schemas: [PATCH_SCHEMA], Operations }, operation: 'PATCH /Groups/{id}' });
  }

  async deleteGroup(id: string): Promise<void> {
    try {
      await this.call({ method: 'DELETE', segments: ['Groups', id], operation: 'DELETE /Groups/{id}' });
    } catch (e) {
      // Gone already (a retried DELETE whose first attempt went through): what was wanted.
      if (!(e instanceof ScimHttpError && e.status === 404)) throw e;
    }
  }

  private async pages<T extends z.ZodType>(segments: string[], operation: string, item: T, filter?: string): Promise<z.infer<T>[]> {
    const all: z.infer<T>[] = [];
    for (let startIndex = 1; ;) {
      const page = await this.call({ method: 'GET', segments, query: { filter, startIndex, count: SCIM_PAGE_SIZE }, operation }, listResponseSchema(item));
      const resources = page.Resources ?? [];
      all.push(...resources);
      startIndex += resources.length;
      if (resources.length === 0 || all.length >= page.totalResults) return all;
    }
  }

  private async call(call: Call): Promise<unknown>;
  private async call<T extends z.ZodType>(call: Call, schema: T): Promise<z.infer<T>>;
  private async call(call: Call, schema?: z.ZodType): Promise<unknown> {
    const policy: RetryPolicy = { ...this.c.retry, service: 'scim' };
    const data = await withRetry<unknown>(async ({ signal }) => {
      const answer = await httpExchange(
        this.c.http,
        {
          method: call.method,
          url: scimUrl(this.c.url, call.segments, call.query),
          headers: { Authorization: `Bearer ${this.c.token}`, Accept: SCIM_JSON, ...(call.body !== undefined ? { 'Content-Type': SCIM_JSON } : {}) },
          data: call.body === undefined ? undefined : JSON.stringify(call.body),
          signal,
          timeout: this.c.retry.timeoutMs,
          responseType: 'text',
          transformResponse: (x: unknown) => x,
        },
        {
          network: (code) => new ScimNetworkError(code, call.operation),
          status: (a) => {
            const body = errorBodySchema.safeParse(jsonOf(a.data));
            return new ScimHttpError(
              a.status,
              body.success ? body.data.scimType : undefined,
              body.success ? body.data.detail : undefined,
              a.header('retry-after'),
              call.operation,
            );
          },
        },
      );
      return jsonOf(answer.data);
    }, policy).catch((e: unknown) => {
      // 401 is final (withRetry does not retry it) and the same for every call: said once, in words.
      throw e instanceof ScimHttpError && e.status === 401 ? new ScimTokenRejectedError() : e;
    });
    if (!schema) return data;
    return validAnswer(schema, data, (problems) => new ScimAnswerError(call.operation, problems));
  }
}
