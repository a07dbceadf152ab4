// Calls `tick` every `intervalMs` while `active` (a sync running, a connection verifying).
import { useEffect, useRef } from 'react';

export function usePolling(tick: () => Promise<void>, active: boolean, intervalMs = 2_000): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  }, [tick]);
  useEffect(() => {
    if (!active) return undefined;
    let stopped = false;
    let timer: number | undefined;
    const loop = () => {
      timer = window.setTimeout(() => {
        void latest.current().finally(() => {
          if (!stopped) loop();
        });
      }, intervalMs);
    };
    loop();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [active, intervalMs]);
}
