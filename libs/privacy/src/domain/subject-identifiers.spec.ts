import { chooseSubject, identifiersOf, normalizeIdentifier } from './subject-identifiers';

describe('subject identifiers (issue 8: one person is one subject across tickets)', () => {
  it('normalises each identifier so that one person typed twice is one value', () => {
    expect(normalizeIdentifier('fiscal_code', ' spsmra80a41f839y ')).toBe('SPSMRA80A41F839Y');
    expect(normalizeIdentifier('vat_number', 'IT 01234567890')).toBe('01234567890');
    expect(normalizeIdentifier('phone', '+39 333 1234567')).toBe('+393331234567');
    expect(normalizeIdentifier('phone', '333-123.4567')).toBe('+393331234567');
    expect(normalizeIdentifier('phone', '0039 333 1234567')).toBe('+393331234567');
    expect(normalizeIdentifier('email', ' Maria.Esposito@Example.IT ')).toBe(
      'maria.esposito@example.it',
    );
    expect(normalizeIdentifier('phone', 'not a phone')).toBeNull();
    expect(normalizeIdentifier('vat_number', '123')).toBeNull();
  });

  it('keeps the usable identifiers given, each once', () => {
    expect(
      identifiersOf({ fiscalCode: 'SPSMRA80A41F839Y', phone: '', email: null, vatNumber: 'x' }),
    ).toEqual([{ kind: 'fiscal_code', value: 'SPSMRA80A41F839Y' }]);
  });

  const cf = { kind: 'fiscal_code' as const, digest: 'cf-maria' };
  const phone = { kind: 'phone' as const, digest: 'ph-home' };
  const email = { kind: 'email' as const, digest: 'em-maria' };

  it('a known codice fiscale names its subject; the new phone is linked to it', () => {
    expect(
      chooseSubject(
        [cf, phone],
        [{ subjectId: 'maria', matched: ['cf-maria'], kinds: ['fiscal_code'] }],
      ),
    ).toEqual({ kind: 'existing', subjectId: 'maria', missing: ['ph-home'] });
  });

  it('a phone shared with someone of another codice fiscale does not merge two people', () => {
    expect(
      chooseSubject(
        [{ kind: 'fiscal_code', digest: 'cf-giovanni' }, phone],
        [{ subjectId: 'maria', matched: ['ph-home'], kinds: ['fiscal_code', 'phone'] }],
      ),
    ).toEqual({ kind: 'new', missing: ['cf-giovanni', 'ph-home'] });
  });

  it('a subject known only by phone is adopted by the first codice fiscale filed with it', () => {
    expect(
      chooseSubject([cf, phone], [{ subjectId: 'p1', matched: ['ph-home'], kinds: ['phone'] }]),
    ).toEqual({ kind: 'existing', subjectId: 'p1', missing: ['cf-maria'] });
  });

  it('phone or e-mail alone name a subject only when exactly one matches', () => {
    expect(
      chooseSubject(
        [phone, email],
        [{ subjectId: 'maria', matched: ['ph-home'], kinds: ['phone'] }],
      ),
    ).toEqual({ kind: 'existing', subjectId: 'maria', missing: ['em-maria'] });
    expect(
      chooseSubject(
        [phone],
        [
          { subjectId: 'maria', matched: ['ph-home'], kinds: ['fiscal_code', 'phone'] },
          { subjectId: 'giovanni', matched: ['ph-home'], kinds: ['fiscal_code', 'phone'] },
        ],
      ),
    ).toEqual({ kind: 'new', missing: ['ph-home'] });
  });
});
