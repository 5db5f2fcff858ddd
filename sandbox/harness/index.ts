/**
 * The form harness: a page shaped like a Dynamics opportunity or quote form (header, command bar,
 * tabs with the record's fields, side pane area, dialog layer) that runs the built web resources
 * from dist/ unchanged, with an Xrm backed by the Dataverse emulator as the signed-in demo user.
 *
 *   /                         -> the demo opportunity's form, as rep
 *   /main.aspx?etn=&id=&user= the form of a record (user= switches the demo user, kept in a cookie)
 *   /main.aspx?pagetype=webresource&webresourceName=
 *                             a web resource page of the app's site map (the Settings area's admin page)
 *   /WebResources/<name>      dist/webresources/<name>, as Dynamics serves web resources (no COOP header)
 *   /api/data/v9.2/...        the Dataverse emulator as the signed-in user (dataverse-proxy.ts)
 *   /_harness/context         the user, the demo users, the command bar and the site map (from the solution zip)
 *   /_harness/signed-in       the identity emulator's answer to the harness's own sign-in (dynamics-session.ts)
 *
 * Nobody is signed in until they sign in on the identity emulator's page, as in Dynamics; the
 * harness hands no token to any page: the pages sign in with msal-browser.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import express, { type Request } from 'express';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { DEMO_TEAMS, DEMO_USERS, type DemoUser } from '../seed/identities';
import { SEED_IDS } from '../dataverse/seed/ids';
import { DIST, findSolutionZip, readFileIn } from './built-solution';
import { dataverseProxy } from './dataverse-proxy';
import { dynamicsSessions, SIGNED_IN_PATH } from './dynamics-session';
import { harnessHtml } from './page-html';
import { ribbonFromSolutionZip, type RibbonButton } from './ribbon-from-solution';
import { siteMapFromSolutionZip } from './site-map-from-solution';

export interface HarnessOptions {
  dataverseUrl: string;
  /** The identity emulator's authority ({authority}/oauth2/v2.0/authorize, /token). */
  authority: string;
  distDir?: string;
  port?: number;
  host?: string;
}

/** The tables the harness has a form for: the connector's two trigger tables, and the contact (Sync to CLM). */
export type HarnessFormEntity = 'opportunity' | 'quote' | 'contact';

export interface Harness {
  url: string;
  /** The form of a record as a user, e.g. formUrl('opportunity', id, 'rep'). */
  formUrl(entity: HarnessFormEntity, id: string, user?: string): string;
  /** A web resource page of the app's site map as a user, e.g. pageUrl('dtclm_/html/admin.html', 'admin'). */
  pageUrl(webResourceName: string, user?: string): string;
  ribbon: Record<string, RibbonButton[]>;
  /**
   * The redirect URIs an admin registers for this "org": the harness's own sign-in (Web, of the
   * web client that stands for Dynamics) and the pages' bridge page (Single-page application, of the
   * connector's app registration: admin guide Step 1 item 7).
   */
  redirectUris: { dynamics: string; signInPage: string };
  close(): Promise<void>;
}

const DEFAULT_USER = 'rep';

function askedUser(req: Request): DemoUser | undefined {
  const asked = typeof req.query.user === 'string' ? req.query.user : undefined;
  return DEMO_USERS.find((u) => u.key === asked);
}

/** The URL without `user=`: where the browser goes back after signing in. */
function withoutUser(req: Request): string {
  const url = new URL(req.originalUrl, 'http://harness');
  url.searchParams.delete('user');
  return `${url.pathname}${url.search}`;
}

function clientScript(): string {
  const source = readFileSync(join(__dirname, 'client', 'harness-page.ts'), 'utf8');
  return ts
    .transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.None, removeComments: false } })
    .outputText.replace(/^export \{\};?\s*$/m, '');
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const dist = opts.distDir ?? DIST;
  const zip = findSolutionZip(dist);
  if (!zip) throw new Error(`No solution zip in ${dist}: run npm run build first`);
  const ribbon = await ribbonFromSolutionZip(zip);
  const siteMap = await siteMapFromSolutionZip(zip);
  const webResources = join(dist, 'webresources');
  const script = clientScript();
  let url = '';
  const sessions = dynamicsSessions({ authority: opts.authority, dataverseUrl: opts.dataverseUrl, harnessUrl: () => url });

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => res.redirect(`/main.aspx?pagetype=entityrecord&etn=opportunity&id=${SEED_IDS.opportunity}`));
  // Dynamics' pages need a signed-in user: without one (or with user= naming another demo user, the
  // header's switch) the browser goes to Entra's sign-in first, as when Dynamics' session ends.
  app.get('/main.aspx', (req, res) => {
    const current = sessions.userOf(req);
    const asked = askedUser(req);
    if (!current || (asked && asked.key !== current.key)) {
      sessions.signIn(req, res, { returnTo: withoutUser(req), loginHint: asked?.upn, switching: current !== undefined });
      return;
    }
    res.type('html').send(harnessHtml());
  });
  app.get(SIGNED_IN_PATH, (req, res) => void sessions.signedIn(req, res));
  // Dynamics serves its own icon; without this every page logs a 404 for the browser's favicon request.
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.get('/_harness/client.js', (_req, res) => res.type('application/javascript').send(script));
  app.get('/_harness/context', (req, res) => {
    const user = sessions.userOf(req);
    if (!user) {
      res.status(401).json({ error: 'Nobody is signed in: open the harness again to sign in.' });
      return;
    }
    res.json({
      user: {
        key: user.key,
        upn: user.upn,
        fullName: `${user.firstName} ${user.lastName}`,
        systemUserId: user.systemUserId,
        roles: userSettingsRoles(user),
        languageId: user.localeId,
        timeZoneOffsetMinutes: offsetMinutesNow(user.timeZone),
      },
      // Every demo user, the disabled one too: signing in as them shows what a disabled user meets.
      users: DEMO_USERS.map((u) => ({ key: u.key, label: `${u.firstName} ${u.lastName} (${u.key}${u.isDisabled ? ', user disabled in Dynamics' : ''})` })),
      ribbon,
      siteMap,
      records: { opportunity: SEED_IDS.opportunity, quote: SEED_IDS.quote, contact: SEED_IDS.contact },
    });
  });
  app.get('/WebResources/*path', (req, res) => {
    const name = decodeURIComponent(req.path.slice('/WebResources/'.length));
    const file = readFileIn(webResources, name);
    if (!file) {
      res.status(404).type('text').send(`No web resource ${name} in ${webResources}`);
      return;
    }
    res.type(name.slice(name.lastIndexOf('.'))).setHeader('Cache-Control', 'no-cache');
    res.send(file);
  });
  app.all('/api/data/*path', dataverseProxy({ dataverseUrl: opts.dataverseUrl, tokenOf: (req) => sessions.dataverseToken(req) }));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    ribbon,
    redirectUris: { dynamics: `${url}${SIGNED_IN_PATH}`, signInPage: `${url}/WebResources/dtclm_/html/signin.html` },
    formUrl: (entity, id, user = DEFAULT_USER) => `${url}/main.aspx?pagetype=entityrecord&etn=${entity}&id=${id}&user=${user}`,
    pageUrl: (webResourceName, user = DEFAULT_USER) =>
      `${url}/main.aspx?pagetype=webresource&webresourceName=${encodeURIComponent(webResourceName)}&user=${user}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * `userSettings.roles` as Unified Interface fills it: each role of the user's own with its id and
 * name, each role held through a team with its id and no name (MicrosoftDocs/powerapps-docs#1330;
 * #5046 reports them missing altogether): the names of team roles are not there to be read. The ids
 * are stand-ins made from the names (the harness does not read the emulator's role rows).
 */
function userSettingsRoles(user: DemoUser): Array<{ id: string; name?: string }> {
  const idOf = (name: string) => {
    const h = createHash('sha1').update(`role:${name}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  const own = user.roles.map((name) => ({ id: idOf(name), name }));
  const viaTeams = DEMO_TEAMS.filter((t) => user.teams.includes(t.name))
    .flatMap((t) => t.roles)
    .filter((name) => !user.roles.includes(name))
    .map((name) => ({ id: idOf(name) }));
  return [...own, ...viaTeams];
}

/** What `userSettings.getTimeZoneOffsetMinutes()` gives: the zone's offset from UTC now, in minutes (Paris in winter: 60). */
function offsetMinutesNow(timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m?.[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
