import { describe, expect, it } from 'vitest';
import { findInstanceType, instanceTypes } from '../../../core/catalog/instance-types.js';
import { detectSeries, findSeries, series } from '../../../core/catalog/series.js';
import { fitsOn, minGpuMemoryGiB } from '../../../core/catalog/sizing.js';
import { isVariantInstanceType } from '../../../lambdas/endpoints/sagemaker-endpoints.js';

const GiB = 1024 ** 3;

describe('minGpuMemoryGiB', () => {
  it.each([
    [0, 1],
    [1 * GiB, 2.2],
    [16 * GiB, 20.2],
    [140 * GiB, 169],
  ])('needs enough for %d weight bytes', (weightBytes, expected) => {
    expect(minGpuMemoryGiB(weightBytes)).toBeCloseTo(expected, 5);
  });
});

describe('fitsOn', () => {
  it('puts an 8B bf16 model (16 GiB) on 24 GiB GPUs and up, smallest first', () => {
    const types = fitsOn(16 * GiB);
    expect(types[0]).toBe('ml.g5.xlarge');
    expect(types).not.toContain('ml.g4dn.xlarge');
    expect(types).toContain('ml.p5.48xlarge');
  });

  it('puts a 70B bf16 model (140 GiB) only on multi-GPU types with enough memory', () => {
    const types = fitsOn(140 * GiB);
    expect(types).not.toContain('ml.g5.12xlarge');
    expect(types).toContain('ml.g5.48xlarge');
    expect(types).toContain('ml.g6e.12xlarge');
  });

  it('fits nothing when the model is larger than every instance', () => {
    expect(fitsOn(2000 * GiB)).toEqual([]);
  });
});

describe('instance type catalog', () => {
  it('has unique names, GPU memory divisible by GPU count, and ml.* names', () => {
    expect(new Set(instanceTypes.map((t) => t.name)).size).toBe(instanceTypes.length);
    for (const type of instanceTypes) {
      expect(type.name).toMatch(/^ml\.[a-z0-9]+\.[a-z0-9]+$/);
      expect(type.gpuMemoryGiB % type.gpus).toBe(0);
    }
  });

  it.each([
    ['ml.g5.2xlarge', 1, 24],
    ['ml.g5.12xlarge', 4, 96],
    ['ml.g6e.xlarge', 1, 48],
    ['ml.p4d.24xlarge', 8, 320],
    ['ml.p5.48xlarge', 8, 640],
  ])('knows %s has %d GPUs and %d GiB', (name, gpus, memory) => {
    expect(findInstanceType(name)).toMatchObject({ gpus, gpuMemoryGiB: memory });
  });
});

describe('detectSeries', () => {
  it.each([
    [{ model_type: 'llama' }, 'llama', 'lmi'],
    [{ model_type: 'qwen2' }, 'qwen', 'lmi'],
    [{ model_type: 'mistral' }, 'mistral', 'lmi'],
    [{ model_type: 'glm4' }, 'glm', 'lmi'],
    [{ model_type: 't5' }, 't5', 'hfInference'],
    [{ model_type: 'bert' }, 'bert', 'hfInference'],
    [{ architectures: ['BartForConditionalGeneration'] }, 'bart', 'hfInference'],
    [{ model_type: 'unknown', architectures: ['Qwen3ForCausalLM'] }, 'qwen', 'lmi'],
  ])('detects the series of %j', (config, name, serving) => {
    expect(detectSeries(config)).toMatchObject({ name, serving });
  });

  it('detects nothing for an unknown model', () => {
    expect(detectSeries({ model_type: 'mamba', architectures: ['MambaForCausalLM'] })).toBeUndefined();
  });

  it('has unique series names and model types', () => {
    expect(new Set(series.map((s) => s.name)).size).toBe(series.length);
    const types = series.flatMap((s) => s.modelTypes);
    expect(new Set(types).size).toBe(types.length);
    expect(findSeries('llama')?.serving).toBe('lmi');
  });
});

describe('the instance-type catalog and SageMaker', () => {
  it('names only types SageMaker’s SDK knows for a production variant', () => {
    expect(instanceTypes.filter((type) => !isVariantInstanceType(type.name)).map((type) => type.name)).toEqual([]);
  });
});
