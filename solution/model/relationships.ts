/**
 * The connector's one-to-many relationships: its lookups, named as Dataverse names a lookup made
 * in the maker portal (`<prefix>_<referenced>_<referencing>`), plus the system relationships every
 * table gets (owner, created by, ...). The referencing navigation property of a lookup is the
 * lookup's logical name (`dtclm_opportunityid`); the collection on the referenced table is the
 * relationship's schema name.
 */
import { customTableRelationshipNames, systemRelationships } from './system-columns';
import { connectorTables } from './tables';
import type { RelationshipDef } from './types';

function lookupRelationship(
  schemaName: string,
  referencedEntity: string,
  referencingEntity: string,
  referencingAttribute: string,
  cascadeDelete: RelationshipDef['cascadeDelete'] = 'RemoveLink',
): RelationshipDef {
  return {
    schemaName,
    referencedEntity,
    referencedAttribute: `${referencedEntity}id`,
    referencingEntity,
    referencingAttribute,
    referencingEntityNavigationPropertyName: referencingAttribute,
    referencedEntityNavigationPropertyName: schemaName,
    cascadeDelete,
  };
}

/** Assign, Share, Unshare and Reparent cascade from the parent record; Delete stays Remove Link. */
function followsParent(): Pick<RelationshipDef, 'cascadeAssign' | 'cascadeShare' | 'cascadeUnshare' | 'cascadeReparent'> {
  return { cascadeAssign: 'Cascade', cascadeShare: 'Cascade', cascadeUnshare: 'Cascade', cascadeReparent: 'Cascade' };
}

const connectorLookupRelationships: RelationshipDef[] = [
  // A contract follows its opportunity (dataverse-model.md): whoever the opportunity is shared with
  // or assigned to sees its contracts; deleting the opportunity keeps the contract. This is the
  // table's only cascading parent: Dataverse refuses a second one on the same related table
  // (Microsoft, "Create and edit 1:N relationships", limitations on behaviors).
  { ...lookupRelationship('dtclm_opportunity_dtclm_contract', 'opportunity', 'dtclm_contract', 'dtclm_opportunityid'), ...followsParent() },
  // Referential (no cascade; Delete: Remove Link): a quote's contract also records the quote's
  // opportunity, and follows that one's sharing.
  lookupRelationship('dtclm_quote_dtclm_contract', 'quote', 'dtclm_contract', 'dtclm_quoteid'),
  lookupRelationship('dtclm_dtclm_template_dtclm_contract', 'dtclm_template', 'dtclm_contract', 'dtclm_templateid'),
  {
    // Parental: the events are the contract's history; they go where the contract goes.
    ...lookupRelationship('dtclm_dtclm_contract_dtclm_contractevent', 'dtclm_contract', 'dtclm_contractevent', 'dtclm_contractid', 'Cascade'),
    cascadeAssign: 'Cascade',
    cascadeShare: 'Cascade',
    cascadeUnshare: 'Cascade',
    cascadeReparent: 'Cascade',
  },
  lookupRelationship('dtclm_systemuser_dtclm_userlink', 'systemuser', 'dtclm_userlink', 'dtclm_systemuserid'),
  lookupRelationship('dtclm_contact_dtclm_contactlink', 'contact', 'dtclm_contactlink', 'dtclm_contactid'),
];

const connectorSystemRelationships: RelationshipDef[] = connectorTables.flatMap((t) =>
  systemRelationships(t.logicalName, customTableRelationshipNames(t.logicalName, t.ownershipType)),
);

export const connectorRelationships: RelationshipDef[] = [...connectorLookupRelationships, ...connectorSystemRelationships];
