import { inflateSync } from 'node:zlib';
import IORedis from 'ioredis';
import { testDatabase, TEST_REDIS_URL } from '../support/test-infrastructure';

/** Every row of every table of the schema, all columns cast to text. */
export async function dumpTables(schema: string): Promise<Map<string, string>> {
  const db = testDatabase();
  const { rows: tables } = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
    [schema],
  );
  const dump = new Map<string, string>();
  for (const { table_name: table } of tables) {
    const { rows } = await db.query<{ row: string }>(
      `SELECT t::text AS row FROM ${schema}."${table}" t`,
    );
    dump.set(table, rows.map((r) => r.row).join('\n'));
  }
  return dump;
}

/** Every key of the prefix with its value, whatever its type. */
export async function dumpRedis(prefix: string): Promise<string> {
  const redis = new IORedis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const out: string[] = [];
  try {
    for (let cursor = '0'; ;) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'list'
                ? await redis.lrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'zset'
                    ? await redis.zrange(key, 0, -1, 'WITHSCORES')
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        out.push(`${key} ${type} ${JSON.stringify(value)}`);
      }
      if (next === '0') break;
      cursor = next;
    }
  } finally {
    redis.disconnect();
  }
  return out.join('\n');
}

/** The text a PDF shows (standard fonts, as pdfmake writes it), for assertions. */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const texts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let content = Buffer.from(match[1], 'latin1');
    try {
      content = inflateSync(content);
    } catch {
      // not compressed
    }
    for (const tj of content.toString('latin1').matchAll(/\[(.*?)\]\s*TJ/g))
      texts.push(
        [...tj[1].matchAll(/<([0-9a-fA-F]+)>/g)]
          .map((h) => Buffer.from(h[1], 'hex').toString('latin1'))
          .join(''),
      );
  }
  return texts.join('');
}
