/** The world as a browser and an admin see it: user tokens (password grant), calls to the functions, rows read as the app. */
import type { World } from '../../../sandbox/world';
import { demoUserToken } from '../../../sandbox/identity';

const tokens = new Map<string, string>();

/** An access token for the connector API, as the web resources get it (public client, password grant in the sandbox). */
export async function userToken(world: World, user: string): Promise<string> {
  const known = tokens.get(`${world.ready.identity}|${user}`);
  if (known) return known;
  const token = await demoUserToken(world.identity.tokenEndpoint, user);
  tokens.set(`${world.ready.identity}|${user}`, token);
  return token;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

export async function callApi(world: World, method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}): Promise<Answer> {
  const res = await fetch(`${world.functions.url}/${path}`, {
    method,
    headers: {
      ...(opts.token ? { Authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined || opts.raw ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(opts.raw !== undefined ? { body: opts.raw } : opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: res.status, headers: res.headers, body };
}

/** Reads Dataverse as the connector app (all rows), for checking what was written. */
export async function dataverseAsApp<T>(world: World, path: string): Promise<T> {
  const res = await fetch(`${world.dataverse.apiUrl}/${path}`, {
    headers: { Authorization: `Bearer ${await world.admin.token()}`, Accept: 'application/json', Prefer: 'odata.include-annotations="*"' },
  });
  if (!res.ok) throw new Error(`Dataverse ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function sandboxControl(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}/_sandbox/${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`sandbox control ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

export interface ClmContractView {
  id: string;
  name: string;
  status: string;
  templateId: string;
  folderId: string;
  fields: Record<string, unknown>;
  signatories?: { email: string; order?: number }[];
  externalRef?: { system: string; entity: string; id: string; orgUrl?: string };
}

export async function clmContracts(world: World): Promise<ClmContractView[]> {
  const answer = (await sandboxControl(world.clm!.apiBase, 'GET', 'contracts')) as ClmContractView[] | { data: ClmContractView[] };
  return Array.isArray(answer) ? answer : answer.data;
}
