import { createApiHandler } from '../shared/http/api-handler.js';
import { wireRegistry } from './wiring.js';

let wired: ReturnType<typeof wireRegistry> | undefined;
const registry = () => (wired ??= wireRegistry()).service;
const modelUrl = (name: string) => `/v1/models/${encodeURIComponent(name)}`;

/** Models, versions and aliases: each operation is one call into the registry service. */
export const handler = createApiHandler(
  {
    createModel: async ({ tenant, body }) => {
      const model = await registry().createModel(tenant, body);
      return { status: 201, body: model, headers: { Location: modelUrl(model.name) } };
    },
    listModels: async ({ tenant, query }) => ({ status: 200, body: await registry().listModels(tenant, query.limit ?? 20, query.nextToken) }),
    getModel: async ({ tenant, path }) => ({ status: 200, body: await registry().getModel(tenant, path.modelName) }),
    updateModel: async ({ tenant, path, body }) => ({ status: 200, body: await registry().updateModel(tenant, path.modelName, body) }),
    deleteModel: async ({ tenant, path }) => {
      await registry().deleteModel(tenant, path.modelName);
      return { status: 204, body: undefined };
    },
    createModelVersion: async ({ tenant, path, body }) => {
      const version = await registry().createVersion(tenant, path.modelName, body);
      return { status: 201, body: version, headers: { Location: `${modelUrl(version.model)}/versions/${version.version}` } };
    },
    listModelVersions: async ({ tenant, path, query }) => ({
      status: 200,
      body: await registry().listVersions(tenant, path.modelName, query.limit ?? 20, query.nextToken),
    }),
    getModelVersion: async ({ tenant, path }) => ({ status: 200, body: await registry().getVersion(tenant, path.modelName, path.version) }),
    updateModelVersion: async ({ tenant, path, body }) => ({
      status: 200,
      body: await registry().updateVersion(tenant, path.modelName, path.version, body),
    }),
    deleteModelVersion: async ({ tenant, path }) => {
      await registry().deleteVersion(tenant, path.modelName, path.version);
      return { status: 204, body: undefined };
    },
    putModelAlias: async ({ tenant, path, body }) => ({ status: 200, body: await registry().putAlias(tenant, path.modelName, path.alias, body.version) }),
    deleteModelAlias: async ({ tenant, path }) => {
      await registry().deleteAlias(tenant, path.modelName, path.alias);
      return { status: 204, body: undefined };
    },
  },
  { idempotency: () => (wired ??= wireRegistry()).idempotency },
);
