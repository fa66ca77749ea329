/**
 * Which files of a Hub repository to package: configuration, tokenizer, chat templates and one
 * weight format, safetensors first. Repositories often carry the same weights several times
 * (PyTorch pickles beside safetensors, Meta's `original/` checkpoints, GGUF and ONNX exports,
 * TensorFlow and Flax copies); copying them would double the time, the bucket and the disk the
 * endpoint fills before it starts.
 */
import type { HubFile } from './ports.js';

export type WeightFormat = 'safetensors' | 'pytorch';

export interface SelectedFile extends HubFile {
  /** Whether the file holds weights (counts toward weightBytes and the parameter count). */
  weights: boolean;
}

export interface Selection {
  files: SelectedFile[];
  skipped: { path: string; reason: string }[];
  /** The weight format kept; undefined when the repository has no weights we can serve. */
  weightFormat?: WeightFormat;
}

const basename = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Files never packaged, whatever else the repository holds, and why. */
const alwaysSkipped: readonly { test: (path: string) => boolean; reason: string }[] = [
  { test: (p) => basename(p).startsWith('.'), reason: 'repository metadata' },
  { test: (p) => p.startsWith('original/'), reason: 'original checkpoint (a duplicate of the weights in another layout)' },
  { test: (p) => /(^|\/)(onnx|openvino|coreml)\//.test(p), reason: 'export for another runtime' },
  { test: (p) => /\.(gguf|ggml)$/i.test(p), reason: 'GGUF/GGML export (llama.cpp)' },
  { test: (p) => /\.(onnx|onnx_data|tflite|mlmodel|mlpackage)$/i.test(p), reason: 'export for another runtime' },
  { test: (p) => /\.(h5|keras)$/i.test(p) || basename(p).startsWith('tf_model'), reason: 'TensorFlow weights' },
  { test: (p) => /\.msgpack$/i.test(p) || basename(p).startsWith('flax_model'), reason: 'Flax weights' },
  { test: (p) => /\.ot$/i.test(p), reason: 'rust-bert weights' },
  { test: (p) => /\.(png|jpe?g|gif|svg|webp|bmp|mp4|pdf)$/i.test(p), reason: 'documentation media' },
  { test: (p) => /^(training_args\.bin|optimizer\.pt|scheduler\.pt|rng_state.*\.pth|trainer_state\.json)$/.test(basename(p)), reason: 'training state' },
];

const isSafetensors = (p: string) => p.endsWith('.safetensors');
const isPytorch = (p: string) => /\.(bin|pt|pth)$/.test(p);
const isPytorchIndex = (p: string) => /\.(bin|pt|pth)\.index\.json$/.test(p);
/** Mistral ships `consolidated.safetensors` for mistral-inference beside the Transformers shards. */
const isConsolidated = (p: string) => /^consolidated(\.\d+)?\.safetensors$/.test(basename(p));

/**
 * Keeps configuration and one weight format. `reserved` names files the packager writes itself
 * (its manifest, the serving configuration): a repository's own copy is skipped, not overwritten.
 */
export function selectFiles(all: readonly HubFile[], reserved: readonly string[] = []): Selection {
  const skipped: Selection['skipped'] = [];
  const candidates: HubFile[] = [];
  for (const file of all) {
    const rule = alwaysSkipped.find((r) => r.test(file.path));
    if (rule) skipped.push({ path: file.path, reason: rule.reason });
    else if (reserved.includes(file.path)) skipped.push({ path: file.path, reason: 'written by the packager' });
    else candidates.push(file);
  }
  const safetensors = candidates.filter((f) => isSafetensors(f.path));
  const transformersShards = safetensors.filter((f) => !isConsolidated(f.path));
  const weightFormat: WeightFormat | undefined = safetensors.length > 0 ? 'safetensors' : candidates.some((f) => isPytorch(f.path)) ? 'pytorch' : undefined;

  const files: SelectedFile[] = [];
  for (const file of candidates) {
    const { path } = file;
    let reason: string | undefined;
    if (weightFormat === 'safetensors' && (isPytorch(path) || isPytorchIndex(path))) reason = 'PyTorch duplicate of the safetensors weights';
    else if (isConsolidated(path) && transformersShards.length > 0) reason = 'mistral-inference duplicate of the Transformers weights';
    if (reason !== undefined) {
      skipped.push({ path, reason });
      continue;
    }
    const weights = weightFormat === 'safetensors' ? isSafetensors(path) : weightFormat === 'pytorch' && isPytorch(path);
    files.push({ ...file, weights });
  }
  return { files, skipped, ...(weightFormat === undefined ? {} : { weightFormat }) };
}
