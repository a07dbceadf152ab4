// Request counters for benchmarks and tests (`GET /_emulator/stats`): HTTP requests to the Graph
// host, `$batch` items, and statuses per route pattern.

export interface StatsSnapshot {
  /** HTTP requests that reached the Graph host (a `$batch` counts once). */
  requests: number;
  /** Individual requests executed inside `$batch` bodies. */
  batchItems: number;
  /** 429 answers, HTTP responses and batch items together. */
  throttled: number;
  byStatus: Record<string, number>;
  /** `"GET /users/{id}/calendarView"` → status → count, HTTP requests and batch items together. */
  byRoute: Record<string, Record<string, number>>;
}

export class GraphStats {
  private snapshot: StatsSnapshot = GraphStats.empty();

  private static empty(): StatsSnapshot {
    return { requests: 0, batchItems: 0, throttled: 0, byStatus: {}, byRoute: {} };
  }

  record(route: string, status: number, inBatch: boolean): void {
    const s = this.snapshot;
    if (inBatch) s.batchItems += 1;
    else s.requests += 1;
    if (status === 429) s.throttled += 1;
    const key = String(status);
    s.byStatus[key] = (s.byStatus[key] ?? 0) + 1;
    const perRoute = (s.byRoute[route] ??= {});
    perRoute[key] = (perRoute[key] ?? 0) + 1;
  }

  read(): StatsSnapshot {
    return structuredClone(this.snapshot);
  }

  reset(): void {
    this.snapshot = GraphStats.empty();
  }
}
