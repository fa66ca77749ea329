import { createApiHandler } from '../shared/http/api-handler.js';
import { instanceTypes } from '../../core/catalog/instance-types.js';
import { series } from '../../core/catalog/series.js';

/** The catalog is static data shipped with the code: instance types and model series. */
export const handler = createApiHandler({
  listInstanceTypes: () => Promise.resolve({ status: 200, body: { items: instanceTypes.map((t) => ({ ...t })) } }),
  listSeries: () =>
    Promise.resolve({
      status: 200,
      body: { items: series.map((s) => ({ name: s.name, serving: s.serving, architectures: [...s.architectures], description: s.description })) },
    }),
});
