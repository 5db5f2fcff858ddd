/** What the health check needs to know about the connector's application user and the active mappings. */

/** A table the application user cannot read as it must (organization depth), and why. */
export interface UnreadableTable {
  table: string;
  /** The Read privilege Dataverse names for it (prvReadOpportunity), for the admin to find in the role editor. */
  privilege: string;
  /** The depth the application user holds, when it holds some but not organization depth. */
  heldDepth?: string;
}

export interface ApplicationUserPrivileges {
  /**
   * Of these tables, those the application user cannot read at organization depth. Impersonation
   * runs with the intersection of its privileges and the caller's (Microsoft, "Impersonate another
   * user"), so a caller reads such a table through the connector only as far as the application
   * user does. Tables with no privileges of their own (lines, intersect tables) are never listed.
   */
  unreadable(tables: readonly string[]): Promise<UnreadableTable[]>;
}

/** An active template whose mapping is in state Fits: what a request reads through. */
export interface ActiveMapping {
  name: string;
  mappingJson: string;
}

/** Whether Dataverse tracks changes of a table (EntityMetadata.ChangeTrackingEnabled), read as the application user. */
export interface TableChangeTracking {
  enabled(table: string): Promise<boolean>;
}
