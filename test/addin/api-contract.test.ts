// Every request the web UI's API client can send names a route the server describes in
// /api/openapi.json (same method, same path shape), so the UI and the server cannot drift apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../addin/api/client.js';
import * as connections from '../../addin/api/connections.js';
import * as me from '../../addin/api/me.js';
import * as meetings from '../../addin/api/meetings.js';
import * as org from '../../addin/api/org.js';
import * as orgEvents from '../../addin/api/org-events.js';
import * as schedule from '../../addin/api/schedule.js';
import * as settings from '../../addin/api/settings.js';
import { startQuorum, type TestQuorum } from '../support/quorum.js';

let quorum: TestQuorum;
let routes: Set<string>;

beforeAll(async () => {
  quorum = await startQuorum();
  const doc = (await (await fetch(`${quorum.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = new Set(
    Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`),
    ),
  );
});
afterAll(async () => {
  await quorum?.close();
});

/** Calls every exported function of the API modules with placeholder arguments, recording requests. */
async function recordRequests(): Promise<string[]> {
  const seen: string[] = [];
  const client = new ApiClient({
    baseUrl: 'https://quorum.test',
    getToken: () => Promise.resolve('t'),
    fetch: (input, init) => {
      const url = new URL(String(input));
      seen.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/\/ID(?=\/|$)/g, '/{}')}`);
      return Promise.resolve(
        new Response('{}', { headers: { 'content-type': 'application/json' } }),
      );
    },
  });
  const modules = [connections, me, meetings, org, orgEvents, schedule, settings];
  for (const module of modules) {
    for (const fn of Object.values(module)) {
      if (typeof fn !== 'function') continue;
      const args = [client, ...Array.from({ length: fn.length - 1 }, () => 'ID')];
      await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
    }
  }
  return seen;
}

describe('the web UI API client', () => {
  it('only calls routes the OpenAPI description lists', async () => {
    const requests = await recordRequests();
    expect(requests.length).toBeGreaterThan(30);
    const unknown = requests.filter((r) => !routes.has(r));
    expect(unknown).toEqual([]);
  });
});
