import { describe, expect, it } from 'vitest';
import { checkResponse } from '../support/contract.js';

/** The fuzz suite leans on call()'s contract check: it must fail on a status the spec does not declare. */
describe('the contract checker', () => {
  const problem = { type: 'urn:modelplane:problem:X', title: 'X', status: 409, code: 'X' };

  it('fails on an undeclared status', () => {
    expect(() => checkResponse('GET', '/v1/series', 409, 'application/problem+json', problem)).toThrow(
      /listSeries answered 409, which the spec does not document/,
    );
  });

  it('fails on an error that is not problem+json', () => {
    expect(() =>
      checkResponse('GET', '/v1/series', 400, 'application/json', { ...problem, status: 400, errors: [{ path: '/query/x', message: 'm' }] }),
    ).toThrow(/documents application\/problem\+json/);
  });

  it('takes a declared answer', () => {
    expect(() =>
      checkResponse('GET', '/v1/series?limt=1', 400, 'application/problem+json', { ...problem, status: 400, errors: [{ path: '/query/limt', message: 'm' }] }),
    ).not.toThrow();
  });
});
