import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../openapi/generated/spec.js';
import { buildPostman, sandboxSchema } from '../../scripts/postman.js';

const document = {
  openapi: '3.0.3',
  info: {},
  paths: {},
  components: {
    schemas: {
      Target: { type: 'number', minimum: 0, exclusiveMinimum: true, example: 8 },
      Thing: {
        type: 'object',
        description: 'dropped',
        properties: { description: { type: 'string', description: 'a property of that name stays' }, target: { $ref: '#/components/schemas/Target' } },
      },
      Loop: { type: 'object', properties: { next: { $ref: '#/components/schemas/Loop' } } },
    },
  },
};

describe('sandboxSchema', () => {
  it('inlines $refs, writes exclusiveMinimum as draft-07 does and keeps properties named like annotations', () => {
    expect(sandboxSchema(document, { $ref: '#/components/schemas/Thing' })).toEqual({
      type: 'object',
      properties: { description: { type: 'string' }, target: { type: 'number', exclusiveMinimum: 0 } },
    });
  });

  it('spells OpenAPI 3.0 nullable as a null type', () => {
    expect(sandboxSchema(document, { type: 'object', nullable: true, enum: [null] })).toEqual({ type: ['object', 'null'], enum: [null] });
  });

  it('refuses a recursive schema it cannot inline', () => {
    expect(() => sandboxSchema(document, { $ref: '#/components/schemas/Loop' })).toThrow(/Recursive/);
  });
});

describe('buildPostman', () => {
  interface Item {
    id: string;
    event: { listen: string; script: { exec: string[] } }[];
    request: { description: string; url: { raw: string } };
  }
  const collection = buildPostman(openApiDocument).get('modelplane.postman_collection.json') as { item: { item: Item[] }[] };
  const requests: Item[] = collection.item.flatMap((folder) => folder.item);

  it('has a request for every operation of the spec, each with tests, under unique ids', () => {
    const operationIds = Object.values(openApiDocument.paths).flatMap((item) =>
      (['get', 'put', 'post', 'patch', 'delete'] as const).flatMap((method) => item[method]?.operationId ?? []),
    );
    const described = requests.map((r) => /^`(\w+)`/.exec(r.request.description)?.[1]);
    // Every operation, plus the two S3 requests (the weights), which name none.
    expect(new Set(described)).toEqual(new Set([...operationIds, undefined]));
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    for (const request of requests) expect(request.event.some((e) => e.listen === 'test' && e.script.exec.length > 0)).toBe(true);
  });

  it('leaves no $ref in the scripts and no hard-coded host in the requests', () => {
    const text = JSON.stringify(collection.item);
    expect(text).not.toContain('$ref');
    for (const request of requests) expect(request.request.url.raw).toMatch(/^\{\{(baseUrl|s3Url)\}\}\//);
  });
});
