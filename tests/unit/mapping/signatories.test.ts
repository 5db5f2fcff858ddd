import { FULL_MAPPING, FULL_TEMPLATE, quoteAnswer } from './fixtures';
import { run } from './helpers';

const entries = FULL_MAPPING.signatories;
const go = (answer: Record<string, unknown>, signatories: unknown[] = entries) =>
  run(
    { trigger_entity: 'quote', signatories },
    FULL_TEMPLATE.filter((f) => !f.required),
    [answer],
  );

describe('signatories (mapping.md `signatories`)', () => {
  it('come from the entries, in signing order', () => {
    const r = go(quoteAnswer(), [...entries].reverse());
    expect(r.signatories.map((s) => [s.order, s.email])).toEqual([
      [1, 'ada@contoso.example'],
      [2, 'rep@contoso.example'],
    ]);
  });

  it('take the entry position as order when none is given', () => {
    const r = go(
      quoteAnswer(),
      entries.map(({ order: _, ...e }) => e),
    );
    expect(r.signatories.map((s) => s.order)).toEqual([1, 2]);
  });

  it('skip an entry whose record is empty', () => {
    const r = go({ ...quoteAnswer(), customerid_contact: null });
    expect(r.errors).toEqual([]);
    expect(r.signatories).toEqual([{ firstName: 'Rémi', lastName: 'Durand', email: 'rep@contoso.example', order: 2 }]);
  });

  it('are an error when the e-mail is empty, naming who and where', () => {
    const answer = quoteAnswer();
    (answer.customerid_contact as Record<string, unknown>).emailaddress1 = null;
    const r = go(answer);
    expect(r.signatories).toHaveLength(1);
    expect(r.errors).toEqual([
      { kind: 'data', code: 'missing_email', path: '$.signatories[0].email', message: 'Signatory 1 (Ada Lovelace): Customer > Email is empty' },
    ]);
  });

  it('can be the trigger record itself with "this"', () => {
    const r = go({ name: 'x', dtx_first: 'A', dtx_last: 'B', dtx_mail: 'a@b.example' }, [
      { from: 'this', firstName: 'dtx_first', lastName: 'dtx_last', email: 'dtx_mail' },
    ]);
    expect(r.signatories).toEqual([{ firstName: 'A', lastName: 'B', email: 'a@b.example', order: 1 }]);
  });
});
