import { instanceTypes, type InstanceTypeSpec } from './instance-types.js';

const GiB = 1024 ** 3;

/**
 * Serving needs more GPU memory than the weights: the KV cache, activations and the CUDA
 * context. 20 % headroom plus 1 GiB is the rule of thumb LMI's and vLLM's sizing guides give
 * for a modest context; engines take what is left for the KV cache.
 */
export const servingHeadroom = 1.2;
export const runtimeOverheadGiB = 1;

/** Bytes per parameter for the dtypes config.json names. */
export const bytesPerParameter: Readonly<Record<string, number>> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
  float8_e4m3fn: 1,
  float8_e5m2: 1,
  int8: 1,
};

/** The GPU memory a model needs to serve, GiB, rounded up to a tenth. */
export function minGpuMemoryGiB(weightBytes: number): number {
  const tenths = ((weightBytes / GiB) * servingHeadroom + runtimeOverheadGiB) * 10;
  // Round away float noise (2.2 * 10 is 22.000000000000004) before rounding up.
  return Math.ceil(Number(tenths.toFixed(6))) / 10;
}

/** The instance types whose GPUs together hold the model, smallest first. */
export function fitsOn(weightBytes: number, types: readonly InstanceTypeSpec[] = instanceTypes): string[] {
  const needed = minGpuMemoryGiB(weightBytes);
  return types
    .filter((t) => t.gpuMemoryGiB >= needed)
    .sort((a, b) => a.gpuMemoryGiB - b.gpuMemoryGiB || a.gpus - b.gpus || a.vcpus - b.vcpus || a.name.localeCompare(b.name))
    .map((t) => t.name);
}
