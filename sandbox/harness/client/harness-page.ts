/// <reference types="xrm" />
/**
 * The browser side of the form harness (served as /_harness/client.js, transpiled as it is: no
 * imports). It plays the Unified Interface around the web resources: the form context, Xrm
 * (Utility.getGlobalContext, WebApi, Navigation.navigateTo/openForm/openUrl, App.sidePanes), the
 * command bar from the solution's RibbonDiffXml, the dialog layer and the side pane area. Only the
 * parts of Xrm the connector uses are here; each behaves as Microsoft documents it, and each is typed
 * with @types/xrm's own interface (the `Harness*` types below pick its members), so the fake can
 * take no argument and give no answer that Dynamics' would not. It hands the pages no token: they
 * sign in with msal-browser, as in Dynamics.
 */

/** The parts of Xrm the connector's pages and ribbon use, as @types/xrm documents them. */
type HarnessUserSettings = Pick<Xrm.UserSettings, 'userId' | 'userName' | 'languageId' | 'getTimeZoneOffsetMinutes' | 'isHighContrastEnabled' | 'roles'>;
type HarnessGlobalContext = Pick<Xrm.GlobalContext, 'getClientUrl' | 'getVersion'> & { userSettings: HarnessUserSettings };
type HarnessPane = Pick<Xrm.App.PaneObject, 'paneId' | 'title' | 'navigate' | 'select' | 'close'>;
interface HarnessXrm {
  Utility: { getGlobalContext(): HarnessGlobalContext };
  WebApi: Pick<Xrm.WebApi, 'retrieveRecord' | 'retrieveMultipleRecords'>;
  Navigation: Pick<Xrm.Navigation, 'navigateTo' | 'openForm' | 'openUrl'>;
  App: {
    sidePanes: {
      state: Xrm.App['sidePanes']['state'];
      createPane(paneOptions?: Xrm.App.PaneOptions): Xrm.Async.PromiseLike<HarnessPane>;
      getAllPanes(): HarnessPane[];
      getPane(panelId: string): HarnessPane | undefined;
      getSelectedPane(): HarnessPane | undefined;
    };
  };
}
/** The form context handed as PrimaryControl to the ribbon's commands and rules. */
interface HarnessFormContext {
  data: Pick<Xrm.Data, 'refresh'> & { entity: Pick<Xrm.Entity, 'getEntityName' | 'getId' | 'getPrimaryAttributeValue'> };
  ui: Pick<Xrm.Ui, 'refreshRibbon' | 'setFormNotification' | 'clearFormNotification'>;
}
type HarnessPageInput = Parameters<Xrm.Navigation['navigateTo']>[0];

interface HarnessRule {
  library: string;
  functionName: string;
  parameters: string[];
  default?: boolean;
}
interface HarnessButton {
  id: string;
  label: string;
  tooltip: string;
  icon?: string;
  command: HarnessRule;
  enableRules: HarnessRule[];
  displayRules: HarnessRule[];
}
interface HarnessContext {
  user: {
    key: string;
    upn: string;
    fullName: string;
    systemUserId: string;
    roles: Array<{ id: string; name?: string }>;
    languageId: number;
    timeZoneOffsetMinutes: number;
  };
  users: Array<{ key: string; label: string }>;
  ribbon: Record<string, HarnessButton[]>;
  records: Record<string, string>;
  /** The app's site map subareas (from the solution zip): the web resource ones open here as pages. */
  siteMap: Array<{ id: string; title: string; webResource?: string; table?: string }>;
}

(() => {
  const params = new URLSearchParams(location.search);
  // pagetype=webresource is how Unified Interface opens a site map subarea whose Url is $webresource:.
  const pageType = (params.get('pagetype') ?? 'entityrecord').toLowerCase();
  const pageWebResource = params.get('webresourceName') ?? '';
  const entityName = (params.get('etn') ?? 'opportunity').toLowerCase();
  const recordId = (params.get('id') ?? '').replace(/[{}]/g, '').toLowerCase();
  const highContrast = params.get('hc') === '1';
  const API = '/api/data/v9.2/';
  const ENTITY_SETS: Record<string, string> = {
    opportunity: 'opportunities',
    quote: 'quotes',
    account: 'accounts',
    contact: 'contacts',
    systemuser: 'systemusers',
    team: 'teams',
    role: 'roles',
    dtclm_contract: 'dtclm_contracts',
    dtclm_contractevent: 'dtclm_contractevents',
    dtclm_template: 'dtclm_templates',
    environmentvariabledefinition: 'environmentvariabledefinitions',
    environmentvariablevalue: 'environmentvariablevalues',
  };
  const FIELDS: Record<string, { kind: string; nameColumn: string; select: string; contracts?: string; rows: Array<[string, string]> }> = {
    opportunity: {
      kind: 'Opportunity',
      nameColumn: 'name',
      contracts: '_dtclm_opportunityid_value',
      select: 'name,estimatedvalue,estimatedclosedate,closeprobability,description,_parentaccountid_value,_parentcontactid_value',
      rows: [
        ['Topic', 'name'],
        ['Account', '_parentaccountid_value'],
        ['Contact', '_parentcontactid_value'],
        ['Est. revenue', 'estimatedvalue'],
        ['Est. close date', 'estimatedclosedate'],
        ['Probability', 'closeprobability'],
        ['Description', 'description'],
      ],
    },
    quote: {
      kind: 'Quote',
      nameColumn: 'name',
      contracts: '_dtclm_quoteid_value',
      select: 'name,quotenumber,totalamount,effectiveto,description,_customerid_value',
      rows: [
        ['Name', 'name'],
        ['Quote ID', 'quotenumber'],
        ['Customer', '_customerid_value'],
        ['Total amount', 'totalamount'],
        ['Effective to', 'effectiveto'],
        ['Description', 'description'],
      ],
    },
    // The contact form carries the Sync to CLM button (contact-sync.md); no contracts on it.
    contact: {
      kind: 'Contact',
      nameColumn: 'fullname',
      select: 'fullname,emailaddress1,telephone1,jobtitle,_parentcustomerid_value',
      rows: [
        ['Full name', 'fullname'],
        ['Email', 'emailaddress1'],
        ['Business phone', 'telephone1'],
        ['Job title', 'jobtitle'],
        ['Company name', '_parentcustomerid_value'],
      ],
    },
  };
  const FORMATTED = 'odata.include-annotations="OData.Community.Display.V1.FormattedValue"';
  const shown = (row: Record<string, unknown>, column: string): string => {
    const f = row[`${column}@OData.Community.Display.V1.FormattedValue`];
    const raw = row[column];
    return typeof f === 'string' ? f : raw === null || raw === undefined ? '' : String(raw);
  };
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const byId = (id: string) => document.getElementById(id) as HTMLElement;

  async function dataverse(path: string, prefer?: string): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0' };
    if (prefer) headers.Prefer = prefer;
    const res = await fetch(API + path, { headers });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const message = (body.error as { message?: string } | undefined)?.message ?? `HTTP ${res.status}`;
      throw Object.assign(new Error(message), { errorCode: res.status, message });
    }
    return body;
  }

  function setOf(entity: string): string {
    const set = ENTITY_SETS[entity];
    if (!set) throw new Error(`The harness does not know the entity set of ${entity}`);
    return set;
  }

  function sizeCss(size: Xrm.Navigation.NavigationOptions.SizeValue | number | undefined, fallback: string): string {
    if (size === undefined) return fallback;
    if (typeof size === 'number') return `${size}px`;
    return `${size.value}${size.unit === '%' ? 'vw' : size.unit}`;
  }

  function webResourceUrl(input: HarnessPageInput): string {
    if (input.pageType !== 'webresource') throw new Error(`The harness opens web resources only, not ${input.pageType}`);
    const data = input.data === undefined ? '' : `?data=${encodeURIComponent(input.data)}`;
    return `/WebResources/${input.webresourceName}${data}`;
  }

  // ------------------------------------------------------------ dialogs (navigateTo target 2)
  function openDialog(input: HarnessPageInput, options: Xrm.Navigation.NavigationOptions): Promise<void> {
    return new Promise((resolve) => {
      const opener = document.activeElement as HTMLElement | null;
      const layer = el('div', { class: 'layer' });
      const dialog = el('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': options.title ?? 'Dialog' });
      dialog.style.width = sizeCss(options.width, '60vw');
      dialog.style.height = sizeCss(options.height, '80vh').replace('vw', 'vh');
      const header = el('header');
      header.append(el('span', {}, options.title ?? ''));
      const close = el('button', { class: 'closebtn', 'aria-label': 'Close' }, '✕');
      header.append(close);
      const frame = el('iframe', { title: options.title ?? 'Dialog', src: webResourceUrl(input) });
      dialog.append(header, frame);
      layer.append(dialog);
      byId('dialogs').append(layer);
      // As a Unified Interface dialog: focus moves into the page when it opens, Escape closes it from
      // the chrome and from inside the page, and focus goes back to the command that opened it (the
      // command bar keeps it across its next render: renderCommandBar).
      let closed = false;
      const done = () => {
        if (closed) return;
        closed = true;
        layer.remove();
        document.removeEventListener('keydown', onKey);
        opener?.focus();
        resolve();
      };
      const onKey = (e: KeyboardEvent) => {
        if (e.key === 'Escape') done();
      };
      close.addEventListener('click', done);
      document.addEventListener('keydown', onKey);
      frame.addEventListener('load', () => {
        frame.focus();
        // The page is a web resource of the app's origin: its keys reach the dialog too.
        frame.contentDocument?.addEventListener('keydown', onKey);
      });
    });
  }

  // ------------------------------------------------------------ side panes
  const panes = new Map<string, HarnessPane>();
  let selectedPane: string | undefined;

  function createPane(options: Xrm.App.PaneOptions = {}): Promise<HarnessPane> {
    const paneId = options.paneId ?? `pane${panes.size + 1}`;
    const section = el('section', { class: 'sidepane', 'aria-label': options.title ?? 'Side pane', 'data-pane-id': paneId });
    if (options.width) section.style.width = `${options.width}px`;
    const header = el('header');
    header.append(el('span', {}, options.title ?? ''));
    const frame = el('iframe', { title: options.title ?? 'Side pane' });
    if (options.canClose !== false) {
      const close = el('button', { class: 'closebtn', 'aria-label': `Close ${options.title ?? 'pane'}` }, '✕');
      close.addEventListener('click', () => pane.close());
      header.append(close);
    }
    section.append(header, frame);
    byId('sidepanes').append(section);
    const pane: HarnessPane = {
      paneId,
      title: options.title ?? '',
      navigate(input) {
        return xrmPromise(
          new Promise<void>((resolve) => {
            frame.addEventListener('load', () => resolve(), { once: true });
            frame.src = webResourceUrl(input);
          }),
        );
      },
      select() {
        selectedPane = paneId;
        // alwaysRender keeps the other panes' pages alive: hidden, not removed.
        for (const node of Array.from(byId('sidepanes').children)) (node as HTMLElement).hidden = node !== section;
      },
      close() {
        section.remove();
        panes.delete(paneId);
        if (selectedPane === paneId) selectedPane = undefined;
      },
    };
    panes.set(paneId, pane);
    pane.select();
    return Promise.resolve(pane);
  }

  // ------------------------------------------------------------ a site map web resource page
  // The page fills the app's main area in a frame of the app window (so parent.Xrm is the app's Xrm);
  // there is no form, so no command bar and no record.
  function showWebResourcePage(ctx: HarnessContext): void {
    const sub = ctx.siteMap.find((s) => s.webResource === pageWebResource);
    const title = sub?.title ?? pageWebResource;
    document.title = `${title} - Dynamics 365 (harness)`;
    byId('commandbar').hidden = true;
    byId('commandbar').setAttribute('data-ready', 'true');
    const area = el('main', { class: 'webresource-page', id: 'form' });
    // Unified Interface hands a web resource page its `data` parameter as the page's own ?data=.
    const data = params.get('data');
    const src = `/WebResources/${pageWebResource}${data === null ? '' : `?data=${encodeURIComponent(data)}`}`;
    const frame = el('iframe', { id: 'webresource-frame', title, src });
    area.append(frame);
    byId('form').replaceWith(area);
  }

  // ------------------------------------------------------------ form and Xrm
  /**
   * Unified Interface answers with native promises; @types/xrm's Xrm.Async.PromiseLike also names
   * jQuery-style fail/always, so the fake's promises have them too.
   */
  function xrmPromise<T>(p: Promise<T>): Xrm.Async.PromiseLike<T> {
    return Object.assign(p, {
      fail: <U>(onRejected?: (reason: Xrm.ErrorResponse) => U | PromiseLike<U>) => xrmPromise(p.then(undefined, onRejected) as Promise<U>),
      always: <U>(callback: () => U | PromiseLike<U>) => xrmPromise(p.then(callback, callback) as Promise<U>),
    }) as unknown as Xrm.Async.PromiseLike<T>;
  }

  /** Xrm.Collection.ItemCollection over a list: forEach, get() / get(index) / get(name) / get(predicate), getLength. */
  function itemCollection<T extends { name?: string }>(items: T[]): Xrm.Collection.ItemCollection<T> {
    const get = (arg?: string | number | ((item: T, index: number) => boolean)) => {
      if (arg === undefined) return [...items];
      if (typeof arg === 'function') return items.filter(arg);
      if (typeof arg === 'number') return items[arg] ?? null;
      return items.find((i) => i.name === arg) ?? null;
    };
    return {
      forEach: (delegate) => items.forEach((item, index) => delegate(item, index)),
      get: get as Xrm.Collection.ItemCollection<T>['get'],
      getLength: () => items.length,
    };
  }

  async function main(): Promise<void> {
    const ctx = (await (await fetch('/_harness/context')).json()) as HarnessContext;
    const userId = `{${ctx.user.systemUserId.toUpperCase()}}`;

    const formContext: HarnessFormContext = {
      data: {
        entity: {
          getEntityName: () => entityName,
          getId: () => `{${recordId.toUpperCase()}}`,
          getPrimaryAttributeValue: () => byId('record-name').textContent ?? '',
        },
        // A data refresh loads the form's data again, and Unified Interface evaluates the command
        // bar's rules on the form's data load (ui.refreshRibbon article: "the form load itself
        // triggers rules evaluation"), so the buttons follow the new data (docs/decisions.md).
        refresh: (_save: boolean) => xrmPromise(Promise.all([loadRecord(), renderCommandBar()]).then(() => undefined)),
      },
      ui: {
        refreshRibbon: (_refreshAll?: boolean) => void renderCommandBar(),
        // Form notifications above the header, one per id (a new one with the same id replaces it), as in Unified Interface.
        setFormNotification(message: string, level: Xrm.FormNotificationLevel, uniqueId: string): boolean {
          const list = byId('notifications');
          const note = el('div', { class: `notification ${level.toLowerCase()}`, role: level === 'ERROR' ? 'alert' : 'status', 'data-id': uniqueId }, message);
          const old = Array.from(list.children).find((n) => n.getAttribute('data-id') === uniqueId);
          if (old) old.replaceWith(note);
          else list.append(note);
          return true;
        },
        clearFormNotification(uniqueId: string): boolean {
          const old = Array.from(byId('notifications').children).find((n) => n.getAttribute('data-id') === uniqueId);
          old?.remove();
          return old !== undefined;
        },
      },
    };

    // userSettings.roles as Unified Interface fills it: the user's own roles with id and name, a
    // role held through a team with its id and no name (MicrosoftDocs/powerapps-docs#1330), so a
    // rule that trusts the names alone misses team roles here as in a real org.
    const roles: Xrm.LookupValue[] = ctx.user.roles.map((r) => ({ id: r.id, name: r.name as string, entityType: 'role' }));
    const xrm: HarnessXrm = {
      Utility: {
        getGlobalContext: () => ({
          userSettings: {
            userId,
            userName: ctx.user.fullName,
            languageId: ctx.user.languageId,
            // The user's Dynamics time zone (personal options), not the browser's.
            getTimeZoneOffsetMinutes: () => ctx.user.timeZoneOffsetMinutes,
            isHighContrastEnabled: highContrast,
            roles: itemCollection(roles),
          },
          // The org's URL: the harness's origin stands in for https://<org>.crm.dynamics.com.
          getClientUrl: () => location.origin,
          // Dynamics gives /%7b<version>%7d/webresources/<name> (getWebResourceUrl); the harness serves web resources at /WebResources/<name>.
          getWebResourceUrl: (name: string) => `/WebResources/${name}`,
          getVersion: () => '9.2.0.0',
        }),
      },
      WebApi: {
        retrieveMultipleRecords: (entity: string, options = '') =>
          xrmPromise(
            // Dynamics leaves nextLink out on the last page (@types/xrm types it as a string).
            dataverse(`${setOf(entity)}${options}`).then((body) => ({ entities: body.value as never[], nextLink: body['@odata.nextLink'] as string })),
          ),
        retrieveRecord: <T>(entity: string, id: string, options = '') =>
          xrmPromise(dataverse(`${setOf(entity)}(${id.replace(/[{}]/g, '')})${options}`) as Promise<T>),
      },
      Navigation: {
        navigateTo: (input, options = { target: 2 }) => xrmPromise(openDialog(input, options)),
        openForm: (o) => {
          const url = `/main.aspx?pagetype=entityrecord&etn=${encodeURIComponent(o.entityName ?? '')}&id=${encodeURIComponent(String(o.entityId ?? ''))}`;
          if (o.openInNewWindow) window.open(url, '_blank');
          else location.href = url;
          return xrmPromise(Promise.resolve({ savedEntityReference: [] }));
        },
        openUrl: (url: string) => void window.open(url, '_blank'),
      },
      App: {
        sidePanes: {
          createPane: (options) => xrmPromise(createPane(options)),
          getPane: (id: string) => panes.get(id),
          getSelectedPane: () => (selectedPane ? panes.get(selectedPane) : undefined),
          getAllPanes: () => [...panes.values()],
          state: 1,
        },
      },
    };
    (window as unknown as Record<string, unknown>).Xrm = xrm;

    // User switch: the page reloads as the other demo user.
    const select = byId('user-switch') as HTMLSelectElement;
    for (const u of ctx.users) {
      const option = el('option', { value: u.key }, u.label);
      if (u.key === ctx.user.key) option.selected = true;
      select.append(option);
    }
    select.addEventListener('change', () => {
      const next = new URLSearchParams(location.search);
      next.set('user', select.value);
      location.search = next.toString();
    });
    const other = pageType === 'webresource' || entityName !== 'opportunity' ? 'opportunity' : 'quote';
    const link = byId('switch-record') as HTMLAnchorElement;
    link.textContent = `Open the demo ${other}`;
    link.href = `/main.aspx?pagetype=entityrecord&etn=${other}&id=${ctx.records[other]}`;

    // The app's site map: its web resource subareas (Settings: the admin page) open as pages of the app.
    for (const sub of ctx.siteMap.filter((s) => s.webResource)) {
      const a = el(
        'a',
        { href: `/main.aspx?pagetype=webresource&webresourceName=${encodeURIComponent(sub.webResource ?? '')}`, 'data-subarea': sub.id },
        sub.title,
      );
      if (pageType === 'webresource' && sub.webResource === pageWebResource) a.setAttribute('aria-current', 'page');
      byId('sitemap').append(a);
    }
    if (pageType === 'webresource') {
      showWebResourcePage(ctx);
      return;
    }

    // Tabs: Summary (the record's fields) and Contracts (CLM) (the record's dtclm_contract rows).
    const tabs = byId('tabs');
    const panels = byId('tab-panels');
    const tabNames = FIELDS[entityName]?.contracts ? ['Summary', 'Contracts (CLM)'] : ['Summary'];
    const tabButtons = tabNames.map((name, i) => {
      const b = el('button', { role: 'tab', id: `tab-${i}`, 'aria-controls': `panel-${i}`, 'aria-selected': String(i === 0) }, name);
      const panel = el('div', { role: 'tabpanel', id: `panel-${i}`, 'aria-labelledby': `tab-${i}`, class: 'section' });
      panel.hidden = i !== 0;
      b.addEventListener('click', () => {
        tabButtons.forEach((t, j) => t.setAttribute('aria-selected', String(i === j)));
        Array.from(panels.children).forEach((p, j) => ((p as HTMLElement).hidden = i !== j));
      });
      tabs.append(b);
      panels.append(panel);
      return b;
    });

    async function loadRecord(): Promise<void> {
      const spec = FIELDS[entityName];
      if (!spec || !recordId) {
        byId('record-name').textContent = 'No record';
        return;
      }
      const row = await dataverse(`${setOf(entityName)}(${recordId})?$select=${spec.select}`, FORMATTED);
      byId('record-name').textContent = shown(row, spec.nameColumn);
      byId('record-kind').textContent = spec.kind;
      document.title = `${shown(row, spec.nameColumn)} - Dynamics 365 (harness)`;
      const dl = el('dl');
      for (const [label, column] of spec.rows) dl.append(el('dt', {}, label), el('dd', {}, shown(row, column) || '—'));
      byId('panel-0').replaceChildren(el('h3', {}, 'Summary'), dl);
      const lookup = spec.contracts;
      if (!lookup) return;
      // A user without read access to contracts sees the subgrid say so, as Dynamics does.
      const contracts = await dataverse(
        `dtclm_contracts?$select=dtclm_name,dtclm_status,createdon&$filter=${lookup} eq ${recordId}&$orderby=createdon desc`,
        FORMATTED,
      ).catch(() => undefined);
      if (!contracts) {
        byId('panel-1').replaceChildren(el('h3', {}, 'Contracts (CLM)'), el('p', {}, 'You do not have permission to see these records.'));
        return;
      }
      const table = el('table', { 'aria-label': 'Contracts (CLM)' });
      table.append(el('tr'));
      table.rows[0].append(el('th', { scope: 'col' }, 'Name'), el('th', { scope: 'col' }, 'Status'), el('th', { scope: 'col' }, 'Created on'));
      for (const c of contracts.value as Array<Record<string, unknown>>) {
        const tr = el('tr');
        tr.append(el('td', {}, shown(c, 'dtclm_name')), el('td', {}, shown(c, 'dtclm_status')), el('td', {}, shown(c, 'createdon')));
        table.append(tr);
      }
      byId('panel-1').replaceChildren(el('h3', {}, 'Contracts (CLM)'), table);
    }

    // Command bar: the solution's buttons for this table, each shown when its enable rules say yes
    // (Unified Interface hides a disabled command), run with the form as PrimaryControl.
    const loaded = new Map<string, Promise<void>>();
    const loadLibrary = (library: string) => {
      let p = loaded.get(library);
      if (!p) {
        p = new Promise<void>((resolve, reject) => {
          const s = el('script', { src: `/WebResources/${library}` });
          s.addEventListener('load', () => resolve());
          s.addEventListener('error', () => reject(new Error(`${library} did not load`)));
          document.head.append(s);
        });
        loaded.set(library, p);
      }
      return p;
    };
    const resolveFunction = (name: string): ((...args: unknown[]) => unknown) | undefined => {
      let target: unknown = window;
      for (const part of name.split('.')) target = target && (target as Record<string, unknown>)[part];
      return typeof target === 'function' ? (target as (...args: unknown[]) => unknown) : undefined;
    };
    const argumentsOf = (rule: HarnessRule) => rule.parameters.map((p) => (p === 'PrimaryControl' ? formContext : p));
    const RULE_LIMIT_MS = 10_000;
    async function evaluate(rule: HarnessRule): Promise<boolean> {
      await loadLibrary(rule.library);
      const f = resolveFunction(rule.functionName);
      if (!f) return rule.default ?? false;
      try {
        const result = await Promise.race([
          Promise.resolve(f(...argumentsOf(rule))),
          new Promise((resolve) => setTimeout(() => resolve(rule.default ?? false), RULE_LIMIT_MS)),
        ]);
        return result === true;
      } catch {
        return rule.default ?? false;
      }
    }
    let renderRound = 0;
    async function renderCommandBar(): Promise<void> {
      const round = ++renderRound;
      const buttons = ctx.ribbon[entityName] ?? [];
      const shownButtons: HTMLElement[] = [];
      for (const b of buttons) {
        const rules = await Promise.all([...b.displayRules, ...b.enableRules].map(evaluate));
        if (!rules.every(Boolean)) continue;
        const button = el('button', { type: 'button', 'data-id': `${entityName}|NoRelationship|Form|${b.id}`, title: b.tooltip, 'aria-label': b.label });
        if (b.icon) button.append(el('img', { src: `/WebResources/${b.icon}`, alt: '' }));
        button.append(el('span', {}, b.label));
        button.addEventListener('click', async () => {
          await loadLibrary(b.command.library);
          const f = resolveFunction(b.command.functionName);
          if (f) await f(...argumentsOf(b.command));
        });
        shownButtons.push(button);
      }
      if (round !== renderRound) return;
      // A command that had the focus keeps it when the bar is drawn again (after a dialog closed).
      const focusedId = document.activeElement?.closest('#commandbar button')?.getAttribute('data-id');
      byId('commandbar').replaceChildren(...shownButtons);
      if (focusedId) shownButtons.find((b) => b.getAttribute('data-id') === focusedId)?.focus();
      byId('commandbar').setAttribute('data-ready', 'true');
    }

    // The command bar does not wait for the form's data, nor fail with it.
    await Promise.all([
      loadRecord().catch((e: unknown) => (byId('record-name').textContent = `The record could not be read: ${(e as Error).message}`)),
      renderCommandBar(),
    ]);
  }

  main().catch((e: unknown) => {
    byId('record-name').textContent = `The harness failed: ${(e as Error).message}`;
  });
})();
