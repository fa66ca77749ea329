import { ApiError } from '../shared/errors.js';

/** What a model container said when it refused or failed a request. */
export interface ContainerSaid {
  originalStatusCode?: number;
  originalMessage?: string;
  logs?: string;
}

function said(container: ContainerSaid): Record<string, unknown> {
  return Object.fromEntries(Object.entries(container).filter(([, v]) => v !== undefined));
}

/** The model container answered a 4xx: the request reached the model, which refused it. */
export class ModelRequestRejectedError extends ApiError {
  readonly status = 422;
  readonly title = 'Unprocessable Content';

  constructor(
    message: string,
    readonly container: ContainerSaid,
    options?: { cause?: unknown },
  ) {
    super('ModelRequestRejected', message, options);
  }

  override extensions(): Record<string, unknown> {
    return said(this.container);
  }
}

/** The model container failed (a 5xx, a broken answer stream, or an answer in no shape we know). */
export class ModelFailedError extends ApiError {
  readonly status = 502;
  readonly title = 'Bad Gateway';

  constructor(
    code: 'ModelError' | 'ModelStreamError',
    message: string,
    readonly container: ContainerSaid = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }

  override extensions(): Record<string, unknown> {
    return said(this.container);
  }
}
