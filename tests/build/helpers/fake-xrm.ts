/**
 * Just enough of Unified Interface's Xrm for the ribbon bundle: the user's roles, navigateTo, and
 * Xrm.WebApi.retrieveMultipleRecords answering from canned rows. Records every call.
 */

export interface FakeXrmOptions {
  roles?: string[];
  /** Role names the user holds through their teams (Xrm.WebApi answers the `team` query with them). */
  teamRoles?: string[];
  /** dtclm_requestcontract_visible: the definition's default and the current value (undefined = no value row). */
  visibleDefault?: string;
  visibleValue?: string;
  /** Rows Xrm.WebApi returns for dtclm_contract queries. */
  contracts?: Array<Record<string, unknown>>;
}

export interface XrmCalls {
  navigateTo: Array<{ page: Record<string, unknown>; options: Record<string, unknown> }>;
  /** Side panes: created (with their options), then navigated (the page). */
  panes: Array<{ options: Record<string, unknown>; navigated: Array<Record<string, unknown>> }>;
  retrieveMultiple: Array<{ entity: string; query: string }>;
}

function paneObject(pane: XrmCalls['panes'][number]) {
  return {
    navigate(page: Record<string, unknown>) {
      pane.navigated.push(page);
      return Promise.resolve();
    },
    select: () => undefined,
  };
}

export function fakeXrm(opts: FakeXrmOptions = {}) {
  const calls: XrmCalls = { navigateTo: [], panes: [], retrieveMultiple: [] };
  const roles = opts.roles ?? [];
  const Xrm = {
    Navigation: {
      navigateTo(page: Record<string, unknown>, options: Record<string, unknown>) {
        calls.navigateTo.push({ page, options });
        return Promise.resolve(undefined);
      },
    },
    App: {
      sidePanes: {
        getPane(paneId: string) {
          const pane = calls.panes.find((p) => p.options.paneId === paneId);
          return pane ? paneObject(pane) : undefined;
        },
        createPane(options: Record<string, unknown>) {
          const pane = { options, navigated: [] };
          calls.panes.push(pane);
          return Promise.resolve(paneObject(pane));
        },
      },
    },
    Utility: {
      getGlobalContext: () => ({
        userSettings: {
          // As Unified Interface gives them (braces, upper case).
          userId: '{0F0F0F0F-0000-4000-8000-00000000A001}',
          roles: { forEach: (cb: (r: { id: string; name: string }) => void) => roles.forEach((name, i) => cb({ id: `role-${i}`, name })) },
        },
        // As Dynamics answers: the relative URL with the caching token (getWebResourceUrl, Client API reference).
        getWebResourceUrl: (name: string) => `/%7b639012345678901234%7d/webresources/${name}`,
      }),
    },
    WebApi: {
      retrieveMultipleRecords(entity: string, query: string) {
        calls.retrieveMultiple.push({ entity, query });
        if (entity === 'environmentvariabledefinition') {
          const values = opts.visibleValue === undefined ? [] : [{ value: opts.visibleValue }];
          return Promise.resolve({ entities: [{ defaultvalue: opts.visibleDefault ?? null, environmentvariabledefinition_environmentvariablevalue: values }] });
        }
        if (entity === 'dtclm_contract') return Promise.resolve({ entities: opts.contracts ?? [] });
        if (entity === 'team')
          return Promise.resolve({ entities: [{ teamid: 'team-1', teamroles_association: (opts.teamRoles ?? []).map((name) => ({ name })) }] });
        return Promise.reject(new Error(`unexpected query on ${entity}`));
      },
    },
  };
  return { Xrm, calls };
}

/** A form's PrimaryControl: the record's table and id as Unified Interface gives them (braces, upper case). */
export function fakeForm(entityName: string, id: string) {
  const refreshed: string[] = [];
  return {
    refreshed,
    form: {
      data: {
        entity: { getEntityName: () => entityName, getId: () => id },
        refresh: () => {
          refreshed.push('data');
          return Promise.resolve();
        },
      },
      ui: { refreshRibbon: () => refreshed.push('ribbon') },
    },
  };
}
