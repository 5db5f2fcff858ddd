/**
 * The `dtclm_contract` and `dtclm_contractevent` columns as both contract repositories read and
 * write them (dataverse-model.md): who owns a row, and the one shape of a new event row.
 */
import { ENTITY_SET } from '../../../../api/vocabulary/tables';
import { STATUS_CHOICE } from '../../domain/contract';
import type { NewContractEvent } from '../../services/ports';
import { entityPath } from './url-values';

export interface RowOwner {
  type: 'systemuser' | 'team';
  id: string;
}

/** `dtclm_payload` is multiline text of 10,000 characters; `dtclm_name` 200. */
const PAYLOAD_MAX = 10_000;
const NAME_MAX = 200;

/** The owner of a row from its `_owningteam_value` / `_owninguser_value`. */
export function ownerOf(row: { _owningteam_value?: string | null; _owninguser_value?: string | null }): RowOwner {
  return row._owningteam_value ? { type: 'team', id: row._owningteam_value } : { type: 'systemuser', id: row._owninguser_value ?? '' };
}

/** The owner of a row, as `ownerid@odata.bind` names it. */
export function ownerBind(owner: RowOwner): string {
  return entityPath(owner.type === 'team' ? 'teams' : 'systemusers', owner.id);
}

/** A new `dtclm_contractevent` row of a contract, owned as the contract is. */
export function contractEventData(contractId: string, e: NewContractEvent, owner: RowOwner): Record<string, unknown> {
  return {
    'ownerid@odata.bind': ownerBind(owner),
    dtclm_name: e.name.slice(0, NAME_MAX),
    dtclm_eventid: e.eventId,
    'dtclm_contractid@odata.bind': entityPath(ENTITY_SET.dtclm_contract, contractId),
    dtclm_status: STATUS_CHOICE[e.status],
    dtclm_sequence: e.sequence,
    dtclm_occurredon: e.occurredOn,
    dtclm_applied: e.applied ?? true,
    dtclm_payload: e.payload.slice(0, PAYLOAD_MAX),
  };
}
