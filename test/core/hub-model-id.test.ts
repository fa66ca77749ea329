import { describe, expect, it } from 'vitest';
import { hubModelIdPattern, isHubModelId } from '../../core/hub-model-id.js';
import { openApiDocument } from '../../openapi/generated/spec.js';

describe('the Hub model id rule', () => {
  it('is the spec’s own pattern for HuggingFaceSource.modelId', () => {
    const schemas = (openApiDocument as unknown as { components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> } }).components
      .schemas;
    expect(String(hubModelIdPattern)).toBe(String(new RegExp(schemas.HuggingFaceSource!.properties.modelId!.pattern!)));
  });

  it.each(['meta-llama/Llama-3.1-8B-Instruct', 'Qwen/Qwen2.5-0.5B-Instruct', 'a/b', 'org.name/model_v1-2'])('accepts %s', (id) => {
    expect(isHubModelId(id)).toBe(true);
  });

  it.each(['gpt2', '/model', 'org/', 'org/model/extra', '-org/model', 'org/.hidden', 'org/../x', `org/${'a'.repeat(97)}`, 'org/mo del'])('refuses %s', (id) => {
    expect(isHubModelId(id)).toBe(false);
  });
});
