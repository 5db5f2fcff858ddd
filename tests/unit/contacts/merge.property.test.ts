/**
 * The three-way merge against the rules of contact-sync.md, as properties over any values:
 * no echo, empty never erases, the later change wins per field, different fields both survive,
 * one-way fields follow their source.
 */
import fc from 'fast-check';
import { DEFAULT_FIELDS, mergeContact, type ContactValues, type FieldRule, type SyncedValues } from '../../../functions/src/domain/contact-sync';

const TEXT_FIELDS = ['firstName', 'lastName', 'email', 'phone'] as const;
const filled = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const maybe = fc.oneof(filled, fc.constant(null), fc.constant(''));
const values = fc.record({
  firstName: filled,
  lastName: filled,
  email: filled,
  phone: maybe,
  active: fc.boolean(),
}) as fc.Arbitrary<ContactValues>;
const time = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((t) => new Date(t).toISOString());
const both = (v: ContactValues): SyncedValues => ({ dynamics: { ...v }, clm: { ...v } });

describe('mergeContact (properties)', () => {
  test('no echo: when neither side moved since the last sync, nothing is written and nothing conflicts', () => {
    fc.assert(
      fc.property(values, time, time, (v, td, tc) => {
        const r = mergeContact({
          rules: DEFAULT_FIELDS,
          base: both(v),
          dynamics: { values: { ...v }, changedAt: td },
          clm: { values: { ...v }, changedAt: tc },
        });
        expect(r.toDynamics).toEqual({});
        expect(r.toClm).toEqual({});
        expect(r.conflicts).toEqual([]);
      }),
    );
  });

  test('a change on one side goes to the other, whatever the times', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(...TEXT_FIELDS), filled, fc.boolean(), time, time, (v, field, next, onDynamics, td, tc) => {
        fc.pre(next !== v[field]);
        const changed = { ...v, [field]: next };
        const r = mergeContact({
          rules: DEFAULT_FIELDS,
          base: both(v),
          dynamics: { values: onDynamics ? changed : { ...v }, changedAt: td },
          clm: { values: onDynamics ? { ...v } : changed, changedAt: tc },
        });
        expect(r.merged.dynamics[field]).toBe(next);
        expect(r.merged.clm[field]).toBe(next);
        expect(onDynamics ? r.toClm : r.toDynamics).toEqual({ [field]: next });
        expect(r.conflicts).toEqual([]);
      }),
    );
  });

  test('empty never erases: a value emptied on one side is not cleared on the other (direction both)', () => {
    fc.assert(
      fc.property(values, filled, fc.constantFrom(null, ''), fc.boolean(), time, time, (v, phone, empty, onDynamics, td, tc) => {
        const base = { ...v, phone };
        const emptied = { ...v, phone: empty };
        const r = mergeContact({
          rules: DEFAULT_FIELDS,
          base: both(base),
          dynamics: { values: onDynamics ? emptied : base, changedAt: td },
          clm: { values: onDynamics ? base : emptied, changedAt: tc },
        });
        expect(r.merged.clm.phone).toBe(phone);
        expect(r.merged.dynamics.phone).toBe(phone);
        expect('phone' in (onDynamics ? r.toClm : r.toDynamics)).toBe(false);
      }),
    );
  });

  test('the same field changed on both sides: the later change wins, and the conflict names both values and the winner', () => {
    fc.assert(
      fc.property(values, fc.constantFrom(...TEXT_FIELDS), filled, filled, time, time, (v, field, dv, cv, td, tc) => {
        fc.pre(dv !== cv && dv !== v[field] && cv !== v[field] && td !== tc);
        const r = mergeContact({
          rules: DEFAULT_FIELDS,
          base: both(v),
          dynamics: { values: { ...v, [field]: dv }, changedAt: td },
          clm: { values: { ...v, [field]: cv }, changedAt: tc },
        });
        const winner = Date.parse(tc) > Date.parse(td) ? 'clm' : 'dynamics';
        const expected = winner === 'clm' ? cv : dv;
        expect(r.merged.dynamics[field]).toBe(expected);
        expect(r.merged.clm[field]).toBe(expected);
        expect(r.conflicts).toEqual([{ field, dynamics: dv, clm: cv, winner }]);
      }),
    );
  });

  test('different fields changed on both sides both survive, whichever side changed last', () => {
    fc.assert(
      fc.property(values, fc.shuffledSubarray([...TEXT_FIELDS], { minLength: 2, maxLength: 2 }), filled, filled, time, time, (v, [fd, fcl], dv, cv, td, tc) => {
        fc.pre(dv !== v[fd] && cv !== v[fcl]);
        const r = mergeContact({
          rules: DEFAULT_FIELDS,
          base: both(v),
          dynamics: { values: { ...v, [fd]: dv }, changedAt: td },
          clm: { values: { ...v, [fcl]: cv }, changedAt: tc },
        });
        for (const side of ['dynamics', 'clm'] as const) {
          expect(r.merged[side][fd]).toBe(dv);
          expect(r.merged[side][fcl]).toBe(cv);
        }
        expect(r.conflicts).toEqual([]);
      }),
    );
  });

  test('one-way fields follow their source, even when emptied (toClm) or older (fromClm)', () => {
    const rules: FieldRule[] = DEFAULT_FIELDS.map((r) =>
      r.clm === 'phone' ? { ...r, direction: 'toClm' } : r.clm === 'firstName' ? { ...r, direction: 'fromClm' } : r,
    );
    const v = { firstName: 'Ann', lastName: 'Lee', email: 'a@x.test', phone: '1', active: true };
    const r = mergeContact({
      rules,
      base: both(v),
      dynamics: { values: { ...v, phone: null, firstName: 'Anne' }, changedAt: '2026-05-02T00:00:00Z' },
      clm: { values: { ...v }, changedAt: '2026-05-01T00:00:00Z' },
    });
    expect(r.toClm).toEqual({ phone: null });
    expect(r.toDynamics).toEqual({ firstName: 'Ann' });
  });

  test('a required CLM field is never emptied, even one-way', () => {
    const rules: FieldRule[] = DEFAULT_FIELDS.map((r) => (r.clm === 'email' ? { ...r, direction: 'toClm' } : r));
    const v = { firstName: 'Ann', lastName: 'Lee', email: 'a@x.test', phone: null, active: true };
    const r = mergeContact({
      rules,
      base: both(v),
      dynamics: { values: { ...v, email: null }, changedAt: '2026-05-02T00:00:00Z' },
      clm: { values: v, changedAt: '2026-05-01T00:00:00Z' },
    });
    expect(r.toClm).toEqual({});
    expect(r.merged.clm.email).toBe('a@x.test');
  });

  test('deactivation travels: active false on one side deactivates the other', () => {
    const v = { firstName: 'Ann', lastName: 'Lee', email: 'a@x.test', phone: null, active: true };
    const r = mergeContact({
      rules: DEFAULT_FIELDS,
      base: both(v),
      dynamics: { values: v, changedAt: '2026-05-02T00:00:00Z' },
      clm: { values: { ...v, active: false }, changedAt: '2026-05-01T00:00:00Z' },
    });
    expect(r.toDynamics).toEqual({ active: false });
  });
});
