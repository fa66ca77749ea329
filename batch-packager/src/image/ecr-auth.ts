/**
 * Registry credentials for ECR: GetAuthorizationToken returns base64 `AWS:<password>`, used as
 * Basic auth against the registry API. One token opens every registry the caller's IAM
 * principal may read or write in that region, other accounts' included (the DLC images' account
 * for the base, ours for the target):
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html
 */
import { GetAuthorizationTokenCommand, type ECRClient } from '@aws-sdk/client-ecr';
import { ImageBuildError } from './errors.js';
import type { OciCredentials } from './oci-client/index.js';

export interface EcrCredentials extends OciCredentials {
  /** When the password stops working (12 hours after it was issued). */
  expiresAt?: Date;
  /** `https://<account>.dkr.ecr.<region>.<suffix>`: the caller's own registry. */
  proxyEndpoint?: string;
}

/** Gets a Basic credential for the ECR registries of the client's region. */
export async function ecrCredentials(ecr: Pick<ECRClient, 'send'>, signal?: AbortSignal): Promise<EcrCredentials> {
  const answer = await ecr.send(new GetAuthorizationTokenCommand({}), signal ? { abortSignal: signal } : {});
  const data = answer.authorizationData?.[0];
  const decoded = data?.authorizationToken ? Buffer.from(data.authorizationToken, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new ImageBuildError('Unauthorized', 'ECR GetAuthorizationToken returned no usable token (expected base64 "AWS:<password>").');
  return {
    username: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
    ...(data?.expiresAt ? { expiresAt: data.expiresAt } : {}),
    ...(data?.proxyEndpoint ? { proxyEndpoint: data.proxyEndpoint } : {}),
  };
}
