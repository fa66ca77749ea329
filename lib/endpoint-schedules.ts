import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { EnvNames } from '../core/env-names.js';
import type { ModelplaneFunction } from './modelplane-function.js';
import { acknowledgeFindings, wildcardResourceFinding } from './nag.js';

export interface EndpointSchedulesProps {
  /** The schedule group's name: one per deployment (`{prefix}-{stage}-endpoints`). */
  readonly groupName: string;
  /** The function every schedule invokes with its pause or resume (the endpoint events handler). */
  readonly target: ModelplaneFunction;
}

/**
 * Endpoint pause and resume schedules (lambdas/endpoints/schedules.ts): the deployment's
 * EventBridge Scheduler group, and the role its schedules run as, which may only invoke the
 * target function. The API makes the schedules at run time (`grantManage`).
 */
export class EndpointSchedules extends Construct {
  readonly group: scheduler.CfnScheduleGroup;
  readonly role: iam.Role;
  private readonly groupName: string;
  private readonly target: ModelplaneFunction;

  constructor(scope: Construct, id: string, props: EndpointSchedulesProps) {
    super(scope, id);
    this.groupName = props.groupName;
    this.target = props.target;
    this.group = new scheduler.CfnScheduleGroup(this, 'Group', { name: props.groupName });
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      description: 'EventBridge Scheduler runs modelplane endpoint pause/resume schedules as this role',
      // Only schedules of this account may assume it (the confused-deputy guard Scheduler documents).
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'InvokePauseResume', actions: ['lambda:InvokeFunction'], resources: [props.target.function.functionArn] }),
    );
    // The target's own reconcile deletes the schedules of a deleted endpoint.
    props.target.addEnvironment(EnvNames.scheduleGroup, props.groupName);
    props.target.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ sid: 'RemoveEndpointSchedules', actions: ['scheduler:DeleteSchedule'], resources: [this.schedulesArn()] }),
    );
    acknowledgeFindings(props.target, 'Endpoint schedules are named by endpoint at run time; the grant is every schedule of this deployment group only', [
      wildcardResourceFinding(props.target, this.schedulesArn()),
    ]);
  }

  /** The ARN of every schedule in the group (schedule/{group}/{name}). */
  private schedulesArn(): string {
    return Stack.of(this).formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.groupName}/*`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /**
   * Lets `fn` create, update, read and delete schedules in this group only, and pass this role
   * only (to Scheduler, for its targets), and names both and the target to it.
   */
  grantManage(fn: ModelplaneFunction): void {
    const schedules = this.schedulesArn();
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'EndpointSchedules',
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedules],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    fn.addEnvironment(EnvNames.scheduleGroup, this.groupName);
    fn.addEnvironment(EnvNames.scheduleTargetArn, this.target.function.functionArn);
    fn.addEnvironment(EnvNames.schedulerRoleArn, this.role.roleArn);
    acknowledgeFindings(fn, 'Endpoint schedules are named by endpoint at run time; the grant is every schedule of this deployment group only', [
      wildcardResourceFinding(fn, schedules),
    ]);
  }
}
