/**
 * Issue 25, findings 4 and 6: the panel's history shows one row per status change (the connector's
 * own event and the webhook's for the same sequence are one change), and a Dataverse refusal is
 * said in words that name the role and who gives it, its code kept for support (Microsoft's "Web
 * service error codes": 0x80040220 PrivilegeDenied, 0x80040225 UserDisabled).
 */
import { oneRowPerStatusChange } from '../../../webresources/pages/contractstatus/history-rows';
import { dataverseWords } from '../../../webresources/lib/dataverse-words';

describe('history rows', () => {
  it('keeps one row per status and sequence, preferring the one that moved the status', () => {
    const events = [
      { id: 'connector-draft', status: 1, sequence: 1, applied: true },
      { id: 'webhook-draft', status: 1, sequence: 1, applied: true },
      { id: 'connector-sent', status: 4, sequence: 3, applied: false },
      { id: 'webhook-sent', status: 4, sequence: 3, applied: true },
      { id: 'webhook-signed', status: 5, sequence: 4, applied: true },
    ];
    expect(oneRowPerStatusChange(events).map((e) => e.id)).toEqual(['connector-draft', 'webhook-sent', 'webhook-signed']);
  });

  it('keeps two changes to the same status with different sequences (rejected, then rejected again)', () => {
    const events = [
      { status: 3, sequence: 2, applied: true },
      { status: 3, sequence: 5, applied: true },
    ];
    expect(oneRowPerStatusChange(events)).toHaveLength(2);
  });
});

describe('Dataverse refusals in words', () => {
  it('names the role a missing template read needs and who gives it, not the privilege', () => {
    const words = dataverseWords(
      403,
      '0x80040220',
      "Principal user (Id=5eed0001-0000-4000-8000-000000000005, type=8, roleCount=1, privilegeDepth=None), is missing prvReaddtclm_template privilege on OTC for entity 'dtclm_template'.",
    );
    expect(words).toMatch(/^You may not read contract templates in Dynamics: you need the role Dilitrust CLM User/);
    expect(words).toMatch(/Your Dynamics administrator gives roles/);
    expect(words).toMatch(/code for support: 0x80040220\)$/);
    expect(words).not.toMatch(/Principal|prvRead|5eed0001/);
  });

  it('says a disabled user is disabled, and a record out of reach is one to ask its owner for', () => {
    expect(dataverseWords(403, '0x80040225', 'The user with SystemUserId=… is disabled.')).toMatch(/^Your Dynamics user is disabled/);
    expect(dataverseWords(403, '0x80048306', 'SecLib::AccessCheckEx failed. Returned hr = -2147187962')).toMatch(/^You may not see this record in Dynamics/);
  });
});
