/**
 * The one rule for a Hugging Face Hub model id, the spec's (`HuggingFaceSource.modelId`):
 * `{organisation}/{name}`, each part starting with a letter or digit, up to 96 characters of
 * letters, digits, `.`, `_` and `-`. The API validates requests with the spec itself; the packager
 * checks the id it is given against this before it builds a Hub URL from it. A test holds the two equal.
 */
export const hubModelIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export function isHubModelId(value: string): boolean {
  return hubModelIdPattern.test(value);
}
