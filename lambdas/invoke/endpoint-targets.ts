import { toEndpointStatus } from '../endpoints/status.js';
import type { EndpointStore, SageMakerEndpoints } from '../endpoints/ports.js';
import type { InvocationTarget, InvocationTargets } from './ports.js';

/** The endpoints area's records (the owner) and SageMaker's state, read through the endpoints area's own adapters. */
export class EndpointInvocationTargets implements InvocationTargets {
  constructor(
    private readonly store: EndpointStore,
    private readonly sagemaker: Pick<SageMakerEndpoints, 'describeEndpoint'>,
  ) {}

  async find(name: string): Promise<InvocationTarget | undefined> {
    const record = await this.store.get(name);
    if (!record) return undefined;
    // Pause (its own issue) keeps our status on the record; until then the record has none.
    const status = (record as { status?: unknown }).status;
    return { tenant: record.tenant, ...(typeof status === 'string' ? { status } : {}) };
  }

  async currentStatus(name: string): Promise<string | undefined> {
    const state = await this.sagemaker.describeEndpoint(name);
    return state ? toEndpointStatus(state.status, state.failureReason) : undefined;
  }
}
