/** What the invoke area needs: who owns an endpoint, its state, and SageMaker Runtime. */

/** An endpoint record as the invoke area reads it: its owner and, once pause lands, our own status. */
export interface InvocationTarget {
  tenant: string;
  /** Our status when the record keeps one (`paused`); SageMaker's state decides otherwise. */
  status?: string;
}

export interface InvocationTargets {
  find(name: string): Promise<InvocationTarget | undefined>;
  /** The endpoint's status in the API's words (`creating`, `running`, ...), undefined when SageMaker has no such endpoint. */
  currentStatus(name: string): Promise<string | undefined>;
}

export interface ModelRequest {
  body: Uint8Array;
  contentType?: string;
  accept?: string;
  /** A production variant (SageMaker TargetVariant). */
  variant?: string;
}

export interface ModelAnswer {
  body: Uint8Array;
  contentType: string;
  /** The production variant that answered. */
  variant?: string;
}

/** SageMaker Runtime: one answer, or the answer's bytes as the model produces them. */
export interface ModelRuntime {
  invoke(endpoint: string, request: ModelRequest): Promise<ModelAnswer>;
  invokeStream(endpoint: string, request: ModelRequest): Promise<{ parts: AsyncIterable<Uint8Array>; contentType: string; variant?: string }>;
}
