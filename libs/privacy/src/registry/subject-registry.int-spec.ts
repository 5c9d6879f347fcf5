import { randomBytes } from 'node:crypto';
import { PgExecutor } from '@sportello/eventstore';
import { TEST_DATABASE_URL, uniqueSchema } from '@sportello/eventstore/testing/postgres-harness';
import { BlindIndex } from './blind-index';
import { SubjectRegistry } from './subject-registry';

const db = new PgExecutor(TEST_DATABASE_URL);
const schema = uniqueSchema('registry');
const registry = new SubjectRegistry(db, new BlindIndex(randomBytes(32)), schema);

beforeAll(() => db.exec(SubjectRegistry.ddl(schema)));
afterAll(async () => {
  await db.exec(`DROP SCHEMA ${schema} CASCADE`);
  await db.close();
});

const maria = {
  fiscalCode: 'SPSMRA80A41F839Y',
  phone: '+39 333 1234567',
  email: 'maria.esposito@example.it',
};

describe('subject registry (issue 8: blind indexes, one person one subject)', () => {
  it('resolves one person filing twice, in another spelling, to one subject', async () => {
    const first = await registry.resolveSubject(maria);
    const again = await registry.resolveSubject({
      fiscalCode: 'spsmra80a41f839y',
      phone: '3331234567',
    });
    expect(again).toBe(first);
    expect(await registry.kindsOf(first)).toEqual(['email', 'fiscal_code', 'phone']);
  });

  it('stores only keyed hashes: no identifier appears in the table', async () => {
    const { rows } = await db.query<{ row: string }>(
      `SELECT t::text AS row FROM ${schema}.subject_identifiers t`,
    );
    const text = rows.map((r) => r.row).join('\n');
    for (const value of [
      'SPSMRA80A41F839Y',
      '3331234567',
      '1234567',
      'maria.esposito',
      'example.it',
    ])
      expect(text).not.toContain(value);
  });

  it('finds the subject by each identifier, and says by which', async () => {
    const subjectId = await registry.resolveSubject(maria);
    expect(await registry.findSubjects({ email: 'MARIA.ESPOSITO@example.it' })).toEqual([
      { subjectId, matchedBy: ['email'] },
    ]);
    expect(
      await registry.findSubjects({ phone: '0039 333 123 4567', fiscalCode: maria.fiscalCode }),
    ).toEqual([{ subjectId, matchedBy: ['fiscal_code', 'phone'] }]);
    expect(await registry.findSubjects({ vatNumber: '01234567890' })).toEqual([]);
  });

  it('two first filings of one person at once make one subject', async () => {
    const person = { fiscalCode: 'RSSMRA70A01L219K', phone: '+39 347 9999999' };
    const ids = await Promise.all(Array.from({ length: 8 }, () => registry.resolveSubject(person)));
    expect(new Set(ids).size).toBe(1);
  });

  it('a rectified phone finds the subject; the replaced one no longer does', async () => {
    const subjectId = await registry.resolveSubject({
      fiscalCode: 'VRDLGU75B02F205X',
      phone: '+39 320 1111111',
    });
    await registry.replace(subjectId, 'phone', ['+39 320 1111111'], '+39 320 2222222');
    expect(await registry.findSubjects({ phone: '3201111111' })).toEqual([]);
    expect(await registry.findSubjects({ phone: '3202222222' })).toEqual([
      { subjectId, matchedBy: ['phone'] },
    ]);
  });

  it('PRV-13: forgotten on erasure, the person filing again is a new subject', async () => {
    const subjectId = await registry.resolveSubject({ fiscalCode: 'BNCGNN60C03H501Z' });
    expect(await registry.forget(subjectId)).toBe(1);
    expect(await registry.findSubjects({ fiscalCode: 'BNCGNN60C03H501Z' })).toEqual([]);
    expect(await registry.resolveSubject({ fiscalCode: 'BNCGNN60C03H501Z' })).not.toBe(subjectId);
  });
});
