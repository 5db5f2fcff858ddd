/** The status line redrawn from a check's snapshot before the full read (pages/contractstatus/status-redraw.ts). */
import type { ContractView } from '../../../webresources/pages/contractstatus/load';
import { learnLabels, withSnapshotStatuses, type StatusLabels } from '../../../webresources/pages/contractstatus/status-redraw';

const DRAFT = 718900000;
const IN_VALIDATION = 718900001;
const VALIDATED = 718900002;

function contract(id: string, status: number, statusLabel: string): ContractView {
  return {
    id,
    name: id,
    status,
    statusLabel,
    statusChangedOn: '',
    clmUrl: null,
    reason: null,
    lastError: null,
    validationFlow: null,
    signedDocumentName: null,
    events: [],
  };
}

test('a new status shows with the label Dataverse gave that value for this user, else the English one', () => {
  const labels: StatusLabels = new Map();
  const shown = [contract('a', DRAFT, 'Brouillon'), contract('b', DRAFT, 'Brouillon')];
  learnLabels(
    [{ ...shown[0]!, events: [{ id: 'e', status: IN_VALIDATION, statusLabel: 'En validation', sequence: 1, occurredOn: '', applied: true }] }],
    labels,
  );
  const next = withSnapshotStatuses(
    shown,
    {
      digest: 'x',
      statuses: new Map([
        ['a', IN_VALIDATION],
        ['b', VALIDATED],
      ]),
    },
    labels,
  );
  expect(next.map((c) => [c.status, c.statusLabel])).toEqual([
    [IN_VALIDATION, 'En validation'],
    [VALIDATED, 'Validated'],
  ]);
});

test('nothing shown changes when the snapshot has the same statuses (or a contract the panel does not show yet)', () => {
  const shown = [contract('a', DRAFT, 'Draft')];
  expect(
    withSnapshotStatuses(
      shown,
      {
        digest: 'x',
        statuses: new Map([
          ['a', DRAFT],
          ['new', VALIDATED],
        ]),
      },
      new Map(),
    ),
  ).toBe(shown);
});
