/** What a contact sync run (or one contact's sync) reports: counts, conflicts with both values and the winner, errors. */
import type { FieldValue, Side } from '../../domain/contact-sync';

export interface ContactSyncCounts {
  /** Contacts looked at (both sides). */
  read: number;
  createdInClm: number;
  createdInDynamics: number;
  updatedInClm: number;
  updatedInDynamics: number;
  deactivatedInClm: number;
  /** New links (matched by e-mail or created). */
  linked: number;
  /** Looked at, nothing to write. */
  unchanged: number;
  /** Fields both sides changed, settled by the later change. */
  conflicts: number;
  /** Contacts with two candidates: a Conflict on the link, nothing written. */
  ambiguous: number;
  /** Links removed at the end of a full sync because their Dynamics or CLM contact is gone (orphan-links.ts). */
  orphanLinksRemoved: number;
  failed: number;
}

export interface ContactConflict {
  contactId: string;
  clmContactId: string;
  field: string;
  dynamics: FieldValue;
  clm: FieldValue;
  winner: Side;
}

export interface ContactSyncResult {
  mode: 'full' | 'incremental';
  /** An incremental run that found its delta link expired (or missing) and ran a full sync. */
  fellBackToFull: boolean;
  counts: ContactSyncCounts;
  conflicts: ContactConflict[];
  errors: { item: string; message: string }[];
  durationMs: number;
}

export function emptyCounts(): ContactSyncCounts {
  return {
    read: 0,
    createdInClm: 0,
    createdInDynamics: 0,
    updatedInClm: 0,
    updatedInDynamics: 0,
    deactivatedInClm: 0,
    linked: 0,
    unchanged: 0,
    conflicts: 0,
    ambiguous: 0,
    orphanLinksRemoved: 0,
    failed: 0,
  };
}
