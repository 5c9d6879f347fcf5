import { randomBytes } from 'node:crypto';
import IORedis from 'ioredis';
import { Pool } from 'pg';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fixed secrets for tests: the values matter only in that every test process agrees on them. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');
export const TEST_AUTH_SECRET = 'test-secret-for-sportello-e2e-tests-only-0123456789';

/** A name no other test file or run uses: each test file gets its own schema and key prefix. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

let pool: Pool | null = null;

/** One small pool per test file for assertions and clean-up. */
export function testDatabase(): Pool {
  pool ??= new Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  return pool;
}

export async function dropSchema(schema: string): Promise<void> {
  await testDatabase().query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

/** Deletes this test's Redis keys only: other test files share the server. */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      if (next === '0') break;
      cursor = next;
    }
  } finally {
    redis.disconnect();
  }
}

export async function closeTestInfrastructure(): Promise<void> {
  await pool?.end();
  pool = null;
}
