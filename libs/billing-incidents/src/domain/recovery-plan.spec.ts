import { WINDTRE_INCIDENT } from '../testing/windtre-policy.fixture';
import { sameDayNextMonth } from './billing-period';
import { planRecovery } from './recovery-plan';

const missed = (...periods: string[]) => periods.map((period) => ({ period, amountCents: 999 }));

describe('the recovery plan (BIL-15, AMB-28, EXT-BIL-3)', () => {
  it('AS-27: €9.99 missed Feb–Apr 2026, SMS on 2026-05-05 → May charged normally; €9.99 on 06-05, 07-05, 08-04', () => {
    const plan = planRecovery({
      recoveryId: 'r-1',
      serviceName: 'Easy Pay',
      missed: missed('2026-04', '2026-02', '2026-03'),
      noticeOn: '2026-05-05',
      policy: WINDTRE_INCIDENT,
    });
    expect(plan).toMatchObject({
      regularChargesResumeFrom: '2026-05',
      arrearsCents: 2997,
      recoverableCents: 2997,
      stepDays: 30,
      prescribed: [],
    });
    expect(plan.charges).toEqual([
      {
        chargeId: 'r-1:2026-02',
        dueOn: '2026-06-05',
        amountCents: 999,
        currency: 'EUR',
        recovers: '2026-02',
        label: 'Recupero canone Easy Pay febbraio 2026',
      },
      {
        chargeId: 'r-1:2026-03',
        dueOn: '2026-07-05',
        amountCents: 999,
        currency: 'EUR',
        recovers: '2026-03',
        label: 'Recupero canone Easy Pay marzo 2026',
      },
      {
        chargeId: 'r-1:2026-04',
        dueOn: '2026-08-04',
        amountCents: 999,
        currency: 'EUR',
        recovers: '2026-04',
        label: 'Recupero canone Easy Pay aprile 2026',
      },
    ]);
  });

  it('AMB-28: the first step is the same day of the next month, or its last day when it has none', () => {
    expect(sameDayNextMonth('2026-01-31')).toBe('2026-02-28');
    expect(sameDayNextMonth('2028-01-30')).toBe('2028-02-29');
    expect(sameDayNextMonth('2026-12-15')).toBe('2027-01-15');
    expect(sameDayNextMonth('2026-03-31')).toBe('2026-04-30');
  });

  it('BIL-15: a month from the notice on is charged normally, so it cannot be in the arrears', () => {
    expect(() =>
      planRecovery({
        recoveryId: 'r-1',
        serviceName: 'Easy Pay',
        missed: missed('2026-04', '2026-05'),
        noticeOn: '2026-05-05',
        policy: WINDTRE_INCIDENT,
      }),
    ).toThrow(
      expect.objectContaining({
        ruleId: 'BIL-15',
        details: expect.objectContaining({ period: '2026-05' }),
      }),
    );
  });

  it('EXT-BIL-3: with a 24-month prescription, a fee charged too late is left out and steps close up', () => {
    const plan = planRecovery({
      recoveryId: 'r-1',
      serviceName: 'Easy Pay',
      missed: missed('2024-05', '2024-06', '2026-03'),
      noticeOn: '2026-05-05',
      policy: { ...WINDTRE_INCIDENT, prescriptionMonths: 24 },
    });
    expect(plan.prescribed).toEqual([
      { period: '2024-05', amountCents: 999, prescribedFrom: '2026-05-01' },
      { period: '2024-06', amountCents: 999, prescribedFrom: '2026-06-01' },
    ]);
    expect(plan.charges.map((c) => [c.recovers, c.dueOn])).toEqual([['2026-03', '2026-06-05']]);
    expect(plan).toMatchObject({ arrearsCents: 2997, recoverableCents: 999 });
  });

  it('EXT-BIL-3: no prescription figure (null) recovers everything, however old', () => {
    const plan = planRecovery({
      recoveryId: 'r-1',
      serviceName: 'Easy Pay',
      missed: missed('2020-01'),
      noticeOn: '2026-05-05',
      policy: WINDTRE_INCIDENT,
    });
    expect(plan.prescribed).toEqual([]);
    expect(plan.charges).toHaveLength(1);
  });
});
