/** A run in words: its state, its counts ("createdInClm" -> "created in the CLM"), its duration. */
import type { RunAnswer, RunState } from '../../../api/runs';
import type { DateSettings } from '../../lib/date-settings';

const STATE_WORDS: Record<RunState, string> = { queued: 'Queued', running: 'Running', succeeded: 'Succeeded', failed: 'Failed' };

/** Counts whose plain split would read badly. */
const COUNT_WORDS: Record<string, string> = {
  createdInClm: 'created in the CLM',
  createdInDynamics: 'created in Dynamics',
  updatedInClm: 'updated in the CLM',
  updatedInDynamics: 'updated in Dynamics',
  deactivatedInClm: 'deactivated in the CLM',
  fellBackToFull: 'incremental runs that fell back to a full sync',
  error: 'errors',
};

export function stateWords(state: RunState): string {
  return STATE_WORDS[state];
}

function countWords(name: string): string {
  return COUNT_WORDS[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** "3 created, 1 updated, 12 unchanged": every count, in the order the run reported them. */
export function countsText(counts: RunAnswer['counts']): string {
  const parts = Object.entries(counts).map(([name, n]) => `${n} ${countWords(name)}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing counted';
}

export function durationText(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/**
 * A time as Dynamics shows it: in the user's Dynamics time zone (personal options), not the
 * browser's, so the runs line up with the times of the records (Dataverse's formatted values). Xrm
 * gives that zone's offset now only, so a time on the other side of a daylight saving change is an
 * hour off, as in Dynamics' own client scripts.
 */
export function whenText(iso: string | undefined, dates: DateSettings): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const style = { dateStyle: 'medium', timeStyle: 'medium' } as const;
  if (dates.timeZoneOffsetMinutes === undefined) return date.toLocaleString(dates.locale, style);
  return new Date(date.getTime() + dates.timeZoneOffsetMinutes * 60_000).toLocaleString(dates.locale, { ...style, timeZone: 'UTC' });
}
