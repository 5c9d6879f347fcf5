export interface RetryPolicy {
  /** Attempts before a notice is abandoned on this channel (and the next channel is tried). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
};

/** Exponential backoff after the `attempts`-th failed attempt: base, 2×base, 4×base… capped. */
export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
}
