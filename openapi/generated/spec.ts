// Generated from openapi/openapi.yaml by scripts/generate-api.ts. Do not edit: run `npm run api:generate`.
import type { OpenApiDocument } from '../../lambdas/shared/http/openapi-document.js';

export const openApiDocument = {
  "openapi": "3.0.3",
  "info": {
    "title": "modelplane",
    "version": "1.0.0",
    "license": {
      "name": "Apache-2.0",
      "url": "https://www.apache.org/licenses/LICENSE-2.0"
    },
    "description": "modelplane is a serverless control plane for self-hosted models on Amazon SageMaker:\npackage a model from the Hugging Face Hub (or a fine-tuned copy in S3), register it as a\nversioned model, serve it on GPU endpoints, scale it, roll it forward or back, and watch it run.\n\n## Authentication and tenancy\nEvery request carries a Cognito user pool **ID token** in the `Authorization` header. The\ncaller's tenant is the token's `custom:tenant` claim. Every resource belongs to exactly one\ntenant: callers see and change only their own tenant's resources, and another tenant's\nresource answers `404 NotFound` exactly as a missing one does. Names of models and endpoints\nare unique within a deployment (SageMaker names are unique per account and Region), so a\ncreate can be refused with `409 ModelNameUnavailable` for a name another tenant holds; the\nproblem says nothing else about that resource.\n\n## Errors\nEvery error is an RFC 9457 problem document (`application/problem+json`) with `type`,\n`title`, `status`, `detail`, `instance`, a stable machine-readable `code` and the\n`requestId` to quote in support requests. Validation problems list **every** problem at\nonce in `errors: [{ path, message }]`, where `path` is a JSON pointer rooted at the request\npart (`/body/name`, `/query/limit`, `/path/modelName`). `type` is\n`urn:modelplane:problem:{code}`. Clients switch on `code`:\n\n| status | code | meaning |\n|---|---|---|\n| 400 | `ValidationFailed` | the request breaks the schema or a rule of the service (for example an instance type the model does not fit on), or a resource its body names does not exist |\n| 400 | `SourceNotAllowed` | an S3 packaging source lies outside the places packaging may read (the artifact bucket's `uploads/` and the deployment's `sourceBuckets`); `allowedSources` lists them |\n| 400 | `QuotaExceeded` | an AWS service quota of the account is too low for the request (for example `ml.g5.12xlarge for endpoint usage`); `errors` points at the field that asks for it |\n| 401 | `MissingTenant`, `InvalidTenant` | the ID token is missing, expired or invalid, or carries no usable `custom:tenant` claim |\n| 404 | `ModelNotFound`, `VersionNotFound`, `AliasNotFound`, `EndpointNotFound`, `PackagingJobNotFound`, `NotFound` | the resource does not exist in the caller's tenant |\n| 404 | `RouteNotFound` | no such route (or one this deployment does not serve yet) |\n| 409 | `ModelAlreadyExists` | the caller's tenant already has a model of that name |\n| 409 | `ModelNameUnavailable` | the name is held elsewhere in the account (names are unique per account and Region) |\n| 409 | `EndpointAlreadyExists` | the caller's tenant already has an endpoint of that name |\n| 409 | `EndpointNameUnavailable` | the endpoint name is held elsewhere in the account |\n| 409 | `IdempotencyKeyReused` | the `Idempotency-Key` was used with a different request body |\n| 409 | `IdempotencyKeyInProgress` | a request with the same `Idempotency-Key` is still running; retry shortly |\n| 409 | `EndpointBusy` | the endpoint is creating, updating, rolling back or deleting; `currentStatus` says which |\n| 409 | `EndpointNotRunning` | the endpoint does not serve requests in its status (creating, paused, failed, ...); `currentStatus` says which |\n| 409 | `EndpointFailed` | the endpoint failed; delete it and create it again (`currentStatus` is `failed`) |\n| 409 | `EndpointNotRunning` | the endpoint can be paused only when it serves (`running` or `updateFailed`); `currentStatus` says where it stands |\n| 409 | `EndpointPausing` | the paused endpoint's SageMaker endpoint is still being deleted; resume it once that is done (a minute or two) |\n| 409 | `PausedVersionUnavailable` | the paused endpoint's version was deleted (or is no longer approved) meanwhile; change its `version` (PATCH) and resume |\n| 409 | `EndpointChanged` | the endpoint changed while the request ran; read it again and retry |\n| 409 | `ModelInUse` | the model has a version deployed on an endpoint; `endpoints` names them |\n| 409 | `VersionInUse` | an endpoint serves the version; `endpoints` names them |\n| 409 | `VersionHasAliases` | an alias points at the version; move or delete it first |\n| 409 | `PackagingJobFinished` | the packaging job already succeeded or failed |\n| 409 | `PackagingJobNotSucceeded` | a version was asked for from a packaging job that has not succeeded |\n| 413 | `RequestTooLarge` | the request body is over the 6 MB limit |\n| 422 | `ModelRequestRejected` | the model container refused an invocation with a 4xx; `detail` and `originalMessage` keep its message |\n| 429 | `Throttled` | too many requests; retry after `Retry-After` seconds |\n| 500 | `InternalError` | an unexpected error; the problem carries only the `requestId` |\n| 502 | `ModelError`, `ModelStreamError` | the model container failed an invocation (a 5xx) or broke off its answer stream; `detail` and `originalMessage` keep its message |\n| 503 | `ServiceUnavailable`, `InsufficientCapacity` | an AWS dependency failed, did not answer in time, or has no capacity for the instance type now; retry after `Retry-After` seconds |\n\nA request that cannot be read as HTTP at all never reaches an operation: the local control plane\nanswers it `400 BadRequest` (for example a control character in a header) or `431\nRequestHeaderFieldsTooLarge` (request line and headers over 16 KB), as problems too. On AWS,\nAPI Gateway refuses such requests itself (its limit is 10 KB of request line and headers).\n\n## Pagination\nList operations take `limit` (1 to 100, default 20) and `nextToken`, and answer\n`{ items, nextToken }`. `nextToken` is absent on the last page. Tokens are opaque: pass\none back unchanged, with the same filters, to get the next page.\n\n## Idempotency\nCreates (`POST` of a new resource) accept an `Idempotency-Key` header. Repeating a request\nwith the same key and the same body returns the first result and creates nothing twice;\nthe same key with another body is a `409 IdempotencyKeyReused`. Keys are kept for 24 hours.\nA repeat that arrives while the first is still running waits for it (up to 10 seconds) and\ngets the same answer; after that it is a `409 IdempotencyKeyInProgress`: retry shortly.\n\n## Long-running work\nWork that takes minutes (packaging, creating, updating and deleting endpoints) answers\n`202 Accepted` with the resource in its first status and, for creates, a `Location`\nheader. Poll the resource until its status settles. A change to a resource that is busy\nwith earlier work is a `409` whose problem says the current status.\n\n## Formats\nJSON is camelCase and enum values are camelCase words (CloudWatch statistic and unit names\nexcepted). Times are RFC 3339 UTC strings (`2025-06-01T12:00:00Z`).\n"
  },
  "servers": [
    {
      "url": "/",
      "description": "The API's own base URL (the API Gateway stage, or the local server that `npm start` prints)."
    }
  ],
  "security": [
    {
      "cognito": []
    }
  ],
  "tags": [
    {
      "name": "packaging",
      "description": "Packaging jobs turn a model on the Hugging Face Hub, or weights in S3, into what\nSageMaker serves: uncompressed weights under an S3 prefix, a serving configuration for\nthe model's series, a manifest (files, checksums, parameter count, dtype, the instance\ntypes it fits on) and a serving image in ECR. Jobs run on AWS Batch and report their\nphase and progress while they run; on success they can register a model version.\n"
    },
    {
      "name": "models",
      "description": "A model groups the versions of one model (a SageMaker Model Registry model package\ngroup). It carries a description, labels, and the aliases that point at its versions.\n"
    },
    {
      "name": "versions",
      "description": "A version binds weights (S3) to a serving image (ECR) and its environment: an immutable\nSageMaker model, numbered 1, 2, 3 within its model. Changing the weights, the image or the\nenvironment makes a new version; only the description, approval and labels can change.\n"
    },
    {
      "name": "aliases",
      "description": "Aliases are mutable names for versions (for example `prod` -> 7). An endpoint can be\ncreated or updated from an alias; the alias is resolved to its version at that moment.\n"
    },
    {
      "name": "endpoints",
      "description": "Endpoints serve one model version on GPU instances (SageMaker real-time endpoints):\ncreate, scale in place, change the instance type or version with a blue/green rollout\n(all at once, canary or linear, with automatic rollback), autoscale, and delete with full\nclean-up.\n"
    },
    {
      "name": "inference",
      "description": "Calling a running endpoint: the model's own request format passed through\n(`invokeEndpoint`), and an OpenAI-compatible chat route for decoder LLMs with streaming\n(`createChatCompletion`).\n"
    },
    {
      "name": "metrics",
      "description": "Endpoint metrics from CloudWatch: GPU and CPU utilization, GPU memory, in-flight\nrequests, invocations, latency and errors, over one window and period, in one call.\n"
    },
    {
      "name": "catalog",
      "description": "What this deployment supports: the GPU instance types endpoints can use and the model\nseries (families) the packager knows how to serve.\n"
    }
  ],
  "paths": {
    "/v1/packaging-jobs": {
      "post": {
        "operationId": "createPackagingJob",
        "tags": [
          "packaging"
        ],
        "summary": "Submit a packaging job",
        "description": "Starts packaging a model from the Hugging Face Hub or from S3 (a prefix of files, or a\nSageMaker training job's `model.tar.gz`). The job is queued on AWS Batch and the answer\ncomes at once with the job in status `queued`; poll it with `getPackagingJob`. When\n`model` is given (it must exist) and `register` is not false, a successful job registers\nthe result as a new version of that model.\n\nAn S3 source must lie under the artifact bucket's `uploads/` or one of the deployment's\n`sourceBuckets` (what the packaging job's role can read); anywhere else is a\n`400 SourceNotAllowed` whose `allowedSources` lists where sources may be.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreatePackagingJobRequest"
              },
              "example": {
                "source": {
                  "type": "huggingface",
                  "modelId": "Qwen/Qwen2.5-0.5B-Instruct",
                  "revision": "main"
                },
                "buildImage": true
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "The job was accepted and queued.",
            "headers": {
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PackagingJob"
                },
                "example": {
                  "jobId": "pj-8a1d3f5b7c9e2a4c",
                  "status": "queued",
                  "progress": {
                    "bytesDone": 0,
                    "bytesTotal": 0,
                    "filesDone": 0,
                    "filesTotal": 0
                  },
                  "source": {
                    "type": "huggingface",
                    "modelId": "Qwen/Qwen2.5-0.5B-Instruct",
                    "revision": "main"
                  },
                  "buildImage": true,
                  "register": false,
                  "links": {},
                  "createdAt": "2025-06-01T12:00:00Z",
                  "updatedAt": "2025-06-01T12:00:00Z"
                }
              }
            }
          },
          "400": {
            "description": "The request is not valid (`ValidationFailed`), or its S3 source lies outside the\nplaces packaging may read (`SourceNotAllowed`, with `allowedSources`). `errors`\nlists every problem.\n",
            "content": {
              "application/problem+json": {
                "schema": {
                  "$ref": "#/components/schemas/ValidationProblem"
                },
                "examples": {
                  "ValidationFailed": {
                    "summary": "A body that breaks the rules",
                    "value": {
                      "type": "urn:modelplane:problem:ValidationFailed",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "The request is not valid: /body/register: needs model: the model to register the result into.",
                      "instance": "/v1/packaging-jobs",
                      "code": "ValidationFailed",
                      "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                      "errors": [
                        {
                          "path": "/body/register",
                          "message": "needs model: the model to register the result into"
                        }
                      ]
                    }
                  },
                  "SourceNotAllowed": {
                    "summary": "An S3 source in a bucket packaging may not read",
                    "value": {
                      "type": "urn:modelplane:problem:SourceNotAllowed",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "Packaging cannot read s3://someone-elses-bucket/finetune/: S3 sources must lie under s3://modelplane-artifacts-123456789012/uploads/, s3://ml-training-output/jobs/. Upload the weights there, or add the bucket to the deployment's sourceBuckets.",
                      "instance": "/v1/packaging-jobs",
                      "code": "SourceNotAllowed",
                      "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
                      "errors": [
                        {
                          "path": "/body/source/uri",
                          "message": "is outside the locations packaging may read (s3://modelplane-artifacts-123456789012/uploads/, s3://ml-training-output/jobs/)"
                        }
                      ],
                      "allowedSources": [
                        "s3://modelplane-artifacts-123456789012/uploads/",
                        "s3://ml-training-output/jobs/"
                      ]
                    }
                  }
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "get": {
        "operationId": "listPackagingJobs",
        "tags": [
          "packaging"
        ],
        "summary": "List packaging jobs",
        "description": "Lists the tenant's packaging jobs, newest first, optionally filtered by status and model.",
        "parameters": [
          {
            "name": "status",
            "in": "query",
            "description": "Only jobs in this status.",
            "schema": {
              "$ref": "#/components/schemas/PackagingJobStatus"
            }
          },
          {
            "name": "model",
            "in": "query",
            "description": "Only jobs that register into this model.",
            "schema": {
              "$ref": "#/components/schemas/ModelName"
            }
          },
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/NextToken"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of packaging jobs.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PackagingJobList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/packaging-jobs/{jobId}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/JobId"
        }
      ],
      "get": {
        "operationId": "getPackagingJob",
        "tags": [
          "packaging"
        ],
        "summary": "Describe a packaging job",
        "description": "Returns the job's status, phase, progress and, once it has succeeded, its artifacts; a\nfailed job says why in `failure`.\n",
        "responses": {
          "200": {
            "description": "The packaging job.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PackagingJob"
                },
                "example": {
                  "jobId": "pj-5f2c7e1a9b3d4c6e",
                  "status": "succeeded",
                  "progress": {
                    "bytesDone": 16060522496,
                    "bytesTotal": 16060522496,
                    "filesDone": 7,
                    "filesTotal": 7
                  },
                  "source": {
                    "type": "huggingface",
                    "modelId": "meta-llama/Llama-3.1-8B-Instruct",
                    "revision": "main",
                    "tokenSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:modelplane/hf-token-AbCdEf"
                  },
                  "resolvedRevision": "0e9e39f249a16976918f6564b8830bc894c89659",
                  "series": "llama",
                  "model": "demo-model",
                  "version": 2,
                  "buildImage": true,
                  "register": true,
                  "artifacts": {
                    "modelDataUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/",
                    "manifestUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/manifest.json",
                    "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane/serving@sha256:9b2f4c8e1d7a6b5c3e2f1a0d9c8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b"
                  },
                  "links": {
                    "logs": "https://console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fbatch$252Fjob"
                  },
                  "createdAt": "2025-06-03T08:38:00Z",
                  "updatedAt": "2025-06-03T09:00:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "delete": {
        "operationId": "cancelPackagingJob",
        "tags": [
          "packaging"
        ],
        "summary": "Cancel a packaging job",
        "description": "Asks AWS Batch to stop the job. The answer comes at once; the job turns `cancelled` when\nBatch confirms. Cancelling a cancelled job answers it as it is; a job that already\nsucceeded or failed is a `409 PackagingJobFinished`.\n",
        "responses": {
          "202": {
            "description": "Cancellation was requested.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PackagingJob"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/models": {
      "post": {
        "operationId": "createModel",
        "tags": [
          "models"
        ],
        "summary": "Create a model",
        "description": "Creates an empty model (a SageMaker model package group) to hold versions.",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateModelRequest"
              },
              "example": {
                "name": "demo-model",
                "description": "Llama 3.1 8B Instruct for the support assistant.",
                "labels": {
                  "team": "support",
                  "costCenter": "cc-1234"
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The model was created.",
            "headers": {
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Model"
                },
                "example": {
                  "name": "demo-model",
                  "description": "Llama 3.1 8B Instruct for the support assistant.",
                  "labels": {
                    "team": "support",
                    "costCenter": "cc-1234"
                  },
                  "aliases": {},
                  "createdAt": "2025-06-01T12:00:00Z",
                  "updatedAt": "2025-06-01T12:00:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "get": {
        "operationId": "listModels",
        "tags": [
          "models"
        ],
        "summary": "List models",
        "description": "Lists the tenant's models in name order.",
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/NextToken"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of models.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/models/{modelName}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ModelName"
        }
      ],
      "get": {
        "operationId": "getModel",
        "tags": [
          "models"
        ],
        "summary": "Describe a model",
        "description": "Returns the model with its aliases and its latest version number.",
        "responses": {
          "200": {
            "description": "The model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Model"
                },
                "example": {
                  "name": "demo-model",
                  "description": "Llama 3.1 8B Instruct for the support assistant.",
                  "labels": {
                    "team": "support"
                  },
                  "aliases": {
                    "prod": 1
                  },
                  "latestVersion": 2,
                  "createdAt": "2025-06-01T12:00:00Z",
                  "updatedAt": "2025-06-03T09:30:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "patch": {
        "operationId": "updateModel",
        "tags": [
          "models"
        ],
        "summary": "Update a model",
        "description": "Changes the model's description or labels. `labels` replaces the whole set of labels.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateModelRequest"
              },
              "example": {
                "description": "Llama 3.1 8B Instruct, fine-tuned on support tickets.",
                "labels": {
                  "team": "support",
                  "stage": "pilot"
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated model.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Model"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "delete": {
        "operationId": "deleteModel",
        "tags": [
          "models"
        ],
        "summary": "Delete a model",
        "description": "Deletes the model with all its versions and aliases, and their SageMaker models and\nmodel packages. Refused with `409 ModelInUse` while any of its versions is deployed on\nan endpoint.\n",
        "responses": {
          "204": {
            "description": "The model and its versions were deleted."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/models/{modelName}/versions": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ModelName"
        }
      ],
      "post": {
        "operationId": "createModelVersion",
        "tags": [
          "versions"
        ],
        "summary": "Create a model version",
        "description": "Registers the next version of the model, either from a succeeded packaging job (its\nartifacts, image, series and manifest) or from artifacts given explicitly: an S3 prefix\nof uncompressed weights, a pinned serving image and its environment. Creates the\nSageMaker model and model package. A packaging job that has not succeeded is a\n`409 PackagingJobNotSucceeded`.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateModelVersionRequest"
              },
              "example": {
                "modelDataUri": "s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/",
                "imageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                "environment": {
                  "HF_MODEL_ID": "/opt/ml/model",
                  "OPTION_ROLLING_BATCH": "vllm",
                  "OPTION_MAX_MODEL_LEN": "8192"
                },
                "series": "llama",
                "description": "Fine-tuned on support tickets of May 2025.",
                "approval": "approved"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The version was created.",
            "headers": {
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelVersion"
                },
                "example": {
                  "model": "demo-model",
                  "version": 1,
                  "modelDataUri": "s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/",
                  "imageUri": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128",
                  "environment": {
                    "HF_MODEL_ID": "/opt/ml/model",
                    "OPTION_ROLLING_BATCH": "vllm",
                    "OPTION_MAX_MODEL_LEN": "8192"
                  },
                  "series": "llama",
                  "approval": "approved",
                  "description": "Fine-tuned on support tickets of May 2025.",
                  "labels": {},
                  "aliases": [],
                  "sizing": {
                    "parameters": 8030261248,
                    "dtype": "bfloat16",
                    "weightBytes": 16060522496,
                    "minGpuMemoryGiB": 18.5,
                    "fitsOn": [
                      "ml.g5.2xlarge",
                      "ml.g6.2xlarge",
                      "ml.g6e.xlarge",
                      "ml.g5.12xlarge"
                    ]
                  },
                  "source": {},
                  "sagemakerModelName": "demo-model-v1",
                  "modelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/1",
                  "createdAt": "2025-06-02T08:00:00Z",
                  "updatedAt": "2025-06-02T08:00:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "get": {
        "operationId": "listModelVersions",
        "tags": [
          "versions"
        ],
        "summary": "List model versions",
        "description": "Lists the model's versions, newest (highest number) first.",
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/NextToken"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of versions.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelVersionList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/models/{modelName}/versions/{version}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ModelName"
        },
        {
          "$ref": "#/components/parameters/Version"
        }
      ],
      "get": {
        "operationId": "getModelVersion",
        "tags": [
          "versions"
        ],
        "summary": "Describe a model version",
        "description": "Returns the version with its artifacts, image, environment, sizing and aliases.",
        "responses": {
          "200": {
            "description": "The version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelVersion"
                },
                "example": {
                  "model": "demo-model",
                  "version": 2,
                  "modelDataUri": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/",
                  "imageUri": "123456789012.dkr.ecr.us-east-1.amazonaws.com/modelplane/serving@sha256:9b2f4c8e1d7a6b5c3e2f1a0d9c8b7a6e5f4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b",
                  "environment": {
                    "HF_MODEL_ID": "/opt/ml/model",
                    "OPTION_ROLLING_BATCH": "vllm",
                    "OPTION_TENSOR_PARALLEL_DEGREE": "max"
                  },
                  "series": "llama",
                  "approval": "approved",
                  "labels": {
                    "source": "hub"
                  },
                  "aliases": [
                    "prod"
                  ],
                  "sizing": {
                    "parameters": 8030261248,
                    "dtype": "bfloat16",
                    "weightBytes": 16060522496,
                    "minGpuMemoryGiB": 18.5,
                    "fitsOn": [
                      "ml.g5.2xlarge",
                      "ml.g6.2xlarge",
                      "ml.g6e.xlarge",
                      "ml.g5.12xlarge"
                    ]
                  },
                  "source": {
                    "packagingJobId": "pj-5f2c7e1a9b3d4c6e"
                  },
                  "sagemakerModelName": "demo-model-v2",
                  "modelPackageArn": "arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/2",
                  "createdAt": "2025-06-03T09:00:00Z",
                  "updatedAt": "2025-06-03T09:30:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "patch": {
        "operationId": "updateModelVersion",
        "tags": [
          "versions"
        ],
        "summary": "Update a model version",
        "description": "Changes the version's description, approval or labels. Artifacts, image and environment\nare immutable (a SageMaker model cannot change): to change them, create a new version.\n`labels` replaces the whole set of labels.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateModelVersionRequest"
              },
              "example": {
                "approval": "approved",
                "description": "Approved after the May 2025 evaluation."
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The updated version.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ModelVersion"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "delete": {
        "operationId": "deleteModelVersion",
        "tags": [
          "versions"
        ],
        "summary": "Delete a model version",
        "description": "Deletes the version, its SageMaker model and its model package. Refused with\n`409 VersionInUse` while an endpoint serves it or an alias points at it. Version numbers\nare never reused.\n",
        "responses": {
          "204": {
            "description": "The version was deleted."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/models/{modelName}/aliases/{alias}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/ModelName"
        },
        {
          "$ref": "#/components/parameters/Alias"
        }
      ],
      "put": {
        "operationId": "putModelAlias",
        "tags": [
          "aliases"
        ],
        "summary": "Point an alias at a version",
        "description": "Creates the alias or moves it to another version of the model. Endpoints that were\ncreated or updated from the alias keep serving the version it pointed at then: update\nthem to roll the new version out.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PutAliasRequest"
              },
              "example": {
                "version": 1
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The model with its aliases.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Model"
                },
                "example": {
                  "name": "demo-model",
                  "labels": {},
                  "aliases": {
                    "prod": 1
                  },
                  "latestVersion": 1,
                  "createdAt": "2025-06-01T12:00:00Z",
                  "updatedAt": "2025-06-02T08:05:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "delete": {
        "operationId": "deleteModelAlias",
        "tags": [
          "aliases"
        ],
        "summary": "Delete an alias",
        "description": "Removes the alias. Versions and endpoints are not affected.",
        "responses": {
          "204": {
            "description": "The alias was deleted."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints": {
      "post": {
        "operationId": "createEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Create an endpoint",
        "description": "Deploys one version of a model, given by number or by alias, on `instanceCount`\ninstances of `instanceType`. The answer comes at once with the endpoint in status\n`creating`; it turns `running` when SageMaker has it in service (5 to 15 minutes for a\n7-8B model), or `failed` with a `reason`.\n\nRefused with `400 ValidationFailed` when the model, version or alias does not exist,\nwhen the version is not `approved`, when the model does not fit on the instance type\n(see the version's `sizing.fitsOn`), or when `instanceCount` lies outside\n`autoscaling`'s bounds; with `400 QuotaExceeded` when the account's quota for the\ninstance type is too low, and with `503 InsufficientCapacity` when AWS has no capacity\nfor it now.\n\nA/B: `variants` serves several versions on one endpoint, each on its own fleet with a\ntraffic weight (up to 10); `shadow` adds a shadow variant that receives a copy of\n`samplingPercent` % of the traffic and whose responses are dropped. An endpoint with a\nshadow has one production variant. Refused with `400 ValidationFailed` as well for\nduplicate variant names, weights that are all 0, `variants` together with the\nsingle-version fields, or `autoscaling` with more than one variant or a shadow.\n",
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateEndpointRequest"
              },
              "example": {
                "name": "demo-endpoint",
                "model": "demo-model",
                "alias": "prod",
                "instanceType": "ml.g5.2xlarge",
                "instanceCount": 1,
                "autoscaling": {
                  "minInstances": 1,
                  "maxInstances": 4,
                  "target": {
                    "metric": "concurrentRequests",
                    "value": 8
                  }
                },
                "deployment": {
                  "strategy": "canary",
                  "stepPercent": 10,
                  "waitSeconds": 600,
                  "rollbackOnAlarms": true
                }
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "The endpoint is being created.",
            "headers": {
              "Location": {
                "$ref": "#/components/headers/Location"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                },
                "example": {
                  "name": "demo-endpoint",
                  "status": "creating",
                  "sagemakerStatus": "Creating",
                  "sagemakerEndpointName": "demo-endpoint",
                  "links": {
                    "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                  },
                  "model": "demo-model",
                  "version": 1,
                  "alias": "prod",
                  "instanceType": "ml.g5.2xlarge",
                  "instanceCount": {
                    "current": 0,
                    "desired": 1
                  },
                  "autoscaling": {
                    "minInstances": 1,
                    "maxInstances": 4,
                    "target": {
                      "metric": "concurrentRequests",
                      "value": 8
                    }
                  },
                  "deployment": {
                    "strategy": "canary",
                    "stepPercent": 10,
                    "waitSeconds": 600,
                    "rollbackOnAlarms": true
                  },
                  "createdAt": "2025-06-02T08:10:00Z",
                  "updatedAt": "2025-06-02T08:10:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "get": {
        "operationId": "listEndpoints",
        "tags": [
          "endpoints"
        ],
        "summary": "List endpoints",
        "description": "Lists the tenant's endpoints in name order.",
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/NextToken"
          }
        ],
        "responses": {
          "200": {
            "description": "One page of endpoints.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EndpointList"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "get": {
        "operationId": "getEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Describe an endpoint",
        "description": "Returns the endpoint's status (and SageMaker's own), the version it serves, and its\ncurrent and desired instance counts.\n",
        "responses": {
          "200": {
            "description": "The endpoint.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                },
                "example": {
                  "name": "demo-endpoint",
                  "status": "running",
                  "sagemakerStatus": "InService",
                  "sagemakerEndpointName": "demo-endpoint",
                  "links": {
                    "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                  },
                  "model": "demo-model",
                  "version": 1,
                  "alias": "prod",
                  "instanceType": "ml.g5.2xlarge",
                  "instanceCount": {
                    "current": 2,
                    "desired": 2
                  },
                  "autoscaling": {
                    "minInstances": 1,
                    "maxInstances": 4,
                    "target": {
                      "metric": "concurrentRequests",
                      "value": 8
                    }
                  },
                  "createdAt": "2025-06-02T08:10:00Z",
                  "updatedAt": "2025-06-02T08:21:10Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "patch": {
        "operationId": "updateEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Update an endpoint",
        "description": "Scales the endpoint, changes its instance type or version, or changes its autoscaling\nor rollout policy. A change of `instanceCount` alone is made in place, without new\ninstances. A change of `instanceType`, `version` or `alias` builds a new fleet and\nshifts traffic to it under the endpoint's deployment policy (the one given here, or the\nstored one), rolling back on alarms; blue/green needs quota headroom for both fleets.\n`autoscaling: null` removes autoscaling. Give at most one of `version` and `alias`.\n\nAnswers `202` with the endpoint in status `updating`. Refused with `409 EndpointBusy`\nwhile the endpoint is creating, updating, rolling back or deleting, and with the same\n`400` and `503` problems as `createEndpoint`.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/UpdateEndpointRequest"
              },
              "example": {
                "instanceCount": 2
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "The update was accepted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      },
      "delete": {
        "operationId": "deleteEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Delete an endpoint",
        "description": "Deletes the endpoint with everything created for it: its endpoint configurations, its\nautoscaling target and policies, and its alarms. The versions it served are kept.\nAnswers `202` with the endpoint in status `deleting`; it is gone (`404`) when SageMaker\nhas deleted it. Deleting an endpoint that is already deleting answers it as it is.\nRefused with `409 EndpointBusy` while it is creating, updating or rolling back, states\nin which SageMaker cannot delete an endpoint.\n",
        "responses": {
          "202": {
            "description": "The endpoint is being deleted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                },
                "example": {
                  "name": "demo-endpoint",
                  "status": "deleting",
                  "sagemakerStatus": "Deleting",
                  "sagemakerEndpointName": "demo-endpoint",
                  "links": {
                    "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                  },
                  "model": "demo-model",
                  "version": 1,
                  "instanceType": "ml.g5.2xlarge",
                  "instanceCount": {
                    "current": 2,
                    "desired": 0
                  },
                  "createdAt": "2025-06-02T08:10:00Z",
                  "updatedAt": "2025-06-05T17:00:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/promote": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "post": {
        "operationId": "promoteEndpointVariant",
        "tags": [
          "endpoints"
        ],
        "summary": "Promote a variant",
        "description": "Makes one variant take all traffic and removes the others and the shadow (\"B won\" in one\ncall). Promoting the shadow makes it the endpoint's only production variant, with its\nversion, instance type and count. The change rolls out a new endpoint configuration;\nas it changes the set of variants, SageMaker's traffic shifting (canary, linear) does\nnot apply and traffic moves all at once when the new fleet is in service. Promoting\nthe only variant of an endpoint without a shadow changes nothing.\n\nAnswers `202` with the endpoint in status `updating`. Refused with `400\nValidationFailed` when the endpoint has no variant of that name, and with `409\nEndpointBusy` while it is creating, updating, rolling back or deleting.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/PromoteEndpointVariantRequest"
              },
              "example": {
                "variant": "green"
              }
            }
          }
        },
        "responses": {
          "202": {
            "description": "The promotion was accepted.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/pause": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "post": {
        "operationId": "pauseEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Pause an endpoint",
        "description": "Stops paying for a running endpoint without losing its setup: its autoscaling target\nand rollback alarms are removed and its SageMaker endpoint and endpoint configurations\nare deleted (no instances, no cost), while its definition (version, alias, instance\ntype and count, autoscaling and deployment settings) is kept. Answers `202` with the\nendpoint in status `paused` and `pausedAt` set; `resumeEndpoint` brings it back.\n\nA paused endpoint does not hold its version: the version can be deleted meanwhile\n(resuming it then is a `409 PausedVersionUnavailable`). `updateEndpoint` on a paused\nendpoint changes the kept definition only, creating nothing; `deleteEndpoint` removes\nit. Pausing an endpoint that is already paused answers it as it is. An endpoint is\npaused from `running` (or `updateFailed`, which serves on its old configuration: that\nconfiguration is what is kept). Refused with `409 EndpointBusy` while it is creating,\nupdating, rolling back or deleting, and with `409 EndpointNotRunning` when it failed\nor is out of service.\n\nBesides this call, an endpoint is paused by its `pauseSchedule` and, once nobody has\ncalled it for a while, by its `idlePause` (see `EndpointIdlePause`).\n",
        "responses": {
          "202": {
            "description": "The endpoint is paused.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                },
                "example": {
                  "name": "demo-endpoint",
                  "status": "paused",
                  "sagemakerStatus": "Deleting",
                  "sagemakerEndpointName": "demo-endpoint",
                  "links": {
                    "logs": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
                  },
                  "model": "demo-model",
                  "version": 1,
                  "instanceType": "ml.g5.2xlarge",
                  "instanceCount": {
                    "current": 0,
                    "desired": 2
                  },
                  "createdAt": "2025-06-02T08:10:00Z",
                  "updatedAt": "2025-06-05T19:00:00Z",
                  "pausedAt": "2025-06-05T19:00:00Z"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/resume": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "post": {
        "operationId": "resumeEndpoint",
        "tags": [
          "endpoints"
        ],
        "summary": "Resume a paused endpoint",
        "description": "Recreates a paused endpoint from its kept definition: the same version, instance type\nand instance count, with its autoscaling registered again once it is in service.\nAnswers `202` with the endpoint in status `creating`; it turns `running` as a new\nendpoint does. Resuming an endpoint that is not paused answers it as it is.\n\nRefused with `409 PausedVersionUnavailable` when its version was deleted (or is no\nlonger approved) while it was paused: change its `version` with `updateEndpoint` and\nresume; with `409 EndpointPausing` while SageMaker is still deleting the paused\nendpoint; and with the same `400` and `503` problems as `createEndpoint`.\n",
        "responses": {
          "202": {
            "description": "The endpoint is being recreated.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Endpoint"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/invocations": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "post": {
        "operationId": "invokeEndpoint",
        "tags": [
          "inference"
        ],
        "summary": "Invoke an endpoint",
        "description": "Sends the body, as it is and with its `Content-Type`, to the model container\n(SageMaker Runtime InvokeEndpoint) and answers the model's body with the content type\nthe model gave it. The request's `Accept` header, when given, goes to the model too.\nThe body shape is the container's own: for example `{\"inputs\": \"...\", \"parameters\":\n{...}}` for LMI, TGI and the Hugging Face inference toolkit.\n\nThe endpoint must be `running` (or `updating`, which still serves); any other status is\na `409 EndpointNotRunning` saying which. An error of the model container keeps the\ncontainer's message: a `4xx` of the container is a `422 ModelRequestRejected`, a `5xx`\na `502 ModelError`; `originalStatusCode` and `originalMessage` carry what the container\nsaid. The body may be at most 6 MB (the Lambda invocation payload limit; on AWS a binary\nbody travels base64-encoded, so binary bodies stop at about 4.5 MB), and so may the\nanswer. Invocations are throttled per tenant separately from the other routes (see\n`invocationLimits` of the deployment).\n",
        "parameters": [
          {
            "name": "variant",
            "in": "query",
            "required": false,
            "description": "The production variant to send the request to (SageMaker `TargetVariant`); by default SageMaker picks one by weight.",
            "schema": {
              "type": "string",
              "minLength": 1,
              "maxLength": 63,
              "pattern": "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$"
            },
            "example": "main"
          }
        ],
        "requestBody": {
          "required": true,
          "description": "The model's input, in any content type the model container accepts.",
          "content": {
            "*/*": {
              "schema": {
                "type": "string",
                "format": "binary"
              },
              "example": "{\"inputs\": \"What is deep learning?\", \"parameters\": {\"max_new_tokens\": 32}}"
            }
          }
        },
        "responses": {
          "200": {
            "description": "The model's answer, with the content type the model gave it.",
            "headers": {
              "X-Modelplane-Variant": {
                "description": "The production variant that answered.",
                "schema": {
                  "type": "string"
                },
                "example": "main"
              }
            },
            "content": {
              "*/*": {
                "schema": {
                  "type": "string",
                  "format": "binary"
                },
                "example": "[{\"generated_text\": \"Deep learning is a part of machine learning.\"}]"
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/EndpointNotRunning"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ModelRequestRejected"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "502": {
            "$ref": "#/components/responses/ModelError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/chat/completions": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "post": {
        "operationId": "createChatCompletion",
        "tags": [
          "inference"
        ],
        "summary": "Chat with an endpoint (OpenAI-compatible)",
        "description": "An OpenAI-compatible chat completion for endpoints serving a decoder LLM on LMI, vLLM\nor TGI: those containers take the OpenAI messages format on SageMaker's `/invocations`\n(LMI's chat completions schema, TGI's Messages API), so the request goes to the model as\nit is, after validation here, and the model's answer comes back in the OpenAI shape.\nEncoder and seq2seq models (the Hugging Face inference toolkit) do not chat: use\n`invokeEndpoint`.\n\nWith `stream: true` the answer is `text/event-stream` (SageMaker Runtime\nInvokeEndpointWithResponseStream): one `data: {chat.completion.chunk}` event per piece\nof text as the model produces it, then `data: [DONE]`. An error after the stream has\nstarted arrives as an `event: error` whose data is a problem document, and the stream\nends. Status codes and problems are those of `invokeEndpoint`.\n",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ChatCompletionRequest"
              },
              "example": {
                "messages": [
                  {
                    "role": "system",
                    "content": "You are a helpful assistant."
                  },
                  {
                    "role": "user",
                    "content": "What is deep learning?"
                  }
                ],
                "max_tokens": 64,
                "temperature": 0.7
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The completion, or with `stream` true the stream of its chunks.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ChatCompletion"
                },
                "example": {
                  "id": "chatcmpl-8b1f0c3e",
                  "object": "chat.completion",
                  "created": 1748851200,
                  "model": "demo-model",
                  "choices": [
                    {
                      "index": 0,
                      "message": {
                        "role": "assistant",
                        "content": "Deep learning is a part of machine learning."
                      },
                      "finish_reason": "stop"
                    }
                  ],
                  "usage": {
                    "prompt_tokens": 12,
                    "completion_tokens": 9,
                    "total_tokens": 21
                  }
                }
              },
              "text/event-stream": {
                "schema": {
                  "$ref": "#/components/schemas/ChatCompletionChunk"
                },
                "example": {
                  "id": "chatcmpl-8b1f0c3e",
                  "object": "chat.completion.chunk",
                  "created": 1748851200,
                  "model": "demo-model",
                  "choices": [
                    {
                      "index": 0,
                      "delta": {
                        "role": "assistant",
                        "content": "Deep"
                      },
                      "finish_reason": null
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/EndpointNotRunning"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ModelRequestRejected"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "502": {
            "$ref": "#/components/responses/ModelError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/endpoints/{endpointName}/metrics": {
      "parameters": [
        {
          "$ref": "#/components/parameters/EndpointName"
        }
      ],
      "get": {
        "operationId": "getEndpointMetrics",
        "tags": [
          "metrics"
        ],
        "summary": "Get endpoint metrics",
        "description": "Returns the requested metrics of the endpoint over one window, one period and one\nstatistic, read from CloudWatch in a single query. GPU utilization and GPU memory\nutilization are normalised to 0..100 % per GPU (CloudWatch sums them over the\ninstance's GPUs); CPU utilization likewise per vCPU. Latency is in milliseconds.\nWith `perInstance=true` each metric has one series per instance (the endpoint records\nper-instance metrics); otherwise one series for the whole endpoint.\n\nAn endpoint serving several variants (an A/B test of versions, or a shadow beside\nproduction) answers one series per metric and variant by default, the variants side by\nside in one call, each series naming its `variant` and `role` (`production` or\n`shadow`). Series of different variants are never added up: the point of an A/B read is\nto compare them, a sum of two models' latencies means nothing and percentiles cannot be\ncombined at all. A single-variant endpoint answers one series per metric without\n`variant`, as it always has; `perVariant=true` adds the variant there too, and `variant`\nnarrows the read to some variants. Each variant's GPU and CPU figures are normalised by\nits own instance type.\n\nA paused endpoint (and one SageMaker does not serve right now, while it is created or\ndeleted) answers `200` with one series per requested metric without points, not an\nerror.\n\nThe window may hold at most 1,440 periods; a longer one is a `400`. So is an `end` more\nthan five minutes in the future, a `start` that is not before `end`, and a window\nCloudWatch no longer keeps at that period (see `period`): every problem is listed at\nonce. A window without data answers series without points, not an error.\n",
        "parameters": [
          {
            "name": "metrics",
            "in": "query",
            "description": "The metrics to return, comma-separated. Default: all of them.\n",
            "style": "form",
            "explode": false,
            "schema": {
              "type": "array",
              "minItems": 1,
              "uniqueItems": true,
              "items": {
                "$ref": "#/components/schemas/MetricName"
              }
            },
            "example": [
              "gpuUtilization",
              "gpuMemoryUtilization",
              "concurrentRequests"
            ]
          },
          {
            "name": "start",
            "in": "query",
            "description": "Start of the window (inclusive); by default one hour before `end`.",
            "schema": {
              "type": "string",
              "format": "date-time"
            },
            "example": "2025-06-02T09:00:00Z"
          },
          {
            "name": "end",
            "in": "query",
            "description": "End of the window (exclusive); by default now.",
            "schema": {
              "type": "string",
              "format": "date-time"
            },
            "example": "2025-06-02T10:00:00Z"
          },
          {
            "name": "period",
            "in": "query",
            "description": "The length of one data point in seconds: 10, 30 or a multiple of 60. Periods under\n60 seconds exist only for high-resolution metrics (`concurrentRequests`) and only\nfor the last three hours. CloudWatch keeps older data at coarser periods: a window\nstarting more than 15 days ago needs a multiple of 300, more than 63 days ago a\nmultiple of 3600, and nothing older than 455 days is kept. Default: 60.\n",
            "schema": {
              "type": "integer",
              "minimum": 10,
              "maximum": 86400,
              "default": 60
            },
            "example": 300
          },
          {
            "name": "stat",
            "in": "query",
            "description": "The statistic of each data point. Default: each metric's own, `Sum` for the counts\n(`invocations`, `errors4xx`, `errors5xx`) and `Average` for the others.\n`SampleCount` counts the data points CloudWatch received, so its values are a\n`Count` and are not normalised.\n",
            "schema": {
              "$ref": "#/components/schemas/Statistic"
            }
          },
          {
            "name": "perInstance",
            "in": "query",
            "description": "One series per instance instead of one for the whole endpoint, for the metrics\nSageMaker records per instance: `gpuUtilization`, `gpuMemoryUtilization`,\n`cpuUtilization`, `memoryUtilization` and `concurrentRequests`. The other metrics\nkeep one series for the endpoint. Instances that reported nothing in the window are\nleft out. On an endpoint read per variant, each instance's series also names its\n`variant` and `role`.\n",
            "schema": {
              "type": "boolean",
              "default": false
            }
          },
          {
            "name": "variant",
            "in": "query",
            "description": "Reads only these variants of the endpoint (production or shadow), comma-separated;\nthe series then name their `variant`. A name the endpoint does not serve is a `400`\nthat lists the variants it does serve. Default: every variant.\n",
            "style": "form",
            "explode": false,
            "schema": {
              "type": "array",
              "minItems": 1,
              "maxItems": 11,
              "uniqueItems": true,
              "items": {
                "type": "string",
                "minLength": 1,
                "maxLength": 63,
                "pattern": "^[a-zA-Z0-9]([\\-a-zA-Z0-9]*[a-zA-Z0-9])?$"
              }
            },
            "example": [
              "a",
              "b"
            ]
          },
          {
            "name": "perVariant",
            "in": "query",
            "description": "One series per variant, each naming its `variant` and `role`. Default: `true` when\nthe endpoint serves more than one variant or `variant` is given, `false` otherwise,\nso a single-variant endpoint answers as it always has. `false` with more than one\nvariant to read is a `400`: series of different variants are not added up.\n",
            "schema": {
              "type": "boolean"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The metric series.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/EndpointMetrics"
                },
                "examples": {
                  "perInstance": {
                    "summary": "Per-instance GPU figures of a single-variant endpoint",
                    "value": {
                      "endpoint": "demo-endpoint",
                      "start": "2025-06-02T09:00:00Z",
                      "end": "2025-06-02T09:15:00Z",
                      "period": 300,
                      "series": [
                        {
                          "metric": "gpuUtilization",
                          "stat": "Average",
                          "unit": "Percent",
                          "instanceId": "i-0a1b2c3d4e5f60718",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 61.5
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 72.25
                            },
                            {
                              "timestamp": "2025-06-02T09:10:00Z",
                              "value": 68
                            }
                          ]
                        },
                        {
                          "metric": "concurrentRequests",
                          "stat": "Average",
                          "unit": "Count",
                          "instanceId": "i-0a1b2c3d4e5f60718",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 5.5
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 7.75
                            },
                            {
                              "timestamp": "2025-06-02T09:10:00Z",
                              "value": 6.25
                            }
                          ]
                        }
                      ]
                    }
                  },
                  "abRead": {
                    "summary": "An A/B read, two variants and a shadow side by side",
                    "description": "`GET /v1/endpoints/demo-endpoint/metrics?metrics=modelLatency,invocations&period=300`\non an endpoint serving variants `a` (90 %) and `b` (10 %) with a shadow `s`.\n",
                    "value": {
                      "endpoint": "demo-endpoint",
                      "start": "2025-06-02T09:00:00Z",
                      "end": "2025-06-02T09:10:00Z",
                      "period": 300,
                      "series": [
                        {
                          "metric": "modelLatency",
                          "stat": "Average",
                          "unit": "Milliseconds",
                          "variant": "a",
                          "role": "production",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 412.5
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 398
                            }
                          ]
                        },
                        {
                          "metric": "modelLatency",
                          "stat": "Average",
                          "unit": "Milliseconds",
                          "variant": "b",
                          "role": "production",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 355.25
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 341.5
                            }
                          ]
                        },
                        {
                          "metric": "modelLatency",
                          "stat": "Average",
                          "unit": "Milliseconds",
                          "variant": "s",
                          "role": "shadow",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 290
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 301.75
                            }
                          ]
                        },
                        {
                          "metric": "invocations",
                          "stat": "Sum",
                          "unit": "Count",
                          "variant": "a",
                          "role": "production",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 2700
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 2610
                            }
                          ]
                        },
                        {
                          "metric": "invocations",
                          "stat": "Sum",
                          "unit": "Count",
                          "variant": "b",
                          "role": "production",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 300
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 290
                            }
                          ]
                        },
                        {
                          "metric": "invocations",
                          "stat": "Sum",
                          "unit": "Count",
                          "variant": "s",
                          "role": "shadow",
                          "points": [
                            {
                              "timestamp": "2025-06-02T09:00:00Z",
                              "value": 600
                            },
                            {
                              "timestamp": "2025-06-02T09:05:00Z",
                              "value": 580
                            }
                          ]
                        }
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/instance-types": {
      "get": {
        "operationId": "listInstanceTypes",
        "tags": [
          "catalog"
        ],
        "summary": "List instance types",
        "description": "Lists the GPU instance types endpoints can use in this deployment.",
        "responses": {
          "200": {
            "description": "The supported instance types.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/InstanceTypeList"
                },
                "example": {
                  "items": [
                    {
                      "name": "ml.g5.2xlarge",
                      "gpus": 1,
                      "gpuMemoryGiB": 24,
                      "gpuModel": "A10G",
                      "vcpus": 8,
                      "memoryGiB": 32
                    },
                    {
                      "name": "ml.g5.12xlarge",
                      "gpus": 4,
                      "gpuMemoryGiB": 96,
                      "gpuModel": "A10G",
                      "vcpus": 48,
                      "memoryGiB": 192
                    },
                    {
                      "name": "ml.g6e.xlarge",
                      "gpus": 1,
                      "gpuMemoryGiB": 48,
                      "gpuModel": "L40S",
                      "vcpus": 4,
                      "memoryGiB": 32
                    },
                    {
                      "name": "ml.p4d.24xlarge",
                      "gpus": 8,
                      "gpuMemoryGiB": 320,
                      "gpuModel": "A100",
                      "vcpus": 96,
                      "memoryGiB": 1152
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/series": {
      "get": {
        "operationId": "listSeries",
        "tags": [
          "catalog"
        ],
        "summary": "List model series",
        "description": "Lists the model series (families) the packager recognises, with the serving engine it\nuses for each and the model architectures (`config.json` `architectures`) it maps to it.\n",
        "responses": {
          "200": {
            "description": "The supported series.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/SeriesList"
                },
                "example": {
                  "items": [
                    {
                      "name": "llama",
                      "serving": "lmi",
                      "architectures": [
                        "LlamaForCausalLM"
                      ],
                      "description": "Meta Llama 2, 3, 3.1 and 3.2 text models, served by LMI (DJL Serving with vLLM)."
                    },
                    {
                      "name": "t5",
                      "serving": "hfInference",
                      "architectures": [
                        "T5ForConditionalGeneration"
                      ],
                      "description": "T5 and Flan-T5 encoder-decoder models, served by the Hugging Face inference toolkit."
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "413": {
            "$ref": "#/components/responses/ContentTooLarge"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "cognito": {
        "type": "apiKey",
        "name": "Authorization",
        "in": "header",
        "description": "Cognito user pool ID token (JWT); the tenant is taken from its `custom:tenant` claim"
      }
    },
    "parameters": {
      "ModelName": {
        "name": "modelName",
        "in": "path",
        "required": true,
        "description": "The model's name.",
        "schema": {
          "$ref": "#/components/schemas/ModelName"
        },
        "example": "demo-model"
      },
      "Version": {
        "name": "version",
        "in": "path",
        "required": true,
        "description": "The version number within the model.",
        "schema": {
          "$ref": "#/components/schemas/VersionNumber"
        },
        "example": 1
      },
      "Alias": {
        "name": "alias",
        "in": "path",
        "required": true,
        "description": "The alias name.",
        "schema": {
          "$ref": "#/components/schemas/AliasName"
        },
        "example": "prod"
      },
      "EndpointName": {
        "name": "endpointName",
        "in": "path",
        "required": true,
        "description": "The endpoint's name.",
        "schema": {
          "$ref": "#/components/schemas/EndpointName"
        },
        "example": "demo-endpoint"
      },
      "JobId": {
        "name": "jobId",
        "in": "path",
        "required": true,
        "description": "The packaging job's id.",
        "schema": {
          "type": "string",
          "pattern": "^[a-z0-9-]{1,64}$"
        },
        "example": "pj-5f2c7e1a9b3d4c6e"
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "description": "The most items to return in one page.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 20
        }
      },
      "NextToken": {
        "name": "nextToken",
        "in": "query",
        "description": "The `nextToken` of the previous page, unchanged. Opaque.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 4096
        }
      },
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "description": "A client-chosen key (a UUID, say) that makes the create safe to retry: the same key and\nbody return the first result; the same key with another body is a\n`409 IdempotencyKeyReused`. Kept for 24 hours.\n",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 128,
          "pattern": "^[A-Za-z0-9_.:-]+$"
        },
        "example": "7c4a8d09-ca37-4e0b-9c2f-5d1e8b3a6f20"
      }
    },
    "headers": {
      "Location": {
        "description": "The URL of the new resource, relative to the API's base URL.",
        "schema": {
          "type": "string",
          "format": "uri-reference"
        },
        "example": "/v1/endpoints/demo-endpoint"
      },
      "RetryAfter": {
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "integer",
          "minimum": 0
        },
        "example": 5
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The request is not valid (`ValidationFailed`), or an AWS quota of the account stands in\nits way (`QuotaExceeded`). `errors` lists every problem.\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ValidationProblem"
            },
            "example": {
              "type": "urn:modelplane:problem:ValidationFailed",
              "title": "Bad Request",
              "status": 400,
              "detail": "The request has 2 problems; the first is /body/name: must match pattern \"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$\".",
              "instance": "/v1/endpoints",
              "code": "ValidationFailed",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
              "errors": [
                {
                  "path": "/body/name",
                  "message": "must match pattern \"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$\""
                },
                {
                  "path": "/body/instanceType",
                  "message": "demo-model version 1 needs 18.5 GiB of GPU memory; ml.g4dn.xlarge has 16 GiB. It fits on ml.g5.2xlarge, ml.g6.2xlarge, ml.g6e.xlarge, ml.g5.12xlarge."
                }
              ]
            }
          }
        }
      },
      "Unauthorized": {
        "description": "The ID token is missing, expired or invalid.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:Unauthorized",
              "title": "Unauthorized",
              "status": 401,
              "detail": "The request carries no valid ID token.",
              "code": "Unauthorized",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      },
      "NotFound": {
        "description": "The resource does not exist in the caller's tenant.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:NotFound",
              "title": "Not Found",
              "status": 404,
              "detail": "There is no endpoint named demo-endpoint.",
              "instance": "/v1/endpoints/demo-endpoint",
              "code": "NotFound",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      },
      "Conflict": {
        "description": "The request conflicts with the resource's state: a name already taken\n(`ModelAlreadyExists`, `ModelNameUnavailable`), a reused idempotency key (`IdempotencyKeyReused`), a busy endpoint\n(`EndpointBusy`), a pause or resume the endpoint's state refuses (`EndpointNotRunning`,\n`EndpointPausing`, `PausedVersionUnavailable`), a model or version still in use\n(`ModelInUse`, `VersionInUse`), or a packaging job in the wrong state (`PackagingJobFinished`, `PackagingJobNotSucceeded`).\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ConflictProblem"
            },
            "example": {
              "type": "urn:modelplane:problem:EndpointBusy",
              "title": "Conflict",
              "status": 409,
              "detail": "Endpoint demo-endpoint is updating; try again when it is running.",
              "instance": "/v1/endpoints/demo-endpoint",
              "code": "EndpointBusy",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
              "currentStatus": "updating"
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "Too many requests, from the caller or to AWS on its behalf (`Throttled`).",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:Throttled",
              "title": "Too Many Requests",
              "status": 429,
              "detail": "Too many requests; retry in a few seconds.",
              "code": "Throttled",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      },
      "ContentTooLarge": {
        "description": "The request body is over the API's limit (`RequestTooLarge`): 6 MB, the Lambda invocation\npayload limit (API Gateway's own is 10 MB); the local control plane refuses the same.\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:RequestTooLarge",
              "title": "Content Too Large",
              "status": 413,
              "detail": "The request body is over the 6 MB limit.",
              "instance": "/v1/models",
              "code": "RequestTooLarge",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      },
      "InternalError": {
        "description": "An unexpected error (`InternalError`). The problem carries only the request id; the cause is logged.",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:InternalError",
              "title": "Internal Server Error",
              "status": 500,
              "detail": "An unexpected error occurred. Quote the request id when you report it.",
              "code": "InternalError",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      },
      "EndpointNotRunning": {
        "description": "The endpoint does not serve requests in its current status (`EndpointNotRunning`):\nfor example `creating`, `paused`, `failed` or `deleting`. `currentStatus` says which.\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ConflictProblem"
            },
            "example": {
              "type": "urn:modelplane:problem:EndpointNotRunning",
              "title": "Conflict",
              "status": 409,
              "detail": "Endpoint demo-endpoint is creating; invoke it when it is running.",
              "instance": "/v1/endpoints/demo-endpoint/invocations",
              "code": "EndpointNotRunning",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
              "currentStatus": "creating"
            }
          }
        }
      },
      "ModelRequestRejected": {
        "description": "The model container refused the request with a 4xx (`ModelRequestRejected`): the\nrequest reached the model, whose message is kept in `detail` and `originalMessage`.\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ModelProblem"
            },
            "example": {
              "type": "urn:modelplane:problem:ModelRequestRejected",
              "title": "Unprocessable Content",
              "status": 422,
              "detail": "The model refused the request (400): Input validation error: `inputs` must be a string",
              "instance": "/v1/endpoints/demo-endpoint/invocations",
              "code": "ModelRequestRejected",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
              "originalStatusCode": 400,
              "originalMessage": "Input validation error: `inputs` must be a string"
            }
          }
        }
      },
      "ModelError": {
        "description": "The model container failed (`ModelError`: it answered a 5xx, or broke off its answer\nstream, `ModelStreamError`). The container's message is kept in `detail` and\n`originalMessage`; `logs` links the endpoint's log group.\n",
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/ModelProblem"
            },
            "example": {
              "type": "urn:modelplane:problem:ModelError",
              "title": "Bad Gateway",
              "status": 502,
              "detail": "The model failed (500): CUDA out of memory",
              "instance": "/v1/endpoints/demo-endpoint/invocations",
              "code": "ModelError",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f",
              "originalStatusCode": 500,
              "originalMessage": "CUDA out of memory"
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "An AWS dependency failed (`ServiceUnavailable`) or has no capacity for the instance\ntype right now (`InsufficientCapacity`). Retry later.\n",
        "headers": {
          "Retry-After": {
            "$ref": "#/components/headers/RetryAfter"
          }
        },
        "content": {
          "application/problem+json": {
            "schema": {
              "$ref": "#/components/schemas/Problem"
            },
            "example": {
              "type": "urn:modelplane:problem:InsufficientCapacity",
              "title": "Service Unavailable",
              "status": 503,
              "detail": "SageMaker has no ml.g5.12xlarge capacity in us-east-1 right now.",
              "instance": "/v1/endpoints",
              "code": "InsufficientCapacity",
              "requestId": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
            }
          }
        }
      }
    },
    "schemas": {
      "Problem": {
        "type": "object",
        "description": "An RFC 9457 problem document. Further members may appear (RFC 9457 extension members).",
        "required": [
          "type",
          "title",
          "status",
          "code"
        ],
        "properties": {
          "type": {
            "type": "string",
            "format": "uri-reference",
            "description": "Identifies the problem type: `urn:modelplane:problem:{code}`. A name, not a page to\nfetch; switch on `code`.\n",
            "example": "urn:modelplane:problem:EndpointBusy"
          },
          "title": {
            "type": "string",
            "description": "A short human-readable summary of the problem type.",
            "example": "Conflict"
          },
          "status": {
            "type": "integer",
            "minimum": 400,
            "maximum": 599,
            "description": "The HTTP status code.",
            "example": 409
          },
          "detail": {
            "type": "string",
            "description": "What went wrong this time, for people.",
            "example": "Endpoint demo-endpoint is updating; try again when it is running."
          },
          "instance": {
            "type": "string",
            "format": "uri-reference",
            "description": "The path of the request that failed.",
            "example": "/v1/endpoints/demo-endpoint"
          },
          "code": {
            "type": "string",
            "description": "Stable machine-readable code to switch on, for example `ValidationFailed`,\n`NotFound`, `ModelAlreadyExists`, `IdempotencyKeyReused`, `EndpointBusy`, `ModelInUse`\n(see the table in the API description).\n",
            "example": "EndpointBusy"
          },
          "requestId": {
            "type": "string",
            "description": "The request's id; quote it when reporting a problem.",
            "example": "3f1c9a2e-7b4d-4e8a-9c6f-1a2b3c4d5e6f"
          }
        }
      },
      "ValidationProblem": {
        "description": "A problem that lists every invalid part of the request.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "required": [
              "errors"
            ],
            "properties": {
              "errors": {
                "type": "array",
                "minItems": 1,
                "description": "Every problem found in the request.",
                "items": {
                  "$ref": "#/components/schemas/FieldError"
                }
              },
              "allowedSources": {
                "type": "array",
                "description": "With `SourceNotAllowed`, the locations (`s3://bucket/prefix/`) S3 packaging sources may lie under.",
                "items": {
                  "type": "string",
                  "example": "s3://modelplane-artifacts-123456789012/uploads/"
                }
              }
            }
          }
        ]
      },
      "FieldError": {
        "type": "object",
        "description": "One problem with one part of the request.",
        "required": [
          "path",
          "message"
        ],
        "properties": {
          "path": {
            "type": "string",
            "description": "A JSON pointer to the offending value, rooted at the request part (`/body`, `/query`, `/path`, `/header`).",
            "example": "/body/name"
          },
          "message": {
            "type": "string",
            "description": "What is wrong with it.",
            "example": "must match pattern \"^[a-zA-Z0-9](-*[a-zA-Z0-9])*$\""
          }
        }
      },
      "ConflictProblem": {
        "description": "A conflict with the state of a resource.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "properties": {
              "currentStatus": {
                "type": "string",
                "description": "The resource's status that stands in the way (with `EndpointBusy`, `EndpointNotRunning`, `EndpointPausing`, `PackagingJobFinished`, `PackagingJobNotSucceeded`).",
                "example": "updating"
              },
              "endpoints": {
                "type": "array",
                "description": "The endpoints that still use the model or version (with `ModelInUse`, `VersionInUse`).",
                "items": {
                  "$ref": "#/components/schemas/EndpointName"
                }
              }
            }
          }
        ]
      },
      "ModelProblem": {
        "description": "A problem the model container reported, with what it said.",
        "allOf": [
          {
            "$ref": "#/components/schemas/Problem"
          },
          {
            "type": "object",
            "properties": {
              "originalStatusCode": {
                "type": "integer",
                "description": "The HTTP status the model container answered.",
                "example": 400
              },
              "originalMessage": {
                "type": "string",
                "description": "The model container's own message.",
                "example": "Input validation error: `inputs` must be a string"
              },
              "logs": {
                "type": "string",
                "description": "The endpoint's CloudWatch log stream or group, where the container logged the failure."
              }
            }
          }
        ]
      },
      "ChatMessage": {
        "type": "object",
        "description": "One message of the conversation (OpenAI chat format).",
        "required": [
          "role",
          "content"
        ],
        "properties": {
          "role": {
            "type": "string",
            "enum": [
              "system",
              "user",
              "assistant",
              "tool"
            ],
            "example": "user"
          },
          "content": {
            "description": "The text, or OpenAI content parts (`[{ type: text, text }]`).",
            "oneOf": [
              {
                "type": "string",
                "maxLength": 1000000
              },
              {
                "type": "array",
                "minItems": 1,
                "items": {
                  "type": "object",
                  "required": [
                    "type"
                  ],
                  "properties": {
                    "type": {
                      "type": "string",
                      "example": "text"
                    },
                    "text": {
                      "type": "string"
                    }
                  }
                }
              }
            ],
            "example": "What is deep learning?"
          },
          "name": {
            "type": "string",
            "maxLength": 64
          }
        }
      },
      "ChatCompletionRequest": {
        "type": "object",
        "description": "An OpenAI chat completion request. The fields below are checked here; other OpenAI\nfields (`tools`, `response_format`, ...) go to the model, which may not support them.\n",
        "required": [
          "messages"
        ],
        "properties": {
          "messages": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/ChatMessage"
            }
          },
          "model": {
            "type": "string",
            "description": "Ignored by the endpoint (it serves one model); accepted for OpenAI clients.",
            "maxLength": 256
          },
          "max_tokens": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000000,
            "example": 64
          },
          "max_completion_tokens": {
            "type": "integer",
            "minimum": 1,
            "maximum": 1000000
          },
          "temperature": {
            "type": "number",
            "minimum": 0,
            "maximum": 2,
            "example": 0.7
          },
          "top_p": {
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": true,
            "maximum": 1
          },
          "n": {
            "type": "integer",
            "minimum": 1,
            "maximum": 8
          },
          "stop": {
            "oneOf": [
              {
                "type": "string"
              },
              {
                "type": "array",
                "maxItems": 4,
                "items": {
                  "type": "string"
                }
              }
            ]
          },
          "seed": {
            "type": "integer"
          },
          "presence_penalty": {
            "type": "number",
            "minimum": -2,
            "maximum": 2
          },
          "frequency_penalty": {
            "type": "number",
            "minimum": -2,
            "maximum": 2
          },
          "logprobs": {
            "type": "boolean"
          },
          "top_logprobs": {
            "type": "integer",
            "minimum": 0,
            "maximum": 20
          },
          "stream": {
            "type": "boolean",
            "default": false,
            "description": "Answer `text/event-stream` chunks as the model produces them."
          },
          "user": {
            "type": "string",
            "maxLength": 256
          }
        },
        "additionalProperties": true
      },
      "ChatUsage": {
        "type": "object",
        "required": [
          "prompt_tokens",
          "completion_tokens",
          "total_tokens"
        ],
        "properties": {
          "prompt_tokens": {
            "type": "integer",
            "minimum": 0
          },
          "completion_tokens": {
            "type": "integer",
            "minimum": 0
          },
          "total_tokens": {
            "type": "integer",
            "minimum": 0
          }
        }
      },
      "ChatCompletion": {
        "type": "object",
        "description": "An OpenAI chat completion.",
        "required": [
          "id",
          "object",
          "created",
          "model",
          "choices"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "object": {
            "type": "string",
            "enum": [
              "chat.completion"
            ]
          },
          "created": {
            "type": "integer",
            "description": "Unix seconds."
          },
          "model": {
            "type": "string"
          },
          "choices": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "index",
                "message"
              ],
              "properties": {
                "index": {
                  "type": "integer",
                  "minimum": 0
                },
                "message": {
                  "type": "object",
                  "required": [
                    "role"
                  ],
                  "properties": {
                    "role": {
                      "type": "string",
                      "example": "assistant"
                    },
                    "content": {
                      "type": "string",
                      "nullable": true
                    }
                  }
                },
                "finish_reason": {
                  "type": "string",
                  "nullable": true,
                  "example": "stop"
                }
              }
            }
          },
          "usage": {
            "$ref": "#/components/schemas/ChatUsage"
          }
        }
      },
      "ChatCompletionChunk": {
        "type": "object",
        "description": "One event of a streamed chat completion (OpenAI `chat.completion.chunk`). The\n`text/event-stream` answer is a sequence of server-sent events `data: {chunk as JSON}`\nfollowed by a blank line, one per chunk, and last `data: [DONE]`; this schema is that of\neach event's data.\n",
        "required": [
          "id",
          "object",
          "created",
          "model",
          "choices"
        ],
        "properties": {
          "id": {
            "type": "string"
          },
          "object": {
            "type": "string",
            "enum": [
              "chat.completion.chunk"
            ]
          },
          "created": {
            "type": "integer"
          },
          "model": {
            "type": "string"
          },
          "choices": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "index",
                "delta"
              ],
              "properties": {
                "index": {
                  "type": "integer",
                  "minimum": 0
                },
                "delta": {
                  "type": "object",
                  "properties": {
                    "role": {
                      "type": "string"
                    },
                    "content": {
                      "type": "string",
                      "nullable": true
                    }
                  }
                },
                "finish_reason": {
                  "type": "string",
                  "nullable": true
                }
              }
            }
          },
          "usage": {
            "$ref": "#/components/schemas/ChatUsage"
          }
        }
      },
      "ModelName": {
        "type": "string",
        "description": "A model name: letters, digits and single or repeated hyphens, starting and ending with\na letter or digit (SageMaker's name rule). At most 48 characters, because the names\nderived from it in SageMaker (`{model}-v{version}` and the like) must stay within 63.\n",
        "minLength": 1,
        "maxLength": 48,
        "pattern": "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
        "example": "demo-model"
      },
      "EndpointName": {
        "type": "string",
        "description": "An endpoint name, following SageMaker's endpoint name rule (at most 63 characters).",
        "minLength": 1,
        "maxLength": 63,
        "pattern": "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
        "example": "demo-endpoint"
      },
      "VersionNumber": {
        "type": "integer",
        "description": "A version number within its model, counting from 1.",
        "minimum": 1,
        "example": 1
      },
      "AliasName": {
        "type": "string",
        "description": "An alias name such as `prod` or `canary`; lower-case letters, digits and hyphens, starting with a letter, at most 32 characters.",
        "pattern": "^[a-z][a-z0-9-]{0,31}$",
        "example": "prod"
      },
      "InstanceTypeName": {
        "type": "string",
        "description": "A SageMaker instance type, such as `ml.g5.2xlarge` (see `listInstanceTypes`).",
        "pattern": "^ml\\.[a-z0-9]+\\.[a-z0-9]+$",
        "example": "ml.g5.2xlarge"
      },
      "S3Prefix": {
        "type": "string",
        "description": "An S3 prefix (`s3://bucket/key/`), ending in `/`, holding uncompressed model files.",
        "maxLength": 1024,
        "pattern": "^s3://[a-z0-9.-]{3,63}/.*/$",
        "example": "s3://modelplane-artifacts-123456789012/models/demo-model/finetune-2025-06-02/"
      },
      "S3SourceUri": {
        "type": "string",
        "description": "Where fine-tuned weights are: an S3 prefix ending in `/` (`s3://bucket/path/`), or an\narchive ending in `.tar.gz`, `.tgz` or `.tar` (`s3://bucket/path/model.tar.gz`).\n",
        "maxLength": 1024,
        "pattern": "^s3://[a-z0-9.-]{3,63}/(.*/|.*[^/]\\.(tar\\.gz|tgz|tar))?$",
        "example": "s3://ml-training-output/jobs/llama-ft-2025-06-02/output/model.tar.gz"
      },
      "ImageUri": {
        "type": "string",
        "description": "A container image in ECR or another registry, pinned by tag or digest:\n`{registry}/{repository}:{tag}`, `{registry}/{repository}@sha256:{digest}` or both.\n",
        "maxLength": 255,
        "pattern": "^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?/[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[a-f0-9]{64})?|@sha256:[a-f0-9]{64})$",
        "example": "763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.33.0-lmi15.0.0-cu128"
      },
      "Labels": {
        "type": "object",
        "description": "Free-form labels, at most 20. Keys are 1 to 64 characters of `[a-zA-Z0-9_.:/=+@-]`\n(`x-key-pattern`, checked on every request); values at most 256 characters.\n",
        "maxProperties": 20,
        "x-key-pattern": "^[a-zA-Z0-9_.:/=+@-]{1,64}$",
        "additionalProperties": {
          "type": "string",
          "maxLength": 256
        },
        "example": {
          "team": "support"
        }
      },
      "Environment": {
        "type": "object",
        "description": "Environment variables of the serving container, at most 64. Keys match\n`^[A-Za-z_][A-Za-z0-9_]{0,1023}$` (`x-key-pattern`, checked on every request); values are at\nmost 1024 characters.\n",
        "maxProperties": 64,
        "x-key-pattern": "^[A-Za-z_][A-Za-z0-9_]{0,1023}$",
        "additionalProperties": {
          "type": "string",
          "maxLength": 1024
        },
        "example": {
          "HF_MODEL_ID": "/opt/ml/model",
          "OPTION_ROLLING_BATCH": "vllm"
        }
      },
      "CreatePackagingJobRequest": {
        "type": "object",
        "description": "What to package, and where to register the result.",
        "additionalProperties": false,
        "required": [
          "source"
        ],
        "properties": {
          "source": {
            "$ref": "#/components/schemas/PackagingSource"
          },
          "model": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              }
            ],
            "description": "An existing model to register the result into as a new version."
          },
          "series": {
            "type": "string",
            "maxLength": 64,
            "description": "The model series (see `listSeries`); by default detected from the model's `config.json`.",
            "example": "llama"
          },
          "buildImage": {
            "type": "boolean",
            "default": true,
            "description": "Build and push a serving image with the serving configuration baked in. When false, the version uses the series' stock image."
          },
          "register": {
            "type": "boolean",
            "description": "Register the result as a new version of `model` when the job succeeds. Default true when `model` is given; true without `model` is a `400`."
          }
        }
      },
      "PackagingSource": {
        "description": "Where the model comes from.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/HuggingFaceSource"
          },
          {
            "$ref": "#/components/schemas/S3Source"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "huggingface": "#/components/schemas/HuggingFaceSource",
            "s3": "#/components/schemas/S3Source"
          }
        }
      },
      "HuggingFaceSource": {
        "type": "object",
        "description": "A model repository on the Hugging Face Hub.",
        "additionalProperties": false,
        "required": [
          "type",
          "modelId"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "huggingface"
            ],
            "description": "The kind of source."
          },
          "modelId": {
            "type": "string",
            "description": "The Hub repository, `{organisation}/{name}`.",
            "maxLength": 193,
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$",
            "example": "meta-llama/Llama-3.1-8B-Instruct"
          },
          "revision": {
            "type": "string",
            "minLength": 1,
            "maxLength": 255,
            "description": "A branch, tag or commit sha. Default `main`. The job pins it to a commit (`resolvedRevision`).",
            "example": "main"
          },
          "tokenSecretArn": {
            "type": "string",
            "description": "A Secrets Manager secret holding a Hub access token, for gated models. The token is\nread by the packaging job only, never logged or returned.\n",
            "pattern": "^arn:[a-z][a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+$",
            "example": "arn:aws:secretsmanager:us-east-1:123456789012:secret:modelplane/hf-token-AbCdEf"
          }
        }
      },
      "S3Source": {
        "type": "object",
        "description": "Fine-tuned weights in S3, in the Hugging Face layout (config.json, safetensors,\ntokenizer), in one of two forms:\n- a **prefix** (`s3://bucket/path/`, ending in `/`) holding the files uncompressed; the\n  job reads them pinned to the objects' ETags while it runs;\n- an **archive** (`s3://bucket/path/model.tar.gz`, or `.tgz`, or an uncompressed `.tar`),\n  such as a SageMaker training job's output. The job streams it apart into the\n  uncompressed layout SageMaker serves (nothing is stored on local disk), pinned to the\n  object's ETag. Entries must be plain files and directories with relative paths: links,\n  devices, `..` and absolute paths fail the job with `InvalidModel`.\nEither way the job keeps the same files, detects the series from `config.json` and writes\nthe same manifest as for a Hub model. The source must lie under the artifact bucket's\n`uploads/` or one of the deployment's `sourceBuckets` (the places the job's role can\nread); anywhere else is a `400 SourceNotAllowed`.\n",
        "additionalProperties": false,
        "required": [
          "type",
          "uri"
        ],
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "s3"
            ],
            "description": "The kind of source."
          },
          "uri": {
            "$ref": "#/components/schemas/S3SourceUri"
          }
        },
        "example": {
          "type": "s3",
          "uri": "s3://ml-training-output/jobs/llama-ft-2025-06-02/output/model.tar.gz"
        }
      },
      "PackagingJobStatus": {
        "type": "string",
        "description": "Where the job stands.",
        "enum": [
          "queued",
          "running",
          "succeeded",
          "failed",
          "cancelled"
        ]
      },
      "PackagingJobPhase": {
        "type": "string",
        "description": "What a running job is doing. Absent once the job has succeeded, failed or been cancelled.",
        "enum": [
          "resolving",
          "downloading",
          "buildingImage",
          "registering"
        ]
      },
      "PackagingJob": {
        "type": "object",
        "description": "A packaging job.",
        "required": [
          "jobId",
          "status",
          "progress",
          "source",
          "buildImage",
          "register",
          "links",
          "createdAt",
          "updatedAt"
        ],
        "properties": {
          "jobId": {
            "type": "string",
            "description": "The job's id.",
            "pattern": "^[a-z0-9-]{1,64}$",
            "example": "pj-5f2c7e1a9b3d4c6e"
          },
          "status": {
            "$ref": "#/components/schemas/PackagingJobStatus"
          },
          "phase": {
            "$ref": "#/components/schemas/PackagingJobPhase"
          },
          "progress": {
            "$ref": "#/components/schemas/PackagingProgress"
          },
          "source": {
            "$ref": "#/components/schemas/PackagingSource"
          },
          "resolvedRevision": {
            "type": "string",
            "description": "The Hub commit sha the revision resolved to.",
            "example": "0e9e39f249a16976918f6564b8830bc894c89659"
          },
          "series": {
            "type": "string",
            "description": "The model series, as given or detected.",
            "example": "llama"
          },
          "model": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              }
            ],
            "description": "The model the result is registered into."
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version registered from the result, once it is."
          },
          "buildImage": {
            "type": "boolean",
            "description": "Whether the job builds a serving image."
          },
          "register": {
            "type": "boolean",
            "description": "Whether the job registers a version when it succeeds."
          },
          "artifacts": {
            "$ref": "#/components/schemas/PackagingArtifacts"
          },
          "failure": {
            "$ref": "#/components/schemas/PackagingFailure"
          },
          "links": {
            "type": "object",
            "description": "Related links.",
            "properties": {
              "logs": {
                "type": "string",
                "format": "uri",
                "description": "The job's logs in the CloudWatch console, once the job has a log stream. The local control plane has no console and gives no link (its packager logs to the `npm start` console)."
              }
            }
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the job was submitted."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the job last changed (status, phase or progress)."
          }
        }
      },
      "PackagingProgress": {
        "type": "object",
        "description": "How far the download and upload of the model files has got.",
        "required": [
          "bytesDone",
          "bytesTotal",
          "filesDone",
          "filesTotal"
        ],
        "properties": {
          "bytesDone": {
            "type": "integer",
            "minimum": 0,
            "description": "Bytes copied to S3 so far."
          },
          "bytesTotal": {
            "type": "integer",
            "minimum": 0,
            "description": "Bytes to copy in all; 0 until the file list is known."
          },
          "filesDone": {
            "type": "integer",
            "minimum": 0,
            "description": "Files copied and verified so far."
          },
          "filesTotal": {
            "type": "integer",
            "minimum": 0,
            "description": "Files to copy in all; 0 until the file list is known."
          }
        }
      },
      "PackagingArtifacts": {
        "type": "object",
        "description": "What a succeeded job produced.",
        "required": [
          "modelDataUri",
          "manifestUri"
        ],
        "properties": {
          "modelDataUri": {
            "$ref": "#/components/schemas/S3Prefix"
          },
          "manifestUri": {
            "type": "string",
            "description": "The manifest (files, sizes, checksums, parameter count, dtype, fitting instance types).",
            "pattern": "^s3://[a-z0-9.-]{3,63}/.+$",
            "example": "s3://modelplane-artifacts-123456789012/models/meta-llama/Llama-3.1-8B-Instruct/0e9e39f249a16976918f6564b8830bc894c89659/manifest.json"
          },
          "imageUri": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ImageUri"
              }
            ],
            "description": "The serving image, pinned by digest (absent when `buildImage` was false)."
          }
        }
      },
      "PackagingFailure": {
        "type": "object",
        "description": "Why a job failed.",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "description": "A stable code: `ModelNotFound`, `RevisionNotFound`, `GatedModel` (needs a token with\naccess), `Unauthorized` (the Hub refused the token), `TokenUnavailable` (the secret\ncannot be read), `HubUnavailable`, `HubUnreachable` (the Hub's name does not resolve or\nit refuses connections: set `HF_ENDPOINT` to a reachable mirror), `DownloadStalled`, `DownloadFailed`,\n`ChecksumMismatch`, `UnknownSeries`, `InvalidModel`, `UploadFailed`,\n`ImageBuildFailed`, `Cancelled`, `SubmitFailed` (Batch refused the job, or the\nsubmit never finished), `PackagerFailed` (the job ended without saying why;\n`message` has Batch's reason), `NoArtifacts`, `JobLost` (Batch no longer knows the\njob and no outcome was recorded), `RegistrationFailed` (packaged, but the version\ncould not be registered).\n",
            "example": "GatedModel"
          },
          "message": {
            "type": "string",
            "description": "What went wrong, for people.",
            "example": "meta-llama/Llama-3.1-8B-Instruct is gated; give a tokenSecretArn whose token has access."
          }
        }
      },
      "PackagingJobList": {
        "type": "object",
        "description": "One page of packaging jobs.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The jobs, newest first.",
            "items": {
              "$ref": "#/components/schemas/PackagingJob"
            }
          },
          "nextToken": {
            "type": "string",
            "description": "Pass as `nextToken` to get the next page; absent on the last page."
          }
        }
      },
      "CreateModelRequest": {
        "type": "object",
        "description": "A new model.",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ModelName"
          },
          "description": {
            "type": "string",
            "maxLength": 1024,
            "description": "What the model is for."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          }
        }
      },
      "UpdateModelRequest": {
        "type": "object",
        "description": "The model fields to change; at least one.",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "description": {
            "type": "string",
            "maxLength": 1024,
            "description": "The new description."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          }
        }
      },
      "Model": {
        "type": "object",
        "description": "A model and the aliases of its versions.",
        "required": [
          "name",
          "labels",
          "aliases",
          "createdAt",
          "updatedAt"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/ModelName"
          },
          "description": {
            "type": "string",
            "description": "What the model is for."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          },
          "aliases": {
            "type": "object",
            "description": "The model's aliases and the version each points at.",
            "additionalProperties": {
              "$ref": "#/components/schemas/VersionNumber"
            },
            "example": {
              "prod": 7,
              "canary": 8
            }
          },
          "latestVersion": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The highest version number; absent while the model has no version."
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the model was created."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the model, its aliases or its versions last changed."
          }
        }
      },
      "ModelList": {
        "type": "object",
        "description": "One page of models.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The models, in name order.",
            "items": {
              "$ref": "#/components/schemas/Model"
            }
          },
          "nextToken": {
            "type": "string",
            "description": "Pass as `nextToken` to get the next page; absent on the last page."
          }
        }
      },
      "PutAliasRequest": {
        "type": "object",
        "description": "The version an alias points at.",
        "additionalProperties": false,
        "required": [
          "version"
        ],
        "properties": {
          "version": {
            "$ref": "#/components/schemas/VersionNumber"
          }
        }
      },
      "Approval": {
        "type": "string",
        "description": "The version's approval (the model package's `ModelApprovalStatus`). Endpoints serve\nonly `approved` versions.\n",
        "enum": [
          "approved",
          "pendingManualApproval",
          "rejected"
        ]
      },
      "CreateModelVersionRequest": {
        "description": "A new version, from a succeeded packaging job or from explicit artifacts.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/VersionFromPackagingJob"
          },
          {
            "$ref": "#/components/schemas/VersionFromArtifacts"
          }
        ]
      },
      "VersionFromPackagingJob": {
        "type": "object",
        "description": "A version built from what a succeeded packaging job produced.",
        "additionalProperties": false,
        "required": [
          "packagingJobId"
        ],
        "properties": {
          "packagingJobId": {
            "type": "string",
            "description": "The succeeded packaging job whose artifacts, image, series and manifest the version takes.",
            "pattern": "^[a-z0-9-]{1,64}$",
            "example": "pj-5f2c7e1a9b3d4c6e"
          },
          "description": {
            "type": "string",
            "maxLength": 1024,
            "description": "What is special about this version."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          },
          "approval": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Approval"
              }
            ],
            "default": "approved",
            "description": "The version's initial approval. Default `approved`."
          }
        }
      },
      "VersionFromArtifacts": {
        "type": "object",
        "description": "A version built from artifacts given explicitly.",
        "additionalProperties": false,
        "required": [
          "modelDataUri",
          "imageUri"
        ],
        "properties": {
          "modelDataUri": {
            "$ref": "#/components/schemas/S3Prefix"
          },
          "imageUri": {
            "$ref": "#/components/schemas/ImageUri"
          },
          "environment": {
            "$ref": "#/components/schemas/Environment"
          },
          "series": {
            "type": "string",
            "maxLength": 64,
            "description": "The model series (see `listSeries`), for sizing and defaults.",
            "example": "llama"
          },
          "description": {
            "type": "string",
            "maxLength": 1024,
            "description": "What is special about this version."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          },
          "approval": {
            "allOf": [
              {
                "$ref": "#/components/schemas/Approval"
              }
            ],
            "default": "approved",
            "description": "The version's initial approval. Default `approved`."
          }
        }
      },
      "UpdateModelVersionRequest": {
        "type": "object",
        "description": "The version fields to change; at least one. Artifacts, image and environment are\nimmutable: a change to them is a new version.\n",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "description": {
            "type": "string",
            "maxLength": 1024,
            "description": "The new description."
          },
          "approval": {
            "$ref": "#/components/schemas/Approval"
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          }
        }
      },
      "ModelVersion": {
        "type": "object",
        "description": "A model version.",
        "required": [
          "model",
          "version",
          "modelDataUri",
          "imageUri",
          "environment",
          "approval",
          "labels",
          "aliases",
          "sizing",
          "source",
          "sagemakerModelName",
          "modelPackageArn",
          "createdAt",
          "updatedAt"
        ],
        "properties": {
          "model": {
            "$ref": "#/components/schemas/ModelName"
          },
          "version": {
            "$ref": "#/components/schemas/VersionNumber"
          },
          "modelDataUri": {
            "$ref": "#/components/schemas/S3Prefix"
          },
          "imageUri": {
            "$ref": "#/components/schemas/ImageUri"
          },
          "environment": {
            "$ref": "#/components/schemas/Environment"
          },
          "series": {
            "type": "string",
            "description": "The model series, when known.",
            "example": "llama"
          },
          "approval": {
            "$ref": "#/components/schemas/Approval"
          },
          "description": {
            "type": "string",
            "description": "What is special about this version."
          },
          "labels": {
            "$ref": "#/components/schemas/Labels"
          },
          "aliases": {
            "type": "array",
            "description": "The aliases that point at this version.",
            "items": {
              "$ref": "#/components/schemas/AliasName"
            }
          },
          "sizing": {
            "$ref": "#/components/schemas/Sizing"
          },
          "source": {
            "type": "object",
            "description": "Where the version came from.",
            "properties": {
              "packagingJobId": {
                "type": "string",
                "description": "The packaging job it was built from; absent for versions from explicit artifacts.",
                "example": "pj-5f2c7e1a9b3d4c6e"
              }
            }
          },
          "sagemakerModelName": {
            "type": "string",
            "description": "The SageMaker model behind the version.",
            "example": "demo-model-v1"
          },
          "modelPackageArn": {
            "type": "string",
            "description": "The SageMaker model package (Model Registry entry) of the version.",
            "example": "arn:aws:sagemaker:us-east-1:123456789012:model-package/demo-model/1"
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the version was created."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the version's description, approval, labels or aliases last changed."
          }
        }
      },
      "Sizing": {
        "type": "object",
        "description": "How big the model is and which instance types it fits on.",
        "required": [
          "weightBytes",
          "minGpuMemoryGiB",
          "fitsOn"
        ],
        "properties": {
          "parameters": {
            "type": "integer",
            "minimum": 0,
            "description": "The number of parameters, when known.",
            "example": 8030261248
          },
          "dtype": {
            "type": "string",
            "description": "The weights' data type, when known.",
            "example": "bfloat16"
          },
          "weightBytes": {
            "type": "integer",
            "minimum": 0,
            "description": "The total size of the weight files.",
            "example": 16060522496
          },
          "minGpuMemoryGiB": {
            "type": "number",
            "minimum": 0,
            "description": "The least total GPU memory that serves the model (weights plus room for the KV cache and activations).",
            "example": 18.5
          },
          "fitsOn": {
            "type": "array",
            "description": "The supported instance types with enough GPU memory, smallest first.",
            "items": {
              "$ref": "#/components/schemas/InstanceTypeName"
            }
          }
        }
      },
      "ModelVersionList": {
        "type": "object",
        "description": "One page of model versions.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The versions, newest first.",
            "items": {
              "$ref": "#/components/schemas/ModelVersion"
            }
          },
          "nextToken": {
            "type": "string",
            "description": "Pass as `nextToken` to get the next page; absent on the last page."
          }
        }
      },
      "CreateEndpointRequest": {
        "type": "object",
        "description": "A new endpoint. The simple case serves one version: give `instanceType` and exactly one\nof `version` and `alias`. To split traffic between versions (A/B), give `variants`\ninstead of `version`, `alias`, `instanceType` and `instanceCount`. `shadow` adds a\nshadow variant that receives a copy of a share of the traffic.\n",
        "additionalProperties": false,
        "required": [
          "name",
          "model"
        ],
        "oneOf": [
          {
            "required": [
              "version",
              "instanceType"
            ]
          },
          {
            "required": [
              "alias",
              "instanceType"
            ]
          },
          {
            "required": [
              "variants"
            ]
          }
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/EndpointName"
          },
          "model": {
            "allOf": [
              {
                "$ref": "#/components/schemas/ModelName"
              }
            ],
            "description": "The model to serve."
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version to serve."
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias whose version to serve, resolved now."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "How many instances to start with (default 1); within `autoscaling`'s bounds when autoscaling is on."
          },
          "autoscaling": {
            "$ref": "#/components/schemas/Autoscaling"
          },
          "deployment": {
            "$ref": "#/components/schemas/Deployment"
          },
          "variants": {
            "type": "array",
            "minItems": 1,
            "maxItems": 10,
            "description": "The production variants, each a version of the endpoint's model on its own fleet\nwith a traffic weight (at most 10, SageMaker's limit). Each needs `version` or\n`alias` and `instanceType`. Names are unique; weights are relative (90 and 10 send\n90 % and 10 % of requests) and not all 0. Not combined with `version`, `alias`,\n`instanceType` or `instanceCount`, nor with `autoscaling` when there is more than\none variant.\n",
            "items": {
              "$ref": "#/components/schemas/EndpointVariantSpec"
            }
          },
          "shadow": {
            "$ref": "#/components/schemas/EndpointShadowSpec"
          },
          "pauseSchedule": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              }
            ],
            "description": "When to pause the endpoint, every time the expression matches (EventBridge Scheduler runs it)."
          },
          "resumeSchedule": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              }
            ],
            "description": "When to resume the endpoint, every time the expression matches."
          },
          "idlePause": {
            "$ref": "#/components/schemas/EndpointIdlePause"
          }
        }
      },
      "EndpointVariantName": {
        "type": "string",
        "description": "A variant's name (SageMaker's `VariantName`), unique within the endpoint.",
        "minLength": 1,
        "maxLength": 63,
        "pattern": "^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$",
        "example": "blue"
      },
      "EndpointVariantSpec": {
        "type": "object",
        "description": "A production variant as asked for. In an update, a variant that exists keeps what is\nnot given (its version, instance type, count and weight); a new one needs `version` or\n`alias` and `instanceType`. Give at most one of `version` and `alias`.\n",
        "additionalProperties": false,
        "required": [
          "name"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/EndpointVariantName"
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version of the endpoint's model this variant serves."
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias of the endpoint's model whose version this variant serves, resolved now."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "How many instances serve this variant (default 1 for a new variant)."
          },
          "weight": {
            "type": "number",
            "minimum": 0,
            "maximum": 1000,
            "description": "The variant's share of traffic, relative to the other variants' weights (default 1 for a new variant).",
            "example": 90
          }
        }
      },
      "EndpointShadowSpec": {
        "type": "object",
        "description": "A shadow variant: SageMaker sends it a copy of `samplingPercent` % of the requests the\nproduction variant receives, and drops its responses. An endpoint with a shadow has\nexactly one production variant (SageMaker's rule). In an update, an existing shadow\nkeeps what is not given; a new one needs `version` or `alias`, `instanceType` and\n`samplingPercent`. Give at most one of `version` and `alias`.\n",
        "additionalProperties": false,
        "properties": {
          "name": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointVariantName"
              }
            ],
            "description": "The shadow variant's name; default `shadow`."
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version of the endpoint's model the shadow serves."
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias of the endpoint's model whose version the shadow serves, resolved now."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "How many instances serve the shadow (default 1)."
          },
          "samplingPercent": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "The share of production requests copied to the shadow, in percent.",
            "example": 20
          }
        }
      },
      "UpdateEndpointRequest": {
        "type": "object",
        "description": "The endpoint fields to change; at least one. Give at most one of `version` and `alias`.\n",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "instanceCount": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "The new instance count; changed in place. Within `autoscaling`'s bounds when autoscaling is on."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version of the endpoint's model to roll out."
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias of the endpoint's model whose version to roll out, resolved now."
          },
          "autoscaling": {
            "description": "The new autoscaling settings, or `null` to remove autoscaling.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/Autoscaling"
              },
              {
                "type": "object",
                "nullable": true,
                "enum": [
                  null
                ]
              }
            ]
          },
          "deployment": {
            "$ref": "#/components/schemas/Deployment"
          },
          "variants": {
            "type": "array",
            "minItems": 1,
            "maxItems": 10,
            "description": "The production variants the endpoint is to have, all of them: variants left out are\nremoved, new names are added. A change of weights or counts alone is made in place\n(no new endpoint configuration, no new instances); adding or removing a variant, or\nchanging a variant's version or instance type, rolls out a new configuration. Not\ncombined with `version`, `alias`, `instanceType` or `instanceCount`.\n",
            "items": {
              "$ref": "#/components/schemas/EndpointVariantSpec"
            }
          },
          "shadow": {
            "description": "The shadow variant to add or change, or `null` to remove it.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/EndpointShadowSpec"
              },
              {
                "type": "object",
                "nullable": true,
                "enum": [
                  null
                ]
              }
            ]
          },
          "pauseSchedule": {
            "description": "The new pause schedule, or `null` to remove it.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              },
              {
                "type": "object",
                "nullable": true,
                "enum": [
                  null
                ]
              }
            ]
          },
          "resumeSchedule": {
            "description": "The new resume schedule, or `null` to remove it.",
            "anyOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              },
              {
                "type": "object",
                "nullable": true,
                "enum": [
                  null
                ]
              }
            ]
          },
          "idlePause": {
            "description": "The new idle pause, or `null` to remove it (the endpoint is then never paused for being idle).",
            "anyOf": [
              {
                "$ref": "#/components/schemas/EndpointIdlePause"
              },
              {
                "type": "object",
                "nullable": true,
                "enum": [
                  null
                ]
              }
            ]
          }
        }
      },
      "PromoteEndpointVariantRequest": {
        "type": "object",
        "description": "The variant to promote.",
        "additionalProperties": false,
        "required": [
          "variant"
        ],
        "properties": {
          "variant": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointVariantName"
              }
            ],
            "description": "The production variant, or the shadow, that is to take all traffic."
          }
        }
      },
      "EndpointIdlePause": {
        "type": "object",
        "description": "Pauses the endpoint once nobody calls it. An endpoint that is `running` and whose\nproduction variants together received zero invocations (SageMaker's `Invocations`\nmetric in CloudWatch, namespace `AWS/SageMaker`, summed) for the last `afterMinutes`\nis paused as `pauseEndpoint` pauses it. The check runs every five minutes (the\nperiodic sweep of the endpoints; locally the control plane runs it every minute), so\nthe pause comes up to that much after the endpoint fell idle. The whole window must\nlie after the endpoint was created, resumed or last changed in SageMaker\n(`LastModifiedTime`: a rollout, a change of instance count or weights, autoscaling):\na resume starts the clock again. A minute without a data point counts as no\ninvocations (SageMaker publishes none for an idle endpoint); when CloudWatch cannot be\nread, nothing is paused. Copies of requests sent to a shadow variant do not count.\nCloudWatch receives the metric a minute or two late, so a request in that last\nmoment before a check may not count yet.\n",
        "additionalProperties": false,
        "required": [
          "afterMinutes"
        ],
        "properties": {
          "afterMinutes": {
            "type": "integer",
            "minimum": 15,
            "maximum": 10080,
            "description": "How many minutes without an invocation pause the endpoint (15 minutes to 7 days).",
            "example": 60
          }
        }
      },
      "EndpointSchedule": {
        "type": "object",
        "description": "A recurring time, as a five-field cron expression (`minute hour day-of-month month\nday-of-week`, the Unix form) in an IANA time zone, daylight saving time included.\nEventBridge Scheduler runs it (as `cron(minute hour day-of-month month day-of-week *)`\nwith `?` in the day field left open); locally the control plane does. Days of the week\nare given by name (`MON-FRI`, `SAT,SUN`), months by number or name, and at most one of\nday-of-month and day-of-week is restricted. A scheduled pause of an endpoint that is not\nrunning, or a scheduled resume of one that is not paused, does nothing.\n",
        "additionalProperties": false,
        "required": [
          "cron",
          "timezone"
        ],
        "properties": {
          "cron": {
            "type": "string",
            "minLength": 9,
            "maxLength": 100,
            "description": "The cron expression, for example `0 19 * * MON-FRI` (19:00 on weekdays).",
            "example": "0 19 * * MON-FRI"
          },
          "timezone": {
            "type": "string",
            "minLength": 1,
            "maxLength": 64,
            "description": "The IANA time zone the expression is read in.",
            "example": "Europe/Berlin"
          }
        }
      },
      "Autoscaling": {
        "type": "object",
        "description": "Target-tracking autoscaling of the instance count (Application Auto Scaling).\n`minInstances` must not exceed `maxInstances`. Burstable `ml.t*` types cannot autoscale.\n",
        "additionalProperties": false,
        "required": [
          "minInstances",
          "maxInstances",
          "target"
        ],
        "properties": {
          "minInstances": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "The fewest instances to scale in to."
          },
          "maxInstances": {
            "type": "integer",
            "minimum": 1,
            "maximum": 100,
            "description": "The most instances to scale out to."
          },
          "target": {
            "$ref": "#/components/schemas/ScalingTarget"
          },
          "scaleInCooldownSeconds": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3600,
            "default": 300,
            "description": "Seconds after a scale-in before the next scale-in."
          },
          "scaleOutCooldownSeconds": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3600,
            "default": 60,
            "description": "Seconds after a scale-out before the next scale-out."
          }
        }
      },
      "ScalingTarget": {
        "type": "object",
        "description": "The metric to hold at a target value per instance.",
        "additionalProperties": false,
        "required": [
          "metric",
          "value"
        ],
        "properties": {
          "metric": {
            "type": "string",
            "enum": [
              "invocationsPerInstance",
              "concurrentRequests"
            ],
            "description": "`invocationsPerInstance`: invocations per instance per minute.\n`concurrentRequests`: in-flight requests per model copy, sampled every 10 seconds\n(reacts faster; better for LLMs).\n"
          },
          "value": {
            "type": "number",
            "minimum": 0,
            "exclusiveMinimum": true,
            "description": "The target value of the metric; greater than 0.",
            "example": 8
          }
        }
      },
      "Deployment": {
        "type": "object",
        "description": "How changes that replace the fleet (instance type or version) are rolled out: blue/green,\nshifting traffic all at once, as a canary then the rest, or in linear steps. Changes of\nthe instance count alone are made in place. The policy given at create or update is kept\nfor later updates. Default: `allAtOnce` with `rollbackOnAlarms`.\n",
        "additionalProperties": false,
        "required": [
          "strategy"
        ],
        "properties": {
          "strategy": {
            "type": "string",
            "enum": [
              "allAtOnce",
              "canary",
              "linear"
            ],
            "description": "How traffic moves to the new fleet."
          },
          "stepPercent": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "description": "The share of traffic of the canary (`canary`) or of each step (`linear`, at least 10).\nDefault 10.\n"
          },
          "waitSeconds": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3600,
            "description": "Seconds to watch the alarms after each shift before the next. Default 300."
          },
          "rollbackOnAlarms": {
            "type": "boolean",
            "default": true,
            "description": "Roll back automatically when the endpoint's error or latency alarms fire during the rollout."
          }
        }
      },
      "EndpointStatus": {
        "type": "string",
        "description": "Where the endpoint stands: `creating`, `updating`, `running`, `rollingBack` (an update\nis being undone), `failed` (creation failed; only delete is allowed), `updateFailed` (an\nupdate failed and was rolled back; the endpoint still serves), `deleting`, or\n`outOfService`, or `paused` (its SageMaker endpoint is deleted, no instances run and\nnothing is billed for it, its definition is kept: `resumeEndpoint` brings it back).\n",
        "enum": [
          "creating",
          "updating",
          "running",
          "rollingBack",
          "failed",
          "updateFailed",
          "deleting",
          "outOfService",
          "paused"
        ]
      },
      "Endpoint": {
        "type": "object",
        "description": "An endpoint.",
        "required": [
          "name",
          "status",
          "sagemakerStatus",
          "sagemakerEndpointName",
          "model",
          "version",
          "instanceType",
          "instanceCount",
          "links",
          "createdAt",
          "updatedAt"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/EndpointName"
          },
          "status": {
            "$ref": "#/components/schemas/EndpointStatus"
          },
          "reason": {
            "type": "string",
            "description": "Why the endpoint failed, the last update failed, or a rollback happened.",
            "example": "The primary container for production variant AllTraffic did not pass the ping health check."
          },
          "sagemakerStatus": {
            "type": "string",
            "description": "SageMaker's own status of the endpoint (for example `InService`, `SystemUpdating`).\nA paused endpoint shows `Deleting` while SageMaker removes it, then `Deleted`.\n",
            "example": "InService"
          },
          "sagemakerEndpointName": {
            "type": "string",
            "description": "The SageMaker endpoint to invoke (`InvokeEndpoint`).",
            "example": "demo-endpoint"
          },
          "model": {
            "$ref": "#/components/schemas/ModelName"
          },
          "version": {
            "allOf": [
              {
                "$ref": "#/components/schemas/VersionNumber"
              }
            ],
            "description": "The version served. With several variants, `version`, `alias`, `instanceType` and\n`instanceCount` are those of the variant with the largest desired weight (the first\nof equals); `variants` is authoritative.\n"
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias the served version was taken from, when it was given by alias."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "type": "object",
            "description": "How many instances serve now and how many are wanted. While paused, `current` is\n0 and `desired` is the count `resumeEndpoint` starts again.\n",
            "required": [
              "current",
              "desired"
            ],
            "properties": {
              "current": {
                "type": "integer",
                "minimum": 0,
                "description": "Instances serving now."
              },
              "desired": {
                "type": "integer",
                "minimum": 0,
                "description": "Instances wanted (set by the caller or by autoscaling)."
              }
            }
          },
          "autoscaling": {
            "$ref": "#/components/schemas/Autoscaling"
          },
          "deployment": {
            "$ref": "#/components/schemas/Deployment"
          },
          "variants": {
            "type": "array",
            "description": "The production variants, each with its version, instance type, and current and\ndesired instance count and weight (SageMaker's DescribeEndpoint). Authoritative for\nendpoints with several variants; an endpoint created with the single-version fields\nhas one variant, `main`, with weight 1.\n",
            "items": {
              "$ref": "#/components/schemas/EndpointVariant"
            }
          },
          "shadow": {
            "$ref": "#/components/schemas/EndpointShadow"
          },
          "health": {
            "$ref": "#/components/schemas/EndpointHealth"
          },
          "links": {
            "type": "object",
            "description": "Where to look further, in the AWS console.",
            "required": [
              "logs"
            ],
            "properties": {
              "logs": {
                "type": "string",
                "format": "uri",
                "description": "The endpoint's CloudWatch Logs group (`/aws/sagemaker/Endpoints/{name}`), where its containers log.",
                "example": "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/$252Faws$252Fsagemaker$252FEndpoints$252Fdemo-endpoint"
              }
            }
          },
          "createdAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the endpoint was created."
          },
          "updatedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the endpoint last changed."
          },
          "pausedAt": {
            "type": "string",
            "format": "date-time",
            "description": "When the endpoint was paused; present only while it is `paused`."
          },
          "pauseSchedule": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              }
            ],
            "description": "When to pause the endpoint, every time the expression matches (EventBridge Scheduler runs it)."
          },
          "resumeSchedule": {
            "allOf": [
              {
                "$ref": "#/components/schemas/EndpointSchedule"
              }
            ],
            "description": "When to resume the endpoint, every time the expression matches."
          },
          "idlePause": {
            "$ref": "#/components/schemas/EndpointIdlePause"
          }
        }
      },
      "VariantCount": {
        "type": "object",
        "description": "How many instances serve now and how many are wanted.",
        "required": [
          "current",
          "desired"
        ],
        "properties": {
          "current": {
            "type": "integer",
            "minimum": 0,
            "description": "Instances serving now."
          },
          "desired": {
            "type": "integer",
            "minimum": 0,
            "description": "Instances wanted."
          }
        }
      },
      "EndpointVariant": {
        "type": "object",
        "description": "A production variant of the endpoint.",
        "required": [
          "name",
          "version",
          "instanceType",
          "instanceCount",
          "weight"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/EndpointVariantName"
          },
          "version": {
            "$ref": "#/components/schemas/VersionNumber"
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias the variant's version was taken from, when it was given by alias."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "$ref": "#/components/schemas/VariantCount"
          },
          "weight": {
            "type": "object",
            "description": "The variant's traffic weight now and the one it is moving to (relative to the other variants').",
            "required": [
              "current",
              "desired"
            ],
            "properties": {
              "current": {
                "type": "number",
                "minimum": 0,
                "description": "The weight in effect."
              },
              "desired": {
                "type": "number",
                "minimum": 0,
                "description": "The weight asked for."
              }
            }
          }
        }
      },
      "EndpointShadow": {
        "type": "object",
        "description": "The endpoint's shadow variant, which receives a copy of `samplingPercent` % of production requests.",
        "required": [
          "name",
          "version",
          "instanceType",
          "instanceCount",
          "samplingPercent"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/EndpointVariantName"
          },
          "version": {
            "$ref": "#/components/schemas/VersionNumber"
          },
          "alias": {
            "allOf": [
              {
                "$ref": "#/components/schemas/AliasName"
              }
            ],
            "description": "The alias the shadow's version was taken from, when it was given by alias."
          },
          "instanceType": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "instanceCount": {
            "$ref": "#/components/schemas/VariantCount"
          },
          "samplingPercent": {
            "type": "integer",
            "minimum": 0,
            "maximum": 100,
            "description": "The share of production requests copied to the shadow, in percent (its desired weight relative to the production variant's)."
          }
        }
      },
      "EndpointHealth": {
        "type": "object",
        "description": "The endpoint's health at a glance: the last minute of data CloudWatch holds from the\nlast five minutes. A field is absent when there is no data for it (for example while\nthe endpoint is creating, or when it serves nothing); use `getEndpointMetrics` for\nhistory.\n",
        "properties": {
          "gpuUtilization": {
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "GPU utilization over the last minute, in % per GPU (CloudWatch's figure divided by\nthe instance type's GPU count, so 100 means every GPU is busy), averaged over the\ninstances.\n",
            "example": 72.5
          },
          "concurrentRequests": {
            "type": "number",
            "minimum": 0,
            "description": "In-flight requests per instance over the last minute (average).",
            "example": 6.25
          },
          "at": {
            "type": "string",
            "format": "date-time",
            "description": "Start of the minute the figures are from.",
            "example": "2025-06-02T09:59:00Z"
          }
        }
      },
      "EndpointList": {
        "type": "object",
        "description": "One page of endpoints.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The endpoints, in name order.",
            "items": {
              "$ref": "#/components/schemas/Endpoint"
            }
          },
          "nextToken": {
            "type": "string",
            "description": "Pass as `nextToken` to get the next page; absent on the last page."
          }
        }
      },
      "MetricName": {
        "type": "string",
        "description": "An endpoint metric: `gpuUtilization` and `gpuMemoryUtilization` (% per GPU),\n`concurrentRequests` (in-flight requests), `invocations`, `modelLatency` (ms),\n`errors4xx`, `errors5xx`, `cpuUtilization` (% per vCPU) and `memoryUtilization` (%).\n",
        "enum": [
          "gpuUtilization",
          "gpuMemoryUtilization",
          "concurrentRequests",
          "invocations",
          "modelLatency",
          "errors4xx",
          "errors5xx",
          "cpuUtilization",
          "memoryUtilization"
        ]
      },
      "Statistic": {
        "type": "string",
        "description": "A CloudWatch statistic (names as CloudWatch spells them).",
        "enum": [
          "Average",
          "Sum",
          "Minimum",
          "Maximum",
          "SampleCount",
          "p50",
          "p90",
          "p99"
        ]
      },
      "EndpointMetrics": {
        "type": "object",
        "description": "Metric series of one endpoint over one window.",
        "required": [
          "endpoint",
          "start",
          "end",
          "period",
          "series"
        ],
        "properties": {
          "endpoint": {
            "$ref": "#/components/schemas/EndpointName"
          },
          "start": {
            "type": "string",
            "format": "date-time",
            "description": "Start of the window (inclusive)."
          },
          "end": {
            "type": "string",
            "format": "date-time",
            "description": "End of the window (exclusive)."
          },
          "period": {
            "type": "integer",
            "minimum": 10,
            "description": "Seconds per data point."
          },
          "series": {
            "type": "array",
            "description": "One series per metric, or per metric and variant, and per instance.",
            "items": {
              "$ref": "#/components/schemas/MetricSeries"
            }
          }
        }
      },
      "MetricSeries": {
        "type": "object",
        "description": "The data points of one metric (of one variant or instance, when read per variant or instance).",
        "required": [
          "metric",
          "stat",
          "unit",
          "points"
        ],
        "properties": {
          "metric": {
            "$ref": "#/components/schemas/MetricName"
          },
          "stat": {
            "$ref": "#/components/schemas/Statistic"
          },
          "unit": {
            "type": "string",
            "enum": [
              "Percent",
              "Count",
              "Milliseconds"
            ],
            "description": "The unit of the values: `Percent` for utilizations (per GPU or per vCPU),\n`Count` for requests, invocations, errors and any `SampleCount`, `Milliseconds`\nfor latency.\n"
          },
          "instanceId": {
            "type": "string",
            "description": "The instance the series belongs to (with `perInstance=true`).",
            "example": "i-0a1b2c3d4e5f60718"
          },
          "variant": {
            "type": "string",
            "description": "The variant the series belongs to, when the endpoint is read per variant (several\nvariants, `variant` or `perVariant=true`).\n",
            "example": "b"
          },
          "role": {
            "type": "string",
            "enum": [
              "production",
              "shadow"
            ],
            "description": "Whether the variant serves callers (`production`) or gets a copy of their requests\nwhose answers are dropped (`shadow`); given with `variant`.\n"
          },
          "points": {
            "type": "array",
            "description": "The data points in time order; periods without data are left out.",
            "items": {
              "$ref": "#/components/schemas/MetricPoint"
            }
          }
        }
      },
      "MetricPoint": {
        "type": "object",
        "description": "One data point.",
        "required": [
          "timestamp",
          "value"
        ],
        "properties": {
          "timestamp": {
            "type": "string",
            "format": "date-time",
            "description": "Start of the period."
          },
          "value": {
            "type": "number",
            "description": "The statistic's value over the period."
          }
        }
      },
      "InstanceType": {
        "type": "object",
        "description": "A GPU instance type endpoints can use.",
        "required": [
          "name",
          "gpus",
          "gpuMemoryGiB",
          "gpuModel",
          "vcpus",
          "memoryGiB"
        ],
        "properties": {
          "name": {
            "$ref": "#/components/schemas/InstanceTypeName"
          },
          "gpus": {
            "type": "integer",
            "minimum": 1,
            "description": "The number of GPUs.",
            "example": 1
          },
          "gpuMemoryGiB": {
            "type": "number",
            "minimum": 0,
            "description": "GPU memory in GiB, the total over all GPUs.",
            "example": 24
          },
          "gpuModel": {
            "type": "string",
            "description": "The GPU model.",
            "example": "A10G"
          },
          "vcpus": {
            "type": "integer",
            "minimum": 1,
            "description": "The number of vCPUs.",
            "example": 8
          },
          "memoryGiB": {
            "type": "number",
            "minimum": 0,
            "description": "Host memory in GiB.",
            "example": 32
          }
        }
      },
      "InstanceTypeList": {
        "type": "object",
        "description": "The supported instance types.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The instance types, smallest first.",
            "items": {
              "$ref": "#/components/schemas/InstanceType"
            }
          }
        }
      },
      "Series": {
        "type": "object",
        "description": "A model series (family) and how it is served.",
        "required": [
          "name",
          "serving",
          "architectures",
          "description"
        ],
        "properties": {
          "name": {
            "type": "string",
            "description": "The series name.",
            "example": "llama"
          },
          "serving": {
            "type": "string",
            "enum": [
              "lmi",
              "vllm",
              "hfInference",
              "tgi"
            ],
            "description": "The serving engine: `lmi` (DJL Serving LMI), `vllm` (the AWS vLLM container),\n`hfInference` (the Hugging Face inference toolkit, for encoder-decoder and small\nmodels) or `tgi` (Text Generation Inference, legacy: in maintenance since December 2025).\n"
          },
          "architectures": {
            "type": "array",
            "description": "The `config.json` architectures that belong to the series.",
            "items": {
              "type": "string",
              "example": "LlamaForCausalLM"
            }
          },
          "description": {
            "type": "string",
            "description": "What the series covers."
          }
        }
      },
      "SeriesList": {
        "type": "object",
        "description": "The supported model series.",
        "required": [
          "items"
        ],
        "properties": {
          "items": {
            "type": "array",
            "description": "The series, in name order.",
            "items": {
              "$ref": "#/components/schemas/Series"
            }
          }
        }
      }
    }
  }
} as unknown as OpenApiDocument;
