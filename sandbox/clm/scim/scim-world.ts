import { ClmRoles } from './roles';
import { ScimFaults } from './scim-faults';
import { ScimStore } from './scim-store';
import { ScimTokens } from './scim-token';

/** One SCIM call as the CLM saw it, for tests that count what the connector sent. */
interface ScimLogEntry {
  method: string;
  path: string;
  status: number;
  at: string;
}

/** The SCIM side of one CLM organization. */
export interface ScimWorld {
  roles: ClmRoles;
  store: ScimStore;
  tokens: ScimTokens;
  faults: ScimFaults;
  log: ScimLogEntry[];
  /** Set once the server listens. */
  base: { scimBase: string };
}

export function createScimWorld(): ScimWorld {
  const roles = new ClmRoles();
  const base = { scimBase: '' };
  return { roles, store: new ScimStore(roles), tokens: new ScimTokens(() => base.scimBase), faults: new ScimFaults(), log: [], base };
}
