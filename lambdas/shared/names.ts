/**
 * SageMaker's naming rule for models, endpoints, endpoint configs and model package groups is
 * up to 63 characters of `[a-zA-Z0-9](-*[a-zA-Z0-9])*`
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html#sagemaker-CreateModel-request-ModelName).
 * The spec enforces it on every name we take; model names stop at 48 characters so that the
 * names derived from them here stay within 63.
 */
export const sagemakerNameMaxLength = 63;

/** The SageMaker Model that serves version `version` of model `model`. */
export function versionModelName(model: string, version: number): string {
  return `${model}-v${version}`;
}
