/**
 * The serving configuration for a packaged model, by the serving stack its series uses
 * (lambdas/catalog/series.ts). SageMaker puts the weights under /opt/ml/model
 * (ModelDataSource S3Prefix, uncompressed), so every stack reads the model from there. Settings
 * that depend on the instance type (tensor-parallel size, GPU count) are left to the endpoint.
 */
import type { SeriesSpec, Serving } from '../../core/catalog/series.js';

export const modelDir = '/opt/ml/model';

export interface ServingProfile {
  serving: Serving;
  /** Files to write beside the weights: name -> content. */
  files: Record<string, string>;
  /** The container environment that says the same (used when no image has the files baked in). */
  environment: Record<string, string>;
}

export interface ModelFacts {
  /** config.json's `architectures`. */
  architectures?: readonly string[];
  /** config.json's `model_type`. */
  modelType?: string;
  /** The weights' dtype in torch terms (bfloat16, float16, float32, ...). */
  dtype?: string;
}

/** LMI's `option.dtype` values (https://github.com/deepjavalibrary/djl-serving, LMI configurations). */
const lmiDtypes: Readonly<Record<string, string>> = { bfloat16: 'bf16', float16: 'fp16', float32: 'fp32' };
/** vLLM's `--dtype` and TGI's `--dtype` take the torch names; TGI only these two. */
const vllmDtypes = new Set(['bfloat16', 'float16', 'float32']);
const tgiDtypes = new Set(['bfloat16', 'float16']);

/**
 * The Hugging Face pipeline task (`HF_TASK` of the inference toolkit) a model's architecture
 * implies, from the head's class name suffix; undefined when it implies none.
 */
export function guessTask(facts: ModelFacts): string | undefined {
  for (const architecture of facts.architectures ?? []) {
    if (/ForConditionalGeneration$/.test(architecture)) return facts.modelType === 'bart' ? 'summarization' : 'text2text-generation';
    if (/ForSequenceClassification$/.test(architecture)) return 'text-classification';
    if (/ForTokenClassification$/.test(architecture)) return 'token-classification';
    if (/ForQuestionAnswering$/.test(architecture)) return 'question-answering';
    if (/ForMaskedLM$/.test(architecture)) return 'fill-mask';
    if (/For(CausalLM|Generation)$|LMHeadModel$/.test(architecture)) return 'text-generation';
    if (/(Model|ForPreTraining)$/.test(architecture)) return 'feature-extraction';
  }
  return undefined;
}

function properties(entries: Record<string, string | undefined>): string {
  const lines = Object.entries(entries)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`);
  return `# Written by the modelplane packager.\n${lines.join('\n')}\n`;
}

function defined(entries: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function servingProfile(series: SeriesSpec, facts: ModelFacts): ServingProfile {
  const { serving } = series;
  const dtype = facts.dtype;
  switch (serving) {
    case 'lmi': {
      // LMI (DJL Serving) with vLLM; `option.X` in serving.properties is `OPTION_X` in the
      // environment, and `engine=Python` is LMI's default, so it needs no variable.
      const lmiDtype = dtype === undefined ? undefined : lmiDtypes[dtype];
      return {
        serving,
        files: {
          'serving.properties': properties({
            engine: 'Python',
            'option.model_id': modelDir,
            'option.rolling_batch': 'vllm',
            'option.tensor_parallel_degree': 'max',
            'option.dtype': lmiDtype,
          }),
        },
        environment: defined({ HF_MODEL_ID: modelDir, OPTION_ROLLING_BATCH: 'vllm', OPTION_TENSOR_PARALLEL_DEGREE: 'max', OPTION_DTYPE: lmiDtype }),
      };
    }
    case 'vllm':
      // The AWS vLLM DLC turns `SM_VLLM_<FLAG>` into vLLM's `--flag`.
      return {
        serving,
        files: {},
        environment: defined({ SM_VLLM_MODEL: modelDir, SM_VLLM_DTYPE: dtype !== undefined && vllmDtypes.has(dtype) ? dtype : undefined }),
      };
    case 'tgi':
      return { serving, files: {}, environment: defined({ HF_MODEL_ID: modelDir, DTYPE: dtype !== undefined && tgiDtypes.has(dtype) ? dtype : undefined }) };
    case 'hfInference':
      // The inference toolkit loads /opt/ml/model by itself; HF_TASK picks the pipeline.
      return { serving, files: {}, environment: defined({ HF_TASK: guessTask(facts) }) };
    default: {
      const unknown: never = serving;
      throw new Error(`no serving profile for ${String(unknown)}`);
    }
  }
}
