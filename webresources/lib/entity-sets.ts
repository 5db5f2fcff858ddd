/** The tables a contract can come from, with their entity set and primary name column. */
import { ENTITY_SET } from '../../api/vocabulary/tables';

export const TRIGGER_TABLES: Record<string, { entitySet: string; nameColumn: string; displayName: string }> = {
  opportunity: { entitySet: ENTITY_SET.opportunity, nameColumn: 'name', displayName: 'opportunity' },
  quote: { entitySet: ENTITY_SET.quote, nameColumn: 'name', displayName: 'quote' },
};
