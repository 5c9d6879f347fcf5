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

// Uniqueness under concurrency and the retry loop: libs/tickets reference-codes.int-spec.ts.
describe('CMP-2 — tracking codes', () => {
  it('gives each complaint one RC code, the same on a retry, and finds the complaint by it', async () => {
    const [first, second] = [uuidv7(), uuidv7()];
    const code = await codes.reserve(first, 2026);
    expect(code).toMatch(/^RC-2026-/);
    expect(isTrackingCode(code)).toBe(true);
    expect(await codes.reserve(first, 2026)).toBe(code);
    expect(await codes.reserve(second, 2026)).not.toBe(code);
    expect(await codes.codeOf(first)).toBe(code);
    expect(await codes.complaintOf(code.toLowerCase())).toBe(first);
    expect(await codes.complaintOf('RC-2026-00000000')).toBeNull();
    const { rows } = await db.query(
      `SELECT complaint_id::text AS id FROM ${schema}.complaint_tracking_codes WHERE tracking_code = $1`,
      [code],
    );
    expect(rows).toEqual([{ id: first }]);
  });
});
