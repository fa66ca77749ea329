import type { ApiAnswer, ApiCall } from './control-plane.js';

/** Polls GET /v1/endpoints/{name} until its status is `status` (`gone`: until it answers 404), and returns that answer. */
export async function waitForEndpoint(call: (request: ApiCall) => Promise<ApiAnswer>, name: string, status: string, timeoutMs = 15_000): Promise<ApiAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await call({ method: 'GET', path: `/v1/endpoints/${name}` });
    if ((answer.body as { status?: string } | undefined)?.status === status || (status === 'gone' && answer.status === 404)) return answer;
    if (Date.now() > deadline)
      throw new Error(`endpoint ${name} is ${(answer.body as { status?: string } | undefined)?.status ?? answer.status}, not ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
