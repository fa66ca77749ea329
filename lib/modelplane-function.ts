import { isAbsolute, join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { EnvNames } from '../core/env-names.js';
import { acknowledgeFindings } from './nag.js';
import { projectRoot } from './project-paths.js';

/**
 * The Lambda runtime of every modelplane function. Node.js 22, not 20: Lambda deprecated
 * nodejs20.x on 2026-04-30 and blocks creating functions with it from 2026-08-31
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated);
 * 22 is the newest version the project runs its tests on (README: Node 20.19+, 22 works too).
 */
export const functionRuntime = lambda.Runtime.NODEJS_22_X;
const esbuildTarget = 'node22';

/**
 * esbuild's ESM output has no `require`; some bundled CommonJS dependencies (the AWS SDK's
 * transitive ones) still call it, so the bundle defines one
 * (https://github.com/evanw/esbuild/issues/1921).
 */
const requireBanner = "import { createRequire as __modelplaneCreateRequire } from 'node:module'; const require = __modelplaneCreateRequire(import.meta.url);";

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface ModelplaneFunctionProps {
  /** The handler file (exporting `handler`), relative to the repository root or absolute. */
  readonly entry: string;
  /** What the function does, for the console. @default - none */
  readonly description?: string;
  /** Service name in structured logs and traces (POWERTOOLS_SERVICE_NAME). @default 'modelplane' */
  readonly serviceName?: string;
  /**
   * How long one invocation may run.
   * @default Duration.seconds(29) - API Gateway's integration timeout: a longer run would be cut off for the caller anyway
   */
  readonly timeout?: Duration;
  /** Memory in MiB; CPU grows with it, which shortens cold starts. @default 1024 */
  readonly memorySize?: number;
  /** How long the function's log group keeps events. @default logs.RetentionDays.ONE_MONTH */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the log group when the function is removed from the stack. @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /** The least level the application logs. @default 'INFO' */
  readonly logLevel?: LogLevel;
  /** Extra environment variables (prefer the bind helpers in bindings.ts, which also grant access). @default - none */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * A Lambda function with the project's defaults: Node.js on ARM64, X-Ray tracing, JSON logs
 * into an explicit log group with a retention, and an esbuild bundle (ESM, source maps, AWS
 * SDK included so the code runs against the SDK version it was tested with). Its role starts
 * with nothing but writing its own logs and traces; grant the rest with the bind helpers.
 */
export class ModelplaneFunction extends Construct implements iam.IGrantable {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ModelplaneFunctionProps) {
    super(scope, id);
    const logLevel = props.logLevel ?? 'INFO';

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    // Our own role instead of the default one with the AWSLambdaBasicExecutionRole managed
    // policy: that policy lets the function create and write any log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${id} function`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.function = new NodejsFunction(this, 'Function', {
      entry: isAbsolute(props.entry) ? props.entry : join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: functionRuntime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 1024,
      timeout: props.timeout ?? Duration.seconds(29),
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      environment: {
        [EnvNames.serviceName]: props.serviceName ?? 'modelplane',
        // Powertools reads its own variable; keep it equal to the Lambda log level above.
        [EnvNames.logLevel]: logLevel,
        // Stack traces point into the TypeScript sources through the bundle's source map.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: esbuildTarget,
        mainFields: ['module', 'main'],
        banner: requireBanner,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        bundleAwsSDK: true,
      },
    });

    acknowledgeFindings(
      this.role,
      'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions, so their resource is *.',
      ['AwsSolutions-IAM5[Resource::*]'],
    );
    acknowledgeFindings(
      this.function,
      `Pinned to ${functionRuntime.name}, the newest Node.js version the project is tested on (nodejs20.x can no longer be used to create functions); move to a newer runtime together with the project's Node version.`,
      ['AwsSolutions-L1'],
    );
  }

  get grantPrincipal(): iam.IPrincipal {
    return this.role;
  }

  /** The function's ARN (for resource policies and integrations). */
  get functionArn(): string {
    return this.function.functionArn;
  }

  /** Sets an environment variable of the function. */
  addEnvironment(name: string, value: string): this {
    this.function.addEnvironment(name, value);
    return this;
  }
}
