import { v7 as uuidv7 } from 'uuid';
import { PgExecutor, SqlExecutor } from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { ReferenceCodes, referenceInputPattern, referencePattern } from './reference-codes';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('refcodes');
const options = { prefix: 'TK', table: 'ticket_refs', idColumn: 'ticket_id', noun: 'ticket ref' };
const codes = new ReferenceCodes(db, schema, options);

beforeAll(() => codes.init());
afterAll(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

describe('reference codes', () => {
  it('gives each ticket one unique, readable reference of its year, the same on a retry', async () => {
    const ids = Array.from({ length: 300 }, () => uuidv7());
    const reserved = await Promise.all(ids.map((id) => codes.reserve(id, 2026)));
    expect(new Set(reserved).size).toBe(300);
    expect(reserved.every((r) => /^TK-2026-[0-9A-HJKMNP-TV-Z]{8}$/.test(r))).toBe(true);
    expect(reserved.every((r) => codes.pattern.test(r))).toBe(true);
    expect(await codes.reserve(ids[0], 2027)).toBe(reserved[0]);
    expect(await codes.referenceOf(ids[1])).toBe(reserved[1]);
    expect(await codes.referenceOf(uuidv7())).toBeNull();
  });

  it('finds the ticket by its reference in any letter case, and nothing by an unknown one', async () => {
    const id = uuidv7();
    const reference = await codes.reserve(id, 2026);
    expect(await codes.ticketOf(reference)).toBe(id);
    expect(await codes.ticketOf(reference.toLowerCase())).toBe(id);
    expect(await codes.ticketOf('TK-2026-00000000')).toBeNull();
  });

  it('stores the reference in the named table and columns', async () => {
    const id = uuidv7();
    const reference = await codes.reserve(id, 2026);
    const { rows } = await db.query<{ ticket_id: string }>(
      `SELECT ticket_id::text AS ticket_id FROM ${schema}.ticket_refs WHERE reference = $1`,
      [reference],
    );
    expect(rows).toEqual([{ ticket_id: id }]);
    const custom = new ReferenceCodes(db, schema, {
      ...options,
      table: 'custom',
      codeColumn: 'code',
    });
    await custom.init();
    const code = await custom.reserve(id, 2026);
    expect((await db.query(`SELECT code FROM ${schema}.custom`)).rows).toEqual([{ code }]);
  });

  it('gives up after ten attempts that find neither a free reference nor one already reserved', async () => {
    const query = jest.fn().mockResolvedValue({ rows: [] });
    const full = new ReferenceCodes({ query } as unknown as SqlExecutor, schema, options);
    await expect(full.reserve(uuidv7(), 2026)).rejects.toThrow(
      'Could not reserve a unique ticket ref',
    );
    expect(query).toHaveBeenCalledTimes(20);
  });

  it('accepts any letter case as input but issues only Crockford base32', () => {
    expect(referencePattern('TK').test('TK-2026-7K4M9QX2')).toBe(true);
    expect(referencePattern('TK').test('TK-2026-7K4M9QXI')).toBe(false);
    expect(referencePattern('TK').test('tk-2026-7k4m9qx2')).toBe(false);
    expect(referenceInputPattern('TK').test('TK-2026-7k4m9qxi')).toBe(true);
    expect(referenceInputPattern('TK').test('TK-26-7K4M9QX2')).toBe(false);
    expect(codes.inputPattern.test('GU-2026-7K4M9QX2')).toBe(false);
  });

  it('refuses names that could not be spliced into SQL safely', () => {
    expect(() => new ReferenceCodes(db, schema, { ...options, table: 'x; DROP' })).toThrow();
    expect(() => new ReferenceCodes(db, schema, { ...options, idColumn: 'Id' })).toThrow();
    expect(() => new ReferenceCodes(db, schema, { ...options, prefix: 'T-' })).toThrow();
    expect(() => new ReferenceCodes(db, 'bad schema', options)).toThrow();
  });
});
