/**
 * Fixed ids of the demo world, so that tests, docs and issue texts can name a record. The first
 * group of a seed GUID says which table it belongs to (5eed00TT), the last its number.
 */
import { CONNECTOR_APP } from '../../seed/identities';
import { SYSTEM_ROLE_IDS } from '../model/roles';
import { CONNECTOR_ROLE_IDS } from '../../../solution/model/roles';

const id = (table: number, n: number): string => `5eed${table.toString(16).padStart(4, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export const SEED_IDS = {
  organization: id(0x01, 1),
  businessUnit: id(0x02, 1),
  /** The root business unit's default team (every user is a member). */
  defaultTeam: id(0x03, 1),
  currencies: { EUR: id(0x06, 1), USD: id(0x06, 2) },
  timeZoneDefinition: (code: number) => id(0x05, code),
  account: id(0x10, 1),
  /** Ada Lovelace, the account's primary contact. */
  contact: id(0x11, 1),
  /** Charles Babbage, a second contact of the account. */
  secondContact: id(0x11, 2),
  /** "4G Enterprise Rollout", owned by rep. */
  opportunity: id(0x12, 1),
  opportunityProducts: [id(0x13, 1), id(0x13, 2), id(0x13, 3)],
  products: [id(0x14, 1), id(0x14, 2), id(0x14, 3)],
  uom: id(0x15, 1),
  /** "Q-1001 Contoso rollout", from the opportunity. */
  quote: id(0x16, 1),
  quoteDetails: [id(0x17, 1), id(0x17, 2), id(0x17, 3)],
  connectorAppUser: CONNECTOR_APP.systemUserId,
  roles: { ...SYSTEM_ROLE_IDS, ...CONNECTOR_ROLE_IDS },
} as const;

/** Ids of intersect rows (systemuserroles, teamroles, teammembership), numbered in order. */
export function intersectId(table: 'systemuserroles' | 'teamroles' | 'teammembership', n: number): string {
  const code = { systemuserroles: 0x20, teamroles: 0x21, teammembership: 0x22 }[table];
  return id(code, n);
}
