/**
 * The contact links left with nothing to link, removed at the end of a full sync
 * (docs/decisions.md "Orphan contact links"), once both sides have been gone through:
 *
 * - a row whose Dynamics contact is gone: Dataverse cleared its lookup when the contact was
 *   deleted (Remove Link), and the run has just deactivated the CLM contact it named;
 * - a row whose CLM contact no longer exists, and that the run did not link to another one (an
 *   active contact with an e-mail gets a new CLM twin and keeps its row; an inactive one does not).
 *
 * A row is removed, not marked: there is nothing left to sync, and a mark would stay in the
 * admin's view for ever. A row whose contact failed in this run is kept, so the next incremental
 * run (which retries it) still finds what it named. Each removal is counted (`orphanLinksRemoved`);
 * one that fails is reported, and the next full sync removes it.
 */
import type { ContactLink } from './ports';
import type { RunContext } from './sync-pair';
import { inAdminWords } from './troubleshooting';

export async function removeOrphanLinks(ctx: RunContext, read: { links: ContactLink[]; withoutContact: ContactLink[] }): Promise<void> {
  const failed = new Set([...ctx.failed.dynamics, ...ctx.failed.clm, ...ctx.failed.deleted]);
  const orphans: ContactLink[] = read.withoutContact.filter((l) => !(l.clmContactId && failed.has(l.clmContactId)));
  for (const first of read.links) {
    // The link as the run left it: one repaired with a new CLM twin names that twin now.
    const link = (await ctx.lookups.linkByContact(first.contactId)) ?? first;
    if (!link.rowId || failed.has(link.contactId) || (link.clmContactId && failed.has(link.clmContactId))) continue;
    const contactGone = !(await ctx.lookups.dynamicsById(link.contactId));
    const clmGone = link.clmContactId !== null && !(await ctx.lookups.clmById(link.clmContactId));
    if (contactGone || clmGone) orphans.push(link);
  }
  for (const link of orphans) {
    try {
      await ctx.deps.links.remove(link.rowId!);
      ctx.counts.orphanLinksRemoved += 1;
    } catch (e) {
      ctx.error(`Contact link ${link.name ?? link.rowId}`, `Could not remove this link, whose contact is gone: ${inAdminWords(e)}`);
    }
  }
}
