/**
 * The health check of the application user (application-user-check.ts) with fakes: which tables it
 * asks about (every table each active mapping reads), and how it words what it finds, so the admin
 * knows which role to change (dataverse-model.md, "The application user's role").
 */
import { applicationUserCheck } from '../../../functions/src/services/health/application-user-check';
import type { UnreadableTable } from '../../../functions/src/services/health/ports';

const mapping = (m: Record<string, unknown>) => JSON.stringify(m);
const nda = mapping({
  trigger_entity: 'opportunity',
  fields: { dt0_name: 'name' },
  relatedEntities: { parentaccountid: { entity: 'account', fields: { dt0_counterparty: 'name' } } },
  fixedFieldMappings: { dt0_product: { entity: 'product', id: '5eed0014-0000-4000-8000-000000000001', attribute: 'name' } },
});
const quote = mapping({ trigger_entity: 'quote', fields: { dt0_number: 'quotenumber' } });

function run(unreadable: UnreadableTable[]) {
  const asked: string[][] = [];
  const result = applicationUserCheck({
    activeMappings: async () => [
      { name: 'NDA', mappingJson: nda },
      { name: 'Quote Acceptance', mappingJson: quote },
    ],
    // Metadata unknown: the tables a mapping names are still known without it.
    metadata: { load: async () => ({ entities: {} }) },
    applicationUser: {
      unreadable: async (tables) => {
        asked.push([...tables].sort());
        return unreadable.filter((u) => tables.includes(u.table));
      },
    },
  });
  return { result, asked };
}

test('asks about every table the active mappings read, once', async () => {
  const { result, asked } = run([]);
  expect(await result).toMatchObject({ ok: true, hint: '' });
  expect(asked).toEqual([['account', 'opportunity', 'product', 'quote', 'transactioncurrency']]);
});

test('names each unreadable table with the mappings that read it and the role to change', async () => {
  const { result } = run([
    { table: 'product', privilege: 'prvReadProduct' },
    { table: 'quote', privilege: 'prvReadQuote', heldDepth: 'Basic' },
  ]);
  const check = await result;
  expect(check.ok).toBe(false);
  expect(check.detail).toContain('product (no prvReadProduct; read by NDA)');
  expect(check.detail).toContain('quote (prvReadQuote at Basic depth only; read by Quote Acceptance)');
  expect(check.hint).toContain('Add Read of product (Organization) to the Dilitrust CLM Connector role');
  expect(check.hint).toContain('Add Read of quote (Organization) to the Dilitrust CLM Connector role');
});
