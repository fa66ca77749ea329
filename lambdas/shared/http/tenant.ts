import type { APIGatewayProxyEvent } from 'aws-lambda';
import { EnvNames } from '../../../core/env-names.js';
import { UnauthorizedError } from '../errors.js';

/** Tenant ids end up in tags and log lines: keep them short and plain. */
export const tenantPattern = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * The caller's tenant, from what the authorizer put in the request context: the Cognito
 * authorizer's `custom:tenant` claim, or a Lambda/IAM authorizer's `tenant` context value.
 * With IAM auth, a signed caller acts as the deployment's tenant (MODELPLANE_IAM_TENANT).
 * The local control plane fills the same fields, so handlers never branch on where they run.
 */
export function tenantOf(event: APIGatewayProxyEvent): string {
  const authorizer = (event.requestContext.authorizer ?? {}) as { claims?: Record<string, unknown>; tenant?: unknown };
  const identity = event.requestContext.identity as { userArn?: string | null } | undefined;
  // IAM (SigV4) callers carry no tenant: the deployment's own, when it is set up that way.
  const iamTenant = identity?.userArn ? process.env[EnvNames.iamTenant] : undefined;
  const tenant = authorizer.claims?.['custom:tenant'] ?? authorizer.tenant ?? iamTenant;
  if (typeof tenant !== 'string' || tenant === '') {
    throw new UnauthorizedError('MissingTenant', 'The caller has no tenant: the token must carry a custom:tenant claim.');
  }
  if (!tenantPattern.test(tenant)) {
    throw new UnauthorizedError('InvalidTenant', `The caller's tenant is not valid; it must match ${tenantPattern.source}.`);
  }
  return tenant;
}
