/**
 * Follows a record's contracts while the panel is open, cheaply: every `visibleMs` (5.05 s) one small
 * request asks whether anything changed (versions only), and the full read runs only when the answer
 * differs. While the page is hidden it asks every `hiddenMs` (30 s); on becoming visible it asks at
 * once. Checks never overlap and never start less than one interval apart, so there is never more
 * than one request per interval, even on a slow network.
 */

export interface ChangeWatcherOptions {
  /** The small request: a digest that changes when anything shown changes. */
  digest(): Promise<string>;
  /** Called for the first digest and whenever it changed. */
  onChange(): Promise<void> | void;
  visibleMs?: number;
  hiddenMs?: number;
  doc?: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;
}

export interface ChangeWatcher {
  /** Check now (after an action); resets the timer. */
  checkNow(): Promise<void>;
  stop(): void;
}

export function watchChanges(opts: ChangeWatcherOptions): ChangeWatcher {
  // 5 s and a little: timer jitter never puts two checks inside one 5 s window.
  const visibleMs = opts.visibleMs ?? 5050;
  const hiddenMs = opts.hiddenMs ?? 30000;
  const doc = opts.doc ?? document;
  let last: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  // Start to start: the next check begins one interval after this one began (never sooner), so a
  // slow answer does not stretch the time a change takes to show.
  const plan = (startedAt = Date.now()) => {
    if (stopped) return;
    clearTimeout(timer);
    const interval = doc.visibilityState === 'hidden' ? hiddenMs : visibleMs;
    timer = setTimeout(() => void check(), Math.max(0, interval - (Date.now() - startedAt)));
  };

  const check = (): Promise<void> => {
    running ??= (async () => {
      clearTimeout(timer);
      const startedAt = Date.now();
      try {
        const next = await opts.digest();
        // The first digest loads too: read after it, the full read misses nothing the digest saw.
        if (next !== last) await opts.onChange();
        last = next;
      } catch {
        // A failed check is tried again at the next tick; the panel keeps what it shows.
      } finally {
        running = undefined;
        plan(startedAt);
      }
    })();
    return running;
  };

  const onVisibility = () => {
    if (doc.visibilityState === 'visible') void check();
    else plan();
  };
  doc.addEventListener('visibilitychange', onVisibility);
  void check();

  return {
    checkNow: check,
    stop() {
      stopped = true;
      clearTimeout(timer);
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
