import { v7 as uuidv7 } from 'uuid';
import { PgExecutor } from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { isTrackingCode, TrackingCodes } from './tracking-codes';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('tracking');
const codes = new TrackingCodes(db, schema);

beforeAll(() => codes.init());
afterAll(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('CMP-2 — tracking codes', () => {
  it('gives each complaint one unique, readable code, the same on a retry, and finds the complaint by it', async () => {
    const ids = Array.from({ length: 300 }, () => uuidv7());
    const reserved = await Promise.all(ids.map((id) => codes.reserve(id, 2026)));
    expect(new Set(reserved).size).toBe(300);
    expect(reserved.every(isTrackingCode)).toBe(true);
    expect(await codes.reserve(ids[0], 2026)).toBe(reserved[0]);
    expect(await codes.complaintOf(reserved[7].toLowerCase())).toBe(ids[7]);
    expect(await codes.complaintOf('RC-2026-00000000')).toBeNull();
  });
});
