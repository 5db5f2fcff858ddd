/** The tables a contract can come from, with their entity set and primary name column. */
export const TRIGGER_TABLES: Record<string, { entitySet: string; nameColumn: string; displayName: string }> = {
  opportunity: { entitySet: 'opportunities', nameColumn: 'name', displayName: 'opportunity' },
  quote: { entitySet: 'quotes', nameColumn: 'name', displayName: 'quote' },
};
