/**
 * infra/main.bicep, read as text. No Bicep compiler or ARM linter installs from npm here without
 * downloading the Bicep CLI binary (bicep-node drives that binary), so this test does not compile
 * the file: it checks what the issue and connector-api.md ask of it, structurally — every app setting
 * of the spec (parsed from connector-api.md's Settings table) set on the Function App, the two
 * secrets as Key Vault references, the Dynamics origin in CORS, Node 20 or later, the queues and
 * containers the connector's code names — and that the parameters example sets every parameter
 * without a default. `az bicep build --file infra/main.bicep` is the compile check an admin's
 * machine runs (docs/admin-guide.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_CONTAINER } from '../../functions/src/adapters/storage/clm-token-store';
import { WEBHOOK_BODY_CONTAINER } from '../../functions/src/adapters/storage/event-queue';
import { SECRETS_CONTAINER } from '../../functions/src/adapters/storage/webhook-secrets';
import { RUN_SLOTS_TABLE, RUNS_TABLE } from '../../functions/src/adapters/storage/table-run-store';
import { appFunctions } from '../../functions/src/routes';
import { REPO_ROOT, SHARED_DIR } from './helpers/paths';

const bicep = readFileSync(join(REPO_ROOT, 'infra', 'main.bicep'), 'utf8');
/** The file without its comment lines, so that a setting named only in a comment does not count. */
const code = bicep
  .split('\n')
  .filter((l) => !/^\s*\/\//.test(l))
  .join('\n');

/** The declaration starting with `head`, up to the end of its first `{ ... }` body (braces balanced, strings skipped). */
function blockOf(head: RegExp): string {
  const m = head.exec(code);
  if (!m) throw new Error(`main.bicep has no ${head}`);
  let depth = 0;
  let inString = false;
  const start = code.indexOf('{', m.index);
  for (let i = start; i < code.length; i++) {
    const ch = code[i];
    if (ch === "'" && code[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (ch === '{') depth++;
    if (ch === '}' && --depth === 0) return code.slice(m.index, i + 1);
  }
  throw new Error(`unbalanced braces after ${head}`);
}

/** The settings connector-api.md lists: every `NAME` in the first column of its Settings table. */
function specSettings(): string[] {
  const md = readFileSync(join(SHARED_DIR, 'spec', 'connector-api.md'), 'utf8');
  const section = md.slice(md.indexOf('## Settings'));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]!));
}

const functionApp = () => blockOf(/resource functionApp 'Microsoft\.Web\/sites@[\d-]+'/);
const appSettings = () => new Map([...functionApp().matchAll(/^\s*\{ name: '([A-Za-z_]+)', value: (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
const variable = (name: string) => new RegExp(`^var ${name} = (.+)$`, 'm').exec(code)?.[1];

describe('infra/main.bicep', () => {
  it('sets every application setting of connector-api.md on the Function App', () => {
    const wanted = specSettings();
    expect(wanted).toEqual(expect.arrayContaining(['DATAVERSE_URL', 'AZURE_CLIENT_SECRET', 'AzureWebJobsStorage', 'SCIM_TOKEN']));
    const settings = appSettings();
    for (const name of wanted) expect({ name, set: settings.has(name) }).toEqual({ name, set: true });
    expect(settings.has('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(true);
  });

  it('gives the client secret and the SCIM token as Key Vault references, never as plain values', () => {
    const settings = appSettings();
    for (const name of ['AZURE_CLIENT_SECRET', 'SCIM_TOKEN']) {
      const value = settings.get(name)!;
      const resolved = variable(value) ?? value;
      expect({ name, keyVault: resolved.includes('@Microsoft.KeyVault(') }).toEqual({ name, keyVault: true });
    }
    // The secure parameters go into the vault, and the app may read the vault.
    expect(code).toMatch(/@secure\(\)\s*\n@description\('.*'\)\s*\nparam clientSecret string/);
    expect(code).toMatch(/@secure\(\)\s*\n@description\('.*'\)\s*\nparam scimToken string/);
    expect(code).toMatch(/keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/);
    expect(functionApp()).toMatch(/keyVaultReferenceIdentity: 'SystemAssigned'/);
  });

  it('runs Node 20 or later on Flex Consumption (Linux)', () => {
    expect(Number(/runtime: \{ name: 'node', version: '(\d+)' \}/.exec(functionApp())?.[1])).toBeGreaterThanOrEqual(20);
    expect(blockOf(/resource plan 'Microsoft\.Web\/serverfarms@[\d-]+'/)).toMatch(/tier: 'FlexConsumption', name: 'FC1'/);
  });

  it('allows the Dynamics origin in CORS, from the Dynamics URL', () => {
    expect(functionApp()).toMatch(/allowedOrigins: \[dynamicsOrigin\]/);
    expect(variable('dynamicsOrigin')).toContain('dataverseUrl');
  });

  it('makes every queue the app listens on (and its poison queue), and the tables and blob containers the code uses', () => {
    const listened = appFunctions(() => {
      throw new Error('the app is not built when the functions are listed');
    }).queues.map((q) => q.queueName);
    expect(listened.length).toBeGreaterThan(1);
    for (const queue of listened.flatMap((q) => [q, `${q}-poison`])) expect(blockOf(/resource queues /)).toContain(`'${queue}'`);
    for (const table of [RUNS_TABLE, RUN_SLOTS_TABLE]) expect(blockOf(/resource tables /)).toContain(`'${table}'`);
    for (const container of [SECRETS_CONTAINER, TOKEN_CONTAINER, WEBHOOK_BODY_CONTAINER])
      expect(blockOf(/resource stateContainers /)).toContain(`'${container}'`);
  });

  it('has Application Insights and a Key Vault', () => {
    expect(code).toMatch(/resource appInsights 'Microsoft\.Insights\/components@/);
    expect(code).toMatch(/resource vault 'Microsoft\.KeyVault\/vaults@/);
  });

  it('has a parameters example that sets every parameter without a default, and nothing else', () => {
    const params = [...code.matchAll(/^param (\w+) (\w+)( = .+)?$/gm)].map((m) => ({ name: m[1]!, hasDefault: Boolean(m[3]) }));
    const example = JSON.parse(readFileSync(join(REPO_ROOT, 'infra', 'main.parameters.example.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const given = Object.keys(example.parameters);
    for (const p of params.filter((x) => !x.hasDefault)) expect(given).toContain(p.name);
    for (const g of given) expect(params.map((p) => p.name)).toContain(g);
  });

  it('declares every symbol it refers to (resource, param, var)', () => {
    const declared = new Set([...code.matchAll(/^(?:param|var|resource|output) (\w+)/gm)].map((m) => m[1]!));
    const builtins = new Set([
      'resourceGroup',
      'subscription',
      'environment',
      'uniqueString',
      'take',
      'replace',
      'split',
      'empty',
      'guid',
      'subscriptionResourceId',
    ]);
    const used = [...code.matchAll(/(?<![\w.'$])([a-zA-Z]\w*)\.(?:id|name|properties|identity|listKeys)\b/g)].map((m) => m[1]!);
    for (const u of used) expect({ u, declared: declared.has(u) || builtins.has(u) }).toEqual({ u, declared: true });
  });
});
