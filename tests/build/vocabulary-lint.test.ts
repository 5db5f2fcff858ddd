/**
 * Each fact once: the lint rule of eslint.config.mjs refuses a dtclm_* choice value or a connector
 * role name written by hand in the functions or the web resources (they come from api/vocabulary).
 * The same rule refuses a connector route written by hand (api/routes.ts declares them).
 * The text is linted as if it stood in a real file of each side, with the repository's own config.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** ESLint's own command line (the config is an ES module, which jest's module loader does not import). */
async function restrictedSyntaxIn(file: string, code: string): Promise<string[]> {
  const run = spawnSync(join(root, 'node_modules/.bin/eslint'), ['--stdin', '--stdin-filename', file, '--format', 'json'], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  const [result] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('the vocabulary lint rule', () => {
  it('fails a status value written by hand in the functions', async () => {
    const messages = await restrictedSyntaxIn('functions/src/domain/roles.ts', 'export const signed = 718900005;\nexport const prefix = 7189000;\n');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('api/vocabulary');
  }, 60_000);

  it('fails a role name written by hand in the web resources, in a string or a template', async () => {
    const code = "export const a = 'Dilitrust CLM Admin';\nexport const b = (n: number) => `${n} Dilitrust CLM Send to Sign`;\n";
    expect(await restrictedSyntaxIn('webresources/lib/connector-roles.ts', code)).toHaveLength(2);
  }, 60_000);

  it('lets the vocabulary itself and code that imports it pass', async () => {
    const code = "import { CONTRACT_STATUS_VALUE } from '../../../api/vocabulary/contract-status';\nexport const signed = CONTRACT_STATUS_VALUE.signed;\n";
    expect(await restrictedSyntaxIn('functions/src/domain/roles.ts', code)).toEqual([]);
  }, 60_000);

  it("fails a connector route written by hand in the pages or the handlers, not Dataverse's own /api/data/", async () => {
    const code = "export const a = '/api/contracts';\nexport const b = (id: string) => `/api/contracts/${id}`;\nexport const c = '/api/data/v9.2/';\n";
    expect(await restrictedSyntaxIn('webresources/lib/connector-roles.ts', code)).toHaveLength(2);
    const route = "export const r = { name: 'x', methods: ['GET'], route: 'contracts' };\n";
    expect(await restrictedSyntaxIn('functions/src/handlers/contracts/routes.ts', route)).toHaveLength(1);
  }, 60_000);
});
