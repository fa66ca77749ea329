/**
 * Model series (families) we know how to serve, and the serving stack each one uses:
 * decoder LLMs on LMI (DJL Serving with vLLM), encoder and seq2seq models on the Hugging Face
 * inference toolkit image. TGI is in maintenance mode since December 2025 and is offered only
 * as legacy. The series is detected from config.json (`model_type`, then `architectures`).
 */
/** The serving stacks (containers) a series can run on, as the spec's `Series.serving` names them. */
export const servingStacks = ['lmi', 'vllm', 'hfInference', 'tgi'] as const;
export type Serving = (typeof servingStacks)[number];

export interface SeriesSpec {
  readonly name: string;
  readonly serving: Serving;
  readonly description: string;
  /** config.json `model_type` values of this series. */
  readonly modelTypes: readonly string[];
  /** config.json `architectures` values of this series. */
  readonly architectures: readonly string[];
}

export const series: readonly SeriesSpec[] = [
  {
    name: 'llama',
    serving: 'lmi',
    description: 'Meta Llama decoder LLMs (Llama 2, 3, 3.1, 3.2, 3.3).',
    modelTypes: ['llama'],
    architectures: ['LlamaForCausalLM'],
  },
  {
    name: 'qwen',
    serving: 'lmi',
    description: 'Alibaba Qwen decoder LLMs (Qwen2, Qwen2.5, Qwen3, and their MoE variants).',
    modelTypes: ['qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe'],
    architectures: ['Qwen2ForCausalLM', 'Qwen2MoeForCausalLM', 'Qwen3ForCausalLM', 'Qwen3MoeForCausalLM'],
  },
  {
    name: 'mistral',
    serving: 'lmi',
    description: 'Mistral and Mixtral decoder LLMs.',
    modelTypes: ['mistral', 'mixtral'],
    architectures: ['MistralForCausalLM', 'MixtralForCausalLM'],
  },
  {
    name: 'gemma',
    serving: 'lmi',
    description: 'Google Gemma decoder LLMs (gated on the Hub: needs a token).',
    modelTypes: ['gemma', 'gemma2', 'gemma3', 'gemma3_text'],
    architectures: ['GemmaForCausalLM', 'Gemma2ForCausalLM', 'Gemma3ForCausalLM', 'Gemma3ForConditionalGeneration'],
  },
  {
    name: 'glm',
    serving: 'lmi',
    description: 'Zhipu GLM decoder LLMs (GLM-4).',
    modelTypes: ['glm', 'glm4', 'chatglm'],
    architectures: ['GlmForCausalLM', 'Glm4ForCausalLM', 'ChatGLMModel'],
  },
  {
    name: 'phi',
    serving: 'lmi',
    description: 'Microsoft Phi small decoder LLMs.',
    modelTypes: ['phi', 'phi3'],
    architectures: ['PhiForCausalLM', 'Phi3ForCausalLM'],
  },
  {
    name: 'falcon',
    serving: 'tgi',
    description: 'TII Falcon decoder LLMs, served on TGI (legacy).',
    modelTypes: ['falcon'],
    architectures: ['FalconForCausalLM'],
  },
  {
    name: 't5',
    serving: 'hfInference',
    description: 'Google T5 and Flan-T5 encoder-decoder models (summarisation, translation).',
    modelTypes: ['t5'],
    architectures: ['T5ForConditionalGeneration'],
  },
  {
    name: 'bart',
    serving: 'hfInference',
    description: 'BART encoder-decoder models (summarisation).',
    modelTypes: ['bart'],
    architectures: ['BartForConditionalGeneration'],
  },
  {
    name: 'bert',
    serving: 'hfInference',
    description: 'BERT-family encoders (classification, embeddings).',
    modelTypes: ['bert', 'roberta', 'distilbert', 'xlm-roberta'],
    architectures: ['BertModel', 'BertForSequenceClassification', 'RobertaForSequenceClassification', 'DistilBertForSequenceClassification', 'XLMRobertaModel'],
  },
];

const byName = new Map(series.map((s) => [s.name, s]));

export function findSeries(name: string): SeriesSpec | undefined {
  return byName.get(name);
}

/** The series of a model from its config.json, or undefined when none matches. */
export function detectSeries(config: { model_type?: unknown; architectures?: unknown }): SeriesSpec | undefined {
  const modelType = typeof config.model_type === 'string' ? config.model_type : undefined;
  const fromType = modelType ? series.find((s) => s.modelTypes.includes(modelType)) : undefined;
  if (fromType) return fromType;
  const architectures = Array.isArray(config.architectures) ? config.architectures.filter((a): a is string => typeof a === 'string') : [];
  return series.find((s) => s.architectures.some((a) => architectures.includes(a)));
}
