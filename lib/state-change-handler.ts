import type { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import type { ApiHandlersProps } from './api-handlers.js';
import { bindTable } from './bindings.js';
import { EventDeadLetters } from './event-dead-letters.js';
import { ModelplaneFunction } from './modelplane-function.js';

export interface StateChangeHandlerProps {
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
}

export interface StateChangeHandler {
  readonly handler: ModelplaneFunction;
  readonly rule: events.Rule;
  readonly deadLetters: EventDeadLetters;
  readonly sweep: events.Rule;
}

/**
 * The shape both reconcilers share (endpoints, packaging jobs): one function fed by a
 * state-change rule (4 retries, then a dead-letter queue with an alarm) and by a schedule
 * (a sweep, never retried: the next one comes soon) that scans the table across tenants, since
 * an event can be lost and AWS sends none for some changes.
 */
export function stateChangeHandler(scope: Construct, props: ApiHandlersProps, handlerProps: StateChangeHandlerProps): StateChangeHandler {
  const handler = new ModelplaneFunction(scope, 'Handler', {
    entry: handlerProps.entry,
    description: handlerProps.description,
    serviceName: props.serviceName,
    logRetention: props.logRetention,
  });
  const deadLetters = new EventDeadLetters(scope, 'DeadLetters', { events: handlerProps.events });
  const rule = new events.Rule(scope, handlerProps.ruleId, {
    description: handlerProps.ruleDescription,
    eventPattern: handlerProps.eventPattern,
    targets: [new targets.LambdaFunction(handler.function, { retryAttempts: 4, maxEventAge: handlerProps.maxEventAge, deadLetterQueue: deadLetters.queue })],
  });
  const sweep = new events.Rule(scope, 'Sweep', {
    description: handlerProps.sweepDescription,
    schedule: events.Schedule.rate(handlerProps.sweepEvery),
    targets: [new targets.LambdaFunction(handler.function, { retryAttempts: 0 })],
  });
  bindTable(handler, props.table, { actions: ['Scan'] });
  return { handler, rule, deadLetters, sweep };
}
