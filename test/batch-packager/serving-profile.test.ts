import { describe, expect, it } from 'vitest';
import { findSeries, series } from '../../core/catalog/series.js';
import { guessTask, servingProfile } from '../../batch-packager/src/serving-profile.js';

const spec = (name: string) => findSeries(name)!;

describe('servingProfile', () => {
  it('writes serving.properties and the same settings as environment for an LMI series', () => {
    const profile = servingProfile(spec('llama'), { architectures: ['LlamaForCausalLM'], modelType: 'llama', dtype: 'bfloat16' });
    expect(profile.serving).toBe('lmi');
    expect(profile.files['serving.properties']).toBe(
      [
        '# Written by the modelplane packager.',
        'engine=Python',
        'option.model_id=/opt/ml/model',
        'option.rolling_batch=vllm',
        'option.tensor_parallel_degree=max',
        'option.dtype=bf16',
        '',
      ].join('\n'),
    );
    expect(profile.environment).toEqual({
      HF_MODEL_ID: '/opt/ml/model',
      OPTION_ROLLING_BATCH: 'vllm',
      OPTION_TENSOR_PARALLEL_DEGREE: 'max',
      OPTION_DTYPE: 'bf16',
    });
  });

  it.each([
    { dtype: 'bfloat16', option: 'bf16' },
    { dtype: 'float16', option: 'fp16' },
    { dtype: 'float32', option: 'fp32' },
    { dtype: 'float8_e4m3fn', option: undefined },
    { dtype: undefined, option: undefined },
  ])('maps dtype $dtype to LMI option.dtype $option', ({ dtype, option }) => {
    const profile = servingProfile(spec('qwen'), dtype === undefined ? {} : { dtype });
    expect(profile.environment.OPTION_DTYPE).toBe(option);
    expect(profile.files['serving.properties']!.includes('option.dtype')).toBe(option !== undefined);
  });

  it.each([
    { name: 't5', environment: { HF_TASK: 'text2text-generation' }, facts: { architectures: ['T5ForConditionalGeneration'], modelType: 't5' } },
    { name: 'bart', environment: { HF_TASK: 'summarization' }, facts: { architectures: ['BartForConditionalGeneration'], modelType: 'bart' } },
    { name: 'bert', environment: { HF_TASK: 'text-classification' }, facts: { architectures: ['BertForSequenceClassification'], modelType: 'bert' } },
    { name: 'bert', environment: { HF_TASK: 'feature-extraction' }, facts: { architectures: ['XLMRobertaModel'], modelType: 'xlm-roberta' } },
    { name: 'bert', environment: {}, facts: {} },
    { name: 'falcon', environment: { HF_MODEL_ID: '/opt/ml/model', DTYPE: 'bfloat16' }, facts: { dtype: 'bfloat16' } },
    { name: 'falcon', environment: { HF_MODEL_ID: '/opt/ml/model' }, facts: { dtype: 'float32' } },
  ])('gives series $name the environment $environment', ({ name, environment, facts }) => {
    const profile = servingProfile(spec(name), facts);
    expect(profile.environment).toEqual(environment);
    expect(profile.files).toEqual({});
  });

  it('gives the vLLM container its SM_VLLM_ flags', () => {
    const vllm = { ...spec('llama'), serving: 'vllm' as const };
    expect(servingProfile(vllm, { dtype: 'float16' })).toEqual({
      serving: 'vllm',
      files: {},
      environment: { SM_VLLM_MODEL: '/opt/ml/model', SM_VLLM_DTYPE: 'float16' },
    });
  });

  it('has a profile for every series the catalog lists', () => {
    for (const s of series) expect(servingProfile(s, { dtype: 'bfloat16' }).serving).toBe(s.serving);
  });
});

describe('guessTask', () => {
  it.each([
    { architectures: ['T5ForConditionalGeneration'], modelType: 't5', task: 'text2text-generation' },
    { architectures: ['BartForConditionalGeneration'], modelType: 'bart', task: 'summarization' },
    { architectures: ['DistilBertForSequenceClassification'], task: 'text-classification' },
    { architectures: ['BertForTokenClassification'], task: 'token-classification' },
    { architectures: ['RobertaForQuestionAnswering'], task: 'question-answering' },
    { architectures: ['BertForMaskedLM'], task: 'fill-mask' },
    { architectures: ['GPT2LMHeadModel'], task: 'text-generation' },
    { architectures: ['LlamaForCausalLM'], task: 'text-generation' },
    { architectures: ['BertModel'], task: 'feature-extraction' },
    { architectures: ['SomethingElse'], task: undefined },
    { architectures: [], task: undefined },
  ])('guesses $task from $architectures', ({ architectures, modelType, task }) => {
    expect(guessTask({ architectures, ...(modelType ? { modelType } : {}) })).toBe(task);
  });
});
