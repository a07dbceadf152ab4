// Loads data for a screen: value, error, and a reload that keeps showing the last value meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  /** Loads again; resolves when done (errors land in `error`, never thrown). */
  reload(): Promise<void>;
  /** Replaces the value locally (after a mutation answered with the new state). */
  set(value: T): void;
}

interface State<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/** Runs `load` when `deps` change or on reload(); a stale answer never overwrites a newer one. */
export function useResource<T>(load: () => Promise<T>, deps: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<State<T>>({ data: undefined, error: null, loading: true });
  const [version, setVersion] = useState(0);
  const waiting = useRef<(() => void)[]>([]);

  useEffect(() => {
    let current = true;
    const settle = (next: (s: State<T>) => State<T>) => {
      if (!current) return;
      setState(next);
      for (const resolve of waiting.current.splice(0)) resolve();
    };
    load().then(
      (data) => settle(() => ({ data, error: null, loading: false })),
      (error: unknown) => settle((s) => ({ ...s, error, loading: false })),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers list what `load` reads
  }, [...deps, version]);

  const reload = useCallback(
    () =>
      new Promise<void>((resolve) => {
        waiting.current.push(resolve);
        setState((s) => ({ ...s, loading: true }));
        setVersion((v) => v + 1);
      }),
    [],
  );
  const set = useCallback((data: T) => setState({ data, error: null, loading: false }), []);
  return { ...state, reload, set };
}
