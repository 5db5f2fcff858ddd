/**
 * Runs the connector's check when the admin pauses typing: one call `delayMs` after the last
 * change, and an answer is used only while it is still the answer to the text on screen (a slower,
 * older answer arriving after a newer one is dropped).
 */

export interface DebouncedCheck {
  /** The text changed; `check` is undefined when there is nothing to send (the text does not parse). */
  changed(text: string, check: boolean): void;
  dispose(): void;
}

export function debouncedCheck<T>(opts: {
  delayMs: number;
  run: (text: string) => Promise<T>;
  apply: (result: T) => void;
  fail: (error: unknown) => void;
}): DebouncedCheck {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latest = 0;
  let disposed = false;
  return {
    changed(text, check) {
      latest++;
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!check) return;
      const ticket = latest;
      timer = setTimeout(() => {
        timer = undefined;
        opts.run(text).then(
          (result) => {
            if (!disposed && ticket === latest) opts.apply(result);
          },
          (error: unknown) => {
            if (!disposed && ticket === latest) opts.fail(error);
          },
        );
      }, opts.delayMs);
    },
    dispose() {
      disposed = true;
      if (timer) clearTimeout(timer);
    },
  };
}
