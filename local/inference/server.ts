/**
 * The local SageMaker Runtime stand-in: an HTTP server speaking SageMaker Runtime's protocol
 * (InvokeEndpoint at POST /endpoints/{name}/invocations, InvokeEndpointWithResponseStream at
 * /endpoints/{name}/invocations-response-stream with AWS event-stream framing), so the invoke
 * area's production gateway talks to it with the real SDK client (the local runtime sets
 * AWS_ENDPOINT_URL_SAGEMAKER_RUNTIME). It answers only endpoints the emulator has InService,
 * as the container of the endpoint's serving profile would (containers.ts), with SageMaker's
 * own errors: ValidationError for a missing or not-in-service endpoint or variant, ModelError
 * (424, with OriginalStatusCode and OriginalMessage) for what the container refuses. A
 * stand-in: no model runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { DescribeEndpointCommand, DescribeEndpointConfigCommand, DescribeModelCommand, type SageMakerClient } from '@aws-sdk/client-sagemaker';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { answer, ContainerError, profileOf, type ServingProfile } from './containers.js';

/** One invocation the stand-in answered, for local metrics (invocations, latency, concurrency). */
export interface InvocationRecord {
  endpoint: string;
  variant: string;
  at: Date;
  latencyMs: number;
  /** The container's status (200, or its 4xx/5xx). */
  status: number;
  streamed: boolean;
}

export interface InferenceStandInOptions {
  /** The emulator's SageMaker (endpoints, configs, models). */
  sagemaker: SageMakerClient;
  /** Pause between streamed tokens. @default 15 */
  tokenDelayMs?: number;
  /** Port on 127.0.0.1. @default 0 (a free one) */
  port?: number;
  /** How many records the in-memory log keeps. @default 10000 */
  logSize?: number;
}

class SageMakerError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const account = '000000000000';
const toUtf8 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const fromUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const codec = new EventStreamCodec(toUtf8, fromUtf8);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendError(res: ServerResponse, error: SageMakerError): void {
  res.writeHead(error.status, { 'Content-Type': 'application/json', 'x-amzn-errortype': error.type });
  res.end(JSON.stringify({ message: error.message, ...error.extra }));
}

function payloadPart(bytes: Uint8Array): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: 'PayloadPart' },
      ':message-type': { type: 'string', value: 'event' },
      ':content-type': { type: 'string', value: 'application/octet-stream' },
    },
    body: bytes,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class InferenceStandIn {
  private server?: Server;
  private readonly records: InvocationRecord[] = [];
  private running = 0;
  private readonly profiles = new Map<string, ServingProfile>();

  constructor(private readonly options: InferenceStandInOptions) {}

  /** The invocations answered so far, oldest first (at most logSize). */
  invocations(since?: Date): readonly InvocationRecord[] {
    return since ? this.records.filter((r) => r.at >= since) : [...this.records];
  }

  /** Requests being answered right now. */
  get concurrentRequests(): number {
    return this.running;
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? 0, '127.0.0.1', resolve);
    });
    const address = this.server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The endpoint's variant and serving profile, or SageMaker's ValidationError. */
  private async target(endpoint: string, requested: string | undefined): Promise<{ variant: string; profile: ServingProfile }> {
    const sagemaker = this.options.sagemaker;
    const described = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpoint })).catch((error: unknown) => {
      if (error instanceof Error && /not found|could not find|does not exist/i.test(error.message)) return undefined;
      throw error;
    });
    if (!described) throw new SageMakerError(400, 'ValidationError', `Endpoint ${endpoint} of account ${account} not found.`);
    if (described.EndpointStatus !== 'InService' && described.EndpointStatus !== 'Updating' && described.EndpointStatus !== 'SystemUpdating') {
      throw new SageMakerError(400, 'ValidationError', `Endpoint ${endpoint} of account ${account} is not in service (status ${described.EndpointStatus}).`);
    }
    const configName = described.EndpointConfigName ?? '';
    const config = await sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }));
    const variants = config.ProductionVariants ?? [];
    const chosen = requested === undefined ? variants[0] : variants.find((v) => v.VariantName === requested);
    if (!chosen) throw new SageMakerError(400, 'ValidationError', `The variant(s) "[${requested}]" is/are not found for endpoint ${endpoint}.`);
    const key = `${configName}/${chosen.VariantName}`;
    let profile = this.profiles.get(key);
    if (!profile) {
      const model = await sagemaker.send(new DescribeModelCommand({ ModelName: chosen.ModelName ?? '' }));
      profile = profileOf(model.PrimaryContainer?.Environment ?? {}, chosen.ModelName ?? endpoint);
      this.profiles.set(key, profile);
    }
    return { variant: chosen.VariantName ?? 'main', profile };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const match = /^\/endpoints\/([^/]+)\/(invocations|invocations-response-stream)$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.method !== 'POST' || !match) return sendError(res, new SageMakerError(404, 'UnknownOperationException', `No operation ${req.method} ${req.url}.`));
    const endpoint = decodeURIComponent(match[1]!);
    const streamed = match[2] === 'invocations-response-stream';
    const requested = req.headers['x-amzn-sagemaker-target-variant'] as string | undefined;
    this.running++;
    let status = 200;
    let variant = requested ?? 'main';
    try {
      const body = await readBody(req);
      const target = await this.target(endpoint, requested);
      variant = target.variant;
      let container;
      try {
        container = answer(target.profile, body, streamed);
      } catch (error) {
        if (!(error instanceof ContainerError)) throw error;
        status = error.status;
        const logStream = `arn:aws:logs:us-east-1:${account}:log-group:/aws/sagemaker/Endpoints/${endpoint}`;
        throw new SageMakerError(
          424,
          'ModelError',
          `Received client error (${error.status}) from primary with message "${error.message}". See ${logStream} in account ${account} for more information.`,
          {
            OriginalStatusCode: error.status,
            OriginalMessage: error.message,
            LogStreamArn: logStream,
            ErrorCode: 'CLIENT_ERROR_FROM_MODEL',
          },
        );
      }
      const headers = { 'x-Amzn-Invoked-Production-Variant': variant };
      if ('body' in container) {
        res.writeHead(200, { ...headers, 'Content-Type': container.contentType });
        res.end(container.body);
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': 'application/vnd.amazon.eventstream', 'X-Amzn-SageMaker-Content-Type': container.contentType });
      for (const piece of container.pieces) {
        res.write(payloadPart(fromUtf8(piece)));
        await sleep(this.options.tokenDelayMs ?? 15);
      }
      res.end();
    } catch (error) {
      if (error instanceof SageMakerError) {
        if (status === 200) status = error.status;
        return sendError(res, error);
      }
      status = 500;
      sendError(res, new SageMakerError(500, 'InternalFailure', `The inference stand-in failed: ${(error as Error).message}`));
    } finally {
      this.running--;
      this.records.push({ endpoint, variant, at: new Date(started), latencyMs: Date.now() - started, status, streamed });
      if (this.records.length > (this.options.logSize ?? 10_000)) this.records.shift();
    }
  }
}
