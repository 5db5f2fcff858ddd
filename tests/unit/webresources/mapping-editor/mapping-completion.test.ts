/**
 * The completion source (webresources/pages/admin/mapping/mapping-completion.ts) over a fake
 * metadata reader: field keys from the template (table fields only under collections), attributes
 * and navigation properties of the entity at the cursor, through the navigation typed before a dot.
 */
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { json } from '@codemirror/lang-json';
import { EditorState } from '@codemirror/state';
import type { EntityRef } from '../../../../webresources/pages/admin/mapping/completion-context';
import type { EntityMetadata, EntitySummary } from '../../../../webresources/pages/admin/mapping/entity-metadata';
import { mappingCompletionSource } from '../../../../webresources/pages/admin/mapping/mapping-completion';

const TABLES: Record<string, EntitySummary> = {
  opportunity: {
    logicalName: 'opportunity',
    attributes: [
      { name: 'name', type: 'String', label: 'Topic' },
      { name: 'totalamount', type: 'Money', label: 'Total' },
    ],
    singleValued: [{ name: 'parentaccountid', target: 'account' }],
    collections: [{ name: 'product_opportunities', entity: 'opportunityproduct' }],
  },
  account: { logicalName: 'account', attributes: [{ name: 'accountnumber', type: 'String', label: 'Account Number' }], singleValued: [], collections: [] },
};

const metadata: EntityMetadata = {
  entity: async (n) => {
    return TABLES[n];
  },
  resolve: async function resolve(ref: EntityRef): Promise<EntitySummary | undefined> {
    if (ref.kind === 'entity') return metadata.entity(ref.name);
    const from = await resolve(ref.from);
    const target = from?.singleValued.find((s) => s.name === ref.navigation)?.target;
    return target ? metadata.entity(target) : undefined;
  },
};

const source = mappingCompletionSource({
  fields: () => [
    { key: 'dt0_client', label: 'Client', type: 'text', required: true },
    { key: 'dt0_lines', label: 'Lines', type: 'table', required: false, columns: [{ key: 'product', label: 'Product', type: 'text', required: true }] },
  ],
  metadata,
});

async function complete(textWithCursor: string, explicit = false): Promise<CompletionResult | null> {
  const pos = textWithCursor.indexOf('|');
  const doc = textWithCursor.slice(0, pos) + textWithCursor.slice(pos + 1);
  const state = EditorState.create({ doc, extensions: [json()] });
  return source(new CompletionContext(state, pos, explicit)) as Promise<CompletionResult | null>;
}

const labels = (r: CompletionResult | null) => (r?.options ?? []).map((o) => o.label);

test('field keys from the template: text fields under fields, table fields under collections', async () => {
  expect(labels(await complete('{"trigger_entity": "opportunity", "fields": {"|"}}'))).toEqual(['dt0_client']);
  expect(labels(await complete('{"trigger_entity": "opportunity", "collections": {"|"}}'))).toEqual(['dt0_lines']);
  expect(labels(await complete('{"collections": {"dt0_lines": {"columns": {"|"}}}}'))).toEqual(['product']);
});

test('a key typed without quotes gets its quotes and colon', async () => {
  const r = await complete('{"trigger_entity": "opportunity", "fields": {dt|}}', true);
  expect(r?.options.map((o) => o.apply)).toEqual(['"dt0_client": ']);
});

test('attributes and navigation properties of the trigger entity, then of the table a navigation leads to', async () => {
  const own = await complete('{"trigger_entity": "opportunity", "fields": {"dt0_client": "|"}}');
  expect(labels(own)).toEqual(['name', 'totalamount', 'parentaccountid']);
  // A navigation property is a step of a path: choosing it types its dot.
  expect(own?.options.find((o) => o.label === 'parentaccountid')?.apply).toBe('parentaccountid.');
  expect(labels(await complete('{"trigger_entity": "opportunity", "fields": {"dt0_client": "parentaccountid.acc|"}}'))).toEqual(['accountnumber']);
  expect(labels(await complete('{"trigger_entity": "opportunity", "relatedEntities": {"|"}}'))).toEqual(['parentaccountid']);
  expect(labels(await complete('{"trigger_entity": "opportunity", "collections": {"dt0_lines": {"relationship": "|"}}}'))).toEqual(['product_opportunities']);
});

test('nothing offered where the metadata has no such table', async () => {
  expect(await complete('{"trigger_entity": "nosuch", "fields": {"dt0_client": "|"}}')).toBeNull();
});
