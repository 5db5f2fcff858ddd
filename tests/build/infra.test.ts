/**
 * infra/main.bicep, read as a Bicep syntax tree (tests/build/helpers/bicep-tree.ts: the tree-sitter
 * Bicep grammar from npm). No package on npm compiles Bicep or lints ARM without fetching the Bicep
 * CLI binary (bicep-node downloads it at run time; infra/README.md lists what was tried), so this is
 * a parse, not a compile: the file must parse without a syntax
 * error and use no undeclared name, and the tree must hold what the issue and connector-api.md ask:
 * every app setting of the spec (parsed from connector-api.md's Settings table) on the Function App,
 * the two secrets as Key Vault references, the Dynamics origin in CORS, Node 20 or later on Flex
 * Consumption, the queues, tables and containers the connector's code names; and the parameters
 * example sets every parameter without a default. `az bicep build --file infra/main.bicep` is the
 * compile check an admin's machine runs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOKEN_CONTAINER } from '../../functions/src/adapters/storage/clm-token-store';
import { WEBHOOK_BODY_CONTAINER } from '../../functions/src/adapters/storage/event-queue';
import { SECRETS_CONTAINER } from '../../functions/src/adapters/storage/webhook-secrets';
import { RUN_SLOTS_TABLE, RUNS_TABLE } from '../../functions/src/adapters/storage/table-run-store';
import { appFunctions } from '../../functions/src/routes';
import {
  at,
  declaration,
  declarations,
  loopItems,
  parseBicep,
  property,
  resolveVariable,
  resourceBody,
  resourceType,
  stringValue,
  syntaxErrors,
  undeclaredNames,
  type BicepNode,
} from './helpers/bicep-tree';
import { REPO_ROOT, SHARED_DIR } from './helpers/paths';

const root = parseBicep(readFileSync(join(REPO_ROOT, 'infra', 'main.bicep'), 'utf8'));
const functionApp = () => resourceBody(declaration(root, 'resource', 'functionApp'));

/** The settings connector-api.md lists: every `NAME` in the first column of its Settings table. */
function specSettings(): string[] {
  const md = readFileSync(join(SHARED_DIR, 'spec', 'connector-api.md'), 'utf8');
  const section = md.slice(md.indexOf('## Settings'));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  return rows.flatMap((r) => [...r.split('|')[1]!.matchAll(/`([A-Za-z_]+)`/g)].map((m) => m[1]!));
}

/** The Function App's app settings: name -> value expression. */
function appSettings(): Map<string, BicepNode> {
  const list = at(functionApp(), 'properties.siteConfig.appSettings');
  expect(list.type).toBe('array');
  return new Map(list.namedChildren.map((item) => [stringValue(property(item, 'name')!), property(item, 'value')!]));
}

/** The string literals an expression can evaluate to (both sides of a `?:`, variables followed). */
function stringsOf(node: BicepNode): string[] {
  const resolved = resolveVariable(root, node);
  if (resolved.type === 'ternary_expression')
    return [...stringsOf(resolved.childForFieldName('consequence')!), ...stringsOf(resolved.childForFieldName('alternative')!)];
  if (resolved.type === 'string') return [resolved.text];
  return [];
}

/** Names a Bicep file may call or read without declaring them (Bicep's built-in functions and decorators). */
const BICEP_BUILTINS = new Set([
  'description',
  'secure',
  'minLength',
  'maxLength',
  'minValue',
  'maxValue',
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

describe('infra/main.bicep', () => {
  it('parses as Bicep, and uses no name it does not declare', () => {
    expect(syntaxErrors(root)).toEqual([]);
    expect(root.hasError).toBe(false);
    expect(undeclaredNames(root, BICEP_BUILTINS)).toEqual([]);
  });

  it('is checked by a parser that does see a syntax error and an undeclared name', () => {
    const broken = parseBicep("param a string\nresource r 'Microsoft.Web/sites@2024-04-01' = {\n  name: a\n");
    expect(syntaxErrors(broken).length).toBeGreaterThan(0);
    const unknown = parseBicep("param a string\nvar b = '${a}-${c}'\n");
    expect(undeclaredNames(unknown, BICEP_BUILTINS)).toEqual(['c (line 2)']);
  });

  it('sets every application setting of connector-api.md on the Function App', () => {
    const wanted = specSettings();
    expect(wanted).toEqual(expect.arrayContaining(['DATAVERSE_URL', 'AZURE_CLIENT_SECRET', 'AzureWebJobsStorage', 'SCIM_TOKEN']));
    const settings = appSettings();
    for (const name of wanted) expect({ name, set: settings.has(name) }).toEqual({ name, set: true });
    expect(settings.has('APPLICATIONINSIGHTS_CONNECTION_STRING')).toBe(true);
    // Each setting is set once.
    const names = at(functionApp(), 'properties.siteConfig.appSettings').namedChildren.map((i) => stringValue(property(i, 'name')!));
    expect(names).toEqual([...new Set(names)]);
  });

  it('gives the client secret and the SCIM token as Key Vault references, never as plain values', () => {
    const settings = appSettings();
    for (const name of ['AZURE_CLIENT_SECRET', 'SCIM_TOKEN']) {
      const values = stringsOf(settings.get(name)!).filter((s) => s !== "''");
      expect({ name, values: values.length > 0 && values.every((v) => v.includes('@Microsoft.KeyVault(')) }).toEqual({ name, values: true });
    }
    // The secure parameters go into the vault (and nowhere else), and the app may read the vault.
    for (const [param, secret] of [
      ['clientSecret', 'clientSecretEntry'],
      ['scimToken', 'scimTokenEntry'],
    ] as const) {
      const decorators = declaration(root, 'parameter', param).previousNamedSibling!;
      expect(decorators.type).toBe('decorators');
      expect(decorators.text).toContain('@secure()');
      expect(at(resourceBody(declaration(root, 'resource', secret)), 'properties.value').text).toBe(param);
      // Any other use only asks whether it is empty: the value itself reaches nothing but the vault.
      const valueUses = root
        .descendantsOfType('identifier')
        .filter((id) => id.text === param && id.parent!.type !== 'parameter_declaration')
        .filter((id) => !(id.parent!.type === 'arguments' && id.parent!.parent!.childForFieldName('function')?.text === 'empty'));
      expect({ param, valueUses: valueUses.map((id) => id.parent!.text) }).toEqual({ param, valueUses: [`value: ${param}`] });
    }
    expect(stringValue(resolveVariable(root, declaration(root, 'variable', 'keyVaultSecretsUserRoleId').namedChildren[1]!))).toBe(
      '4633458b-17de-408a-b874-0445c86b69e6',
    );
    expect(stringValue(at(functionApp(), 'properties.keyVaultReferenceIdentity'))).toBe('SystemAssigned');
    expect(stringValue(at(functionApp(), 'identity.type'))).toBe('SystemAssigned');
  });

  it('runs Node 20 or later on Flex Consumption (Linux)', () => {
    const runtime = at(functionApp(), 'properties.functionAppConfig.runtime');
    expect(stringValue(property(runtime, 'name')!)).toBe('node');
    expect(Number(stringValue(property(runtime, 'version')!))).toBeGreaterThanOrEqual(20);
    const plan = resourceBody(declaration(root, 'resource', 'plan'));
    expect([stringValue(at(plan, 'sku.tier')), stringValue(at(plan, 'sku.name'))]).toEqual(['FlexConsumption', 'FC1']);
    expect(at(plan, 'properties.reserved').text).toBe('true');
    expect(at(functionApp(), 'properties.serverFarmId').text).toBe('plan.id');
  });

  it('allows the Dynamics origin in CORS, from the Dynamics URL, without credentials', () => {
    const cors = at(functionApp(), 'properties.siteConfig.cors');
    expect(at(cors, 'allowedOrigins').namedChildren.map((n) => n.text)).toEqual(['dynamicsOrigin']);
    const origin = declaration(root, 'variable', 'dynamicsOrigin').namedChildren[1]!;
    expect(origin.descendantsOfType('identifier').map((n) => n.text)).toContain('dataverseUrl');
    expect(at(cors, 'supportCredentials').text).toBe('false');
  });

  it('makes every queue the app listens on (and its poison queue), and the tables and blob containers the code uses', () => {
    const listened = appFunctions(() => {
      throw new Error('the app is not built when the functions are listed');
    }).queues.map((q) => q.queueName);
    expect(listened.length).toBeGreaterThan(1);
    const items = (name: string) => loopItems(declaration(root, 'resource', name)).map(stringValue);
    expect(items('queues')).toEqual(expect.arrayContaining(listened.flatMap((q) => [q, `${q}-poison`])));
    expect(items('tables')).toEqual(expect.arrayContaining([RUNS_TABLE, RUN_SLOTS_TABLE]));
    expect(items('stateContainers')).toEqual(expect.arrayContaining([SECRETS_CONTAINER, TOKEN_CONTAINER, WEBHOOK_BODY_CONTAINER]));
    // They live in the app's own storage account (the one AzureWebJobsStorage names).
    expect(resourceType(declaration(root, 'resource', 'queues'))).toMatch(/^Microsoft\.Storage\/storageAccounts\/queueServices\/queues@/);
    expect(appSettings().get('AzureWebJobsStorage')!.text).toContain('storage.name');
  });

  it('has Application Insights (its connection string in the app) and a Key Vault', () => {
    const types = [...declarations(root, 'resource').values()].map(resourceType);
    expect(types).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Microsoft\.Insights\/components@/), expect.stringMatching(/^Microsoft\.KeyVault\/vaults@/)]),
    );
    expect(appSettings().get('APPLICATIONINSIGHTS_CONNECTION_STRING')!.text).toBe('appInsights.properties.ConnectionString');
    for (const t of types) expect(t).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+@\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('has a parameters example that sets every parameter without a default, and nothing else', () => {
    const params = [...declarations(root, 'parameter').entries()].map(([name, node]) => ({
      name,
      // `param name type` has two children; a default value is a third.
      hasDefault: node.namedChildren.length > 2,
    }));
    expect(params.filter((p) => !p.hasDefault).map((p) => p.name)).toEqual(expect.arrayContaining(['baseName', 'dataverseUrl', 'clientId', 'clientSecret']));
    const example = JSON.parse(readFileSync(join(REPO_ROOT, 'infra', 'main.parameters.example.json'), 'utf8')) as { parameters: Record<string, unknown> };
    const given = Object.keys(example.parameters);
    for (const p of params.filter((x) => !x.hasDefault)) expect(given).toContain(p.name);
    for (const g of given) expect(params.map((p) => p.name)).toContain(g);
  });
});
