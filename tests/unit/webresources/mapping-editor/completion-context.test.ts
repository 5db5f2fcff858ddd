/**
 * What the editor completes where (webresources/pages/admin/mapping/completion-context.ts), on the
 * mapping format of shared/spec/mapping.md: field keys where a CLM field key goes, navigation
 * properties as relatedEntities keys, attributes of the entity the cursor's block reads.
 * `|` marks the cursor.
 */
import { completionContextAt } from '../../../../webresources/pages/admin/mapping/completion-context';

function at(textWithCursor: string) {
  const pos = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, pos) + textWithCursor.slice(pos + 1);
  const context = completionContextAt(text, pos);
  return context && { ...context, replaced: text.slice(context.from, context.to) };
}

const opportunity = { kind: 'entity', name: 'opportunity' };

test('a key of fields, constants, fixedFieldMappings is a CLM field key; of collections a table field', () => {
  expect(at('{"trigger_entity": "opportunity", "fields": {"dt0_|"}}')).toMatchObject({
    target: { kind: 'fieldKey', table: false },
    typed: 'dt0_',
    quoted: true,
  });
  expect(at('{"constants": {"|": 1}}')).toMatchObject({ target: { kind: 'fieldKey', table: false } });
  expect(at('{"fixedFieldMappings": {"dt0_g|"}}')).toMatchObject({ target: { kind: 'fieldKey', table: false }, typed: 'dt0_g' });
  expect(at('{"collections": {"|"}}')).toMatchObject({ target: { kind: 'fieldKey', table: true } });
  // In a related block's fields too, at any depth.
  expect(at('{"relatedEntities": {"a": {"entity": "account", "relatedEntities": {"b": {"fields": {"x|": "y"}}}}}}')).toMatchObject({
    target: { kind: 'fieldKey', table: false },
    typed: 'x',
    replaced: 'x',
  });
});

test('a value in fields is an attribute path of the trigger entity; the part after the last dot is replaced', () => {
  expect(at('{"trigger_entity": "opportunity", "fields": {"dt0_x": "na|"}}')).toMatchObject({
    target: { kind: 'valuePath', entity: opportunity, through: [] },
    typed: 'na',
    replaced: 'na',
  });
  expect(at('{"trigger_entity": "opportunity", "fields": {"dt0_x": "parentaccountid.na|me"}}')).toMatchObject({
    target: { kind: 'valuePath', entity: opportunity, through: ['parentaccountid'] },
    typed: 'na',
    replaced: 'name',
  });
  expect(at('{"trigger_entity": "quote", "fields": {"dt0_x": {"attribute": "|"}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'entity', name: 'quote' } },
  });
  expect(at('{"trigger_entity": "quote", "fields": {"dt0_x": {"as": "la|"}}}')).toMatchObject({
    target: { kind: 'literal', values: ['value', 'label', 'id'] },
  });
});

test('a string still open at the cursor (no closing quote yet) is completed like a closed one', () => {
  expect(at('{"trigger_entity": "opportunity",\n "fields": {"dt0_x": "estim|\n}}')).toMatchObject({
    target: { kind: 'valuePath', entity: opportunity },
    typed: 'estim',
  });
});

test('relatedEntities: keys are navigation properties of the block entity; inside, its declared entity or where the property leads', () => {
  expect(at('{"trigger_entity": "opportunity", "relatedEntities": {"par|"}}')).toMatchObject({ target: { kind: 'navigation', entity: opportunity } });
  expect(at('{"trigger_entity": "opportunity", "relatedEntities": {"parentaccountid": {"entity": "account", "fields": {"a": "|"}}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'entity', name: 'account' } },
  });
  expect(at('{"trigger_entity": "opportunity", "relatedEntities": {"parentaccountid": {"fields": {"a": "|"}}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'via', from: opportunity, navigation: 'parentaccountid', many: false } },
  });
  expect(at('{"trigger_entity": "quote", "relatedEntities": {"customerid_account": {"entity": "account", "relatedEntities": {"|"}}}}')).toMatchObject({
    target: { kind: 'navigation', entity: { kind: 'entity', name: 'account' } },
  });
  expect(at('{"trigger_entity": "opportunity", "relatedEntities": {"parentaccountid": {"entity": "|"}}}')).toMatchObject({
    target: { kind: 'targetEntity', via: { kind: 'via', from: opportunity, navigation: 'parentaccountid', many: false } },
  });
});

test('collections: the relationship is a 1:N navigation property of the trigger; columns are attributes of its rows', () => {
  expect(at('{"trigger_entity": "opportunity", "collections": {"dt0_lines": {"relationship": "pro|"}}}')).toMatchObject({
    target: { kind: 'relationship', entity: opportunity },
  });
  expect(
    at('{"trigger_entity": "opportunity", "collections": {"dt0_lines": {"relationship": "product_opportunities", "columns": {"product": "|"}}}}'),
  ).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'via', from: opportunity, navigation: 'product_opportunities', many: true } },
  });
  expect(at('{"trigger_entity": "opportunity", "collections": {"dt0_lines": {"entity": "opportunityproduct", "orderBy": "|"}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'entity', name: 'opportunityproduct' } },
  });
  expect(at('{"collections": {"dt0_lines": {"columns": {"|"}}}}')).toMatchObject({ target: { kind: 'columnKey', field: 'dt0_lines' } });
});

test('fixed records, signatories and the trigger entity', () => {
  expect(at('{"fixedFieldMappings": {"dt0_g": {"entity": "account", "id": "x", "attribute": "add|"}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: { kind: 'entity', name: 'account' } },
  });
  expect(at('{"trigger_entity": "quote", "signatories": [{"from": "customerid_account.|"}]}')).toMatchObject({
    target: { kind: 'navigationPath', entity: { kind: 'entity', name: 'quote' }, through: ['customerid_account'] },
  });
  expect(at('{"trigger_entity": "quote", "signatories": [{}, {"from": "customerid_account.primarycontactid", "email": "e|"}]}')).toMatchObject({
    target: {
      kind: 'valuePath',
      entity: {
        kind: 'via',
        navigation: 'primarycontactid',
        from: { kind: 'via', navigation: 'customerid_account', from: { kind: 'entity', name: 'quote' } },
      },
    },
  });
  expect(at('{"trigger_entity": "q|"}')).toMatchObject({ target: { kind: 'literal', values: ['opportunity', 'quote'] } });
});

test('a key typed without quotes is completed (the option brings its quotes); format keys where the format has them', () => {
  expect(at('{"trigger_entity": "opportunity", "fields": {"dt0_a": "name", dt|}}')).toMatchObject({
    target: { kind: 'fieldKey' },
    quoted: false,
    typed: 'dt',
    replaced: 'dt',
  });
  expect(at('{"trigger_entity": "opportunity", |}')).toMatchObject({
    target: { kind: 'formatKey', keys: expect.arrayContaining(['fields', 'relatedEntities', 'signatories']) },
  });
  expect(at('{"relatedEntities": {"x": {"|"}}}')).toMatchObject({ target: { kind: 'formatKey', keys: ['entity', 'fields', 'relatedEntities'] } });
});

test('no completion where nothing is expected: numbers, contractName, after a value, unknown sections', () => {
  expect(at('{"collections": {"l": {"top": 1|0}}}')).toBeUndefined();
  expect(at('{"contractName": "{na|}"}')).toBeUndefined();
  expect(at('{"trigger_entity": "opportunity" |}')).toBeUndefined();
  expect(at('{"unknown": {"|"}}')).toBeUndefined();
  // Without a trigger entity there is no entity to complete from.
  expect(at('{"fields": {"dt0_x": "|"}}')).toBeUndefined();
});

test('returns (mapping.md "Back into Dynamics"): its keys, a column of the trigger entity as a fields key, a CLM field key as its value, when a CLM status', () => {
  expect(at('{"trigger_entity": "opportunity", "returns": {"|"}}')).toMatchObject({
    target: { kind: 'formatKey', keys: ['when', 'fields', 'endDate', 'renewalNoticeDays'] },
  });
  expect(at('{"trigger_entity": "opportunity", "|"}')?.target).toMatchObject({ kind: 'formatKey', keys: expect.arrayContaining(['returns']) });
  expect(at('{"trigger_entity": "opportunity", "returns": {"fields": {"estim|"}}}')).toMatchObject({
    target: { kind: 'valuePath', entity: opportunity, through: [] },
    typed: 'estim',
  });
  expect(at('{"trigger_entity": "opportunity", "returns": {"fields": {"estimatedvalue": "dt0_|"}}}')).toMatchObject({
    target: { kind: 'fieldKey', table: false },
  });
  expect(at('{"trigger_entity": "opportunity", "returns": {"endDate": "|"}}')).toMatchObject({ target: { kind: 'fieldKey', table: false } });
  expect(at('{"trigger_entity": "opportunity", "returns": {"when": "si|"}}')).toMatchObject({
    target: { kind: 'literal', values: expect.arrayContaining(['signed']) },
  });
});
