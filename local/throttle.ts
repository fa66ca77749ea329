/**
 * Local throttling: a token bucket per caller, with the rate and burst API Gateway's stage
 * throttles at (lib/api.ts), so a client that hammers the local plane learns about 429s
 * before it meets them on AWS.
 */

/** The stage's figures (ModelplaneApi's throttlingRateLimit / throttlingBurstLimit defaults). */
export const stageThrottling = { rate: 50, burst: 100 } as const;

export interface ThrottleOptions {
  /** Tokens added per second (steady-state requests per second). */
  rate: number;
  /** Bucket size: requests allowed at once after a quiet spell. */
  burst: number;
  /** Milliseconds since the epoch; injected by tests so nothing sleeps. @default Date.now */
  now?: () => number;
}

/** Whether a request may go on, and if not, after how many whole seconds it may. */
export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * One bucket per key (the tenant): each holds up to `burst` tokens and refills at `rate` per
 * second; a request takes one token or is refused with the time until one is back.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions) {
    if (!(options.rate > 0) || !(options.burst >= 1))
      throw new Error(`Throttling needs a rate > 0 and a burst >= 1 (got rate ${options.rate}, burst ${options.burst})`);
    this.now = options.now ?? Date.now;
  }

  take(key: string): ThrottleDecision {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.rate)) };
  }
}

/**
 * The inference routes' own figures (the deploy config's `invocationLimits` default), a bucket
 * per tenant apart from the control routes' one, as API Gateway's method throttle of those
 * routes replaces the stage's.
 */
export const invocationThrottling = { rate: 20, burst: 40 } as const;

/** The inference routes: invokeEndpoint and createChatCompletion. */
export function isInferencePath(path: string): boolean {
  return /^\/v1\/endpoints\/[^/]+\/(invocations|chat\/completions)$/.test(path);
}

/** The inference throttle from MODELPLANE_LOCAL_INVOKE_RATE / MODELPLANE_LOCAL_INVOKE_BURST (`off` for none), defaulting to invocationThrottling. */
export function invocationThrottleFromEnv(env: NodeJS.ProcessEnv): { rate: number; burst: number } | false {
  return throttleFromEnv(
    { MODELPLANE_LOCAL_RATE: env.MODELPLANE_LOCAL_INVOKE_RATE, MODELPLANE_LOCAL_BURST: env.MODELPLANE_LOCAL_INVOKE_BURST },
    invocationThrottling,
    'MODELPLANE_LOCAL_INVOKE',
  );
}

/**
 * The throttle settings from MODELPLANE_LOCAL_RATE / MODELPLANE_LOCAL_BURST, defaulting to
 * the stage's; `off` (either variable) turns throttling off.
 */
export function throttleFromEnv(
  env: NodeJS.ProcessEnv,
  defaults: { rate: number; burst: number } = stageThrottling,
  prefix = 'MODELPLANE_LOCAL',
): { rate: number; burst: number } | false {
  const rate = env.MODELPLANE_LOCAL_RATE;
  const burst = env.MODELPLANE_LOCAL_BURST;
  if (rate === 'off' || burst === 'off') return false;
  const figure = (name: string, value: string | undefined, fallback: number): number => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number or "off", got ${value}`);
    return n;
  };
  return { rate: figure(`${prefix}_RATE`, rate, defaults.rate), burst: figure(`${prefix}_BURST`, burst, defaults.burst) };
}
