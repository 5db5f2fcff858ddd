/**
 * A table's Track changes setting, read as the application user:
 * `EntityDefinitions(LogicalName='contact')?$select=ChangeTrackingEnabled` (EntityMetadata).
 */
import { z } from 'zod';
import type { DataverseGateway } from './client';
import type { TableChangeTracking } from '../../services/health/ports';

const LOGICAL_NAME = /^[a-z_][a-z0-9_]*$/;
const definition = z.object({ ChangeTrackingEnabled: z.boolean().nullish() });

export class DataverseTableChangeTracking implements TableChangeTracking {
  constructor(private readonly api: DataverseGateway) {}

  async enabled(table: string): Promise<boolean> {
    if (!LOGICAL_NAME.test(table)) throw new Error(`"${table}" is not a table's logical name.`);
    const d = definition.parse(await this.api.retrieve({ collection: 'EntityDefinitions', key: `LogicalName='${table}'`, select: ['ChangeTrackingEnabled'] }));
    return d.ChangeTrackingEnabled === true;
  }
}
