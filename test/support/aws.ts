import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { inject } from 'vitest';

/** SDK clients on the shared emulator, for arranging and checking what the API did. */
export function emulatorClients(): { s3: S3Client; sagemaker: SageMakerClient } {
  const common = { endpoint: inject('emulatorEndpoint'), region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  return { s3: new S3Client({ ...common, forcePathStyle: true }), sagemaker: new SageMakerClient(common) };
}

/** A small but real safetensors file: an 8-byte little-endian header length, the JSON header, the data. */
export function safetensors(tensors: Record<string, number[]>): Buffer {
  let offset = 0;
  const header: Record<string, unknown> = {};
  for (const [name, shape] of Object.entries(tensors)) {
    const bytes = shape.reduce((a, b) => a * b, 1) * 2;
    header[name] = { dtype: 'BF16', shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, Buffer.alloc(offset)]);
}

/** Uploads a tiny llama-like model under the prefix and returns its s3:// URI. */
export async function uploadTinyModel(s3: S3Client, bucket: string, prefix: string): Promise<{ uri: string; weightBytes: number; parameters: number }> {
  const weights = safetensors({ 'model.embed_tokens.weight': [64, 16], 'lm_head.weight': [64, 16] });
  const files: Record<string, Buffer | string> = {
    'config.json': JSON.stringify({ model_type: 'llama', architectures: ['LlamaForCausalLM'], torch_dtype: 'bfloat16' }),
    'model.safetensors': weights,
    'tokenizer.json': '{}',
  };
  for (const [name, body] of Object.entries(files)) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${name}`, Body: body }));
  }
  return { uri: `s3://${bucket}/${prefix}`, weightBytes: weights.length, parameters: 2 * 64 * 16 };
}
