// Cooperative scheduling for work over tens of thousands of members: DESIGN §7 keeps every turn
// of the event loop under ~50 ms, so long loops hand control back every few milliseconds, bulk
// writes go in chunks with a turn between them, and concurrent producers of heavy work (sweep
// workers finishing together) take turns instead of piling into one loop iteration.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Returns a step function to await once per item: it yields to the event loop when `budgetMs`
 * have passed since the last yield (checking the time only every `every` items).
 */
export function cooperative(budgetMs = 8, every = 256): () => Promise<void> | undefined {
  let count = 0;
  let since = performance.now();
  return () => {
    count += 1;
    if (count % every !== 0) return undefined;
    if (performance.now() - since < budgetMs) return undefined;
    return nextTurn().then(() => {
      since = performance.now();
    });
  };
}

/** Calls `fn` on consecutive slices of `items`, with an event-loop turn before each one. */
export async function inChunks<T>(
  items: readonly T[],
  size: number,
  fn: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    await nextTurn();
    await fn(items.slice(i, i + size));
  }
}

/**
 * A queue running one task at a time, each starting in an event-loop turn of its own: tasks
 * queued together (I/O completions of one poll phase) are spread over several iterations.
 */
export function turnQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = tail.then(() => nextTurn()).then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
