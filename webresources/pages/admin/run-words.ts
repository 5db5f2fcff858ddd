/** A run in words: its state, its counts ("createdInClm" -> "created in the CLM"), its duration. */
import type { RunAnswer, RunState } from '../../../api/runs';

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

export function whenText(iso: string | undefined, locale: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' });
}
