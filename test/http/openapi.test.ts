import { describe, expect, it } from 'vitest';
import { ApiRegistry, toOpenApiPath } from '../../server/http/openapi.js';
import { z } from '../../server/http/zod.js';
import { buildTestApp } from '../support/app.js';
import { listenOnEphemeralPort } from '../support/http.js';

type Json = Record<string, unknown>;

const Meeting = z.object({ id: z.string(), subject: z.string() }).openapi('Meeting');

function sampleRegistry(): ApiRegistry {
  const api = new ApiRegistry();
  api.route({
    method: 'get',
    path: '/api/meetings/:id',
    summary: 'Read a meeting',
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'The meeting', content: { 'application/json': { schema: Meeting } } },
    },
    errors: ['ERR_NOT_FOUND'],
  });
  api.route({
    method: 'post',
    path: '/api/meetings',
    request: { body: { content: { 'application/json': { schema: Meeting } } } },
    responses: { 201: { description: 'Created' } },
    errors: ['ERR_VALIDATION'],
  });
  api.route({
    method: 'post',
    path: '/webhooks/graph',
    auth: false,
    responses: { 202: { description: 'Accepted' } },
  });
  return api;
}

/** Every `$ref` in the document points at an existing component. */
function danglingRefs(doc: Json): string[] {
  const missing: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const target = value
            .replace(/^#\//, '')
            .split('/')
            .reduce<unknown>((at, part) => (at as Json | undefined)?.[part], doc);
          if (target === undefined) missing.push(value);
        } else visit(value);
      }
    }
  };
  visit(doc);
  return missing;
}

describe('ApiRegistry', () => {
  const doc = sampleRegistry().document({
    title: 'Quorum',
    version: '1.0.0',
    serverUrl: 'https://q.example',
  }) as unknown as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;

  it('produces an OpenAPI 3.1 document with info and servers', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toEqual({ title: 'Quorum', version: '1.0.0' });
    expect(doc.servers).toEqual([{ url: 'https://q.example' }]);
  });

  it('lists every registered route under its OpenAPI path', () => {
    expect(Object.keys(paths).sort()).toEqual([
      '/api/meetings',
      '/api/meetings/{id}',
      '/webhooks/graph',
    ]);
    expect(Object.keys(paths['/api/meetings/{id}']!)).toEqual(['get']);
    expect(Object.keys(paths['/webhooks/graph']!)).toEqual(['post']);
  });

  it('gives every operation responses, including a problem+json default', () => {
    for (const [path, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const responses = operation.responses as Record<string, Json>;
        expect(Object.keys(responses).length, `${method} ${path}`).toBeGreaterThan(1);
        const problem = (responses.default!.content as Json)['application/problem+json'] as Json;
        expect(problem.schema).toEqual({ $ref: '#/components/schemas/Problem' });
        expect(responses['429'], `${method} ${path}`).toBeDefined();
      }
    }
  });

  it('adds bearer security and 401/403 problems to /api routes only', () => {
    const get = paths['/api/meetings/{id}']!.get!;
    expect(get.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(get.responses as Json)).toEqual(
      expect.arrayContaining(['200', '401', '403', '404', '503', 'default']),
    );
    expect(paths['/webhooks/graph']!.post!.security).toBeUndefined();
    expect(Object.keys(paths['/webhooks/graph']!.post!.responses as Json)).not.toContain('401');
    expect((doc.components as Json).securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
    });
  });

  it('declares path parameters and request bodies from the zod schemas', () => {
    const get = paths['/api/meetings/{id}']!.get!;
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
    ]);
    const post = paths['/api/meetings']!.post!;
    expect(((post.requestBody as Json).content as Json)['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/Meeting' },
    });
  });

  it('defines the Problem schema with the contract fields and resolves every $ref', () => {
    const problem = ((doc.components as Json).schemas as Json).Problem as Json;
    expect(problem.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'requestId']),
    );
    expect(danglingRefs(doc)).toEqual([]);
  });

  it('knows which methods a concrete path allows', () => {
    const api = sampleRegistry();
    expect(api.methodsFor('/api/meetings/123')).toEqual(['GET']);
    expect(api.methodsFor('/api/meetings')).toEqual(['POST']);
    expect(api.methodsFor('/api/meetings/1/2')).toEqual([]);
  });

  it('converts Express path parameters', () => {
    expect(toOpenApiPath('/api/org/connections/:id/verify')).toBe(
      '/api/org/connections/{id}/verify',
    );
  });
});

describe('GET /api/openapi.json', () => {
  it('describes the app and every route module registered into it', async () => {
    const { app } = buildTestApp();
    const server = await listenOnEphemeralPort(app);
    try {
      const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Json;
      expect(Object.keys(doc.paths as Json).sort()).toEqual([
        '/api/openapi.json',
        '/api/whoami',
        '/healthz',
      ]);
      expect(danglingRefs(doc)).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
