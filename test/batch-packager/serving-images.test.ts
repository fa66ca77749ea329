import { describe, expect, it } from 'vitest';
import { stockImage } from '../../batch-packager/src/serving-images.js';

describe('stockImage', () => {
  it.each([
    ['lmi', 'us-east-1', '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.36.0-lmi18.0.0-cu128'],
    ['lmi', 'af-south-1', '626614931356.dkr.ecr.af-south-1.amazonaws.com/djl-inference:0.36.0-lmi18.0.0-cu128'],
    // The SageMaker build of the vLLM DLC (its entrypoint reads SM_VLLM_*), not the -ec2 one.
    ['vllm', 'eu-west-1', '763104351884.dkr.ecr.eu-west-1.amazonaws.com/vllm:0.11.0-gpu-py312-cu128-ubuntu22.04-sagemaker'],
    [
      'hfInference',
      'cn-north-1',
      '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/huggingface-pytorch-inference:2.6.0-transformers4.49.0-gpu-py312-cu124-ubuntu22.04',
    ],
    ['tgi', 'us-gov-west-1', '442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.7.0-tgi3.3.6-gpu-py311-cu124-ubuntu22.04'],
  ] as const)('serves %s in %s from %s', (serving, region, uri) => {
    expect(stockImage(serving, region, {})).toBe(uri);
  });

  it('takes a pinned image from the environment', () => {
    expect(stockImage('hfInference', 'us-east-1', { hfInference: 'r/hf:1' })).toBe('r/hf:1');
  });
});
