/**
 * The form harness: a page shaped like a Dynamics opportunity or quote form (header, command bar,
 * tabs with the record's fields, side pane area, dialog layer) that runs the built web resources
 * from dist/ unchanged, with an Xrm backed by the Dataverse emulator as the signed-in demo user.
 *
 *   /                         -> the demo opportunity's form, as rep
 *   /main.aspx?etn=&id=&user= the form of a record (user= switches the demo user, kept in a cookie)
 *   /main.aspx?pagetype=webresource&webresourceName=
 *                             a web resource page of the app's site map (the Settings area's admin page)
 *   /WebResources/<name>      dist/webresources/<name>, as Dynamics serves web resources
 *   /api/data/v9.2/...        the Dataverse emulator as the signed-in user (dataverse-proxy.ts)
 *   /_harness/context         the user, the demo users, the command bar and the site map (from the solution zip)
 *   /_harness/token           a connector API token of the signed-in user (the harness's token provider)
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import express, { type Request } from 'express';
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { DEMO_USERS, demoUser } from '../seed/identities';
import { SEED_IDS } from '../dataverse/seed/ids';
import { DIST, findSolutionZip, readFileIn } from './built-solution';
import { dataverseProxy } from './dataverse-proxy';
import { harnessHtml } from './page-html';
import { ribbonFromSolutionZip, type RibbonButton } from './ribbon-from-solution';
import { siteMapFromSolutionZip } from './site-map-from-solution';
import { userTokens } from './user-tokens';

export interface HarnessOptions {
  dataverseUrl: string;
  tokenEndpoint: string;
  /** The connector API's client id: tokens are asked for api://<id>/.default. */
  connectorClientId: string;
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
  close(): Promise<void>;
}

const USER_COOKIE = 'harness_user';
const DEFAULT_USER = 'rep';

function cookieUser(req: Request): string {
  const match = /(?:^|;\s*)harness_user=([a-z]+)/.exec(req.headers.cookie ?? '');
  const key = match?.[1] ?? DEFAULT_USER;
  return DEMO_USERS.some((u) => u.key === key) ? key : DEFAULT_USER;
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
  const tokens = userTokens(opts.tokenEndpoint);
  const script = clientScript();

  const app = express();
  app.disable('x-powered-by');
  app.get('/', (_req, res) => res.redirect(`/main.aspx?pagetype=entityrecord&etn=opportunity&id=${SEED_IDS.opportunity}`));
  app.get('/main.aspx', (req, res) => {
    const asked = typeof req.query.user === 'string' ? req.query.user : undefined;
    if (asked && DEMO_USERS.some((u) => u.key === asked)) res.cookie(USER_COOKIE, asked, { httpOnly: true, sameSite: 'lax' });
    res.type('html').send(harnessHtml());
  });
  app.get('/_harness/client.js', (_req, res) => res.type('application/javascript').send(script));
  app.get('/_harness/context', (req, res) => {
    const asked = typeof req.query.user === 'string' && DEMO_USERS.some((u) => u.key === req.query.user) ? req.query.user : undefined;
    const user = demoUser(asked ?? cookieUser(req));
    res.json({
      user: {
        key: user.key,
        upn: user.upn,
        fullName: `${user.firstName} ${user.lastName}`,
        systemUserId: user.systemUserId,
        roles: user.roles,
        languageId: user.localeId,
        timeZoneOffsetMinutes: offsetMinutesNow(user.timeZone),
      },
      users: DEMO_USERS.filter((u) => !u.isDisabled).map((u) => ({ key: u.key, label: `${u.firstName} ${u.lastName} (${u.key})` })),
      ribbon,
      siteMap,
      records: { opportunity: SEED_IDS.opportunity, quote: SEED_IDS.quote, contact: SEED_IDS.contact },
    });
  });
  app.post('/_harness/token', async (req, res) => {
    try {
      res.json({ accessToken: await tokens.get(cookieUser(req), `api://${opts.connectorClientId}/.default`) });
    } catch (e) {
      res.status(401).json({ error: (e as Error).message });
    }
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
  app.all('/api/data/*path', dataverseProxy({ dataverseUrl: opts.dataverseUrl, tokens, userOf: cookieUser }));

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    ribbon,
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

/** What `userSettings.getTimeZoneOffsetMinutes()` gives: the zone's offset from UTC now, in minutes (Paris in winter: 60). */
function offsetMinutesNow(timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name);
  if (!m?.[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}
