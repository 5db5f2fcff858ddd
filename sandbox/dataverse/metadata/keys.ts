/** EntityKeyMetadata: a table's alternate keys. */
import type { AlternateKeyDef, TableDef } from '../../../solution/model/types';
import { metadataId } from './ids';
import { label, managed, type JsonObject } from './labels';

export function keyMetadata(table: TableDef, k: AlternateKeyDef): JsonObject {
  return {
    MetadataId: metadataId('key', `${table.logicalName}.${k.logicalName}`),
    HasChanged: null,
    LogicalName: k.logicalName,
    SchemaName: k.schemaName,
    EntityLogicalName: table.logicalName,
    DisplayName: label(k.displayName, `key.${table.logicalName}.${k.logicalName}`),
    KeyAttributes: [...k.attributes],
    EntityKeyIndexStatus: 'Active',
    IsCustomizable: managed(true, 'iscustomizable'),
    IsManaged: !table.isCustomEntity,
    IntroducedVersion: table.isCustomEntity ? '1.0.0.0' : '5.0.0.0',
    AsyncJob: null,
    IsSynchronous: true,
  };
}
