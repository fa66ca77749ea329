import { describe, expect, it } from 'vitest';
import type { HubFile } from '../../batch-packager/src/ports.js';
import { selectFiles } from '../../batch-packager/src/select-files.js';

const files = (...paths: string[]): HubFile[] => paths.map((path) => ({ path, size: 1 }));
const kept = (all: HubFile[], reserved?: string[]) =>
  selectFiles(all, reserved)
    .files.map((f) => f.path)
    .sort();

describe('selectFiles', () => {
  it.each([
    {
      name: 'a sharded safetensors repository with PyTorch duplicates, original/ and exports',
      repo: files(
        'config.json',
        'generation_config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'special_tokens_map.json',
        'tokenizer.model',
        'chat_template.jinja',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors',
        'model.safetensors.index.json',
        'pytorch_model-00001-of-00002.bin',
        'pytorch_model.bin.index.json',
        'original/consolidated.00.pth',
        'original/params.json',
        'original/tokenizer.model',
        'model.Q4_K_M.gguf',
        '.gitattributes',
        'README.md',
        'LICENSE',
        'assets/diagram.png',
        'USE_POLICY.md',
      ),
      expected: [
        'LICENSE',
        'README.md',
        'USE_POLICY.md',
        'chat_template.jinja',
        'config.json',
        'generation_config.json',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors',
        'model.safetensors.index.json',
        'special_tokens_map.json',
        'tokenizer.json',
        'tokenizer.model',
        'tokenizer_config.json',
      ],
    },
    {
      name: 'an encoder-decoder with weights for every framework',
      repo: files(
        'config.json',
        'model.safetensors',
        'pytorch_model.bin',
        'tf_model.h5',
        'flax_model.msgpack',
        'rust_model.ot',
        'onnx/encoder_model.onnx',
        'onnx/config.json',
        'spiece.model',
      ),
      expected: ['config.json', 'model.safetensors', 'spiece.model'],
    },
    {
      name: 'a repository with PyTorch weights only',
      repo: files(
        'config.json',
        'pytorch_model-00001-of-00002.bin',
        'pytorch_model-00002-of-00002.bin',
        'pytorch_model.bin.index.json',
        'training_args.bin',
        'tf_model.h5',
      ),
      expected: ['config.json', 'pytorch_model-00001-of-00002.bin', 'pytorch_model-00002-of-00002.bin', 'pytorch_model.bin.index.json'],
    },
    {
      name: 'a Mistral repository with consolidated weights beside the Transformers shards',
      repo: files(
        'config.json',
        'consolidated.safetensors',
        'params.json',
        'model-00001-of-00002.safetensors',
        'model-00002-of-00002.safetensors',
        'tokenizer.model.v3',
      ),
      expected: ['config.json', 'model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'params.json', 'tokenizer.model.v3'],
    },
    {
      name: 'a repository whose only weights are consolidated safetensors',
      repo: files('params.json', 'consolidated.safetensors'),
      expected: ['consolidated.safetensors', 'params.json'],
    },
    {
      name: 'a training checkpoint',
      repo: files('config.json', 'model.safetensors', 'optimizer.pt', 'scheduler.pt', 'rng_state_0.pth', 'trainer_state.json', 'training_args.bin'),
      expected: ['config.json', 'model.safetensors'],
    },
    { name: 'a GGUF-only repository', repo: files('README.md', 'model.Q8_0.gguf', '.gitignore'), expected: ['README.md'] },
  ])('keeps configuration and one weight format for $name', ({ repo, expected }) => {
    expect(kept(repo)).toEqual(expected);
  });

  it.each([
    { repo: files('config.json', 'model.safetensors', 'pytorch_model.bin'), format: 'safetensors', weights: ['model.safetensors'] },
    { repo: files('config.json', 'pytorch_model.bin', 'model.pt'), format: 'pytorch', weights: ['model.pt', 'pytorch_model.bin'] },
    { repo: files('config.json', 'model.gguf'), format: undefined, weights: [] },
  ])('marks the $format files as the weights', ({ repo, format, weights }) => {
    const selection = selectFiles(repo);
    expect(selection.weightFormat).toBe(format);
    expect(
      selection.files
        .filter((f) => f.weights)
        .map((f) => f.path)
        .sort(),
    ).toEqual(weights);
  });

  it('skips files the packager writes itself when the repository has its own', () => {
    const selection = selectFiles(files('config.json', 'model.safetensors', 'serving.properties', 'manifest.json'), ['manifest.json', 'serving.properties']);
    expect(selection.files.map((f) => f.path)).toEqual(['config.json', 'model.safetensors']);
    expect(selection.skipped).toEqual([
      { path: 'serving.properties', reason: 'written by the packager' },
      { path: 'manifest.json', reason: 'written by the packager' },
    ]);
  });

  it('says why each file was skipped', () => {
    const { skipped } = selectFiles(files('model.safetensors', 'pytorch_model.bin', 'original/consolidated.00.pth', 'x.gguf', 'logo.png', '.gitattributes'));
    expect(Object.fromEntries(skipped.map((s) => [s.path, s.reason]))).toEqual({
      'pytorch_model.bin': 'PyTorch duplicate of the safetensors weights',
      'original/consolidated.00.pth': 'original checkpoint (a duplicate of the weights in another layout)',
      'x.gguf': 'GGUF/GGML export (llama.cpp)',
      'logo.png': 'documentation media',
      '.gitattributes': 'repository metadata',
    });
  });

  it('keeps sizes and checksums of the kept files', () => {
    const selection = selectFiles([{ path: 'model.safetensors', size: 42, sha256: 'ab'.repeat(32) }]);
    expect(selection.files).toEqual([{ path: 'model.safetensors', size: 42, sha256: 'ab'.repeat(32), weights: true }]);
  });
});
