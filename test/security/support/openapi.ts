// Reads Quorum's own OpenAPI description (`GET /api/openapi.json`) into the list of operations the
// security suite attacks, so a new route is covered the day it is described.

/** A JSON Schema as the description writes it (OpenAPI 3.1), `$ref`s resolved by `resolve`. */
export type JsonSchema = {
  readonly type?: string | readonly string[];
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly example?: unknown;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
};

interface RawParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema?: JsonSchema;
}

interface RawOperation {
  readonly security?: readonly unknown[];
  readonly parameters?: readonly RawParameter[];
  readonly requestBody?: { readonly content: Record<string, { schema?: JsonSchema }> };
  readonly responses: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, RawOperation>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> };
}

export interface Parameter {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface Operation {
  readonly method: string;
  /** OpenAPI path template, `/api/meetings/{id}`. */
  readonly path: string;
  /** Needs a bearer token. */
  readonly auth: boolean;
  readonly pathParams: readonly Parameter[];
  readonly queryParams: readonly Parameter[];
  readonly body: JsonSchema | undefined;
  /** The codes the description lists for `status` (its description is the code list). */
  codes(status: number): readonly string[];
}

/** Follows `#/components/schemas/X` references (one level at a time, as needed). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  while (current.$ref) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`unresolved ${current.$ref}`);
    current = target;
  }
  return current;
}

export async function fetchOpenApi(baseUrl: string): Promise<OpenApiDocument> {
  const res = await fetch(`${baseUrl}/api/openapi.json`);
  if (res.status !== 200) throw new Error(`openapi.json: ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Every operation of the description, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const params = (where: RawParameter['in']) =>
        (raw.parameters ?? [])
          .filter((p) => p.in === where)
          .map((p) => ({
            name: p.name,
            required: p.required === true,
            schema: resolve(doc, p.schema ?? {}),
          }));
      const bodySchema = raw.requestBody?.content['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        auth: (raw.security ?? []).length > 0,
        pathParams: params('path'),
        queryParams: params('query'),
        body: bodySchema ? resolve(doc, bodySchema) : undefined,
        codes: (status) =>
          (raw.responses[String(status)]?.description ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter((c) => /^ERR_[A-Z_]+$/.test(c)),
      });
    }
  }
  return operations;
}

/** Fills `{name}` placeholders; unnamed ones get `fallback`. */
export function fillPath(
  template: string,
  values: Readonly<Record<string, string>>,
  fallback = '00000000-0000-4000-8000-000000000000',
): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? fallback),
  );
}
