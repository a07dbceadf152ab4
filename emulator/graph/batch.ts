// `POST /$batch` (graph-facts §8.1): up to 20 requests, unique ids, `dependsOn` ordering with 424
// for failed dependencies, each item run through the same pipeline as an HTTP request — so items
// are authenticated, throttled (per-item 429 + Retry-After) and faulted individually.
import { z } from 'zod';
import { errorBody, GraphHttpError } from './errors.js';
import type { Call, DispatchResult, GraphRequest, GraphResponse, RouteDef } from './pipeline.js';

const MAX_REQUESTS = 20;

const itemSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  method: z.string().min(1),
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.unknown().optional(),
  dependsOn: z.array(z.union([z.string(), z.number()]).transform(String)).optional(),
});
const batchSchema = z.looseObject({ requests: z.array(z.unknown()) });

type Item = z.infer<typeof itemSchema>;

// [U] Graph's wording for malformed batches is not documented; these are the emulator's, with
// Graph's code `BadRequest`.
const invalid = (message: string) => new GraphHttpError(400, 'BadRequest', message);

function validate(body: unknown): Item[] {
  const outer = batchSchema.safeParse(body);
  if (!outer.success) throw invalid('Invalid batch payload format.');
  if (outer.data.requests.length > MAX_REQUESTS) {
    throw invalid(
      `The number of requests in a batch cannot exceed ${MAX_REQUESTS}; this batch has ${outer.data.requests.length}.`,
    );
  }
  const items: Item[] = [];
  const seen = new Set<string>();
  for (const raw of outer.data.requests) {
    const parsed = itemSchema.safeParse(raw);
    if (!parsed.success) throw invalid('Invalid batch payload format.');
    const item = parsed.data;
    if (seen.has(item.id)) throw invalid(`Batch request contains duplicate id '${item.id}'.`);
    for (const dep of item.dependsOn ?? []) {
      if (!seen.has(dep)) {
        throw invalid(
          `Request '${item.id}' depends on '${dep}', which is not an earlier request of the batch.`,
        );
      }
    }
    if (/^[a-z]+:\/\//i.test(item.url))
      throw invalid(`Request '${item.id}' must use a relative URL.`);
    const hasBody = item.body !== undefined && item.body !== null;
    const contentType = Object.entries(item.headers ?? {}).find(
      ([k]) => k.toLowerCase() === 'content-type',
    );
    if (hasBody && !contentType) {
      throw invalid(`Write request id : ${item.id} does not contain Content-Type header or body.`);
    }
    seen.add(item.id);
    items.push(item);
  }
  return items;
}

function innerRequest(call: Call, item: Item): GraphRequest {
  const url = item.url.startsWith('/') ? item.url : `/${item.url}`;
  const q = url.indexOf('?');
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(item.headers ?? {})) headers[k.toLowerCase()] = v;
  headers.authorization = call.req.headers.authorization;
  let body = item.body;
  if (typeof body === 'string' && /json/i.test(headers['content-type'] ?? '')) {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      // Left as the string; the route will reject it.
    }
  }
  return {
    method: item.method.toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
    headers,
    body,
    requestId: crypto.randomUUID(),
    clientRequestId: headers['client-request-id'] ?? call.req.clientRequestId,
    inBatch: true,
  };
}

function itemResponse(id: string, response: GraphResponse) {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.headers ?? {})) {
    if (!['request-id', 'client-request-id', 'www-authenticate'].includes(k.toLowerCase()))
      headers[k] = v;
  }
  return {
    id,
    status: response.status,
    headers,
    ...(response.body !== undefined ? { body: response.body } : {}),
  };
}

async function batch(call: Call): Promise<GraphResponse> {
  if (call.req.inBatch) throw invalid('A batch request cannot contain another batch request.');
  const items = validate(call.req.body);
  const running = new Map<string, Promise<DispatchResult | GraphResponse>>();
  const statusOf = (r: DispatchResult | GraphResponse) =>
    'response' in r ? r.response.status : r.status;
  for (const item of items) {
    running.set(
      item.id,
      (async () => {
        const deps = await Promise.all((item.dependsOn ?? []).map((d) => running.get(d)));
        if (deps.some((d) => !d || statusOf(d) < 200 || statusOf(d) >= 300)) {
          const failed: GraphResponse = {
            status: 424,
            headers: { 'Content-Type': 'application/json' },
            body: errorBody(
              'FailedDependency',
              'The dependent request failed.',
              call.req,
              call.ctx.now(),
            ),
          };
          call.state.stats.record('(failed dependency)', 424, true);
          return failed;
        }
        const result = await call.dispatch(innerRequest(call, item));
        call.state.stats.record(result.route, result.response.status, true);
        return result;
      })(),
    );
  }
  const responses = [];
  for (const item of items) {
    const r = await running.get(item.id);
    if (r) responses.push(itemResponse(item.id, 'response' in r ? r.response : r));
  }
  return { status: 200, body: { responses } };
}

export const batchRoutes: RouteDef[] = [{ method: 'POST', pattern: '/$batch', handler: batch }];
