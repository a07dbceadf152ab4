// The Office.js calls the add-in made, as a tiny store React can subscribe to.
import type { RecordedCall } from './fake-office.js';

export interface CallFeed {
  push(call: RecordedCall): void;
  subscribe(listener: () => void): () => void;
  snapshot(): readonly RecordedCall[];
}

export function createCallFeed(): CallFeed {
  let calls: readonly RecordedCall[] = [];
  const listeners = new Set<() => void>();
  return {
    push(call) {
      calls = [...calls, call];
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => calls,
  };
}
