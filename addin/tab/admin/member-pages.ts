// The member table's data: fixed-size blocks fetched by offset/limit as rows scroll into view, so
// 50,000 members cost only the blocks on screen. A new filter starts over.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../api/client.js';
import { listMembers, type Member, type MemberFilter } from '../../api/org.js';

export const BLOCK_SIZE = 100;

export interface MemberPages {
  /** Members matching the filter; null until the first block arrives. */
  readonly total: number | null;
  readonly error: unknown;
  /** The member at `index`, or undefined while its block loads. */
  row(index: number): Member | undefined;
  /** Loads the blocks covering rows `first`..`last` (inclusive) that are not loaded yet. */
  ensure(first: number, last: number): void;
  /** Replaces one member after a re-check. */
  replace(member: Member): void;
  /** Drops every block and loads again (after a sync). */
  refresh(): void;
  /**
   * Calls `listener` when a block arrives or a row changes. Only the table listens, so a block
   * arriving while scrolling re-renders the table, not the toolbar around it.
   */
  subscribe(listener: () => void): () => void;
}

export function useMemberPages(api: ApiClient, filter: MemberFilter): MemberPages {
  const blocks = useRef(new Map<number, Member[]>());
  const pending = useRef(new Map<number, AbortController>());
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const listeners = useRef(new Set<() => void>());
  const notify = () => {
    for (const listener of listeners.current) listener();
  };
  const filterKey = JSON.stringify(filter);

  const load = useCallback(
    (block: number) => {
      if (blocks.current.has(block) || pending.current.has(block)) return;
      const controller = new AbortController();
      pending.current.set(block, controller);
      listMembers(api, filter, block * BLOCK_SIZE, BLOCK_SIZE, controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          pending.current.delete(block);
          blocks.current.set(block, page.items);
          setTotal(page.total);
          setError(null);
          notify();
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          pending.current.delete(block);
          setError(e);
        },
      );
    },
    // filterKey stands for filter: a new object with the same values must not reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, generation],
  );

  useEffect(() => {
    const inFlight = pending.current;
    const loaded = blocks.current;
    load(0);
    return () => {
      for (const controller of inFlight.values()) controller.abort();
      inFlight.clear();
      loaded.clear();
    };
  }, [load]);

  const subscribe = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return {
    total,
    error,
    row: (index) => blocks.current.get(Math.floor(index / BLOCK_SIZE))?.[index % BLOCK_SIZE],
    ensure(first, last) {
      // Half a block ahead, so rows are usually there before they scroll into view.
      const ahead = last + BLOCK_SIZE / 2;
      for (let b = Math.floor(first / BLOCK_SIZE); b <= Math.floor(ahead / BLOCK_SIZE); b++) {
        if (b * BLOCK_SIZE < (total ?? BLOCK_SIZE)) load(b);
      }
    },
    replace(member) {
      for (const items of blocks.current.values()) {
        const at = items.findIndex((m) => m.id === member.id);
        if (at >= 0) items[at] = member;
      }
      notify();
    },
    refresh() {
      setGeneration((g) => g + 1);
    },
    subscribe,
  };
}
