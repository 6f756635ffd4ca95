/**
 * The one way the SDK and the CLI set a timer. Node keeps a timer's delay in a signed 32-bit
 * integer: a delay over 2^31−1 ms (about 24.8 days) becomes 1 ms, with a warning, so a wait of
 * 25 days ended at once and a poll of 25 days became a busy loop. Here a long delay is waited in
 * chunks of at most that size; a delay that is not a finite number ≥ 0 (Infinity) never fires.
 */

/** The longest delay Node's timers hold: 2^31−1 ms. */
export const maxTimerMs = 2 ** 31 - 1;

/** A timer set with {@link setLongTimeout}. */
export interface LongTimer {
  /** Stops it; the callback will not run. */
  clear(): void;
  /** Starts the full delay again from now (cheaper than a new timer). */
  refresh(): void;
}

/**
 * Runs `callback` once after `ms` milliseconds, however long: delays over {@link maxTimerMs} are
 * waited in chunks. `NaN` and negative delays run at the next turn of the event loop; `Infinity`
 * never runs. `unref: true` lets the process exit while it waits.
 */
export function setLongTimeout(
  callback: () => void,
  ms: number,
  options: { unref?: boolean } = {},
): LongTimer {
  const delay = Number.isNaN(ms) ? 0 : Math.max(0, ms);
  let due = Date.now() + delay;
  let handle: NodeJS.Timeout | undefined;
  let cleared = false;
  const arm = (wait: number) => {
    handle = setTimeout(fire, Math.min(wait, maxTimerMs));
    if (options.unref) handle.unref?.();
  };
  const fire = () => {
    handle = undefined;
    if (cleared) return;
    const left = due - Date.now();
    // A chunk of a longer wait ended: wait the rest. Infinity stays Infinity and never fires.
    if (left > 0 && delay > maxTimerMs) {
      arm(left);
      return;
    }
    cleared = true;
    callback();
  };
  arm(delay);
  return {
    clear() {
      cleared = true;
      if (handle) clearTimeout(handle);
      handle = undefined;
    },
    refresh() {
      if (cleared) return;
      due = Date.now() + delay;
      if (delay <= maxTimerMs && handle) {
        handle.refresh();
        return;
      }
      if (handle) clearTimeout(handle);
      arm(delay);
    },
  };
}
