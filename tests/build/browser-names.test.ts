/**
 * The browser code reads the Dataverse names it uses from api/vocabulary and its own web resource
 * names (importing solution/model would put the whole model into every form's ribbon bundle).
 * These must stay the model's names.
 */
import { CONNECTOR_ROLE_NAMES, connectorTables, environmentVariables } from '../../solution/model';
import { RIBBON_LIBRARY } from '../../solution/pack';
import { CONTRACT_STATUS_VALUE as CONTRACT_STATUS_VALUES, CONTRACT_STATUS_VALUE as CONTRACT_STATUS } from '../../api/vocabulary/contract-status';
import { ENVIRONMENT_VARIABLES as ENV_VARS } from '../../api/vocabulary/environment-variables';
import { CONNECTOR_ROLE_NAMES as ROLE_NAMES } from '../../api/vocabulary/roles';
import { CONTRACT_LOOKUP_OF } from '../../api/vocabulary/tables';
import { WEB_RESOURCES } from '../../webresources/lib/dataverse-names';
import { encodePageData, readPageData } from '../../webresources/lib/page-data';

describe('names the web resources use', () => {
  it('are the role names of the model', () => {
    expect(ROLE_NAMES).toEqual(CONNECTOR_ROLE_NAMES);
  });

  it('are environment variables of the model', () => {
    const known = environmentVariables.map((v) => v.schemaName);
    for (const name of Object.values(ENV_VARS)) expect(known).toContain(name);
  });

  it('are the contract status values of the model', () => {
    expect(CONTRACT_STATUS.draft).toBe(CONTRACT_STATUS_VALUES.draft);
    expect(CONTRACT_STATUS.validated).toBe(CONTRACT_STATUS_VALUES.validated);
  });

  it('are lookups of dtclm_contract to the table they point at', () => {
    const contract = connectorTables.find((t) => t.logicalName === 'dtclm_contract')!;
    for (const [entity, lookup] of Object.entries(CONTRACT_LOOKUP_OF)) {
      const column = contract.attributes.find((a) => a.logicalName === lookup);
      expect({ lookup, targets: column?.targets }).toEqual({ lookup, targets: [entity] });
    }
  });

  it('are the web resource names of the spec, beside the ribbon library the solution calls', () => {
    expect(WEB_RESOURCES).toEqual({
      requestContract: 'dtclm_/html/requestcontract.html',
      contractStatus: 'dtclm_/html/contractstatus.html',
      admin: 'dtclm_/html/admin.html',
      signIn: 'dtclm_/html/signin.html',
      // What the pages load besides (dataverse-model.md: dtclm_/js/*.js, dtclm_/icons/*.svg).
      contractStatusIcon: 'dtclm_/icons/contractstatus.svg',
      syncContactScript: 'dtclm_/js/sync-contact.js',
    });
    expect(RIBBON_LIBRARY).toBe('dtclm_/js/ribbon.js');
  });
});

describe('the page data the ribbon hands a page', () => {
  it('reads back from the query string navigateTo builds', () => {
    const data = { entityName: 'quote', recordId: 'b0000000-0000-4000-8000-000000000002', action: 'sendToSign' as const };
    expect(readPageData(`?data=${encodeURIComponent(encodePageData(data))}`)).toEqual(data);
  });

  it('is undefined when missing or malformed, rather than throwing in the page', () => {
    expect(readPageData('')).toBeUndefined();
    expect(readPageData('?data=%7Bnot-json')).toBeUndefined();
    expect(readPageData(`?data=${encodeURIComponent('{"entityName":1}')}`)).toBeUndefined();
  });
});
