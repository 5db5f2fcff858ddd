/**
 * Where a contact sync run stands, saved with its run (services/runs/README.md, `ctx.save`) so that
 * a worker that takes over a run whose worker died resumes it instead of starting again. A full
 * sync goes through each side's contacts in id order, in slices; after each slice its new links
 * are written and the checkpoint moves on, with the counts as they stand. A worker that takes over
 * reads both sides again and skips what lies before the checkpoint: what the dead worker did
 * after it is looked at again and, being in step by now, written nothing and counted once.
 *
 * The delta link and the start time are the first attempt's: the next incremental run then reads
 * every Dynamics change since the first read and every CLM change since the run began, including
 * those made to contacts the take-over skipped.
 */
import type { RetrySet } from './ports';

export interface ContactSyncCheckpoint {
  v: 1;
  /** The mode the run settled on (an incremental one whose delta link expired runs full). */
  mode: 'full' | 'incremental';
  fellBackToFull: boolean;
  /** The first attempt's start (RFC 3339): the next run's `clmSince`. */
  started: string;
  /** Full: the delta link of the first attempt's read. */
  deltaLink?: string;
  /** Full: the side being gone through, and the last id done on it (ids compared as text). */
  phase?: 'dynamics' | 'clm';
  after?: string;
  /** The contacts that failed so far (the next incremental run retries them). */
  failed: RetrySet;
  clmClientId?: string;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A checkpoint saved by this version, or undefined (a run saved none yet, or saved another shape). */
export function readCheckpoint(value: unknown): ContactSyncCheckpoint | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const c = value as Partial<ContactSyncCheckpoint>;
  if (c.v !== 1 || (c.mode !== 'full' && c.mode !== 'incremental') || typeof c.started !== 'string') return undefined;
  const f = c.failed;
  if (!f || !isStringArray(f.dynamics) || !isStringArray(f.clm) || !isStringArray(f.deleted)) return undefined;
  return c as ContactSyncCheckpoint;
}

/** Ids in the order a run goes through them, the same in every attempt. */
export const byId = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
