/**
 * Turns an OpenAPI 3.0 schema into the JSON Schema (draft-07) ajv validates: local
 * `#/components/...` references are rebased onto the document registered under `specId`, and
 * 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become draft-07's numeric form, and the
 * spec's `x-key-pattern` (OpenAPI 3.0 has no `propertyNames`) becomes `propertyNames: { pattern }`,
 * so the keys of maps such as Labels and Environment are checked like any other string.
 * (`nullable` needs nothing: ajv supports it as an OpenAPI keyword.)
 */
export function toJsonSchema(schema: unknown, specId: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toJsonSchema(item, specId));
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) result[key] = `${specId}${value}`;
    else if (key === 'exclusiveMinimum' && typeof value === 'boolean') {
      if (value && typeof source.minimum === 'number') result.exclusiveMinimum = source.minimum;
    } else if (key === 'exclusiveMaximum' && typeof value === 'boolean') {
      if (value && typeof source.maximum === 'number') result.exclusiveMaximum = source.maximum;
    } else if (key === 'x-key-pattern' && typeof value === 'string') {
      result.propertyNames = { pattern: value };
    } else result[key] = toJsonSchema(value, specId);
  }
  if (source.exclusiveMinimum === true) delete result.minimum;
  if (source.exclusiveMaximum === true) delete result.maximum;
  return result;
}
