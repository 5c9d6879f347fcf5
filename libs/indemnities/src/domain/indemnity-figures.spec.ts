import { indemnityFigures, recomputesFromItsInputs } from './indemnity-figures';
import { IndemnityTerms } from './indemnity.events';

const daily = (overrides: Partial<IndemnityTerms['rate']> = {}): IndemnityTerms['rate'] => ({
  dailyCents: 500,
  multiplier: 1,
  capDays: 10,
  capCents: null,
  flatCents: null,
  rules: ['IND-1'],
  clause: 'FW-CDS §5.3',
  ...overrides,
});

const hours = (dueAt: string, rate = daily()): IndemnityTerms => ({
  count: { basis: 'STARTED_24_HOUR_PERIODS', dueAt },
  rate,
  regulatory: null,
  supplementaryBeyondDays: 10,
});

describe('indemnity figures (IND-12, CAL-7, CAL-10)', () => {
  it('CAL-7: every started 24 h counts — 30 min late is 1 day, 73 h is 4 (AS-03, AS-01)', () => {
    const t = hours('2026-03-05T08:00:00Z');
    expect(indemnityFigures(t, '2026-03-05T08:00:00Z').days).toBe(0);
    expect(indemnityFigures(t, '2026-03-05T08:30:00Z')).toMatchObject({
      days: 1,
      creditedCents: 500,
    });
    expect(indemnityFigures(t, '2026-03-08T09:00:00Z')).toMatchObject({
      days: 4,
      creditedCents: 2000,
      final: false,
    });
  });

  it('IND-1, IND-2: capped at 10 days after multiplying; beyond, a supplementary assessment (AMB-11)', () => {
    const f = indemnityFigures(hours('2026-01-10T07:00:00Z'), '2026-01-25T11:00:00Z');
    expect(f).toMatchObject({
      days: 16,
      daysPaid: 10,
      uncappedCents: 8000,
      contractualCents: 5000,
      final: true,
      supplementaryAssessment: true,
    });
  });

  it('IND-8, CAL-10: an amount cap per ticket and type (AS-11: €70.00 → €50.00)', () => {
    const t: IndemnityTerms = {
      count: {
        basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
        dueAt: '2026-06-06T21:59:59.999Z',
        dueDate: '2026-06-06',
      },
      rate: daily({ capDays: null, capCents: 5000 }),
      regulatory: null,
      supplementaryBeyondDays: null,
    };
    expect(indemnityFigures(t, '2026-06-20T08:00:00Z')).toMatchObject({
      days: 14,
      uncappedCents: 7000,
      contractualCents: 5000,
      final: true,
    });
  });

  it('AMB-17: the regulatory floor is credited when higher and keeps accruing past the contractual cap; both figures shown', () => {
    const t: IndemnityTerms = {
      count: {
        basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
        dueAt: '2026-03-04T22:59:59.999Z',
        dueDate: '2026-03-04',
      },
      rate: daily({ dailyCents: 200, capDays: null, capCents: 3000 }),
      regulatory: {
        rules: ['EXT-IND-2'],
        clause: 'AGCOM 347/18/CONS art. 4',
        per: 'DAY',
        unitCents: 750,
        multiplier: 1,
        from: null,
        to: null,
        applyAsFloor: true,
      },
      supplementaryBeyondDays: null,
    };
    expect(indemnityFigures(t, '2026-03-20T09:00:00Z')).toMatchObject({
      days: 16,
      contractualCents: 3000,
      regulatoryCents: 12000,
      creditedCents: 12000,
      creditBasis: 'regulator',
      final: false,
    });
    const reference = { ...t, regulatory: { ...t.regulatory!, applyAsFloor: false } };
    expect(indemnityFigures(reference, '2026-03-20T09:00:00Z')).toMatchObject({
      creditedCents: 3000,
      creditBasis: 'contract',
      regulatoryCents: 12000,
      final: true,
    });
  });

  it('IND-3: a flat amount whatever the duration; EXT-IND-6 per started year as a reference', () => {
    const t: IndemnityTerms = {
      count: { basis: 'FLAT' },
      rate: daily({ dailyCents: 0, capDays: null, flatCents: 2500 }),
      regulatory: {
        rules: ['EXT-IND-6'],
        clause: 'art. 11',
        per: 'STARTED_YEAR',
        unitCents: 20000,
        multiplier: 4,
        from: '2025-03-01',
        to: '2026-03-02',
        applyAsFloor: false,
      },
      supplementaryBeyondDays: null,
    };
    expect(indemnityFigures(t, '2026-03-05T09:00:00Z')).toMatchObject({
      contractualCents: 2500,
      regulatoryCents: 160000,
      creditedCents: 2500,
      final: true,
    });
  });

  it('IND-12: an auditor recomputes the recorded figures from the inputs alone, and sees a tampered one', () => {
    const terms = hours('2026-03-05T08:00:00Z');
    const figures = indemnityFigures(terms, '2026-03-08T09:00:00Z');
    const recorded = { terms, inputs: { fulfilledAt: '2026-03-08T09:00:00Z' }, figures };
    expect(recomputesFromItsInputs(recorded).matches).toBe(true);
    expect(
      recomputesFromItsInputs({ ...recorded, figures: { ...figures, creditedCents: 2500 } })
        .matches,
    ).toBe(false);
  });
});
