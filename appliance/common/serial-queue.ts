/**
 * Runs tasks one at a time, in the order they were queued: each starts when the previous one has
 * settled, whether it resolved or rejected. A task's own result (or rejection) goes to its caller
 * only; a failed task never stops the queue.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
