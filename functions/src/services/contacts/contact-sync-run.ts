/**
 * Contact sync as a long run (services/runs/README.md): the worker of kind `contacts`. Input
 * `{ mode: "full" | "incremental" }` (the POST starts a full sync, the 15-minute timer an
 * incremental one). Counts are the run's counts; each field settled by the later change is listed
 * among the run's entries as `Conflict: <field> of contact <id>`, with both values and the winner,
 * beside the contacts that could not be synced (the run record has one list of entries).
 */
import type { FieldValue } from '../../domain/contact-sync';
import type { RunContext } from '../runs/run-context';
import type { ContactSyncDeps } from './ports';
import { emptyCounts, type ContactConflict, type ContactSyncCounts } from './run-report';
import { syncContacts } from './sync-contacts';

export const CONTACT_RUN_KIND = 'contacts' as const;

const shown = (v: FieldValue) => (v === null ? 'empty' : JSON.stringify(v));

function conflictWords(c: ContactConflict): { item: string; message: string } {
  const kept = c.winner === 'dynamics' ? "Dynamics' (the later change)" : "the CLM's (the later change)";
  return {
    item: `Conflict: ${c.field} of contact ${c.contactId}`,
    message: `Both sides changed it: Dynamics had ${shown(c.dynamics)}, the CLM had ${shown(c.clm)}; ${kept} was kept on both, the other overwritten (CLM contact ${c.clmContactId}).`,
  };
}

export async function contactSyncRun(ctx: RunContext, deps: ContactSyncDeps): Promise<void> {
  const mode = ctx.input.mode === 'incremental' ? 'incremental' : 'full';
  for (const name of Object.keys(emptyCounts())) ctx.count(name, 0);
  // The run's counts as they stand: after a take-over, those saved with the checkpoint (run-service.ts).
  const standing = Object.fromEntries(Object.keys(emptyCounts()).map((name) => [name, ctx.countOf(name)]));
  const settle = (counts: ContactSyncCounts, conflicts: ContactConflict[]) => {
    for (const [name, value] of Object.entries(counts)) ctx.count(name, value - ctx.countOf(name));
    for (const conflict of conflicts) {
      const { item, message } = conflictWords(conflict);
      ctx.error(item, message);
    }
  };
  const result = await syncContacts(
    deps,
    mode,
    { report: (done, total) => ctx.progress(done, total), error: (item, message) => ctx.error(item, message) },
    {
      checkpoint: ctx.checkpoint,
      counts: standing,
      save: async (checkpoint, counts, conflicts) => {
        settle(counts, conflicts);
        await ctx.save(checkpoint);
      },
    },
  );
  settle(result.counts, result.conflicts);
  if (result.fellBackToFull && ctx.countOf('fellBackToFull') === 0) ctx.count('fellBackToFull', 1);
}
