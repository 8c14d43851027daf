/** Calls `notify` at most once per `intervalMs` for a stream of touches. */
export function throttle(notify: () => void, intervalMs: number, now: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    notify();
  };
}
