/** The platform's shared ioredis client (health, rate limits, the test clock). */
export const REDIS = Symbol('REDIS');
