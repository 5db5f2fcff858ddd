/**
 * The status panel's reads. Two kinds, so that an idle panel costs little:
 *  - snapshot(): one small request, versionnumber and status of the record's contracts and the
 *    versionnumber of their events, no annotations; its digest changes whenever a contract or an
 *    event is added or changed, and the statuses let the panel redraw the status line at once;
 *  - contracts(): the full read with formatted values (the user's own date format), made only when
 *    the digest changed.
 */
import { oneRowPerStatusChange } from './history-rows';
import { CONTRACT_EVENTS_NAV, CONTRACT_LOOKUP_OF } from '../../../api/vocabulary/tables';
import { dataverseRows, dataverseUrl, formatted, guid } from '../../lib/dataverse';

interface ContractEvent {
  id: string;
  status: number | null;
  statusLabel: string;
  sequence: number | null;
  occurredOn: string;
  /** False: it arrived out of order and did not move the status. */
  applied: boolean;
}

export interface ContractView {
  id: string;
  name: string;
  status: number | null;
  statusLabel: string;
  statusChangedOn: string;
  clmUrl: string | null;
  reason: string | null;
  lastError: string | null;
  validationFlow: string | null;
  signedDocumentName: string | null;
  events: ContractEvent[];
}

function filterFor(entityName: string, recordId: string): string {
  const lookup = CONTRACT_LOOKUP_OF[entityName];
  if (!lookup) throw new Error(`Contracts are not kept for the table ${entityName}.`);
  return `_${lookup}_value eq ${guid(recordId)}`;
}

type Row = Record<string, unknown>;

/** What one check brings: a digest of every version, and each contract's status to redraw at once. */
export interface ContractsSnapshot {
  digest: string;
  statuses: ReadonlyMap<string, number | null>;
}

export async function snapshot(entityName: string, recordId: string): Promise<ContractsSnapshot> {
  const rows = await dataverseRows<Row>(
    dataverseUrl('dtclm_contracts', {
      $select: 'versionnumber,dtclm_status',
      $filter: filterFor(entityName, recordId),
      $expand: `${CONTRACT_EVENTS_NAV}($select=versionnumber)`,
    }),
  );
  const digest = JSON.stringify(
    rows
      .map((r) => [r.dtclm_contractid, r.versionnumber, ((r[CONTRACT_EVENTS_NAV] as Row[] | undefined) ?? []).map((e) => e.versionnumber).sort()])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
  );
  return { digest, statuses: new Map(rows.map((r) => [String(r.dtclm_contractid), (r.dtclm_status as number | null) ?? null])) };
}

export async function contracts(entityName: string, recordId: string): Promise<ContractView[]> {
  const rows = await dataverseRows<Row>(
    dataverseUrl('dtclm_contracts', {
      $select:
        'dtclm_name,dtclm_status,dtclm_statuschangedon,dtclm_clmurl,dtclm_reason,dtclm_lasterror,dtclm_validationflow,dtclm_signeddocument_name,createdon',
      $filter: filterFor(entityName, recordId),
      $orderby: 'createdon desc',
      $expand: `${CONTRACT_EVENTS_NAV}($select=dtclm_status,dtclm_sequence,dtclm_occurredon,dtclm_applied)`,
    }),
    { formatted: true },
  );
  return rows.map((r) => ({
    id: String(r.dtclm_contractid),
    name: String(r.dtclm_name ?? ''),
    status: (r.dtclm_status as number | null) ?? null,
    statusLabel: formatted(r, 'dtclm_status'),
    statusChangedOn: formatted(r, 'dtclm_statuschangedon'),
    clmUrl: (r.dtclm_clmurl as string | null) ?? null,
    reason: (r.dtclm_reason as string | null) ?? null,
    lastError: (r.dtclm_lasterror as string | null) ?? null,
    validationFlow: (r.dtclm_validationflow as string | null) ?? null,
    signedDocumentName: (r.dtclm_signeddocument_name as string | null) ?? null,
    events: oneRowPerStatusChange(
      ((r[CONTRACT_EVENTS_NAV] as Row[] | undefined) ?? []).map((e) => ({
        id: String(e.dtclm_contracteventid),
        status: (e.dtclm_status as number | null) ?? null,
        statusLabel: formatted(e, 'dtclm_status'),
        sequence: (e.dtclm_sequence as number | null) ?? null,
        occurredOn: formatted(e, 'dtclm_occurredon'),
        applied: e.dtclm_applied !== false,
      })),
    ).sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0)),
  }));
}

/** The signed PDF, straight from the file column (the session cookie authenticates, as for any Web API URL). */
export function signedDocumentUrl(contractId: string): string {
  return dataverseUrl(`dtclm_contracts(${guid(contractId)})/dtclm_signeddocument/$value`);
}
