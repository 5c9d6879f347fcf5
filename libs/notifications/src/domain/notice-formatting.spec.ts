import fc from 'fast-check';
import { contactAt } from './contacts';
import { euros, italianDate, romeDate } from './notice-formatting';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './retry-policy';

describe('notice formatting', () => {
  it('CMP-5: a deadline instant reads as its calendar day in Rome, across DST', () => {
    expect(romeDate('2026-04-16T21:59:59.999Z')).toBe('16/04/2026'); // CEST, 23:59 in Rome
    expect(romeDate('2026-01-15T22:59:59.999Z')).toBe('15/01/2026'); // CET
    expect(romeDate('2026-01-15T23:00:00.000Z')).toBe('16/01/2026');
    expect(() => romeDate('not a date')).toThrow(RangeError);
  });

  it('calendar dates in Italian order', () => {
    expect(italianDate('2026-05-19')).toBe('19/05/2026');
    expect(() => italianDate('19/05/2026')).toThrow(RangeError);
  });

  it('integer cents as euros, without floating point', () => {
    expect(euros(0)).toBe('0,00 €');
    expect(euros(5)).toBe('0,05 €');
    expect(euros(123456)).toBe('1.234,56 €');
    expect(euros(-1999)).toBe('-19,99 €');
    expect(() => euros(1.5)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (cents) => {
        const [units, decimals] = euros(cents).replace(' €', '').split(',');
        return Number(units.replace(/\./g, '')) * 100 + Number(decimals) === cents;
      }),
    );
  });

  it('retries back off exponentially up to a cap', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1_000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 40].map((n) => retryDelayMs(policy, n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });
});

describe('contacts', () => {
  const filed = (data: object, masked: string[] = []) => ({
    id: 'e-1',
    type: 'Filed',
    stream: 'complaint-1',
    revision: 0,
    data,
    occurredAt: '2026-05-19T08:00:00Z',
    masked,
  });

  it('NTF-11: a found contact comes with a reference to where it is sealed, not only its value', () => {
    expect(contactAt(filed({ c: { email: ' a@b.it ' } }), 'c.email', 'email', 's-1')).toEqual({
      status: 'found',
      address: 'a@b.it',
      reference: { subjectId: 's-1', field: 'email', eventId: 'e-1', path: 'c.email' },
    });
  });

  it('PRV-13: an erased contact is erased, a blank or absent one is missing', () => {
    expect(
      contactAt(filed({ c: { email: '[erased]' } }, ['c.email']), 'c.email', 'email', 's'),
    ).toEqual({
      status: 'erased',
    });
    expect(contactAt(filed({ c: { email: '[erased]' } }), 'c.email', 'email', 's').status).toBe(
      'erased',
    );
    expect(contactAt(filed({ c: { email: '  ' } }), 'c.email', 'email', 's').status).toBe(
      'missing',
    );
    expect(contactAt(filed({ c: {} }), 'c.email', 'email', 's').status).toBe('missing');
    expect(contactAt(undefined, 'c.email', 'email', 's').status).toBe('missing');
  });
});
