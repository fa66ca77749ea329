import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledgeFindings } from './nag.js';

export interface EventDeadLettersProps {
  /** What the rule delivers, for the alarm's description ("Batch job state changes"). */
  readonly events: string;
}

/**
 * Where an EventBridge rule puts the events it could not deliver to its handler once its
 * retries and maximum event age ran out (the handler kept failing, or was throttled). They are
 * kept 14 days, to read and to send again, and an alarm fires on the first one: a lost
 * state-change event would otherwise leave a job record or an endpoint config behind unseen.
 */
export class EventDeadLetters extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: EventDeadLettersProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeFindings(
      this.queue,
      'This queue is itself the dead-letter queue of an EventBridge rule target; a queue behind it would only move the same messages.',
      ['AwsSolutions-SQS3'],
    );
    this.alarm = new cloudwatch.Alarm(this, 'Undelivered', {
      alarmDescription: `${props.events} that never reached their modelplane handler wait in ${this.queue.node.path}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
