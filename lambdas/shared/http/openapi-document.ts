/**
 * The slice of the OpenAPI 3.0 object model the HTTP core reads at run time. The document
 * itself is generated from openapi/openapi.yaml into openapi/generated/spec.ts.
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

export interface Reference {
  readonly $ref: string;
}

export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema?: JsonSchema;
  readonly style?: string;
  readonly explode?: boolean;
}

export interface OperationObject {
  readonly operationId?: string;
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly parameters?: readonly (ParameterObject | Reference)[];
  readonly requestBody?:
    | Reference
    | {
        readonly required?: boolean;
        readonly content: Readonly<Record<string, { readonly schema?: JsonSchema; readonly example?: unknown }>>;
      };
  readonly responses: Readonly<Record<string, unknown>>;
}

export type PathItem = Readonly<Partial<Record<HttpMethod, OperationObject>>> & {
  readonly parameters?: readonly (ParameterObject | Reference)[];
};

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch' | 'head' | 'options';
export const httpMethods: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export interface OpenApiDocument {
  readonly openapi: string;
  readonly info: Readonly<Record<string, unknown>>;
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components?: Readonly<Record<string, unknown>>;
}
