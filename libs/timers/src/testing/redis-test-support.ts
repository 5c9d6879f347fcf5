import type IORedis from 'ioredis';

/** Deletes only one test file's keys: other test files share the Redis server. */
export async function deleteKeysWithPrefix(redis: IORedis, prefix: string): Promise<void> {
  for (let cursor = '0'; ;) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    if (next === '0') return;
    cursor = next;
  }
}

/** Polls until `check` holds (real time: for queues working in the background, not deadlines). */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  for (const started = Date.now(); Date.now() - started < timeoutMs;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
