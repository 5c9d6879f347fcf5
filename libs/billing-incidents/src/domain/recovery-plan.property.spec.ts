import fc from 'fast-check';
import { addDays, daysBetween } from '@sportello/sla';
import { WINDTRE_INCIDENT } from '../testing/windtre-policy.fixture';
import {
  addMonths,
  comparePeriods,
  firstDayOf,
  periodOf,
  sameDayNextMonth,
} from './billing-period';
import { planRecovery, RecoveryPlanInput } from './recovery-plan';

// Notices from 2020 to 2035; up to 36 missed months, each before the month of the notice.
const inputs = (prescription: fc.Arbitrary<number | null>) =>
  fc
    .record({
      noticeOffset: fc.integer({ min: 0, max: 16 * 366 }),
      monthsBack: fc.uniqueArray(fc.integer({ min: 1, max: 36 }), { minLength: 1, maxLength: 36 }),
      fees: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 36, maxLength: 36 }),
      stepDays: fc.oneof(fc.constant(30), fc.integer({ min: 1, max: 62 })),
      prescriptionMonths: prescription,
    })
    .map(({ noticeOffset, monthsBack, fees, stepDays, prescriptionMonths }): RecoveryPlanInput => {
      const noticeOn = addDays('2020-01-01', noticeOffset);
      return {
        recoveryId: 'r-1',
        serviceName: 'Easy Pay',
        noticeOn,
        missed: monthsBack.map((back, i) => ({
          period: addMonths(periodOf(noticeOn), -back),
          amountCents: fees[i],
        })),
        policy: { ...WINDTRE_INCIDENT, recoveryStepDays: stepDays, prescriptionMonths },
      };
    });

const total = (items: { amountCents: number }[]) => items.reduce((t, c) => t + c.amountCents, 0);

describe('BIL-15, AMB-28 — recovery plan properties', () => {
  it('recovers exactly the arrears: one missed period per step, each once, oldest first', () => {
    fc.assert(
      fc.property(inputs(fc.constant(null)), (input) => {
        const plan = planRecovery(input);
        expect(plan.charges).toHaveLength(input.missed.length);
        expect(total(plan.charges)).toBe(total(input.missed));
        expect(plan.recoverableCents).toBe(plan.arrearsCents);
        const recovered = plan.charges.map((c) => c.recovers);
        expect(new Set(recovered).size).toBe(recovered.length);
        expect([...recovered]).toEqual(input.missed.map((m) => m.period).sort(comparePeriods));
        for (const charge of plan.charges) {
          const missed = input.missed.find((m) => m.period === charge.recovers);
          expect(charge.amountCents).toBe(missed?.amountCents);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('NTF-10: no step precedes the notice; the first is the same day next month, then every step-days', () => {
    fc.assert(
      fc.property(inputs(fc.constant(null)), (input) => {
        const plan = planRecovery(input);
        expect(plan.regularChargesResumeFrom).toBe(periodOf(input.noticeOn));
        expect(plan.charges[0].dueOn).toBe(sameDayNextMonth(input.noticeOn));
        for (const charge of plan.charges)
          expect(daysBetween(input.noticeOn, charge.dueOn)).toBeGreaterThan(0);
        for (let i = 1; i < plan.charges.length; i++)
          expect(daysBetween(plan.charges[i - 1].dueOn, plan.charges[i].dueOn)).toBe(
            input.policy.recoveryStepDays,
          );
      }),
      { numRuns: 300 },
    );
  });

  it('EXT-BIL-3: with a prescription, recovered + prescribed = arrears, and nothing is charged once prescribed', () => {
    fc.assert(
      fc.property(inputs(fc.integer({ min: 1, max: 36 })), (input) => {
        const plan = planRecovery(input);
        const months = input.policy.prescriptionMonths as number;
        expect(total(plan.charges) + total(plan.prescribed)).toBe(plan.arrearsCents);
        expect(plan.charges.length + plan.prescribed.length).toBe(input.missed.length);
        for (const charge of plan.charges)
          expect(
            daysBetween(charge.dueOn, firstDayOf(addMonths(charge.recovers, months))),
          ).toBeGreaterThan(0);
        for (const left of plan.prescribed)
          expect(left.prescribedFrom).toBe(firstDayOf(addMonths(left.period, months)));
        for (let i = 1; i < plan.charges.length; i++)
          expect(daysBetween(plan.charges[i - 1].dueOn, plan.charges[i].dueOn)).toBe(
            input.policy.recoveryStepDays,
          );
      }),
      { numRuns: 300 },
    );
  });

  it('AMB-28: the first step is in the next month, on the notice day or, lacking it, the last day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 * 366 }), (offset) => {
        const notice = addDays('2020-01-01', offset);
        const first = sameDayNextMonth(notice);
        expect(periodOf(first)).toBe(addMonths(periodOf(notice), 1));
        const day = Number(notice.slice(8));
        const firstDay = Number(first.slice(8));
        expect(
          firstDay === day || (firstDay < day && periodOf(addDays(first, 1)) !== periodOf(first)),
        ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
