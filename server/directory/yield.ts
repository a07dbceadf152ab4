// Cooperative yielding for loops over tens of thousands of items: DESIGN §7 keeps every turn of
// the event loop under ~50 ms, so long loops hand control back every few milliseconds.
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
