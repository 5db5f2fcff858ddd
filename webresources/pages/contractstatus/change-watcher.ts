/**
 * Follows a record's contracts while the panel is open, cheaply: one small request per check, whose
 * answer (a snapshot) says whether anything changed and is handed to `onChange` when it did, so
 * the panel can redraw what the snapshot carries at once and read the rest after.
 *
 * Checks run on a grid of `visibleMs` (5 s) measured start to start from the first check, so a late
 * timer does not push every later check back, and never two starts less than one interval apart,
 * so there is never more than one request per interval however slow the network. An answer slower
 * than the interval makes the next check overdue: it starts as soon as the answer is in, and the
 * grid starts over there. While the panel is
 * hidden (page-visibility.ts: the tab, or the pane itself) the interval is `hiddenMs` (30 s); when it
 * is shown again it checks at once and the grid starts over from there.
 */
import { pageVisibility, type Visibility } from './page-visibility';

interface Snapshot {
  /** Changes whenever anything the panel shows changed. */
  digest: string;
}

export interface ChangeWatcherOptions<S extends Snapshot> {
  /** The small request. */
  check(): Promise<S>;
  /** Called with the first snapshot and with every one whose digest differs from the last seen. */
  onChange(snapshot: S): Promise<void> | void;
  visibleMs?: number;
  hiddenMs?: number;
  visibility?: Visibility;
  now?: () => number;
}

export interface ChangeWatcher {
  /** Check now (after an action, or the Refresh button); the grid starts over from here. */
  checkNow(): Promise<void>;
  stop(): void;
}

export function watchChanges<S extends Snapshot>(opts: ChangeWatcherOptions<S>): ChangeWatcher {
  const visibleMs = opts.visibleMs ?? 5000;
  const hiddenMs = opts.hiddenMs ?? 30000;
  const visibility = opts.visibility ?? pageVisibility();
  const now = opts.now ?? Date.now;
  let last: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  /** The grid point of the last check (when it was due), and when it actually started. */
  let slot = 0;
  let lastStart = -Infinity;

  const interval = () => (visibility.hidden() ? hiddenMs : visibleMs);

  const plan = () => {
    if (stopped) return;
    clearTimeout(timer);
    const step = interval();
    // The next grid point; a timer that fired late must not bring the next start within one interval.
    const due = Math.max(slot + step, lastStart + step);
    const point = slot + step;
    const wait = due - now();
    // An answer slower than the interval: the check is overdue, so it runs at once and the grid starts there.
    if (wait <= 0)
      void Promise.resolve().then(() => {
        if (!stopped) void run(undefined);
      });
    else timer = setTimeout(() => void run(point), wait);
  };

  /** `gridPoint`: the slot this check was planned for; undefined starts the grid over from now. */
  const run = (gridPoint: number | undefined): Promise<void> => {
    running ??= (async () => {
      clearTimeout(timer);
      lastStart = now();
      slot = gridPoint ?? lastStart;
      try {
        const snapshot = await opts.check();
        // The first snapshot draws too; a failed onChange leaves `last` alone, so the next check tries again.
        if (snapshot.digest !== last) await opts.onChange(snapshot);
        last = snapshot.digest;
      } catch {
        // A failed check is tried again at the next point of the grid; the panel keeps what it shows.
      } finally {
        running = undefined;
        plan();
      }
    })();
    return running;
  };

  let wasHidden = visibility.hidden();
  const unsubscribe = visibility.subscribe(() => {
    const hidden = visibility.hidden();
    if (hidden === wasHidden) return;
    wasHidden = hidden;
    if (!hidden) void run(undefined);
    else plan();
  });
  void run(undefined);

  return {
    checkNow: () => run(undefined),
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
