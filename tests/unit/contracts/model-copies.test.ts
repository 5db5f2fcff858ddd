/**
 * The functions and the solution read the connector's role names and contract status choice values
 * from one vocabulary (api/vocabulary); the functions' status machine must still give every CLM
 * status the choice value and label the solution ships, which is what Dataverse will hold once the
 * solution is imported; a slip would make every role check or status write fail in production.
 */
import { CONNECTOR_ROLE_NAMES } from '../../../solution/model/roles';
import { contractStatus } from '../../../solution/model/option-sets';
import { CONTRACT_STATUS_VALUE as CONTRACT_STATUS_VALUES } from '../../../api/vocabulary/contract-status';
import { CONNECTOR_ROLE_NAMES as CONNECTOR_ROLES } from '../../../api/vocabulary/roles';
import { CONTRACT_STATUSES, FAILED_CHOICE, STATUS_CHOICE, STATUS_LABEL } from '../../../functions/src/domain/contract';

describe("the functions' copies of the solution model", () => {
  it('name the four connector roles exactly as the solution does', () => {
    expect(CONNECTOR_ROLES).toEqual(CONNECTOR_ROLE_NAMES);
  });

  it('give every CLM status the dtclm_contractstatus value of the solution, and Failed its own', () => {
    const { failed, ...clmStatuses } = CONTRACT_STATUS_VALUES;
    expect(STATUS_CHOICE).toEqual(clmStatuses);
    expect([...CONTRACT_STATUSES].sort()).toEqual(Object.keys(clmStatuses).sort());
    expect(FAILED_CHOICE).toBe(failed);
  });

  it('label each status as the choice in the solution does (its English label: the functions write English names and logs)', () => {
    const labels = new Map(contractStatus.options.map((o) => [o.value, o.label[1033]]));
    for (const status of CONTRACT_STATUSES) expect({ status, label: STATUS_LABEL[status] }).toEqual({ status, label: labels.get(STATUS_CHOICE[status]) });
    expect(Object.values(CONTRACT_STATUS_VALUES).every((v) => labels.has(v))).toBe(true);
  });
});
