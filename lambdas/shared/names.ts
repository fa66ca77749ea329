/**
 * SageMaker's naming rule for models, endpoints, endpoint configs and model package groups:
 * up to 63 characters of `[a-zA-Z0-9](-*[a-zA-Z0-9])*`
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModel.html#sagemaker-CreateModel-request-ModelName).
 */
export const sagemakerNamePattern = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
export const sagemakerNameMaxLength = 63;

/** Model names leave room for the suffixes of the names derived from them (`-v123456`). */
export const modelNameMaxLength = 48;

export function sagemakerNameProblems(name: string, maxLength = sagemakerNameMaxLength): string[] {
  const problems: string[] = [];
  if (name.length === 0) problems.push('must not be empty');
  if (name.length > maxLength) problems.push(`must be at most ${maxLength} characters (it has ${name.length})`);
  if (name.length > 0 && !sagemakerNamePattern.test(name)) {
    problems.push('must start and end with a letter or digit and contain only letters, digits and hyphens');
  }
  return problems;
}

/** The SageMaker Model that serves version `version` of model `model`. */
export function versionModelName(model: string, version: number): string {
  return `${model}-v${version}`;
}
