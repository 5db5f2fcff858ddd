/**
 * The conversion gives the same answer, value for value, as before it was made faster: the bench's
 * 100-field, 200-row record (every column type, three levels of related records, fixed records),
 * clean and with broken values, for two users (Paris in French, New York in English), compared with
 * the output the unoptimised conversion gave (fixtures/convert-golden.json, written by it with
 * UPDATE_GOLDEN=1). Any change in a value, an error or its order shows here.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleGraph, compileReadPlan, convertRecord, parseMapping, type PlannedRequest } from '../../../functions/src/domain/mapping';
import { buildAnswerText, buildMappingAndTemplate, buildMetadata } from '../../../bench/mapping';

const GOLDEN = join(__dirname, 'fixtures', 'convert-golden.json');

type Json = Record<string, unknown>;

function variants(): Record<string, (answer: Json) => void> {
  return {
    clean: () => undefined,
    broken: (answer) => {
      const rows = answer.quote_details as Json[];
      rows[3]['dtx_a3@OData.Community.Display.V1.FormattedValue'] = 'Klingon'; // no such option
      rows[5].dtx_a2 = 'not a date';
      rows[7].dtx_a1 = 'twelve'; // money that is not a number
      rows[9].dtx_a0 = null;
      answer.dtx_a0 = null; // required field 0 empty
      answer.dtx_a6 = 'maybe'; // boolean that is not one
      (answer.customerid_account as Json).primarycontactid = null; // a related record missing: "is empty" names the step
      (answer.customerid_account as Json).transactioncurrencyid = null; // the account's money has no currency
    },
  };
}

function convertAll(): Record<string, unknown> {
  const metadata = buildMetadata();
  const { mapping: raw, template } = buildMappingAndTemplate();
  const parsed = parseMapping(raw);
  if (!parsed.ok) throw new Error('bench mapping invalid');
  const plan = compileReadPlan(parsed.mapping, { metadata, templateFields: template });
  const fixed = Array.from({ length: 5 }, (_, i) => ({ systemuserid: `u${i}`, fullname: `Fixed Person ${i}` }));
  const out: Record<string, unknown> = {};
  for (const [name, breakIt] of Object.entries(variants())) {
    for (const ctx of [
      { timeZone: 'Europe/Paris', locale: 'fr-FR', templateName: 'Bench' },
      { timeZone: 'America/New_York', locale: 'en-US', templateName: 'Bench' },
    ]) {
      const answer = JSON.parse(buildAnswerText()) as Json;
      breakIt(answer);
      const answers = plan.requests.map((r: PlannedRequest) => (r.purpose === 'fixed' ? (r.kind === 'batch' ? fixed : fixed[0]) : answer));
      const convert = () => convertRecord({ mapping: parsed.mapping, templateFields: template, graph: assembleGraph(plan, answers as never), ctx, metadata });
      const cold = JSON.stringify(convert());
      // A second conversion of the same mapping (warm caches) must give the same.
      expect(JSON.stringify(convert())).toBe(cold);
      out[`${name} ${ctx.timeZone}`] = JSON.parse(cold);
    }
  }
  return out;
}

it('converts the bench record exactly as the unoptimised conversion did', () => {
  const now = convertAll();
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, `${JSON.stringify(now)}\n`);
  const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
  expect(Object.keys(now)).toEqual(Object.keys(golden));
  for (const key of Object.keys(golden)) expect({ key, conversion: now[key] }).toEqual({ key, conversion: golden[key] });
});
