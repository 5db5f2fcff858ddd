/**
 * The Dataverse tables the connector reads and writes, by the entity set names the Web API
 * addresses (dataverse-model.md), and the columns that tie them together.
 */
export const ENTITY_SET = {
  dtclm_contract: 'dtclm_contracts',
  dtclm_contractevent: 'dtclm_contractevents',
  dtclm_template: 'dtclm_templates',
  dtclm_userlink: 'dtclm_userlinks',
  dtclm_contactlink: 'dtclm_contactlinks',
  opportunity: 'opportunities',
  quote: 'quotes',
  contact: 'contacts',
} as const;

/** The tables a contract can come from (dataverse-model.md: the trigger entities). */
export const TRIGGER_ENTITIES = ['opportunity', 'quote'] as const;

export type TriggerEntity = (typeof TRIGGER_ENTITIES)[number];

/** The dtclm_contract lookup that points at each trigger table. */
export const CONTRACT_LOOKUP_OF: Readonly<Record<string, string>> = {
  opportunity: 'dtclm_opportunityid',
  quote: 'dtclm_quoteid',
};

/** dtclm_contract's status column, a `dtclm_contractstatus` choice. */
export const CONTRACT_STATUS_COLUMN = 'dtclm_status';

/** dtclm_contract's collection of its events (relationship dtclm_dtclm_contract_dtclm_contractevent). */
export const CONTRACT_EVENTS_NAV = 'dtclm_dtclm_contract_dtclm_contractevent';
