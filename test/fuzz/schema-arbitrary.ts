import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument } from '../../lambdas/shared/http/openapi-document.js';
import { resolveRef } from '../../lambdas/shared/http/operation-index.js';

/**
 * A fast-check arbitrary of values valid against an OpenAPI 3.0 schema of this spec (the
 * subset it uses: $ref, object/array/string/integer/number/boolean, enum, pattern, length and
 * range limits, date-time and uri formats, nullable, oneOf/anyOf/allOf of objects). Written
 * here because the JSON-Schema-to-arbitrary packages on npm are unmaintained or draft-only.
 * Optional properties are sometimes left out; strings carry unicode, emoji and RTL text
 * where the schema allows any character.
 */
export function arbitraryOf(document: OpenApiDocument, schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  const s = resolveRef<JsonSchema>(document, schema);
  const nullable = s.nullable === true ? (a: fc.Arbitrary<unknown>) => fc.oneof(a, fc.constant(null)) : (a: fc.Arbitrary<unknown>) => a;
  if (Array.isArray(s.enum)) return nullable(fc.constantFrom(...(s.enum as unknown[])));
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as JsonSchema[]).map((part) => resolveRef<JsonSchema>(document, part as JsonSchema & { $ref: string }));
    return arbitraryOf(document, mergeObjects(parts), depth);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key])) return nullable(fc.oneof(...(s[key] as JsonSchema[]).map((branch) => arbitraryOf(document, branch, depth + 1))));
  }
  switch (s.type) {
    case 'object':
      return nullable(objectOf(document, s, depth));
    case 'array': {
      const minLength = typeof s.minItems === 'number' ? s.minItems : 0;
      const maxLength = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 4, minLength + 4);
      const items = arbitraryOf(document, s.items as JsonSchema, depth + 1);
      return nullable(
        s.uniqueItems ? fc.uniqueArray(items, { minLength, maxLength, selector: (v) => JSON.stringify(v) }) : fc.array(items, { minLength, maxLength }),
      );
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum + (s.exclusiveMinimum === true ? 1 : 0) : -1e6;
      const max = typeof s.maximum === 'number' ? s.maximum - (s.exclusiveMaximum === true ? 1 : 0) : Math.max(min + 1e6, 1e6);
      const integers = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
      const multiple = typeof s.multipleOf === 'number' ? s.multipleOf : undefined;
      const base = s.type === 'integer' || multiple ? integers : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
      return nullable(multiple ? integers.map((n) => Math.max(min, Math.floor(n / multiple) * multiple)).filter((n) => n >= min && n <= max) : base);
    }
    case 'boolean':
      return nullable(fc.boolean());
    case 'string':
      return nullable(stringOf(s));
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

function mergeObjects(parts: JsonSchema[]): JsonSchema {
  return {
    type: 'object',
    properties: Object.assign({}, ...parts.map((p) => (p.properties as object | undefined) ?? {})) as Record<string, unknown>,
    required: parts.flatMap((p) => (p.required as string[] | undefined) ?? []),
    additionalProperties: parts.every((p) => p.additionalProperties !== false) ? undefined : false,
  };
}

function objectOf(document: OpenApiDocument, s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const properties = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  if (Object.keys(properties).length === 0 && s.additionalProperties && typeof s.additionalProperties === 'object') {
    // A map (labels, environment): keys and values the service's own rules mostly take.
    const max = Math.min(typeof s.maxProperties === 'number' ? s.maxProperties : 3, 3);
    // Keys by the map's own x-key-pattern when it has one (Labels, Environment), else identifier-like.
    const keyPattern = typeof s['x-key-pattern'] === 'string' ? new RegExp(s['x-key-pattern']) : /^[A-Za-z_][A-Za-z0-9_]{0,15}$/;
    return fc.dictionary(fc.stringMatching(keyPattern), arbitraryOf(document, s.additionalProperties as JsonSchema, depth + 1), {
      maxKeys: max,
    });
  }
  const record = Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, arbitraryOf(document, schema, depth + 1)]));
  return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
}

/** Characters beyond ASCII where a free-form string may hold them: accents, CJK, RTL, emoji. */
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.constantFrom('Llama 3 \u{1F999}', '\u05e9\u05dc\u05d5\u05dd \u202eevil', 'caf\u00e9 \u4e2d\u6587', 'tab\there', ''),
);

function stringOf(s: JsonSchema): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 64;
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  if (s.format === 'date-time')
    return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'uri' || s.format === 'uri-reference') return fc.webUrl();
  return anyText.filter(fits);
}
