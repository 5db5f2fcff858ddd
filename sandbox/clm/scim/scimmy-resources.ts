import { SCIMMY } from 'scimmy-routers';
import { equalityTests, matches } from './scim-filter';
import type { ScimStore, StoredResource } from './scim-store';

/** What a SCIMMY handler is given for one request: the organization the request is for. */
export interface ScimContext {
  store: ScimStore;
}

/** The custom core attribute of scim-profile.md: `urn:ietf:params:scim:schemas:core:2.0:User:roleId`. */
export const ROLE_ID_ATTRIBUTE = 'roleId';

/** Plain JSON of a SCIMMY schema instance (its getters and proxies flattened). */
const plain = (instance: unknown): Record<string, unknown> => JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;

/** A group as the CLM answers it: each member with the user's userName as `display`. */
const withDisplay = (group: StoredResource, store: ScimStore) => ({
  ...group,
  members: ((group.members ?? []) as { value: string }[]).map((m) => ({ ...m, display: String(store.user(m.value).userName) })),
});

/**
 * GET /Users and GET /Groups: the filter and paging parsed by SCIMMY (its Resource), the matching
 * resources counted, and only the requested page turned into SCIM (SCIMMY's own read turns every
 * match into a schema instance before it pages, which costs seconds per page at 5000 users).
 */
export function listPage(kind: 'Users' | 'Groups', query: Record<string, unknown>, store: ScimStore, basepath: string): unknown {
  const Resource = kind === 'Users' ? SCIMMY.Resources.User : SCIMMY.Resources.Group;
  const resource = new Resource(query as never);
  const tests = equalityTests(resource.filter);
  const all =
    kind === 'Users'
      ? store.listUsers().filter((u) => matches(u, tests))
      : store
          .listGroups()
          .filter((g) => matches(g, tests))
          .map((g) => withDisplay(g, store));
  const startIndex = resource.constraints?.startIndex ?? 1;
  const count = resource.constraints?.count ?? 20;
  const page = all.slice(startIndex - 1, startIndex - 1 + count);
  const location = `${basepath}/${kind}`;
  const Schema = kind === 'Users' ? SCIMMY.Schemas.User : SCIMMY.Schemas.Group;
  const items = page.map((r) => new Schema(r as never, 'out', location, resource.attributes));
  // The page is already cut: the list is made as its first page, then told where it starts.
  const list = new SCIMMY.Messages.ListResponse(items, { startIndex: 1, itemsPerPage: items.length, totalResults: all.length });
  return { ...JSON.parse(JSON.stringify(list)), startIndex };
}

let declared = false;

/**
 * SCIMMY keeps its resource types and schemas in one process-wide registry, so they are declared
 * once; every handler works on the store of the sandbox the request reached (`ctx.store`).
 * The roleId attribute is declared without canonicalValues here because SCIMMY would then check
 * them process-wide, while each sandbox has its own UUIDs: /Schemas adds them per sandbox, and the
 * store refuses a roleId that is not one of its organization's.
 */
export function declareScimResources(): void {
  if (declared) return;
  declared = true;
  SCIMMY.Schemas.User.definition.extend([
    new SCIMMY.Types.Attribute('string', ROLE_ID_ATTRIBUTE, {
      caseExact: true,
      description: 'The UUID of the CLM role of the user (one of canonicalValues)',
    }),
  ]);

  SCIMMY.Resources.declare(SCIMMY.Resources.User)
    .egress((resource, ctx: ScimContext) => {
      if (resource.id) return ctx.store.user(resource.id) as never;
      const tests = equalityTests(resource.filter);
      return ctx.store.listUsers().filter((u) => matches(u, tests)) as never;
    })
    .ingress((resource, instance, ctx: ScimContext) => ctx.store.writeUser(resource.id, plain(instance)) as never)
    .degress(() => {
      // scim-profile.md: users are never deleted; they are deactivated with PATCH active=false.
      throw new SCIMMY.Types.Error(501, null as never, 'Users are never deleted in the CLM: deactivate them with PATCH active=false');
    });

  SCIMMY.Resources.declare(SCIMMY.Resources.Group)
    .egress((resource, ctx: ScimContext) => {
      if (resource.id) return withDisplay(ctx.store.group(resource.id), ctx.store) as never;
      const tests = equalityTests(resource.filter);
      return ctx.store
        .listGroups()
        .filter((g) => matches(g, tests))
        .map((g) => withDisplay(g, ctx.store)) as never;
    })
    .ingress((resource, instance, ctx: ScimContext) => withDisplay(ctx.store.writeGroup(resource.id, plain(instance)), ctx.store) as never)
    .degress((resource, ctx: ScimContext) => ctx.store.deleteGroup(String(resource.id)));
}
