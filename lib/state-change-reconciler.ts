import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bindTable } from './bindings.js';
import { EventDeadLetters } from './event-dead-letters.js';
import { ModelplaneFunction } from './modelplane-function.js';

export interface StateChangeReconcilerProps {
  /** The handler's source (`lambdas/...`) and what it does, for the console. */
  readonly entry: string;
  readonly description: string;
  /** The construct id of the state-change rule, its description and pattern. */
  readonly ruleId: string;
  readonly ruleDescription: string;
  readonly eventPattern: events.EventPattern;
  /** What the rule delivers, for the dead-letter alarm ("Batch job state changes"). */
  readonly events: string;
  /** The oldest event EventBridge still retries. */
  readonly maxEventAge: Duration;
  /** How often the same handler sweeps every record, and what the sweep does. */
  readonly sweepEvery: Duration;
  readonly sweepDescription: string;
  /** The single table the sweep scans across tenants. */
  readonly table: dynamodb.ITable;
  /** Service name in logs and traces. @default 'modelplane' */
  readonly serviceName?: string;
  /** Retention of the handler's log group. @default - ModelplaneFunction's default */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The shape both reconcilers share (endpoints, packaging jobs): one function fed by a
 * state-change rule (4 retries, then a dead-letter queue with an alarm) and by a schedule
 * (a sweep, never retried: the next one comes soon) that scans the table across tenants, since
 * an event can be lost and AWS sends none for some changes. Subclasses add their area's grants;
 * the resources sit directly in the subclass's scope, so their logical ids are the subclass's.
 */
export class StateChangeReconciler extends Construct {
  readonly handler: ModelplaneFunction;
  readonly rule: events.Rule;
  /** State changes the rule could not deliver (the sweep still reconciles those records). */
  readonly deadLetters: EventDeadLetters;
  readonly sweep: events.Rule;

  constructor(scope: Construct, id: string, props: StateChangeReconcilerProps) {
    super(scope, id);
    this.handler = new ModelplaneFunction(this, 'Handler', {
      entry: props.entry,
      description: props.description,
      serviceName: props.serviceName,
      logRetention: props.logRetention,
    });
    this.deadLetters = new EventDeadLetters(this, 'DeadLetters', { events: props.events });
    this.rule = new events.Rule(this, props.ruleId, {
      description: props.ruleDescription,
      eventPattern: props.eventPattern,
      targets: [
        new targets.LambdaFunction(this.handler.function, { retryAttempts: 4, maxEventAge: props.maxEventAge, deadLetterQueue: this.deadLetters.queue }),
      ],
    });
    this.sweep = new events.Rule(this, 'Sweep', {
      description: props.sweepDescription,
      schedule: events.Schedule.rate(props.sweepEvery),
      targets: [new targets.LambdaFunction(this.handler.function, { retryAttempts: 0 })],
    });
    bindTable(this.handler, props.table, { actions: ['Scan'] });
  }
}
