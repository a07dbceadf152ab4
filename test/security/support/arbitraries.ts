// fast-check arbitraries from the OpenAPI description's JSON Schemas: values of the right shape (so
// requests get past the first check and reach deeper code), and values an attacker would send —
// wrong types, huge and exotic strings, prototype keys, deep nesting, broken JSON.
import fc from 'fast-check';
import { resolve, type JsonSchema, type OpenApiDocument, type Parameter } from './openapi.js';

/** Strings that break naive code: unicode of every plane, controls, lone surrogates, injections. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\udfff\ud800',
    '\u202e\u0000\u2028\u2029',
    '🏳️‍🌈👩‍👩‍👧‍👦',
    'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͙',
    '__proto__',
    'constructor',
    '../../../../etc/passwd',
    '%00%2e%2e%2f',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '=cmd|"/c calc"!A1',
    '${jndi:ldap://x}',
    '{{7*7}}',
    'NaN',
    'Infinity',
    '-0',
    '1e400',
    '9007199254740993',
    '0x1f',
    '2024-02-30T25:61:61Z',
    'null',
    'undefined',
    'true',
  ),
);

/** Any JSON value of the wrong kind for wherever it lands. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.constantFrom(null, true, false, 0, -1, -0, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(nastyString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.string({ minLength: 5_000, maxLength: 20_000 }),
);

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const generated = generatedString(schema);
  return typeof schema.example === 'string'
    ? fc.oneof(
        { weight: 2, arbitrary: fc.constant(schema.example) },
        { weight: 1, arbitrary: generated },
      )
    : generated;
}

function generatedString(schema: JsonSchema): fc.Arbitrary<string> {
  const maxLength = Math.min(schema.maxLength ?? 40, 60);
  const minLength = Math.min(schema.minLength ?? 0, maxLength);
  switch (schema.format) {
    case 'date-time':
      return fc
        .date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (schema.maxLength ?? 320));
    case 'uuid':
      return fc.uuid();
    case 'uri':
      return fc.webUrl({ validSchemes: ['https'] });
    default:
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ unit: 'grapheme', minLength, maxLength }),
      );
  }
}

/** Values that match `schema` in shape (types, enums, required keys, lengths, ranges). */
export function validValue(
  doc: OpenApiDocument,
  raw: JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  if (depth > 6) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => validValue(doc, s, depth + 1)));
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(doc, s));
    const merged: JsonSchema = {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<
        string,
        JsonSchema
      >,
      required: parts.flatMap((p) => p.required ?? []),
    };
    return validValue(doc, merged, depth + 1);
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1)
    return fc.oneof(...types.map((t) => validValue(doc, { ...schema, type: t }, depth + 1)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'string':
      return stringOf(schema);
    case 'array': {
      const maxLength = Math.min(schema.maxItems ?? 4, 4);
      return fc.array(validValue(doc, schema.items ?? {}, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, maxLength),
        maxLength,
      });
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const shaped = Object.fromEntries(
        Object.entries(properties).map(([k, s]) => [k, validValue(doc, s, depth + 1)]),
      );
      return fc.record(shaped, {
        requiredKeys: (schema.required ?? []).filter((k) => k in properties),
      });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * A valid-shaped object (or one of the known-good `seeds`) with one property, existing or new,
 * replaced by a hostile value.
 */
function mutated(
  doc: OpenApiDocument,
  schema: JsonSchema,
  seeds: readonly object[],
): fc.Arbitrary<unknown> {
  const keys = Object.keys(resolve(doc, schema).properties ?? {});
  const base =
    seeds.length > 0
      ? fc.oneof(validValue(doc, schema), fc.constantFrom(...seeds))
      : validValue(doc, schema);
  return fc
    .tuple(
      base,
      fc.oneof(keys.length > 0 ? fc.constantFrom(...keys) : nastyString, nastyString),
      hostileValue,
    )
    .map(([value, key, bad]) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.defineProperty({ ...value }, key, { value: bad, enumerable: true })
        : bad,
    );
}

/** A known-good seed with one of its schema's properties given another value of the right shape. */
function reshapedSeed(
  doc: OpenApiDocument,
  schema: JsonSchema,
  seeds: readonly object[],
): fc.Arbitrary<unknown> {
  const properties = resolve(doc, schema).properties ?? {};
  const keys = Object.keys(properties);
  if (seeds.length === 0 || keys.length === 0) return validValue(doc, schema);
  return fc
    .tuple(
      fc.constantFrom(...seeds),
      fc
        .constantFrom(...keys)
        .chain((key) => validValue(doc, properties[key]!).map((v) => [key, v] as const)),
    )
    .map(([seed, [key, value]]) => ({ ...seed, [key]: value }));
}

/** Raw JSON with prototype-pollution keys at the top and one level down. */
function polluted(doc: OpenApiDocument, schema: JsonSchema): fc.Arbitrary<string> {
  return fc
    .tuple(
      validValue(doc, schema),
      fc.constantFrom('__proto__', 'constructor', 'prototype'),
      fc.constantFrom(
        '{"isAdmin":true,"role":"owner","polluted":"yes"}',
        '{"prototype":{"polluted":"yes"}}',
        '"owner"',
      ),
    )
    .map(([value, key, payload]) => {
      const json = JSON.stringify(value);
      const inject = `"${key}":${payload}`;
      if (!json.startsWith('{')) return `{${inject}}`;
      return json === '{}' ? `{${inject}}` : `{${inject},${json.slice(1)}`;
    });
}

/** JSON text nested `depth` deep, arrays or objects. */
export function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A request body as sent on the wire: raw text and how it was made. */
export interface BodyCase {
  readonly kind: string;
  readonly text: string;
}

/**
 * Bodies for an operation: mostly of its schema's shape (or a known-good seed with one field
 * changed), the rest hostile in every way.
 */
export function bodyCases(
  doc: OpenApiDocument,
  schema: JsonSchema | undefined,
  seeds: readonly object[] = [],
): fc.Arbitrary<BodyCase> {
  const shape = schema ?? { type: 'object' };
  const json = (kind: string, arb: fc.Arbitrary<unknown>) =>
    arb.map((value) => ({ kind, text: JSON.stringify(value) ?? 'null' }));
  const seeded =
    seeds.length > 0
      ? [{ weight: 3, arbitrary: json('seed reshaped', reshapedSeed(doc, shape, seeds)) }]
      : [];
  return fc.oneof(
    ...seeded,
    { weight: 3, arbitrary: json('valid-shaped', validValue(doc, shape)) },
    { weight: 3, arbitrary: json('one field hostile', mutated(doc, shape, seeds)) },
    { weight: 1, arbitrary: json('hostile body', hostileValue) },
    {
      weight: 2,
      arbitrary: polluted(doc, shape).map((text) => ({ kind: 'prototype keys', text })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 200, max: 5_000 }),
          fc.constantFrom('array', 'object') as fc.Arbitrary<'array' | 'object'>,
        )
        .map(([depth, kind]) => ({
          kind: 'deeply nested',
          text: `{"x":${deeplyNested(depth, kind)}}`,
        })),
    },
    {
      weight: 1,
      arbitrary: json('valid-shaped', validValue(doc, shape)).map((c) => ({
        kind: 'truncated JSON',
        text: c.text.slice(0, Math.max(1, c.text.length - 1)),
      })),
    },
  );
}

function queryValue(doc: OpenApiDocument, param: Parameter): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: validValue(doc, param.schema).map((v) => String(v)) },
    { weight: 2, arbitrary: nastyString },
    { weight: 1, arbitrary: fc.string({ minLength: 1_000, maxLength: 3_000 }) },
  );
}

/** A query string for an operation: its own parameters (valid or not), repeated, and strangers. */
export function queryCases(
  doc: OpenApiDocument,
  params: readonly Parameter[],
): fc.Arbitrary<string> {
  const own = params.map((p) =>
    fc.option(
      fc
        .array(queryValue(doc, p), { minLength: 1, maxLength: 2 })
        .map((values) => values.map((v) => [p.name, v] as [string, string])),
      { freq: 3 },
    ),
  );
  const strangers = fc.array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          '__proto__',
          'constructor',
          '__proto__[polluted]',
          'state',
          'token',
          'tenant',
          'limit[]',
        ),
        nastyString,
      ),
      nastyString,
    ),
    { maxLength: 2 },
  );
  return fc.tuple(fc.tuple(...own), strangers).map(([mine, extra]) => {
    const pairs = [...mine.flatMap((p) => p ?? []), ...extra];
    return pairs.length === 0 ? '' : `?${new URLSearchParams(pairs).toString()}`;
  });
}
