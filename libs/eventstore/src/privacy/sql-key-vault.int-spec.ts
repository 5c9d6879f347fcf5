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

  it('PRV-13: once the eraser has waited out the cache, no other process opens the key it cached', async () => {
    const reader = new SqlKeyVault(db, wrapper, schema, 300);
    const eraser = new SqlKeyVault(db, wrapper, schema, 300);
    const key = await reader.keyFor('subject-3');
    expect((await reader.findKey('subject-3'))?.equals(key)).toBe(true);
    await eraser.destroy('subject-3');
    await eraser.awaitDestroyedEverywhere();
    expect(await reader.findKey('subject-3')).toBeNull();
    await expect(reader.keyFor('subject-3')).rejects.toThrow(SubjectErasedError);
  });

  it('tells its listeners whose key it handed out to open data, and only that', async () => {
    const vault = new SqlKeyVault(db, wrapper, schema);
    const read: string[] = [];
    const stop = vault.onKeyRead((subjectId) => read.push(subjectId));
    await vault.keyFor('subject-4');
    await vault.findKey('subject-4');
    await vault.findKey('subject-never-created');
    stop();
    await vault.findKey('subject-4');
    expect(read).toEqual(['subject-4']);
  });
});
