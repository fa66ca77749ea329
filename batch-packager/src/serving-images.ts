import type { Serving } from '../../core/catalog/series.js';

/**
 * The stock serving images (AWS Deep Learning Containers) each serving stack runs on, and the
 * registry account that hosts them, which differs in several Regions
 * (sagemaker-python-sdk src/sagemaker/image_uri_config). Each tag was checked against its source:
 * - LMI v18 (djl-serving 0.36.0, vLLM 0.12): the djl-serving release notes.
 * - vLLM 0.11.0, the SageMaker build (aws/deep-learning-containers vllm/CHANGELOG.md, 2025-10-14;
 *   vllm/buildspec-sm.yml): its entrypoint serves on 8080 and turns SM_VLLM_* into vLLM flags.
 *   The `-ec2` images of the same version lack that entrypoint.
 * - HF inference toolkit, PyTorch 2.6 with Transformers 4.49 (DLC docs data
 *   huggingface-pytorch-inference/2.6-gpu-sagemaker.yml). Transformers 5 builds exist; not taken
 *   until our encoder and seq2seq profiles are tried on them.
 * - TGI 3.3.6, the last TGI DLC (aws/deep-learning-containers#3747; TGI is legacy here).
 * A deployment can pin others with MODELPLANE_BASE_IMAGE_<SERVING>.
 */
const repositories = {
  lmi: 'djl-inference:0.36.0-lmi18.0.0-cu128',
  vllm: 'vllm:0.11.0-gpu-py312-cu128-ubuntu22.04-sagemaker',
  hfInference: 'huggingface-pytorch-inference:2.6.0-transformers4.49.0-gpu-py312-cu124-ubuntu22.04',
  tgi: 'huggingface-pytorch-tgi-inference:2.7.0-tgi3.3.6-gpu-py311-cu124-ubuntu22.04',
} as const satisfies Record<Serving, string>;

const defaultAccount = '763104351884';
const accounts: Readonly<Record<string, string>> = {
  'af-south-1': '626614931356',
  'ap-east-1': '871362719292',
  'ap-south-2': '772153158452',
  'ap-southeast-3': '907027046896',
  'ap-southeast-4': '457447274322',
  'ca-west-1': '204538143572',
  'eu-central-2': '380420809688',
  'eu-south-1': '692866216735',
  'eu-south-2': '503227376785',
  'il-central-1': '780543022126',
  'me-central-1': '914824155844',
  'me-south-1': '217643126080',
  'cn-north-1': '727897471807',
  'cn-northwest-1': '727897471807',
  'us-gov-east-1': '446045086412',
  'us-gov-west-1': '442386744353',
};

/** The image a serving stack runs on in `region`: the one the deployment pinned, else the stock one. */
export function stockImage(serving: Serving, region: string, pinned: Partial<Record<Serving, string>> = {}): string {
  const override = pinned[serving];
  if (override) return override;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${accounts[region] ?? defaultAccount}.dkr.ecr.${region}.${suffix}/${repositories[serving]}`;
}
