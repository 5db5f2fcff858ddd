/**
 * `GET $metadata`: the CSDL (OData 4.0 XML) of the tables the sandbox holds, in namespace
 * Microsoft.Dynamics.CRM (alias mscrm) as Dataverse writes it: entity types with their key,
 * properties (lookups as `_x_value` Edm.Guid), navigation properties, and the entity container.
 */
import type { AttributeDef } from '../../../solution/model/types';
import { isLookupType, type Catalog } from '../schema/catalog';
import type { ApiResponse } from '../http/types';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function edmType(a: AttributeDef): string | undefined {
  switch (a.type) {
    case 'String':
    case 'Memo':
    case 'EntityName':
      return 'Edm.String';
    case 'Integer':
    case 'Picklist':
    case 'State':
    case 'Status':
      return 'Edm.Int32';
    case 'BigInt':
      return 'Edm.Int64';
    case 'Decimal':
    case 'Money':
      return 'Edm.Decimal';
    case 'Double':
      return 'Edm.Double';
    case 'Boolean':
      return 'Edm.Boolean';
    case 'DateTime':
      return a.dateTimeBehavior === 'DateOnly' ? 'Edm.Date' : 'Edm.DateTimeOffset';
    case 'Uniqueidentifier':
    case 'Lookup':
    case 'Owner':
    case 'Customer':
    case 'File':
      return 'Edm.Guid';
    default:
      return undefined;
  }
}

export function csdl(catalog: Catalog): ApiResponse {
  const types: string[] = ['<EntityType Name="crmbaseentity" Abstract="true"/>'];
  const sets: string[] = [];
  for (const info of catalog.tables.values()) {
    const t = info.def;
    const lines = [
      `<EntityType Name="${escape(t.logicalName)}" BaseType="mscrm.crmbaseentity">`,
      `<Key><PropertyRef Name="${escape(t.primaryIdAttribute)}"/></Key>`,
    ];
    for (const a of t.attributes) {
      const type = edmType(a);
      if (!type) continue;
      const name = isLookupType(a) ? `_${a.logicalName}_value` : a.logicalName;
      lines.push(`<Property Name="${escape(name)}" Type="${type}"/>`);
    }
    const bindings: string[] = [];
    for (const nav of info.navigation.values()) {
      const target = catalog.tables.get(nav.target);
      if (!target) continue;
      if (nav.kind === 'single') {
        lines.push(
          `<NavigationProperty Name="${escape(nav.name)}" Type="mscrm.${escape(nav.target)}" Nullable="false" Partner="${escape(nav.relationship.referencedEntityNavigationPropertyName)}"><ReferentialConstraint Property="_${escape(nav.attribute)}_value" ReferencedProperty="${escape(target.def.primaryIdAttribute)}"/></NavigationProperty>`,
        );
      } else {
        const partner = nav.kind === 'collection' ? nav.relationship.referencingEntityNavigationPropertyName : nav.name;
        lines.push(`<NavigationProperty Name="${escape(nav.name)}" Type="Collection(mscrm.${escape(nav.target)})" Partner="${escape(partner)}"/>`);
      }
      bindings.push(`<NavigationPropertyBinding Path="${escape(nav.name)}" Target="${escape(target.def.entitySetName)}"/>`);
    }
    lines.push('</EntityType>');
    types.push(lines.join(''));
    sets.push(`<EntitySet Name="${escape(t.entitySetName)}" EntityType="Microsoft.Dynamics.CRM.${escape(t.logicalName)}">${bindings.join('')}</EntitySet>`);
  }
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>' +
    '<Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">' +
    types.join('') +
    `<EntityContainer Name="System">${sets.join('')}</EntityContainer>` +
    '</Schema></edmx:DataServices></edmx:Edmx>';
  return { status: 200, headers: { 'OData-Version': '4.0', 'Content-Type': 'application/xml' }, body };
}
