// Generated from openapi/openapi.yaml by scripts/generate-api.ts. Do not edit: run `npm run api:generate`.
/* eslint-disable */
export interface paths {
    "/v1/packaging-jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List packaging jobs
         * @description Lists the tenant's packaging jobs, newest first, optionally filtered by status and model.
         */
        get: operations["listPackagingJobs"];
        put?: never;
        /**
         * Submit a packaging job
         * @description Starts packaging a model from the Hugging Face Hub or from S3 (a prefix of files, or a
         *     SageMaker training job's `model.tar.gz`). The job is queued on AWS Batch and the answer
         *     comes at once with the job in status `queued`; poll it with `getPackagingJob`. When
         *     `model` is given (it must exist) and `register` is not false, a successful job registers
         *     the result as a new version of that model.
         *
         *     An S3 source must lie under the artifact bucket's `uploads/` or one of the deployment's
         *     `sourceBuckets` (what the packaging job's role can read); anywhere else is a
         *     `400 SourceNotAllowed` whose `allowedSources` lists where sources may be.
         */
        post: operations["createPackagingJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/packaging-jobs/{jobId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The packaging job's id.
                 * @example pj-5f2c7e1a9b3d4c6e
                 */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        /**
         * Describe a packaging job
         * @description Returns the job's status, phase, progress and, once it has succeeded, its artifacts; a
         *     failed job says why in `failure`.
         */
        get: operations["getPackagingJob"];
        put?: never;
        post?: never;
        /**
         * Cancel a packaging job
         * @description Asks AWS Batch to stop the job. The answer comes at once; the job turns `cancelled` when
         *     Batch confirms. Cancelling a cancelled job answers it as it is; a job that already
         *     succeeded or failed is a `409 PackagingJobFinished`.
         */
        delete: operations["cancelPackagingJob"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List models
         * @description Lists the tenant's models in name order.
         */
        get: operations["listModels"];
        put?: never;
        /**
         * Create a model
         * @description Creates an empty model (a SageMaker model package group) to hold versions.
         */
        post: operations["createModel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{modelName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        /**
         * Describe a model
         * @description Returns the model with its aliases and its latest version number.
         */
        get: operations["getModel"];
        put?: never;
        post?: never;
        /**
         * Delete a model
         * @description Deletes the model with all its versions and aliases, and their SageMaker models and
         *     model packages. Refused with `409 ModelInUse` while any of its versions is deployed on
         *     an endpoint.
         */
        delete: operations["deleteModel"];
        options?: never;
        head?: never;
        /**
         * Update a model
         * @description Changes the model's description or labels. `labels` replaces the whole set of labels.
         */
        patch: operations["updateModel"];
        trace?: never;
    };
    "/v1/models/{modelName}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        /**
         * List model versions
         * @description Lists the model's versions, newest (highest number) first.
         */
        get: operations["listModelVersions"];
        put?: never;
        /**
         * Create a model version
         * @description Registers the next version of the model, either from a succeeded packaging job (its
         *     artifacts, image, series and manifest) or from artifacts given explicitly: an S3 prefix
         *     of uncompressed weights, a pinned serving image and its environment. Creates the
         *     SageMaker model and model package. A packaging job that has not succeeded is a
         *     `409 PackagingJobNotSucceeded`.
         */
        post: operations["createModelVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models/{modelName}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The version number within the model.
                 * @example 1
                 */
                version: components["parameters"]["Version"];
            };
            cookie?: never;
        };
        /**
         * Describe a model version
         * @description Returns the version with its artifacts, image, environment, sizing and aliases.
         */
        get: operations["getModelVersion"];
        put?: never;
        post?: never;
        /**
         * Delete a model version
         * @description Deletes the version, its SageMaker model and its model package. Refused with
         *     `409 VersionInUse` while an endpoint serves it or an alias points at it. Version numbers
         *     are never reused.
         */
        delete: operations["deleteModelVersion"];
        options?: never;
        head?: never;
        /**
         * Update a model version
         * @description Changes the version's description, approval or labels. Artifacts, image and environment
         *     are immutable (a SageMaker model cannot change): to change them, create a new version.
         *     `labels` replaces the whole set of labels.
         */
        patch: operations["updateModelVersion"];
        trace?: never;
    };
    "/v1/models/{modelName}/aliases/{alias}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The alias name.
                 * @example prod
                 */
                alias: components["parameters"]["Alias"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Point an alias at a version
         * @description Creates the alias or moves it to another version of the model. Endpoints that were
         *     created or updated from the alias keep serving the version it pointed at then: update
         *     them to roll the new version out.
         */
        put: operations["putModelAlias"];
        post?: never;
        /**
         * Delete an alias
         * @description Removes the alias. Versions and endpoints are not affected.
         */
        delete: operations["deleteModelAlias"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List endpoints
         * @description Lists the tenant's endpoints in name order.
         */
        get: operations["listEndpoints"];
        put?: never;
        /**
         * Create an endpoint
         * @description Deploys one version of a model, given by number or by alias, on `instanceCount`
         *     instances of `instanceType`. The answer comes at once with the endpoint in status
         *     `creating`; it turns `running` when SageMaker has it in service (5 to 15 minutes for a
         *     7-8B model), or `failed` with a `reason`.
         *
         *     Refused with `400 ValidationFailed` when the model, version or alias does not exist,
         *     when the version is not `approved`, when the model does not fit on the instance type
         *     (see the version's `sizing.fitsOn`), or when `instanceCount` lies outside
         *     `autoscaling`'s bounds; with `400 QuotaExceeded` when the account's quota for the
         *     instance type is too low, and with `503 InsufficientCapacity` when AWS has no capacity
         *     for it now.
         *
         *     A/B: `variants` serves several versions on one endpoint, each on its own fleet with a
         *     traffic weight (up to 10); `shadow` adds a shadow variant that receives a copy of
         *     `samplingPercent` % of the traffic and whose responses are dropped. An endpoint with a
         *     shadow has one production variant. Refused with `400 ValidationFailed` as well for
         *     duplicate variant names, weights that are all 0, `variants` together with the
         *     single-version fields, or `autoscaling` with more than one variant or a shadow.
         */
        post: operations["createEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        /**
         * Describe an endpoint
         * @description Returns the endpoint's status (and SageMaker's own), the version it serves, and its
         *     current and desired instance counts.
         */
        get: operations["getEndpoint"];
        put?: never;
        post?: never;
        /**
         * Delete an endpoint
         * @description Deletes the endpoint with everything created for it: its endpoint configurations, its
         *     autoscaling target and policies, and its alarms. The versions it served are kept.
         *     Answers `202` with the endpoint in status `deleting`; it is gone (`404`) when SageMaker
         *     has deleted it. Deleting an endpoint that is already deleting answers it as it is.
         *     Refused with `409 EndpointBusy` while it is creating, updating or rolling back, states
         *     in which SageMaker cannot delete an endpoint.
         */
        delete: operations["deleteEndpoint"];
        options?: never;
        head?: never;
        /**
         * Update an endpoint
         * @description Scales the endpoint, changes its instance type or version, or changes its autoscaling
         *     or rollout policy. A change of `instanceCount` alone is made in place, without new
         *     instances. A change of `instanceType`, `version` or `alias` builds a new fleet and
         *     shifts traffic to it under the endpoint's deployment policy (the one given here, or the
         *     stored one), rolling back on alarms; blue/green needs quota headroom for both fleets.
         *     `autoscaling: null` removes autoscaling. Give at most one of `version` and `alias`.
         *
         *     Answers `202` with the endpoint in status `updating`. Refused with `409 EndpointBusy`
         *     while the endpoint is creating, updating, rolling back or deleting, and with the same
         *     `400` and `503` problems as `createEndpoint`.
         */
        patch: operations["updateEndpoint"];
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promote a variant
         * @description Makes one variant take all traffic and removes the others and the shadow ("B won" in one
         *     call). Promoting the shadow makes it the endpoint's only production variant, with its
         *     version, instance type and count. The change rolls out a new endpoint configuration;
         *     as it changes the set of variants, SageMaker's traffic shifting (canary, linear) does
         *     not apply and traffic moves all at once when the new fleet is in service. Promoting
         *     the only variant of an endpoint without a shadow changes nothing.
         *
         *     Answers `202` with the endpoint in status `updating`. Refused with `400
         *     ValidationFailed` when the endpoint has no variant of that name, and with `409
         *     EndpointBusy` while it is creating, updating, rolling back or deleting.
         */
        post: operations["promoteEndpointVariant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an endpoint
         * @description Stops paying for a running endpoint without losing its setup: its autoscaling target
         *     and rollback alarms are removed and its SageMaker endpoint and endpoint configurations
         *     are deleted (no instances, no cost), while its definition (version, alias, instance
         *     type and count, autoscaling and deployment settings) is kept. Answers `202` with the
         *     endpoint in status `paused` and `pausedAt` set; `resumeEndpoint` brings it back.
         *
         *     A paused endpoint does not hold its version: the version can be deleted meanwhile
         *     (resuming it then is a `409 PausedVersionUnavailable`). `updateEndpoint` on a paused
         *     endpoint changes the kept definition only, creating nothing; `deleteEndpoint` removes
         *     it. Pausing an endpoint that is already paused answers it as it is. An endpoint is
         *     paused from `running` (or `updateFailed`, which serves on its old configuration: that
         *     configuration is what is kept). Refused with `409 EndpointBusy` while it is creating,
         *     updating, rolling back or deleting, and with `409 EndpointNotRunning` when it failed
         *     or is out of service.
         *
         *     Besides this call, an endpoint is paused by its `pauseSchedule` and, once nobody has
         *     called it for a while, by its `idlePause` (see `EndpointIdlePause`).
         */
        post: operations["pauseEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused endpoint
         * @description Recreates a paused endpoint from its kept definition: the same version, instance type
         *     and instance count, with its autoscaling registered again once it is in service.
         *     Answers `202` with the endpoint in status `creating`; it turns `running` as a new
         *     endpoint does. Resuming an endpoint that is not paused answers it as it is.
         *
         *     Refused with `409 PausedVersionUnavailable` when its version was deleted (or is no
         *     longer approved) while it was paused: change its `version` with `updateEndpoint` and
         *     resume; with `409 EndpointPausing` while SageMaker is still deleting the paused
         *     endpoint; and with the same `400` and `503` problems as `createEndpoint`.
         */
        post: operations["resumeEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/invocations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invoke an endpoint
         * @description Sends the body, as it is and with its `Content-Type`, to the model container
         *     (SageMaker Runtime InvokeEndpoint) and answers the model's body with the content type
         *     the model gave it. The request's `Accept` header, when given, goes to the model too.
         *     The body shape is the container's own: for example `{"inputs": "...", "parameters":
         *     {...}}` for LMI, TGI and the Hugging Face inference toolkit.
         *
         *     The endpoint must be `running` (or `updating`, which still serves); any other status is
         *     a `409 EndpointNotRunning` saying which. An error of the model container keeps the
         *     container's message: a `4xx` of the container is a `422 ModelRequestRejected`, a `5xx`
         *     a `502 ModelError`; `originalStatusCode` and `originalMessage` carry what the container
         *     said. The body may be at most 6 MB (the Lambda invocation payload limit; on AWS a binary
         *     body travels base64-encoded, so binary bodies stop at about 4.5 MB), and so may the
         *     answer. Invocations are throttled per tenant separately from the other routes (see
         *     `invocationLimits` of the deployment).
         */
        post: operations["invokeEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat with an endpoint (OpenAI-compatible)
         * @description An OpenAI-compatible chat completion for endpoints serving a decoder LLM on LMI, vLLM
         *     or TGI: those containers take the OpenAI messages format on SageMaker's `/invocations`
         *     (LMI's chat completions schema, TGI's Messages API), so the request goes to the model as
         *     it is, after validation here, and the model's answer comes back in the OpenAI shape.
         *     Encoder and seq2seq models (the Hugging Face inference toolkit) do not chat: use
         *     `invokeEndpoint`.
         *
         *     With `stream: true` the answer is `text/event-stream` (SageMaker Runtime
         *     InvokeEndpointWithResponseStream): one `data: {chat.completion.chunk}` event per piece
         *     of text as the model produces it, then `data: [DONE]`. An error after the stream has
         *     started arrives as an `event: error` whose data is a problem document, and the stream
         *     ends. Status codes and problems are those of `invokeEndpoint`.
         */
        post: operations["createChatCompletion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/endpoints/{endpointName}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        /**
         * Get endpoint metrics
         * @description Returns the requested metrics of the endpoint over one window, one period and one
         *     statistic, read from CloudWatch in a single query. GPU utilization and GPU memory
         *     utilization are normalised to 0..100 % per GPU (CloudWatch sums them over the
         *     instance's GPUs); CPU utilization likewise per vCPU. Latency is in milliseconds.
         *     With `perInstance=true` each metric has one series per instance (the endpoint records
         *     per-instance metrics); otherwise one series for the whole endpoint.
         *
         *     An endpoint serving several variants (an A/B test of versions, or a shadow beside
         *     production) answers one series per metric and variant by default, the variants side by
         *     side in one call, each series naming its `variant` and `role` (`production` or
         *     `shadow`). Series of different variants are never added up: the point of an A/B read is
         *     to compare them, a sum of two models' latencies means nothing and percentiles cannot be
         *     combined at all. A single-variant endpoint answers one series per metric without
         *     `variant`, as it always has; `perVariant=true` adds the variant there too, and `variant`
         *     narrows the read to some variants. Each variant's GPU and CPU figures are normalised by
         *     its own instance type.
         *
         *     A paused endpoint (and one SageMaker does not serve right now, while it is created or
         *     deleted) answers `200` with one series per requested metric without points, not an
         *     error.
         *
         *     The window may hold at most 1,440 periods; a longer one is a `400`. So is an `end` more
         *     than five minutes in the future, a `start` that is not before `end`, and a window
         *     CloudWatch no longer keeps at that period (see `period`): every problem is listed at
         *     once. A window without data answers series without points, not an error.
         */
        get: operations["getEndpointMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/instance-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List instance types
         * @description Lists the GPU instance types endpoints can use in this deployment.
         */
        get: operations["listInstanceTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/series": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List model series
         * @description Lists the model series (families) the packager recognises, with the serving engine it
         *     uses for each and the model architectures (`config.json` `architectures`) it maps to it.
         */
        get: operations["listSeries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description An RFC 9457 problem document. Further members may appear (RFC 9457 extension members). */
        Problem: {
            /**
             * Format: uri-reference
             * @description Identifies the problem type: `urn:modelplane:problem:{code}`. A name, not a page to
             *     fetch; switch on `code`.
             * @example urn:modelplane:problem:EndpointBusy
             */
            type: string;
            /**
             * @description A short human-readable summary of the problem type.
             * @example Conflict
             */
            title: string;
            /**
             * @description The HTTP status code.
             * @example 409
             */
            status: number;
            /**
             * @description What went wrong this time, for people.
             * @example Endpoint demo-endpoint is updating; try again when it is running.
             */
            detail?: string;
            /**
             * Format: uri-reference
             * @description The path of the request that failed.
             * @example /v1/endpoints/demo-endpoint
             */
            instance?: string;
            /**
             * @description Stable machine-readable code to switch on, for example `ValidationFailed`,
             *     `NotFound`, `ModelAlreadyExists`, `IdempotencyKeyReused`, `EndpointBusy`, `ModelInUse`
             *     (see the table in the API description).
             * @example EndpointBusy
             */
            code: string;
            /**
             * @description The request's id; quote it when reporting a problem.
             * @example 3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f
             */
            requestId?: string;
        };
        /** @description A problem that lists every invalid part of the request. */
        ValidationProblem: components["schemas"]["Problem"] & {
            /** @description Every problem found in the request. */
            errors: components["schemas"]["FieldError"][];
            /** @description With `SourceNotAllowed`, the locations (`s3://bucket/prefix/`) S3 packaging sources may lie under. */
            allowedSources?: string[];
        };
        /** @description One problem with one part of the request. */
        FieldError: {
            /**
             * @description A JSON pointer to the offending value, rooted at the request part (`/body`, `/query`, `/path`, `/header`).
             * @example /body/name
             */
            path: string;
            /**
             * @description What is wrong with it.
             * @example must match pattern "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$"
             */
            message: string;
        };
        /** @description A conflict with the state of a resource. */
        ConflictProblem: components["schemas"]["Problem"] & {
            /**
             * @description The resource's status that stands in the way (with `EndpointBusy`, `EndpointNotRunning`, `EndpointPausing`, `PackagingJobFinished`, `PackagingJobNotSucceeded`).
             * @example updating
             */
            currentStatus?: string;
            /** @description The endpoints that still use the model or version (with `ModelInUse`, `VersionInUse`). */
            endpoints?: components["schemas"]["EndpointName"][];
        };
        /** @description A problem the model container reported, with what it said. */
        ModelProblem: components["schemas"]["Problem"] & {
            /**
             * @description The HTTP status the model container answered.
             * @example 400
             */
            originalStatusCode?: number;
            /**
             * @description The model container's own message.
             * @example Input validation error: `inputs` must be a string
             */
            originalMessage?: string;
            /** @description The endpoint's CloudWatch log stream or group, where the container logged the failure. */
            logs?: string;
        };
        /** @description One message of the conversation (OpenAI chat format). */
        ChatMessage: {
            /**
             * @example user
             * @enum {string}
             */
            role: "system" | "user" | "assistant" | "tool";
            /**
             * @description The text, or OpenAI content parts (`[{ type: text, text }]`).
             * @example What is deep learning?
             */
            content: string | {
                /** @example text */
                type: string;
                text?: string;
            }[];
            name?: string;
        };
        /**
         * @description An OpenAI chat completion request. The fields below are checked here; other OpenAI
         *     fields (`tools`, `response_format`, ...) go to the model, which may not support them.
         */
        ChatCompletionRequest: {
            messages: components["schemas"]["ChatMessage"][];
            /** @description Ignored by the endpoint (it serves one model); accepted for OpenAI clients. */
            model?: string;
            /** @example 64 */
            max_tokens?: number;
            max_completion_tokens?: number;
            /** @example 0.7 */
            temperature?: number;
            top_p?: number;
            n?: number;
            stop?: string | string[];
            seed?: number;
            presence_penalty?: number;
            frequency_penalty?: number;
            logprobs?: boolean;
            top_logprobs?: number;
            /**
             * @description Answer `text/event-stream` chunks as the model produces them.
             * @default false
             */
            stream?: boolean;
            user?: string;
        } & {
            [key: string]: unknown;
        };
        ChatUsage: {
            prompt_tokens: number;
            completion_tokens: number;
            total_tokens: number;
        };
        /** @description An OpenAI chat completion. */
        ChatCompletion: {
            id: string;
            /** @enum {string} */
            object: "chat.completion";
            /** @description Unix seconds. */
            created: number;
            model: string;
            choices: {
                index: number;
                message: {
                    /** @example assistant */
                    role: string;
                    content?: string | null;
                };
                /** @example stop */
                finish_reason?: string | null;
            }[];
            usage?: components["schemas"]["ChatUsage"];
        };
        /**
         * @description One event of a streamed chat completion (OpenAI `chat.completion.chunk`). The
         *     `text/event-stream` answer is a sequence of server-sent events `data: {chunk as JSON}`
         *     followed by a blank line, one per chunk, and last `data: [DONE]`; this schema is that of
         *     each event's data.
         */
        ChatCompletionChunk: {
            id: string;
            /** @enum {string} */
            object: "chat.completion.chunk";
            created: number;
            model: string;
            choices: {
                index: number;
                delta: {
                    role?: string;
                    content?: string | null;
                };
                finish_reason?: string | null;
            }[];
            usage?: components["schemas"]["ChatUsage"];
        };
        /**
         * @description A model name: letters, digits and single or repeated hyphens, starting and ending with
         *     a letter or digit (SageMaker's name rule). At most 48 characters, because the names
         *     derived from it in SageMaker (`{model}-v{version}` and the like) must stay within 63.
         * @example demo-model
         */
        ModelName: string;
        /**
         * @description An endpoint name, following SageMaker's endpoint name rule (at most 63 characters).
         * @example demo-endpoint
         */
        EndpointName: string;
        /**
         * @description A version number within its model, counting from 1.
         * @example 1
         */
        VersionNumber: number;
        /**
         * @description An alias name such as `prod` or `canary`; lower-case letters, digits and hyphens, starting with a letter, at most 32 characters.
         * @example prod
         */
        AliasName: string;
        /**
         * @description A SageMaker instance type, such as `ml.g5.2xlarge` (see `listInstanceTypes`).
         * @example ml.g5.2xlarge
         */
        InstanceTypeName: string;
        /**
         * @description An S3 prefix (`s3://bucket/key/`), ending in `/`, holding uncompressed model files.
         * @example s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/
         */
        S3Prefix: string;
        /**
         * @description Where fine-tuned weights are: an S3 prefix ending in `/` (`s3://bucket/path/`), or an
         *     archive ending in `.tar.gz`, `.tgz` or `.tar` (`s3://bucket/path/model.tar.gz`).
         * @example s3://ml-training-output/jobs/llama-ft-2025-06-02/output/model.tar.gz
         */
        S3SourceUri: string;
        /**
         * @description A container image in ECR or another registry, pinned by tag or digest:
         *     `{registry}/{repository}:{tag}`, `{registry}/{repository}@sha256:{digest}` or both.
         * @example 763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128
         */
        ImageUri: string;
        /**
         * @description Free-form labels, at most 20. Keys are 1 to 64 characters of `[a-zA-Z0-9_.:/=+@-]`
         *     (`x-key-pattern`, checked on every request); values at most 256 characters.
         * @example {
         *       "team": "support"
         *     }
         */
        Labels: {
            [key: string]: string;
        };
        /**
         * @description Environment variables of the serving container, at most 64. Keys match
         *     `^[A-Za-z_][A-Za-z0-9_]{0,1023}$` (`x-key-pattern`, checked on every request); values are at
         *     most 1024 characters.
         * @example {
         *       "HF_MODEL_ID": "/opt/ml/model",
         *       "OPTION_ROLLING_BATCH": "vllm"
         *     }
         */
        Environment: {
            [key: string]: string;
        };
        /** @description What to package, and where to register the result. */
        CreatePackagingJobRequest: {
            source: components["schemas"]["PackagingSource"];
            /** @description An existing model to register the result into as a new version. */
            model?: components["schemas"]["ModelName"];
            /**
             * @description The model series (see `listSeries`); by default detected from the model's `config.json`.
             * @example llama
             */
            series?: string;
            /**
             * @description Build and push a serving image with the serving configuration baked in. When false, the version uses the series' stock image.
             * @default true
             */
            buildImage?: boolean;
            /** @description Register the result as a new version of `model` when the job succeeds. Default true when `model` is given; true without `model` is a `400`. */
            register?: boolean;
        };
        /** @description Where the model comes from. */
        PackagingSource: components["schemas"]["HuggingFaceSource"] | components["schemas"]["S3Source"];
        /** @description A model repository on the Hugging Face Hub. */
        HuggingFaceSource: {
            /**
             * @description The kind of source. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "huggingface";
            /**
             * @description The Hub repository, `{organisation}/{name}`.
             * @example meta-llama/Llama-3.1-8B-Instruct
             */
            modelId: string;
            /**
             * @description A branch, tag or commit sha. Default `main`. The job pins it to a commit (`resolvedRevision`).
             * @example main
             */
            revision?: string;
            /**
             * @description A Secrets Manager secret holding a Hub access token, for gated models. The token is
             *     read by the packaging job only, never logged or returned.
             * @example arn:aws:secretsmanager:us-east-1:123456789012:secret:modelplane/hf-token-AbCdEf
             */
            tokenSecretArn?: string;
        };
        /**
         * @description Fine-tuned weights in S3, in the Hugging Face layout (config.json, safetensors,
         *     tokenizer), in one of two forms:
         *     - a **prefix** (`s3://bucket/path/`, ending in `/`) holding the files uncompressed; the
         *       job reads them pinned to the objects' ETags while it runs;
         *     - an **archive** (`s3://bucket/path/model.tar.gz`, or `.tgz`, or an uncompressed `.tar`),
         *       such as a SageMaker training job's output. The job streams it apart into the
         *       uncompressed layout SageMaker serves (nothing is stored on local disk), pinned to the
         *       object's ETag. Entries must be plain files and directories with relative paths: links,
         *       devices, `..` and absolute paths fail the job with `InvalidModel`.
         *     Either way the job keeps the same files, detects the series from `config.json` and writes
         *     the same manifest as for a Hub model. The source must lie under the artifact bucket's
         *     `uploads/` or one of the deployment's `sourceBuckets` (the places the job's role can
         *     read); anywhere else is a `400 SourceNotAllowed`.
         * @example {
         *       "type": "s3",
         *       "uri": "s3://ml-training-output/jobs/llama-ft-2025-06-02/output/model.tar.gz"
         *     }
         */
        S3Source: {
            /**
             * @description The kind of source. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            type: "s3";
            uri: components["schemas"]["S3SourceUri"];
        };
        /**
         * @description Where the job stands.
         * @enum {string}
         */
        PackagingJobStatus: "queued" | "running" | "succeeded" | "failed" | "cancelled";
        /**
         * @description What a running job is doing. Absent once the job has succeeded, failed or been cancelled.
         * @enum {string}
         */
        PackagingJobPhase: "resolving" | "downloading" | "buildingImage" | "registering";
        /** @description A packaging job. */
        PackagingJob: {
            /**
             * @description The job's id.
             * @example pj-5f2c7e1a9b3d4c6e
             */
            jobId: string;
            status: components["schemas"]["PackagingJobStatus"];
            phase?: components["schemas"]["PackagingJobPhase"];
            progress: components["schemas"]["PackagingProgress"];
            source: components["schemas"]["PackagingSource"];
            /**
             * @description The Hub commit sha the revision resolved to.
             * @example 0e9e39f249a16976918f6564b8830bc894c89659
             */
            resolvedRevision?: string;
            /**
             * @description The model series, as given or detected.
             * @example llama
             */
            series?: string;
            /** @description The model the result is registered into. */
            model?: components["schemas"]["ModelName"];
            /** @description The version registered from the result, once it is. */
            version?: components["schemas"]["VersionNumber"];
            /** @description Whether the job builds a serving image. */
            buildImage: boolean;
            /** @description Whether the job registers a version when it succeeds. */
            register: boolean;
            artifacts?: components["schemas"]["PackagingArtifacts"];
            failure?: components["schemas"]["PackagingFailure"];
            /** @description Related links. */
            links: {
                /**
                 * Format: uri
                 * @description The job's logs in the CloudWatch console, once the job has a log stream. The local control plane has no console and gives no link (its packager logs to the `npm start` console).
                 */
                logs?: string;
            };
            /**
             * Format: date-time
             * @description When the job was submitted.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the job last changed (status, phase or progress).
             */
            updatedAt: string;
        };
        /** @description How far the download and upload of the model files has got. */
        PackagingProgress: {
            /** @description Bytes copied to S3 so far. */
            bytesDone: number;
            /** @description Bytes to copy in all; 0 until the file list is known. */
            bytesTotal: number;
            /** @description Files copied and verified so far. */
            filesDone: number;
            /** @description Files to copy in all; 0 until the file list is known. */
            filesTotal: number;
        };
        /** @description What a succeeded job produced. */
        PackagingArtifacts: {
            modelDataUri: components["schemas"]["S3Prefix"];
            /**
             * @description The manifest (files, sizes, checksums, parameter count, dtype, fitting instance types).
             * @example s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/manifest.json
             */
            manifestUri: string;
            /** @description The serving image, pinned by digest (absent when `buildImage` was false). */
            imageUri?: components["schemas"]["ImageUri"];
        };
        /** @description Why a job failed. */
        PackagingFailure: {
            /**
             * @description A stable code: `ModelNotFound`, `RevisionNotFound`, `GatedModel` (needs a token with
             *     access), `Unauthorized` (the Hub refused the token), `TokenUnavailable` (the secret
             *     cannot be read), `HubUnavailable`, `HubUnreachable` (the Hub's name does not resolve or
             *     it refuses connections: set `HF_ENDPOINT` to a reachable mirror), `DownloadStalled`, `DownloadFailed`,
             *     `ChecksumMismatch`, `UnknownSeries`, `InvalidModel`, `UploadFailed`,
             *     `ImageBuildFailed`, `Cancelled`, `SubmitFailed` (Batch refused the job, or the
             *     submit never finished), `PackagerFailed` (the job ended without saying why;
             *     `message` has Batch's reason), `NoArtifacts`, `JobLost` (Batch no longer knows the
             *     job and no outcome was recorded), `RegistrationFailed` (packaged, but the version
             *     could not be registered).
             * @example GatedModel
             */
            code: string;
            /**
             * @description What went wrong, for people.
             * @example meta-llama/Llama-3.1-8B-Instruct is gated; give a tokenSecretArn whose token has access.
             */
            message: string;
        };
        /** @description One page of packaging jobs. */
        PackagingJobList: {
            /** @description The jobs, newest first. */
            items: components["schemas"]["PackagingJob"][];
            /** @description Pass as `nextToken` to get the next page; absent on the last page. */
            nextToken?: string;
        };
        /** @description A new model. */
        CreateModelRequest: {
            name: components["schemas"]["ModelName"];
            /** @description What the model is for. */
            description?: string;
            labels?: components["schemas"]["Labels"];
        };
        /** @description The model fields to change; at least one. */
        UpdateModelRequest: {
            /** @description The new description. */
            description?: string;
            labels?: components["schemas"]["Labels"];
        };
        /** @description A model and the aliases of its versions. */
        Model: {
            name: components["schemas"]["ModelName"];
            /** @description What the model is for. */
            description?: string;
            labels: components["schemas"]["Labels"];
            /**
             * @description The model's aliases and the version each points at.
             * @example {
             *       "prod": 7,
             *       "canary": 8
             *     }
             */
            aliases: {
                [key: string]: components["schemas"]["VersionNumber"];
            };
            /** @description The highest version number; absent while the model has no version. */
            latestVersion?: components["schemas"]["VersionNumber"];
            /**
             * Format: date-time
             * @description When the model was created.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the model, its aliases or its versions last changed.
             */
            updatedAt: string;
        };
        /** @description One page of models. */
        ModelList: {
            /** @description The models, in name order. */
            items: components["schemas"]["Model"][];
            /** @description Pass as `nextToken` to get the next page; absent on the last page. */
            nextToken?: string;
        };
        /** @description The version an alias points at. */
        PutAliasRequest: {
            version: components["schemas"]["VersionNumber"];
        };
        /**
         * @description The version's approval (the model package's `ModelApprovalStatus`). Endpoints serve
         *     only `approved` versions.
         * @enum {string}
         */
        Approval: "approved" | "pendingManualApproval" | "rejected";
        /** @description A new version, from a succeeded packaging job or from explicit artifacts. */
        CreateModelVersionRequest: components["schemas"]["VersionFromPackagingJob"] | components["schemas"]["VersionFromArtifacts"];
        /** @description A version built from what a succeeded packaging job produced. */
        VersionFromPackagingJob: {
            /**
             * @description The succeeded packaging job whose artifacts, image, series and manifest the version takes.
             * @example pj-5f2c7e1a9b3d4c6e
             */
            packagingJobId: string;
            /** @description What is special about this version. */
            description?: string;
            labels?: components["schemas"]["Labels"];
            /**
             * @description The version's initial approval. Default `approved`.
             * @default approved
             */
            approval?: components["schemas"]["Approval"];
        };
        /** @description A version built from artifacts given explicitly. */
        VersionFromArtifacts: {
            modelDataUri: components["schemas"]["S3Prefix"];
            imageUri: components["schemas"]["ImageUri"];
            environment?: components["schemas"]["Environment"];
            /**
             * @description The model series (see `listSeries`), for sizing and defaults.
             * @example llama
             */
            series?: string;
            /** @description What is special about this version. */
            description?: string;
            labels?: components["schemas"]["Labels"];
            /**
             * @description The version's initial approval. Default `approved`.
             * @default approved
             */
            approval?: components["schemas"]["Approval"];
        };
        /**
         * @description The version fields to change; at least one. Artifacts, image and environment are
         *     immutable: a change to them is a new version.
         */
        UpdateModelVersionRequest: {
            /** @description The new description. */
            description?: string;
            approval?: components["schemas"]["Approval"];
            labels?: components["schemas"]["Labels"];
        };
        /** @description A model version. */
        ModelVersion: {
            model: components["schemas"]["ModelName"];
            version: components["schemas"]["VersionNumber"];
            modelDataUri: components["schemas"]["S3Prefix"];
            imageUri: components["schemas"]["ImageUri"];
            environment: components["schemas"]["Environment"];
            /**
             * @description The model series, when known.
             * @example llama
             */
            series?: string;
            approval: components["schemas"]["Approval"];
            /** @description What is special about this version. */
            description?: string;
            labels: components["schemas"]["Labels"];
            /** @description The aliases that point at this version. */
            aliases: components["schemas"]["AliasName"][];
            sizing: components["schemas"]["Sizing"];
            /** @description Where the version came from. */
            source: {
                /**
                 * @description The packaging job it was built from; absent for versions from explicit artifacts.
                 * @example pj-5f2c7e1a9b3d4c6e
                 */
                packagingJobId?: string;
            };
            /**
             * @description The SageMaker model behind the version.
             * @example demo-model-v1
             */
            sagemakerModelName: string;
            /**
             * @description The SageMaker model package (Model Registry entry) of the version.
             * @example arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/1
             */
            modelPackageArn: string;
            /**
             * Format: date-time
             * @description When the version was created.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the version's description, approval, labels or aliases last changed.
             */
            updatedAt: string;
        };
        /** @description How big the model is and which instance types it fits on. */
        Sizing: {
            /**
             * @description The number of parameters, when known.
             * @example 8030261248
             */
            parameters?: number;
            /**
             * @description The weights' data type, when known.
             * @example bfloat16
             */
            dtype?: string;
            /**
             * @description The total size of the weight files.
             * @example 16060522496
             */
            weightBytes: number;
            /**
             * @description The least total GPU memory that serves the model (weights plus room for the KV cache and activations).
             * @example 18.5
             */
            minGpuMemoryGiB: number;
            /** @description The supported instance types with enough GPU memory, smallest first. */
            fitsOn: components["schemas"]["InstanceTypeName"][];
        };
        /** @description One page of model versions. */
        ModelVersionList: {
            /** @description The versions, newest first. */
            items: components["schemas"]["ModelVersion"][];
            /** @description Pass as `nextToken` to get the next page; absent on the last page. */
            nextToken?: string;
        };
        /**
         * @description A new endpoint. The simple case serves one version: give `instanceType` and exactly one
         *     of `version` and `alias`. To split traffic between versions (A/B), give `variants`
         *     instead of `version`, `alias`, `instanceType` and `instanceCount`. `shadow` adds a
         *     shadow variant that receives a copy of a share of the traffic.
         */
        CreateEndpointRequest: {
            name: components["schemas"]["EndpointName"];
            /** @description The model to serve. */
            model: components["schemas"]["ModelName"];
            /** @description The version to serve. */
            version?: components["schemas"]["VersionNumber"];
            /** @description The alias whose version to serve, resolved now. */
            alias?: components["schemas"]["AliasName"];
            instanceType?: components["schemas"]["InstanceTypeName"];
            /** @description How many instances to start with (default 1); within `autoscaling`'s bounds when autoscaling is on. */
            instanceCount?: number;
            autoscaling?: components["schemas"]["Autoscaling"];
            deployment?: components["schemas"]["Deployment"];
            /**
             * @description The production variants, each a version of the endpoint's model on its own fleet
             *     with a traffic weight (at most 10, SageMaker's limit). Each needs `version` or
             *     `alias` and `instanceType`. Names are unique; weights are relative (90 and 10 send
             *     90 % and 10 % of requests) and not all 0. Not combined with `version`, `alias`,
             *     `instanceType` or `instanceCount`, nor with `autoscaling` when there is more than
             *     one variant.
             */
            variants?: components["schemas"]["EndpointVariantSpec"][];
            shadow?: components["schemas"]["EndpointShadowSpec"];
            /** @description When to pause the endpoint, every time the expression matches (EventBridge Scheduler runs it). */
            pauseSchedule?: components["schemas"]["EndpointSchedule"];
            /** @description When to resume the endpoint, every time the expression matches. */
            resumeSchedule?: components["schemas"]["EndpointSchedule"];
            idlePause?: components["schemas"]["EndpointIdlePause"];
        } & (unknown | unknown | unknown);
        /**
         * @description A variant's name (SageMaker's `VariantName`), unique within the endpoint.
         * @example blue
         */
        EndpointVariantName: string;
        /**
         * @description A production variant as asked for. In an update, a variant that exists keeps what is
         *     not given (its version, instance type, count and weight); a new one needs `version` or
         *     `alias` and `instanceType`. Give at most one of `version` and `alias`.
         */
        EndpointVariantSpec: {
            name: components["schemas"]["EndpointVariantName"];
            /** @description The version of the endpoint's model this variant serves. */
            version?: components["schemas"]["VersionNumber"];
            /** @description The alias of the endpoint's model whose version this variant serves, resolved now. */
            alias?: components["schemas"]["AliasName"];
            instanceType?: components["schemas"]["InstanceTypeName"];
            /** @description How many instances serve this variant (default 1 for a new variant). */
            instanceCount?: number;
            /**
             * @description The variant's share of traffic, relative to the other variants' weights (default 1 for a new variant).
             * @example 90
             */
            weight?: number;
        };
        /**
         * @description A shadow variant: SageMaker sends it a copy of `samplingPercent` % of the requests the
         *     production variant receives, and drops its responses. An endpoint with a shadow has
         *     exactly one production variant (SageMaker's rule). In an update, an existing shadow
         *     keeps what is not given; a new one needs `version` or `alias`, `instanceType` and
         *     `samplingPercent`. Give at most one of `version` and `alias`.
         */
        EndpointShadowSpec: {
            /** @description The shadow variant's name; default `shadow`. */
            name?: components["schemas"]["EndpointVariantName"];
            /** @description The version of the endpoint's model the shadow serves. */
            version?: components["schemas"]["VersionNumber"];
            /** @description The alias of the endpoint's model whose version the shadow serves, resolved now. */
            alias?: components["schemas"]["AliasName"];
            instanceType?: components["schemas"]["InstanceTypeName"];
            /** @description How many instances serve the shadow (default 1). */
            instanceCount?: number;
            /**
             * @description The share of production requests copied to the shadow, in percent.
             * @example 20
             */
            samplingPercent?: number;
        };
        /** @description The endpoint fields to change; at least one. Give at most one of `version` and `alias`. */
        UpdateEndpointRequest: {
            /** @description The new instance count; changed in place. Within `autoscaling`'s bounds when autoscaling is on. */
            instanceCount?: number;
            instanceType?: components["schemas"]["InstanceTypeName"];
            /** @description The version of the endpoint's model to roll out. */
            version?: components["schemas"]["VersionNumber"];
            /** @description The alias of the endpoint's model whose version to roll out, resolved now. */
            alias?: components["schemas"]["AliasName"];
            /** @description The new autoscaling settings, or `null` to remove autoscaling. */
            autoscaling?: components["schemas"]["Autoscaling"] | (never | null);
            deployment?: components["schemas"]["Deployment"];
            /**
             * @description The production variants the endpoint is to have, all of them: variants left out are
             *     removed, new names are added. A change of weights or counts alone is made in place
             *     (no new endpoint configuration, no new instances); adding or removing a variant, or
             *     changing a variant's version or instance type, rolls out a new configuration. Not
             *     combined with `version`, `alias`, `instanceType` or `instanceCount`.
             */
            variants?: components["schemas"]["EndpointVariantSpec"][];
            /** @description The shadow variant to add or change, or `null` to remove it. */
            shadow?: components["schemas"]["EndpointShadowSpec"] | (never | null);
            /** @description The new pause schedule, or `null` to remove it. */
            pauseSchedule?: components["schemas"]["EndpointSchedule"] | (never | null);
            /** @description The new resume schedule, or `null` to remove it. */
            resumeSchedule?: components["schemas"]["EndpointSchedule"] | (never | null);
            /** @description The new idle pause, or `null` to remove it (the endpoint is then never paused for being idle). */
            idlePause?: components["schemas"]["EndpointIdlePause"] | (never | null);
        };
        /** @description The variant to promote. */
        PromoteEndpointVariantRequest: {
            /** @description The production variant, or the shadow, that is to take all traffic. */
            variant: components["schemas"]["EndpointVariantName"];
        };
        /**
         * @description Pauses the endpoint once nobody calls it. An endpoint that is `running` and whose
         *     production variants together received zero invocations (SageMaker's `Invocations`
         *     metric in CloudWatch, namespace `AWS/SageMaker`, summed) for the last `afterMinutes`
         *     is paused as `pauseEndpoint` pauses it. The check runs every five minutes (the
         *     periodic sweep of the endpoints; locally the control plane runs it every minute), so
         *     the pause comes up to that much after the endpoint fell idle. The whole window must
         *     lie after the endpoint was created, resumed or last changed in SageMaker
         *     (`LastModifiedTime`: a rollout, a change of instance count or weights, autoscaling):
         *     a resume starts the clock again. A minute without a data point counts as no
         *     invocations (SageMaker publishes none for an idle endpoint); when CloudWatch cannot be
         *     read, nothing is paused. Copies of requests sent to a shadow variant do not count.
         *     CloudWatch receives the metric a minute or two late, so a request in that last
         *     moment before a check may not count yet.
         */
        EndpointIdlePause: {
            /**
             * @description How many minutes without an invocation pause the endpoint (15 minutes to 7 days).
             * @example 60
             */
            afterMinutes: number;
        };
        /**
         * @description A recurring time, as a five-field cron expression (`minute hour day-of-month month
         *     day-of-week`, the Unix form) in an IANA time zone, daylight saving time included.
         *     EventBridge Scheduler runs it (as `cron(minute hour day-of-month month day-of-week *)`
         *     with `?` in the day field left open); locally the control plane does. Days of the week
         *     are given by name (`MON-FRI`, `SAT,SUN`), months by number or name, and at most one of
         *     day-of-month and day-of-week is restricted. A scheduled pause of an endpoint that is not
         *     running, or a scheduled resume of one that is not paused, does nothing.
         */
        EndpointSchedule: {
            /**
             * @description The cron expression, for example `0 19 * * MON-FRI` (19:00 on weekdays).
             * @example 0 19 * * MON-FRI
             */
            cron: string;
            /**
             * @description The IANA time zone the expression is read in.
             * @example Europe/Berlin
             */
            timezone: string;
        };
        /**
         * @description Target-tracking autoscaling of the instance count (Application Auto Scaling).
         *     `minInstances` must not exceed `maxInstances`. Burstable `ml.t*` types cannot autoscale.
         */
        Autoscaling: {
            /** @description The fewest instances to scale in to. */
            minInstances: number;
            /** @description The most instances to scale out to. */
            maxInstances: number;
            target: components["schemas"]["ScalingTarget"];
            /**
             * @description Seconds after a scale-in before the next scale-in.
             * @default 300
             */
            scaleInCooldownSeconds?: number;
            /**
             * @description Seconds after a scale-out before the next scale-out.
             * @default 60
             */
            scaleOutCooldownSeconds?: number;
        };
        /** @description The metric to hold at a target value per instance. */
        ScalingTarget: {
            /**
             * @description `invocationsPerInstance`: invocations per instance per minute.
             *     `concurrentRequests`: in-flight requests per model copy, sampled every 10 seconds
             *     (reacts faster; better for LLMs).
             * @enum {string}
             */
            metric: "invocationsPerInstance" | "concurrentRequests";
            /**
             * @description The target value of the metric; greater than 0.
             * @example 8
             */
            value: number;
        };
        /**
         * @description How changes that replace the fleet (instance type or version) are rolled out: blue/green,
         *     shifting traffic all at once, as a canary then the rest, or in linear steps. Changes of
         *     the instance count alone are made in place. The policy given at create or update is kept
         *     for later updates. Default: `allAtOnce` with `rollbackOnAlarms`.
         */
        Deployment: {
            /**
             * @description How traffic moves to the new fleet.
             * @enum {string}
             */
            strategy: "allAtOnce" | "canary" | "linear";
            /**
             * @description The share of traffic of the canary (`canary`) or of each step (`linear`, at least 10).
             *     Default 10.
             */
            stepPercent?: number;
            /** @description Seconds to watch the alarms after each shift before the next. Default 300. */
            waitSeconds?: number;
            /**
             * @description Roll back automatically when the endpoint's error or latency alarms fire during the rollout.
             * @default true
             */
            rollbackOnAlarms?: boolean;
        };
        /**
         * @description Where the endpoint stands: `creating`, `updating`, `running`, `rollingBack` (an update
         *     is being undone), `failed` (creation failed; only delete is allowed), `updateFailed` (an
         *     update failed and was rolled back; the endpoint still serves), `deleting`, or
         *     `outOfService`, or `paused` (its SageMaker endpoint is deleted, no instances run and
         *     nothing is billed for it, its definition is kept: `resumeEndpoint` brings it back).
         * @enum {string}
         */
        EndpointStatus: "creating" | "updating" | "running" | "rollingBack" | "failed" | "updateFailed" | "deleting" | "outOfService" | "paused";
        /** @description An endpoint. */
        Endpoint: {
            name: components["schemas"]["EndpointName"];
            status: components["schemas"]["EndpointStatus"];
            /**
             * @description Why the endpoint failed, the last update failed, or a rollback happened.
             * @example The primary container for production variant AllTraffic did not pass the ping health check.
             */
            reason?: string;
            /**
             * @description SageMaker's own status of the endpoint (for example `InService`, `SystemUpdating`).
             *     A paused endpoint shows `Deleting` while SageMaker removes it, then `Deleted`.
             * @example InService
             */
            sagemakerStatus: string;
            /**
             * @description The SageMaker endpoint to invoke (`InvokeEndpoint`).
             * @example demo-endpoint
             */
            sagemakerEndpointName: string;
            model: components["schemas"]["ModelName"];
            /**
             * @description The version served. With several variants, `version`, `alias`, `instanceType` and
             *     `instanceCount` are those of the variant with the largest desired weight (the first
             *     of equals); `variants` is authoritative.
             */
            version: components["schemas"]["VersionNumber"];
            /** @description The alias the served version was taken from, when it was given by alias. */
            alias?: components["schemas"]["AliasName"];
            instanceType: components["schemas"]["InstanceTypeName"];
            /**
             * @description How many instances serve now and how many are wanted. While paused, `current` is
             *     0 and `desired` is the count `resumeEndpoint` starts again.
             */
            instanceCount: {
                /** @description Instances serving now. */
                current: number;
                /** @description Instances wanted (set by the caller or by autoscaling). */
                desired: number;
            };
            autoscaling?: components["schemas"]["Autoscaling"];
            deployment?: components["schemas"]["Deployment"];
            /**
             * @description The production variants, each with its version, instance type, and current and
             *     desired instance count and weight (SageMaker's DescribeEndpoint). Authoritative for
             *     endpoints with several variants; an endpoint created with the single-version fields
             *     has one variant, `main`, with weight 1.
             */
            variants?: components["schemas"]["EndpointVariant"][];
            shadow?: components["schemas"]["EndpointShadow"];
            health?: components["schemas"]["EndpointHealth"];
            /** @description Where to look further, in the AWS console. */
            links: {
                /**
                 * Format: uri
                 * @description The endpoint's CloudWatch Logs group (`/aws/sagemaker/Endpoints/{name}`), where its containers log.
                 * @example https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint
                 */
                logs: string;
            };
            /**
             * Format: date-time
             * @description When the endpoint was created.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the endpoint last changed.
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @description When the endpoint was paused; present only while it is `paused`.
             */
            pausedAt?: string;
            /** @description When to pause the endpoint, every time the expression matches (EventBridge Scheduler runs it). */
            pauseSchedule?: components["schemas"]["EndpointSchedule"];
            /** @description When to resume the endpoint, every time the expression matches. */
            resumeSchedule?: components["schemas"]["EndpointSchedule"];
            idlePause?: components["schemas"]["EndpointIdlePause"];
        };
        /** @description How many instances serve now and how many are wanted. */
        VariantCount: {
            /** @description Instances serving now. */
            current: number;
            /** @description Instances wanted. */
            desired: number;
        };
        /** @description A production variant of the endpoint. */
        EndpointVariant: {
            name: components["schemas"]["EndpointVariantName"];
            version: components["schemas"]["VersionNumber"];
            /** @description The alias the variant's version was taken from, when it was given by alias. */
            alias?: components["schemas"]["AliasName"];
            instanceType: components["schemas"]["InstanceTypeName"];
            instanceCount: components["schemas"]["VariantCount"];
            /** @description The variant's traffic weight now and the one it is moving to (relative to the other variants'). */
            weight: {
                /** @description The weight in effect. */
                current: number;
                /** @description The weight asked for. */
                desired: number;
            };
        };
        /** @description The endpoint's shadow variant, which receives a copy of `samplingPercent` % of production requests. */
        EndpointShadow: {
            name: components["schemas"]["EndpointVariantName"];
            version: components["schemas"]["VersionNumber"];
            /** @description The alias the shadow's version was taken from, when it was given by alias. */
            alias?: components["schemas"]["AliasName"];
            instanceType: components["schemas"]["InstanceTypeName"];
            instanceCount: components["schemas"]["VariantCount"];
            /** @description The share of production requests copied to the shadow, in percent (its desired weight relative to the production variant's). */
            samplingPercent: number;
        };
        /**
         * @description The endpoint's health at a glance: the last minute of data CloudWatch holds from the
         *     last five minutes. A field is absent when there is no data for it (for example while
         *     the endpoint is creating, or when it serves nothing); use `getEndpointMetrics` for
         *     history.
         */
        EndpointHealth: {
            /**
             * @description GPU utilization over the last minute, in % per GPU (CloudWatch's figure divided by
             *     the instance type's GPU count, so 100 means every GPU is busy), averaged over the
             *     instances.
             * @example 72.5
             */
            gpuUtilization?: number;
            /**
             * @description In-flight requests per instance over the last minute (average).
             * @example 6.25
             */
            concurrentRequests?: number;
            /**
             * Format: date-time
             * @description Start of the minute the figures are from.
             * @example 2025-06-02T09:59:00Z
             */
            at?: string;
        };
        /** @description One page of endpoints. */
        EndpointList: {
            /** @description The endpoints, in name order. */
            items: components["schemas"]["Endpoint"][];
            /** @description Pass as `nextToken` to get the next page; absent on the last page. */
            nextToken?: string;
        };
        /**
         * @description An endpoint metric: `gpuUtilization` and `gpuMemoryUtilization` (% per GPU),
         *     `concurrentRequests` (in-flight requests), `invocations`, `modelLatency` (ms),
         *     `errors4xx`, `errors5xx`, `cpuUtilization` (% per vCPU) and `memoryUtilization` (%).
         * @enum {string}
         */
        MetricName: "gpuUtilization" | "gpuMemoryUtilization" | "concurrentRequests" | "invocations" | "modelLatency" | "errors4xx" | "errors5xx" | "cpuUtilization" | "memoryUtilization";
        /**
         * @description A CloudWatch statistic (names as CloudWatch spells them).
         * @enum {string}
         */
        Statistic: "Average" | "Sum" | "Minimum" | "Maximum" | "SampleCount" | "p50" | "p90" | "p99";
        /** @description Metric series of one endpoint over one window. */
        EndpointMetrics: {
            endpoint: components["schemas"]["EndpointName"];
            /**
             * Format: date-time
             * @description Start of the window (inclusive).
             */
            start: string;
            /**
             * Format: date-time
             * @description End of the window (exclusive).
             */
            end: string;
            /** @description Seconds per data point. */
            period: number;
            /** @description One series per metric, or per metric and variant, and per instance. */
            series: components["schemas"]["MetricSeries"][];
        };
        /** @description The data points of one metric (of one variant or instance, when read per variant or instance). */
        MetricSeries: {
            metric: components["schemas"]["MetricName"];
            stat: components["schemas"]["Statistic"];
            /**
             * @description The unit of the values: `Percent` for utilizations (per GPU or per vCPU),
             *     `Count` for requests, invocations, errors and any `SampleCount`, `Milliseconds`
             *     for latency.
             * @enum {string}
             */
            unit: "Percent" | "Count" | "Milliseconds";
            /**
             * @description The instance the series belongs to (with `perInstance=true`).
             * @example i-0a1b2c3d4e5f60718
             */
            instanceId?: string;
            /**
             * @description The variant the series belongs to, when the endpoint is read per variant (several
             *     variants, `variant` or `perVariant=true`).
             * @example b
             */
            variant?: string;
            /**
             * @description Whether the variant serves callers (`production`) or gets a copy of their requests
             *     whose answers are dropped (`shadow`); given with `variant`.
             * @enum {string}
             */
            role?: "production" | "shadow";
            /** @description The data points in time order; periods without data are left out. */
            points: components["schemas"]["MetricPoint"][];
        };
        /** @description One data point. */
        MetricPoint: {
            /**
             * Format: date-time
             * @description Start of the period.
             */
            timestamp: string;
            /** @description The statistic's value over the period. */
            value: number;
        };
        /** @description A GPU instance type endpoints can use. */
        InstanceType: {
            name: components["schemas"]["InstanceTypeName"];
            /**
             * @description The number of GPUs.
             * @example 1
             */
            gpus: number;
            /**
             * @description GPU memory in GiB, the total over all GPUs.
             * @example 24
             */
            gpuMemoryGiB: number;
            /**
             * @description The GPU model.
             * @example A10G
             */
            gpuModel: string;
            /**
             * @description The number of vCPUs.
             * @example 8
             */
            vcpus: number;
            /**
             * @description Host memory in GiB.
             * @example 32
             */
            memoryGiB: number;
        };
        /** @description The supported instance types. */
        InstanceTypeList: {
            /** @description The instance types, smallest first. */
            items: components["schemas"]["InstanceType"][];
        };
        /** @description A model series (family) and how it is served. */
        Series: {
            /**
             * @description The series name.
             * @example llama
             */
            name: string;
            /**
             * @description The serving engine: `lmi` (DJL Serving LMI), `vllm` (the AWS vLLM container),
             *     `hfInference` (the Hugging Face inference toolkit, for encoder-decoder and small
             *     models) or `tgi` (Text Generation Inference, legacy: in maintenance since December 2025).
             * @enum {string}
             */
            serving: "lmi" | "vllm" | "hfInference" | "tgi";
            /** @description The `config.json` architectures that belong to the series. */
            architectures: string[];
            /** @description What the series covers. */
            description: string;
        };
        /** @description The supported model series. */
        SeriesList: {
            /** @description The series, in name order. */
            items: components["schemas"]["Series"][];
        };
    };
    responses: {
        /**
         * @description The request is not valid (`ValidationFailed`), or an AWS quota of the account stands in
         *     its way (`QuotaExceeded`). `errors` lists every problem.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:ValidationFailed",
                 *       "title": "Bad Request",
                 *       "status": 400,
                 *       "detail": "The request has 2 problems; the first is /body/name: must match pattern \"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$\".",
                 *       "instance": "/v1/endpoints",
                 *       "code": "ValidationFailed",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                 *       "errors": [
                 *         {
                 *           "path": "/body/name",
                 *           "message": "must match pattern \"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$\""
                 *         },
                 *         {
                 *           "path": "/body/instanceType",
                 *           "message": "demo-model version 1 needs 18.5 GiB of GPU memory; ml.g4dn.xlarge has 16 GiB. It fits on ml.g5.2xlarge, ml.g6.2xlarge, ml.g6e.xlarge, ml.g5.12xlarge."
                 *         }
                 *       ]
                 *     }
                 */
                "application/problem+json": components["schemas"]["ValidationProblem"];
            };
        };
        /** @description The ID token is missing, expired or invalid. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:Unauthorized",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "The request carries no valid ID token.",
                 *       "code": "Unauthorized",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The resource does not exist in the caller's tenant. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:NotFound",
                 *       "title": "Not Found",
                 *       "status": 404,
                 *       "detail": "There is no endpoint named demo-endpoint.",
                 *       "instance": "/v1/endpoints/demo-endpoint",
                 *       "code": "NotFound",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request conflicts with the resource's state: a name already taken
         *     (`ModelAlreadyExists`, `ModelNameUnavailable`), a reused idempotency key (`IdempotencyKeyReused`), a busy endpoint
         *     (`EndpointBusy`), a pause or resume the endpoint's state refuses (`EndpointNotRunning`,
         *     `EndpointPausing`, `PausedVersionUnavailable`), a model or version still in use
         *     (`ModelInUse`, `VersionInUse`), or a packaging job in the wrong state (`PackagingJobFinished`, `PackagingJobNotSucceeded`).
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:EndpointBusy",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "Endpoint demo-endpoint is updating; try again when it is running.",
                 *       "instance": "/v1/endpoints/demo-endpoint",
                 *       "code": "EndpointBusy",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                 *       "currentStatus": "updating"
                 *     }
                 */
                "application/problem+json": components["schemas"]["ConflictProblem"];
            };
        };
        /** @description Too many requests, from the caller or to AWS on its behalf (`Throttled`). */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:Throttled",
                 *       "title": "Too Many Requests",
                 *       "status": 429,
                 *       "detail": "Too many requests; retry in a few seconds.",
                 *       "code": "Throttled",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request body is over the API's limit (`RequestTooLarge`): 6 MB, the Lambda invocation
         *     payload limit (API Gateway's own is 10 MB); the local control plane refuses the same.
         */
        ContentTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:RequestTooLarge",
                 *       "title": "Content Too Large",
                 *       "status": 413,
                 *       "detail": "The request body is over the 6 MB limit.",
                 *       "instance": "/v1/models",
                 *       "code": "RequestTooLarge",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected error (`InternalError`). The problem carries only the request id; the cause is logged. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:InternalError",
                 *       "title": "Internal Server Error",
                 *       "status": 500,
                 *       "detail": "An unexpected error occurred. Quote the request id when you report it.",
                 *       "code": "InternalError",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The endpoint does not serve requests in its current status (`EndpointNotRunning`):
         *     for example `creating`, `paused`, `failed` or `deleting`. `currentStatus` says which.
         */
        EndpointNotRunning: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:EndpointNotRunning",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "Endpoint demo-endpoint is creating; invoke it when it is running.",
                 *       "instance": "/v1/endpoints/demo-endpoint/invocations",
                 *       "code": "EndpointNotRunning",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                 *       "currentStatus": "creating"
                 *     }
                 */
                "application/problem+json": components["schemas"]["ConflictProblem"];
            };
        };
        /**
         * @description The model container refused the request with a 4xx (`ModelRequestRejected`): the
         *     request reached the model, whose message is kept in `detail` and `originalMessage`.
         */
        ModelRequestRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:ModelRequestRejected",
                 *       "title": "Unprocessable Content",
                 *       "status": 422,
                 *       "detail": "The model refused the request (400): Input validation error: `inputs` must be a string",
                 *       "instance": "/v1/endpoints/demo-endpoint/invocations",
                 *       "code": "ModelRequestRejected",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                 *       "originalStatusCode": 400,
                 *       "originalMessage": "Input validation error: `inputs` must be a string"
                 *     }
                 */
                "application/problem+json": components["schemas"]["ModelProblem"];
            };
        };
        /**
         * @description The model container failed (`ModelError`: it answered a 5xx, or broke off its answer
         *     stream, `ModelStreamError`). The container's message is kept in `detail` and
         *     `originalMessage`; `logs` links the endpoint's log group.
         */
        ModelError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:ModelError",
                 *       "title": "Bad Gateway",
                 *       "status": 502,
                 *       "detail": "The model failed (500): CUDA out of memory",
                 *       "instance": "/v1/endpoints/demo-endpoint/invocations",
                 *       "code": "ModelError",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                 *       "originalStatusCode": 500,
                 *       "originalMessage": "CUDA out of memory"
                 *     }
                 */
                "application/problem+json": components["schemas"]["ModelProblem"];
            };
        };
        /**
         * @description An AWS dependency failed (`ServiceUnavailable`) or has no capacity for the instance
         *     type right now (`InsufficientCapacity`). Retry later.
         */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "urn:modelplane:problem:InsufficientCapacity",
                 *       "title": "Service Unavailable",
                 *       "status": 503,
                 *       "detail": "SageMaker has no ml.g5.12xlarge capacity in us-east-1 right now.",
                 *       "instance": "/v1/endpoints",
                 *       "code": "InsufficientCapacity",
                 *       "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The model's name.
         * @example demo-model
         */
        ModelName: components["schemas"]["ModelName"];
        /**
         * @description The version number within the model.
         * @example 1
         */
        Version: components["schemas"]["VersionNumber"];
        /**
         * @description The alias name.
         * @example prod
         */
        Alias: components["schemas"]["AliasName"];
        /**
         * @description The endpoint's name.
         * @example demo-endpoint
         */
        EndpointName: components["schemas"]["EndpointName"];
        /**
         * @description The packaging job's id.
         * @example pj-5f2c7e1a9b3d4c6e
         */
        JobId: string;
        /** @description The most items to return in one page. */
        Limit: number;
        /** @description The `nextToken` of the previous page, unchanged. Opaque. */
        NextToken: string;
        /**
         * @description A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and
         *     body return the first result; the same key with another body is a
         *     `409 IdempotencyKeyReused`. Kept for 24 hours.
         * @example 7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20
         */
        IdempotencyKey: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The URL of the new resource, relative to the API's base URL.
         * @example /v1/endpoints/demo-endpoint
         */
        Location: string;
        /**
         * @description Seconds to wait before retrying.
         * @example 5
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listPackagingJobs: {
        parameters: {
            query?: {
                /** @description Only jobs in this status. */
                status?: components["schemas"]["PackagingJobStatus"];
                /** @description Only jobs that register into this model. */
                model?: components["schemas"]["ModelName"];
                /** @description The most items to return in one page. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextToken` of the previous page, unchanged. Opaque. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of packaging jobs. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackagingJobList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createPackagingJob: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and
                 *     body return the first result; the same key with another body is a
                 *     `409 IdempotencyKeyReused`. Kept for 24 hours.
                 * @example 7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "source": {
                 *         "type": "huggingface",
                 *         "modelId": "Qwen/Qwen2.5-0.5B-Instruct",
                 *         "revision": "main"
                 *       },
                 *       "buildImage": true
                 *     }
                 */
                "application/json": components["schemas"]["CreatePackagingJobRequest"];
            };
        };
        responses: {
            /** @description The job was accepted and queued. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "pj-8a1d3f5b7c9e2a4c",
                     *       "status": "queued",
                     *       "progress": {
                     *         "bytesDone": 0,
                     *         "bytesTotal": 0,
                     *         "filesDone": 0,
                     *         "filesTotal": 0
                     *       },
                     *       "source": {
                     *         "type": "huggingface",
                     *         "modelId": "Qwen/Qwen2.5-0.5B-Instruct",
                     *         "revision": "main"
                     *       },
                     *       "buildImage": true,
                     *       "register": false,
                     *       "links": {},
                     *       "createdAt": "2025-06-01T12:00:00Z",
                     *       "updatedAt": "2025-06-01T12:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PackagingJob"];
                };
            };
            /**
             * @description The request is not valid (`ValidationFailed`), or its S3 source lies outside the
             *     places packaging may read (`SourceNotAllowed`, with `allowedSources`). `errors`
             *     lists every problem.
             */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ValidationProblem"];
                };
            };
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPackagingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The packaging job's id.
                 * @example pj-5f2c7e1a9b3d4c6e
                 */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The packaging job. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "jobId": "pj-5f2c7e1a9b3d4c6e",
                     *       "status": "succeeded",
                     *       "progress": {
                     *         "bytesDone": 16060522496,
                     *         "bytesTotal": 16060522496,
                     *         "filesDone": 7,
                     *         "filesTotal": 7
                     *       },
                     *       "source": {
                     *         "type": "huggingface",
                     *         "modelId": "meta-llama/Llama-3.1-8B-Instruct",
                     *         "revision": "main",
                     *         "tokenSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:modelplane/hf-token-AbCdEf"
                     *       },
                     *       "resolvedRevision": "0e9e39f249a16976918f6564b8830bc894c89659",
                     *       "series": "llama",
                     *       "model": "demo-model",
                     *       "version": 2,
                     *       "buildImage": true,
                     *       "register": true,
                     *       "artifacts": {
                     *         "modelDataUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/",
                     *         "manifestUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/manifest.json",
                     *         "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane/serving@sha256:9b2f4c8e1d7a6b5c3e2f1a0d9c8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"
                     *       },
                     *       "links": {
                     *         "logs": "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fbatch$252Fjob"
                     *       },
                     *       "createdAt": "2025-06-03T08:38:00Z",
                     *       "updatedAt": "2025-06-03T09:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["PackagingJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelPackagingJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The packaging job's id.
                 * @example pj-5f2c7e1a9b3d4c6e
                 */
                jobId: components["parameters"]["JobId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancellation was requested. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PackagingJob"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listModels: {
        parameters: {
            query?: {
                /** @description The most items to return in one page. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextToken` of the previous page, unchanged. Opaque. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of models. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createModel: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and
                 *     body return the first result; the same key with another body is a
                 *     `409 IdempotencyKeyReused`. Kept for 24 hours.
                 * @example 7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "demo-model",
                 *       "description": "Llama 3.1 8B Instruct for the support assistant.",
                 *       "labels": {
                 *         "team": "support",
                 *         "costCenter": "cc-1234"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateModelRequest"];
            };
        };
        responses: {
            /** @description The model was created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-model",
                     *       "description": "Llama 3.1 8B Instruct for the support assistant.",
                     *       "labels": {
                     *         "team": "support",
                     *         "costCenter": "cc-1234"
                     *       },
                     *       "aliases": {},
                     *       "createdAt": "2025-06-01T12:00:00Z",
                     *       "updatedAt": "2025-06-01T12:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-model",
                     *       "description": "Llama 3.1 8B Instruct for the support assistant.",
                     *       "labels": {
                     *         "team": "support"
                     *       },
                     *       "aliases": {
                     *         "prod": 1
                     *       },
                     *       "latestVersion": 2,
                     *       "createdAt": "2025-06-01T12:00:00Z",
                     *       "updatedAt": "2025-06-03T09:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The model and its versions were deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateModel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "description": "Llama 3.1 8B Instruct, fine-tuned on support tickets.",
                 *       "labels": {
                 *         "team": "support",
                 *         "stage": "pilot"
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["UpdateModelRequest"];
            };
        };
        responses: {
            /** @description The updated model. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listModelVersions: {
        parameters: {
            query?: {
                /** @description The most items to return in one page. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextToken` of the previous page, unchanged. Opaque. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of versions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createModelVersion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and
                 *     body return the first result; the same key with another body is a
                 *     `409 IdempotencyKeyReused`. Kept for 24 hours.
                 * @example 7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "modelDataUri": "s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/",
                 *       "imageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                 *       "environment": {
                 *         "HF_MODEL_ID": "/opt/ml/model",
                 *         "OPTION_ROLLING_BATCH": "vllm",
                 *         "OPTION_MAX_MODEL_LEN": "8192"
                 *       },
                 *       "series": "llama",
                 *       "description": "Fine-tuned on support tickets of May 2025.",
                 *       "approval": "approved"
                 *     }
                 */
                "application/json": components["schemas"]["CreateModelVersionRequest"];
            };
        };
        responses: {
            /** @description The version was created. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "model": "demo-model",
                     *       "version": 1,
                     *       "modelDataUri": "s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/",
                     *       "imageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                     *       "environment": {
                     *         "HF_MODEL_ID": "/opt/ml/model",
                     *         "OPTION_ROLLING_BATCH": "vllm",
                     *         "OPTION_MAX_MODEL_LEN": "8192"
                     *       },
                     *       "series": "llama",
                     *       "approval": "approved",
                     *       "description": "Fine-tuned on support tickets of May 2025.",
                     *       "labels": {},
                     *       "aliases": [],
                     *       "sizing": {
                     *         "parameters": 8030261248,
                     *         "dtype": "bfloat16",
                     *         "weightBytes": 16060522496,
                     *         "minGpuMemoryGiB": 18.5,
                     *         "fitsOn": [
                     *           "ml.g5.2xlarge",
                     *           "ml.g6.2xlarge",
                     *           "ml.g6e.xlarge",
                     *           "ml.g5.12xlarge"
                     *         ]
                     *       },
                     *       "source": {},
                     *       "sagemakerModelName": "demo-model-v1",
                     *       "modelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/1",
                     *       "createdAt": "2025-06-02T08:00:00Z",
                     *       "updatedAt": "2025-06-02T08:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The version number within the model.
                 * @example 1
                 */
                version: components["parameters"]["Version"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "model": "demo-model",
                     *       "version": 2,
                     *       "modelDataUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/",
                     *       "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane/serving@sha256:9b2f4c8e1d7a6b5c3e2f1a0d9c8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b",
                     *       "environment": {
                     *         "HF_MODEL_ID": "/opt/ml/model",
                     *         "OPTION_ROLLING_BATCH": "vllm",
                     *         "OPTION_TENSOR_PARALLEL_DEGREE": "max"
                     *       },
                     *       "series": "llama",
                     *       "approval": "approved",
                     *       "labels": {
                     *         "source": "hub"
                     *       },
                     *       "aliases": [
                     *         "prod"
                     *       ],
                     *       "sizing": {
                     *         "parameters": 8030261248,
                     *         "dtype": "bfloat16",
                     *         "weightBytes": 16060522496,
                     *         "minGpuMemoryGiB": 18.5,
                     *         "fitsOn": [
                     *           "ml.g5.2xlarge",
                     *           "ml.g6.2xlarge",
                     *           "ml.g6e.xlarge",
                     *           "ml.g5.12xlarge"
                     *         ]
                     *       },
                     *       "source": {
                     *         "packagingJobId": "pj-5f2c7e1a9b3d4c6e"
                     *       },
                     *       "sagemakerModelName": "demo-model-v2",
                     *       "modelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/2",
                     *       "createdAt": "2025-06-03T09:00:00Z",
                     *       "updatedAt": "2025-06-03T09:30:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The version number within the model.
                 * @example 1
                 */
                version: components["parameters"]["Version"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateModelVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The version number within the model.
                 * @example 1
                 */
                version: components["parameters"]["Version"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "approval": "approved",
                 *       "description": "Approved after the May 2025 evaluation."
                 *     }
                 */
                "application/json": components["schemas"]["UpdateModelVersionRequest"];
            };
        };
        responses: {
            /** @description The updated version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putModelAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The alias name.
                 * @example prod
                 */
                alias: components["parameters"]["Alias"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "version": 1
                 *     }
                 */
                "application/json": components["schemas"]["PutAliasRequest"];
            };
        };
        responses: {
            /** @description The model with its aliases. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-model",
                     *       "labels": {},
                     *       "aliases": {
                     *         "prod": 1
                     *       },
                     *       "latestVersion": 1,
                     *       "createdAt": "2025-06-01T12:00:00Z",
                     *       "updatedAt": "2025-06-02T08:05:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Model"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteModelAlias: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The model's name.
                 * @example demo-model
                 */
                modelName: components["parameters"]["ModelName"];
                /**
                 * @description The alias name.
                 * @example prod
                 */
                alias: components["parameters"]["Alias"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The alias was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEndpoints: {
        parameters: {
            query?: {
                /** @description The most items to return in one page. */
                limit?: components["parameters"]["Limit"];
                /** @description The `nextToken` of the previous page, unchanged. Opaque. */
                nextToken?: components["parameters"]["NextToken"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of endpoints. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and
                 *     body return the first result; the same key with another body is a
                 *     `409 IdempotencyKeyReused`. Kept for 24 hours.
                 * @example 7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "demo-endpoint",
                 *       "model": "demo-model",
                 *       "alias": "prod",
                 *       "instanceType": "ml.g5.2xlarge",
                 *       "instanceCount": 1,
                 *       "autoscaling": {
                 *         "minInstances": 1,
                 *         "maxInstances": 4,
                 *         "target": {
                 *           "metric": "concurrentRequests",
                 *           "value": 8
                 *         }
                 *       },
                 *       "deployment": {
                 *         "strategy": "canary",
                 *         "stepPercent": 10,
                 *         "waitSeconds": 600,
                 *         "rollbackOnAlarms": true
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["CreateEndpointRequest"];
            };
        };
        responses: {
            /** @description The endpoint is being created. */
            202: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-endpoint",
                     *       "status": "creating",
                     *       "sagemakerStatus": "Creating",
                     *       "sagemakerEndpointName": "demo-endpoint",
                     *       "links": {
                     *         "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                     *       },
                     *       "model": "demo-model",
                     *       "version": 1,
                     *       "alias": "prod",
                     *       "instanceType": "ml.g5.2xlarge",
                     *       "instanceCount": {
                     *         "current": 0,
                     *         "desired": 1
                     *       },
                     *       "autoscaling": {
                     *         "minInstances": 1,
                     *         "maxInstances": 4,
                     *         "target": {
                     *           "metric": "concurrentRequests",
                     *           "value": 8
                     *         }
                     *       },
                     *       "deployment": {
                     *         "strategy": "canary",
                     *         "stepPercent": 10,
                     *         "waitSeconds": 600,
                     *         "rollbackOnAlarms": true
                     *       },
                     *       "createdAt": "2025-06-02T08:10:00Z",
                     *       "updatedAt": "2025-06-02T08:10:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-endpoint",
                     *       "status": "running",
                     *       "sagemakerStatus": "InService",
                     *       "sagemakerEndpointName": "demo-endpoint",
                     *       "links": {
                     *         "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                     *       },
                     *       "model": "demo-model",
                     *       "version": 1,
                     *       "alias": "prod",
                     *       "instanceType": "ml.g5.2xlarge",
                     *       "instanceCount": {
                     *         "current": 2,
                     *         "desired": 2
                     *       },
                     *       "autoscaling": {
                     *         "minInstances": 1,
                     *         "maxInstances": 4,
                     *         "target": {
                     *           "metric": "concurrentRequests",
                     *           "value": 8
                     *         }
                     *       },
                     *       "createdAt": "2025-06-02T08:10:00Z",
                     *       "updatedAt": "2025-06-02T08:21:10Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint is being deleted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-endpoint",
                     *       "status": "deleting",
                     *       "sagemakerStatus": "Deleting",
                     *       "sagemakerEndpointName": "demo-endpoint",
                     *       "links": {
                     *         "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                     *       },
                     *       "model": "demo-model",
                     *       "version": 1,
                     *       "instanceType": "ml.g5.2xlarge",
                     *       "instanceCount": {
                     *         "current": 2,
                     *         "desired": 0
                     *       },
                     *       "createdAt": "2025-06-02T08:10:00Z",
                     *       "updatedAt": "2025-06-05T17:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    updateEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "instanceCount": 2
                 *     }
                 */
                "application/json": components["schemas"]["UpdateEndpointRequest"];
            };
        };
        responses: {
            /** @description The update was accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    promoteEndpointVariant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "variant": "green"
                 *     }
                 */
                "application/json": components["schemas"]["PromoteEndpointVariantRequest"];
            };
        };
        responses: {
            /** @description The promotion was accepted. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    pauseEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint is paused. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "name": "demo-endpoint",
                     *       "status": "paused",
                     *       "sagemakerStatus": "Deleting",
                     *       "sagemakerEndpointName": "demo-endpoint",
                     *       "links": {
                     *         "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                     *       },
                     *       "model": "demo-model",
                     *       "version": 1,
                     *       "instanceType": "ml.g5.2xlarge",
                     *       "instanceCount": {
                     *         "current": 0,
                     *         "desired": 2
                     *       },
                     *       "createdAt": "2025-06-02T08:10:00Z",
                     *       "updatedAt": "2025-06-05T19:00:00Z",
                     *       "pausedAt": "2025-06-05T19:00:00Z"
                     *     }
                     */
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resumeEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint is being recreated. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Endpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    invokeEndpoint: {
        parameters: {
            query?: {
                /**
                 * @description The production variant to send the request to (SageMaker `TargetVariant`); by default SageMaker picks one by weight.
                 * @example main
                 */
                variant?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        /** @description The model's input, in any content type the model container accepts. */
        requestBody: {
            content: {
                /** @example {"inputs": "What is deep learning?", "parameters": {"max_new_tokens": 32}} */
                "*/*": string;
            };
        };
        responses: {
            /** @description The model's answer, with the content type the model gave it. */
            200: {
                headers: {
                    /**
                     * @description The production variant that answered.
                     * @example main
                     */
                    "X-Modelplane-Variant"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /** @example [{"generated_text": "Deep learning is a part of machine learning."}] */
                    "*/*": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EndpointNotRunning"];
            413: components["responses"]["ContentTooLarge"];
            422: components["responses"]["ModelRequestRejected"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["ModelError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createChatCompletion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "messages": [
                 *         {
                 *           "role": "system",
                 *           "content": "You are a helpful assistant."
                 *         },
                 *         {
                 *           "role": "user",
                 *           "content": "What is deep learning?"
                 *         }
                 *       ],
                 *       "max_tokens": 64,
                 *       "temperature": 0.7
                 *     }
                 */
                "application/json": components["schemas"]["ChatCompletionRequest"];
            };
        };
        responses: {
            /** @description The completion, or with `stream` true the stream of its chunks. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "chatcmpl-8b1f0c3e",
                     *       "object": "chat.completion",
                     *       "created": 1748851200,
                     *       "model": "demo-model",
                     *       "choices": [
                     *         {
                     *           "index": 0,
                     *           "message": {
                     *             "role": "assistant",
                     *             "content": "Deep learning is a part of machine learning."
                     *           },
                     *           "finish_reason": "stop"
                     *         }
                     *       ],
                     *       "usage": {
                     *         "prompt_tokens": 12,
                     *         "completion_tokens": 9,
                     *         "total_tokens": 21
                     *       }
                     *     }
                     */
                    "application/json": components["schemas"]["ChatCompletion"];
                    /**
                     * @example {
                     *       "id": "chatcmpl-8b1f0c3e",
                     *       "object": "chat.completion.chunk",
                     *       "created": 1748851200,
                     *       "model": "demo-model",
                     *       "choices": [
                     *         {
                     *           "index": 0,
                     *           "delta": {
                     *             "role": "assistant",
                     *             "content": "Deep"
                     *           },
                     *           "finish_reason": null
                     *         }
                     *       ]
                     *     }
                     */
                    "text/event-stream": components["schemas"]["ChatCompletionChunk"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["EndpointNotRunning"];
            413: components["responses"]["ContentTooLarge"];
            422: components["responses"]["ModelRequestRejected"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            502: components["responses"]["ModelError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getEndpointMetrics: {
        parameters: {
            query?: {
                /**
                 * @description The metrics to return, comma-separated. Default: all of them.
                 * @example [
                 *       "gpuUtilization",
                 *       "gpuMemoryUtilization",
                 *       "concurrentRequests"
                 *     ]
                 */
                metrics?: components["schemas"]["MetricName"][];
                /**
                 * @description Start of the window (inclusive); by default one hour before `end`.
                 * @example 2025-06-02T09:00:00Z
                 */
                start?: string;
                /**
                 * @description End of the window (exclusive); by default now.
                 * @example 2025-06-02T10:00:00Z
                 */
                end?: string;
                /**
                 * @description The length of one data point in seconds: 10, 30 or a multiple of 60. Periods under
                 *     60 seconds exist only for high-resolution metrics (`concurrentRequests`) and only
                 *     for the last three hours. CloudWatch keeps older data at coarser periods: a window
                 *     starting more than 15 days ago needs a multiple of 300, more than 63 days ago a
                 *     multiple of 3600, and nothing older than 455 days is kept. Default: 60.
                 * @example 300
                 */
                period?: number;
                /**
                 * @description The statistic of each data point. Default: each metric's own, `Sum` for the counts
                 *     (`invocations`, `errors4xx`, `errors5xx`) and `Average` for the others.
                 *     `SampleCount` counts the data points CloudWatch received, so its values are a
                 *     `Count` and are not normalised.
                 */
                stat?: components["schemas"]["Statistic"];
                /**
                 * @description One series per instance instead of one for the whole endpoint, for the metrics
                 *     SageMaker records per instance: `gpuUtilization`, `gpuMemoryUtilization`,
                 *     `cpuUtilization`, `memoryUtilization` and `concurrentRequests`. The other metrics
                 *     keep one series for the endpoint. Instances that reported nothing in the window are
                 *     left out. On an endpoint read per variant, each instance's series also names its
                 *     `variant` and `role`.
                 */
                perInstance?: boolean;
                /**
                 * @description Reads only these variants of the endpoint (production or shadow), comma-separated;
                 *     the series then name their `variant`. A name the endpoint does not serve is a `400`
                 *     that lists the variants it does serve. Default: every variant.
                 * @example [
                 *       "a",
                 *       "b"
                 *     ]
                 */
                variant?: string[];
                /**
                 * @description One series per variant, each naming its `variant` and `role`. Default: `true` when
                 *     the endpoint serves more than one variant or `variant` is given, `false` otherwise,
                 *     so a single-variant endpoint answers as it always has. `false` with more than one
                 *     variant to read is a `400`: series of different variants are not added up.
                 */
                perVariant?: boolean;
            };
            header?: never;
            path: {
                /**
                 * @description The endpoint's name.
                 * @example demo-endpoint
                 */
                endpointName: components["parameters"]["EndpointName"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metric series. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EndpointMetrics"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInstanceTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The supported instance types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "ml.g5.2xlarge",
                     *           "gpus": 1,
                     *           "gpuMemoryGiB": 24,
                     *           "gpuModel": "A10G",
                     *           "vcpus": 8,
                     *           "memoryGiB": 32
                     *         },
                     *         {
                     *           "name": "ml.g5.12xlarge",
                     *           "gpus": 4,
                     *           "gpuMemoryGiB": 96,
                     *           "gpuModel": "A10G",
                     *           "vcpus": 48,
                     *           "memoryGiB": 192
                     *         },
                     *         {
                     *           "name": "ml.g6e.xlarge",
                     *           "gpus": 1,
                     *           "gpuMemoryGiB": 48,
                     *           "gpuModel": "L40S",
                     *           "vcpus": 4,
                     *           "memoryGiB": 32
                     *         },
                     *         {
                     *           "name": "ml.p4d.24xlarge",
                     *           "gpus": 8,
                     *           "gpuMemoryGiB": 320,
                     *           "gpuModel": "A100",
                     *           "vcpus": 96,
                     *           "memoryGiB": 1152
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["InstanceTypeList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
    listSeries: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The supported series. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "name": "llama",
                     *           "serving": "lmi",
                     *           "architectures": [
                     *             "LlamaForCausalLM"
                     *           ],
                     *           "description": "Meta Llama 2, 3, 3.1 and 3.2 text models, served by LMI (DJL Serving with vLLM)."
                     *         },
                     *         {
                     *           "name": "t5",
                     *           "serving": "hfInference",
                     *           "architectures": [
                     *             "T5ForConditionalGeneration"
                     *           ],
                     *           "description": "T5 and Flan-T5 encoder-decoder models, served by the Hugging Face inference toolkit."
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SeriesList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["ContentTooLarge"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalError"];
        };
    };
}
