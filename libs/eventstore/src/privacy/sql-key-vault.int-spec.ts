import { randomBytes } from 'node:crypto';
import { PgExecutor } from '../sql/pg-executor';
import { TEST_DATABASE_URL, uniqueSchema } from '../testing/postgres-harness';
import { KeyWrapper } from './key-wrapping';
import { SqlKeyVault } from './sql-key-vault';
import { SubjectErasedError } from './subject-key-vault';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('vault');
const wrapper = new KeyWrapper(randomBytes(32));

beforeAll(() => new SqlKeyVault(db, wrapper, schema).init());
afterAll(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('SqlKeyVault', () => {
  it('creates one key per subject, stores it only wrapped, and shares it between processes', async () => {
    const a = new SqlKeyVault(db, wrapper, schema);
    const b = new SqlKeyVault(db, wrapper, schema);
    const [k1, k2] = await Promise.all([a.keyFor('subject-1'), b.keyFor('subject-1')]);
    expect(k1.equals(k2)).toBe(true);
    expect((await b.findKey('subject-1'))?.equals(k1)).toBe(true);
    const { rows } = await db.query<{ wrapped_key: Buffer }>(
      `SELECT wrapped_key FROM ${schema}.subject_keys WHERE subject_id = 'subject-1'`,
    );
    expect(rows[0].wrapped_key.includes(k1)).toBe(false);
    await expect(
      new SqlKeyVault(db, new KeyWrapper(randomBytes(32)), schema).findKey('subject-1'),
    ).rejects.toThrow();
  });

  it('destroys a key for good: gone for every process, and never silently recreated', async () => {
    const a = new SqlKeyVault(db, wrapper, schema, 0);
    await a.keyFor('subject-2');
    expect(await a.destroy('subject-2')).toBe(true);
    expect(await a.findKey('subject-2')).toBeNull();
    expect(await new SqlKeyVault(db, wrapper, schema).findKey('subject-2')).toBeNull();
    expect(await a.isDestroyed('subject-2')).toBe(true);
    await expect(a.keyFor('subject-2')).rejects.toThrow(SubjectErasedError);
    expect(await a.destroy('subject-never-seen')).toBe(false);
    await expect(a.keyFor('subject-never-seen')).rejects.toThrow(SubjectErasedError);
  });
});
