/**
 * Image references as `{registry}/{repository}:{tag}` or `...@sha256:{hex}`, with the name rules
 * of the distribution spec
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 */
import { ImageBuildError } from './errors.js';
import { digestPattern } from './manifest.js';

/** A repository name: lowercase path components separated by `/`. */
export const repositoryPattern = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;
/** A tag: up to 128 characters, not starting with `.` or `-`. */
export const tagPattern = /^\w[\w.-]{0,127}$/;

export interface ImageReference {
  /** The registry's host, with the port when there is one: `763104351884.dkr.ecr.us-east-1.amazonaws.com`. */
  registry: string;
  repository: string;
  /** A tag, or a digest (`sha256:...`) when the reference is pinned. */
  reference: string;
}

export const isDigest = (reference: string): boolean => digestPattern.test(reference);

/** Throws InvalidInput unless `repository` is a valid repository name. */
export function checkRepository(repository: string): void {
  if (repository.length > 255 || !repositoryPattern.test(repository)) {
    throw new ImageBuildError(
      'InvalidInput',
      `"${repository}" is not a repository name: lowercase letters, digits and separators (. _ __ -), components joined by "/".`,
    );
  }
}

/** Throws InvalidInput unless `reference` is a tag or a sha256 digest. */
export function checkReference(reference: string): void {
  if (!tagPattern.test(reference) && !isDigest(reference)) {
    throw new ImageBuildError('InvalidInput', `"${reference}" is neither a tag (letters, digits, _ . -, up to 128) nor a sha256 digest.`);
  }
}

/**
 * Splits an image URI such as `763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128`.
 * The registry host is required (no Docker Hub defaults); with both a tag and a digest, the digest wins.
 */
export function parseImageUri(uri: string): ImageReference {
  const slash = uri.indexOf('/');
  const registry = slash === -1 ? '' : uri.slice(0, slash);
  if (!registry || !/^[a-zA-Z0-9.-]+(?::\d{1,5})?$/.test(registry) || !(registry.includes('.') || registry.includes(':') || registry === 'localhost')) {
    throw new ImageBuildError('InvalidInput', `"${uri}" does not start with a registry host (such as 123456789012.dkr.ecr.us-east-1.amazonaws.com/).`);
  }
  let rest = uri.slice(slash + 1);
  let reference: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    reference = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon !== -1) {
    reference ??= rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (reference === undefined) throw new ImageBuildError('InvalidInput', `"${uri}" names no tag or digest: add ":<tag>" or "@sha256:<digest>".`);
  checkRepository(rest);
  checkReference(reference);
  return { registry, repository: rest, reference };
}
