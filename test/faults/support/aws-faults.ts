/**
 * AWS answers the emulator cannot give (throttling, 500s, timeouts, refused connections), made
 * with aws-sdk-client-mock on one client class while every other call of that class still goes
 * to the real emulator: a fault can then strike half-way through a flow, and the test reads the
 * emulator to see what the flow left behind.
 */
import type { Client, MetadataBearer } from '@smithy/types';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { expect } from 'vitest';
import type { ApiAnswer } from '../../support/control-plane.js';

const realSends = new WeakMap<object, (command: unknown) => Promise<unknown>>();

/**
 * Mocks `clientClass` for this process (the handlers of an in-process plane included), passing
 * every call through to the real client unless a test sets a fault with `.on(Command, input?)`.
 */
export function faultsOn<I extends object, O extends MetadataBearer, C>(clientClass: { prototype: Client<I, O, C> }): AwsStub<I, O, C> {
  // mockClient stubs `send` on the class's own prototype; the SDK's Client#send underneath is untouched.
  const realSend = (Object.getPrototypeOf(clientClass.prototype) as Client<I, O, C>).send as (command: unknown) => Promise<O>;
  const mock = mockClient(clientClass);
  realSends.set(mock, realSend);
  clearFaults(mock);
  return mock;
}

/** Takes every fault away: all calls go to the emulator again. */
export function clearFaults<I extends object, O extends MetadataBearer, C>(mock: AwsStub<I, O, C>): void {
  const realSend = realSends.get(mock)!;
  mock.reset();
  mock.send.callsFake(function (this: Client<I, O, C>, command) {
    return realSend.call(this, command) as Promise<O>;
  });
}

/** Inside a fake: makes the call for real (for a call that is made, then answered badly). */
export function passThrough<I extends object, O extends MetadataBearer, C>(
  mock: AwsStub<I, O, C>,
  client: Client<I, O, C>,
  command: unknown,
): Promise<unknown> {
  return realSends.get(mock)!.call(client, command);
}

const metadata = (httpStatusCode?: number) => ({ $metadata: { ...(httpStatusCode ? { httpStatusCode } : {}), attempts: 1, totalRetryDelay: 0 } });

/** What the SDK throws when AWS throttles: a 400 ThrottlingException. */
export function throttling(message = 'Rate exceeded'): Error {
  return Object.assign(new Error(message), { name: 'ThrottlingException', $fault: 'client', ...metadata(400) });
}

/** What the SDK throws for an AWS 500 of a name we do not know: a server fault. */
export function serverError(name = 'InternalFailure', message = 'We encountered an internal error. Please try again.'): Error {
  return Object.assign(new Error(message), { name, $fault: 'server', ...metadata(500) });
}

/** What the SDK throws when the requestTimeout of lambdas/shared/aws-clients.ts runs out. */
export function timedOut(): Error {
  return Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 5000 ms requestTimeout.'), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
    ...metadata(),
  });
}

/** What the SDK throws when nothing listens: a refused connection. */
export function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect', ...metadata() });
}

/** The API's answer to a fault it cannot mend: a 429 or 503 problem that says when to retry. */
export function expectRetryable(answer: ApiAnswer, status: 429 | 503, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.body).toMatchObject({ status, code });
  expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
}
