// The OpenAPI 3.1 description, generated from the zod schemas route modules register, so it cannot drift.
import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  type ResponseConfig,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorRegistry, type ErrorCode } from './errors.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './problem.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One operation as a route module describes it. */
export interface ApiRouteDefinition extends Omit<RouteConfig, 'method' | 'path' | 'responses'> {
  readonly method: Method;
  /** Express-style path (`/api/meetings/:id`); written as `/api/meetings/{id}` in the document. */
  readonly path: string;
  /** Success responses by status. Problem responses are added from `errors` and `auth`. */
  readonly responses: Readonly<Record<number, ResponseConfig>>;
  /** Needs a bearer token. Defaults to true for paths under `/api/`. */
  readonly auth?: boolean;
  /** Error codes this operation may answer with, beyond the ones every operation may. */
  readonly errors?: readonly ErrorCode[];
}

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  readonly serverUrl: string;
}

const AUTH_ERRORS: readonly ErrorCode[] = [
  'ERR_AUTH_TOKEN_MISSING',
  'ERR_AUTH_TOKEN_EXPIRED',
  'ERR_AUTH_TOKEN_INVALID',
  'ERR_AUTH_AUDIENCE',
  'ERR_AUTH_ISSUER',
  'ERR_AUTH_ALGORITHM',
  'ERR_AUTH_KEY_UNKNOWN',
  'ERR_AUTH_KEYS_UNAVAILABLE',
  'ERR_AUTH_SCOPE_MISSING',
];

/** Converts `/a/:id/b` to `/a/{id}/b`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function problemResponse(codes: readonly ErrorCode[], fallback: string): ResponseConfig {
  return {
    description: codes.length > 0 ? codes.join(', ') : fallback,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  };
}

/** The registry route modules describe their operations in; builds the OpenAPI 3.1 document. */
export class ApiRegistry {
  readonly #registry = new OpenAPIRegistry();
  readonly #routes: { method: Method; pattern: RegExp; path: string }[] = [];
  #document: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;

  constructor() {
    this.#registry.register('Problem', ProblemSchema);
    this.#registry.registerComponent('securitySchemes', 'bearer', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "An Entra ID access token for Quorum's API with the `access_as_user` scope.",
    });
  }

  /** Registers a named schema as a reusable component. */
  schema<T extends z.ZodType>(name: string, schema: T): T {
    this.#document = undefined;
    return this.#registry.register(name, schema);
  }

  /** Describes one operation. Every operation answers problem+json for its errors and by default. */
  route(definition: ApiRouteDefinition): void {
    const { method, path, responses, auth, errors = [], ...rest } = definition;
    const secured = auth ?? path.startsWith('/api/');
    const codes = [
      ...new Set<ErrorCode>([...(secured ? AUTH_ERRORS : []), ...errors, 'ERR_RATE_LIMITED']),
    ];
    const byStatus = new Map<number, ErrorCode[]>();
    for (const code of codes) {
      const status = errorRegistry[code].status;
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    const all: Record<string, ResponseConfig> = {};
    for (const [status, response] of Object.entries(responses)) all[status] = response;
    for (const [status, list] of byStatus) all[String(status)] ??= problemResponse(list, '');
    all.default = problemResponse([], 'Any other error (e.g. ERR_INTERNAL), as problem+json.');
    const openApiPath = toOpenApiPath(path);
    this.#registry.registerPath({
      ...rest,
      method,
      path: openApiPath,
      responses: all,
      ...(secured ? { security: [{ bearer: [] }] } : {}),
    });
    const pattern = new RegExp(
      `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '[^/]+')}/?$`,
    );
    this.#routes.push({ method, pattern, path: openApiPath });
    this.#document = undefined;
  }

  /** Methods registered for a concrete request path (for 405 and `Allow`), upper-case. */
  methodsFor(requestPath: string): string[] {
    const methods = this.#routes.filter((r) => r.pattern.test(requestPath)).map((r) => r.method);
    return [...new Set(methods)].map((m) => m.toUpperCase());
  }

  /** The OpenAPI 3.1 document; generated once until something new is registered. */
  document(info: OpenApiInfo): ReturnType<OpenApiGeneratorV31['generateDocument']> {
    this.#document ??= new OpenApiGeneratorV31(this.#registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: info.title, version: info.version },
      servers: [{ url: info.serverUrl }],
    });
    return this.#document;
  }
}
