import { RuleViolation } from '@sportello/decider';
import { addDays, CalendarDate, daysBetween } from '@sportello/sla';
import { BillingIncidentPolicy } from './billing-incident.policy';
import {
  addMonths,
  BillingPeriod,
  comparePeriods,
  firstDayOf,
  isBillingPeriod,
  italianMonthName,
  periodOf,
  sameDayNextMonth,
} from './billing-period';

/** A monthly fee the incident left uncharged. */
export interface MissedCharge {
  period: BillingPeriod;
  amountCents: number;
}

/** One step of the plan: a billing item of its own, addressable by `chargeId` (e.g. by a complaint). */
export interface RecoveryCharge {
  chargeId: string;
  dueOn: CalendarDate;
  amountCents: number;
  currency: 'EUR';
  /** BIL-15: the period this charge recovers. */
  recovers: BillingPeriod;
  label: string;
}

/** EXT-BIL-3: a fee that would be charged only once its prescription had run. */
export interface PrescribedCharge {
  period: BillingPeriod;
  amountCents: number;
  /** The first day on which charging it would be too late. */
  prescribedFrom: CalendarDate;
}

export interface RecoveryPlan {
  /** BIL-15: the regular monthly charge is billed normally from this month (the notice's). */
  regularChargesResumeFrom: BillingPeriod;
  noticeOn: CalendarDate;
  stepDays: number;
  arrearsCents: number;
  recoverableCents: number;
  currency: 'EUR';
  charges: RecoveryCharge[];
  prescribed: PrescribedCharge[];
  clause: string;
}

export interface RecoveryPlanInput {
  recoveryId: string;
  serviceName: string;
  missed: MissedCharge[];
  /** The Europe/Rome date on which the customer was notified (NTF-10). */
  noticeOn: CalendarDate;
  policy: BillingIncidentPolicy;
}

export function chargeIdOf(recoveryId: string, period: BillingPeriod): string {
  return `${recoveryId}:${period}`;
}

export function recoveryLabel(serviceName: string, period: BillingPeriod): string {
  return `Recupero canone ${serviceName} ${italianMonthName(period)}`;
}

/** The missed fees are well formed and each was due before the month of the notice (BIL-15). */
export function checkMissedCharges(missed: MissedCharge[], noticePeriod?: BillingPeriod): void {
  if (missed.length === 0)
    throw new RuleViolation('BIL-15', 'A recovery needs at least one uncharged period', {
      field: 'periods',
    });
  const seen = new Set<string>();
  for (const { period, amountCents } of missed) {
    if (!isBillingPeriod(period) || seen.has(period))
      throw new RuleViolation('BIL-15', 'Each uncharged period is a distinct month YYYY-MM', {
        field: 'periods',
        period,
      });
    seen.add(period);
    if (!Number.isInteger(amountCents) || amountCents <= 0)
      throw new RuleViolation('BIL-15', 'A missed fee is a positive amount in whole cents', {
        field: 'monthlyFeeCents',
      });
    if (noticePeriod && comparePeriods(period, noticePeriod) >= 0)
      throw new RuleViolation(
        'BIL-15',
        'Regular charges resume from the month of the notice: a period from that month on is charged normally, not recovered',
        { field: 'periods', period, noticePeriod },
      );
  }
}

/**
 * BIL-15, AMB-28, EXT-BIL-3: regular charges resume in the month of the notice; the missed fees
 * are recovered oldest first, one per step, the first on the same day of the following month and
 * then every `recoveryStepDays` days, until settled. A fee whose charge would fall on or after the
 * first day of the month `prescriptionMonths` after its period is prescribed and left out.
 */
export function planRecovery(input: RecoveryPlanInput): RecoveryPlan {
  const { policy, noticeOn } = input;
  const noticePeriod = periodOf(noticeOn);
  checkMissedCharges(input.missed, noticePeriod);
  if (!Number.isInteger(policy.recoveryStepDays) || policy.recoveryStepDays <= 0)
    throw new RangeError(`${policy.version}: recoveryStepDays must be a positive whole number`);

  const ordered = [...input.missed].sort((a, b) => comparePeriods(a.period, b.period));
  const charges: RecoveryCharge[] = [];
  const prescribed: PrescribedCharge[] = [];
  let dueOn = sameDayNextMonth(noticeOn);
  for (const { period, amountCents } of ordered) {
    if (policy.prescriptionMonths !== null) {
      const prescribedFrom = firstDayOf(addMonths(period, policy.prescriptionMonths));
      if (daysBetween(prescribedFrom, dueOn) >= 0) {
        prescribed.push({ period, amountCents, prescribedFrom });
        continue;
      }
    }
    charges.push({
      chargeId: chargeIdOf(input.recoveryId, period),
      dueOn,
      amountCents,
      currency: 'EUR',
      recovers: period,
      label: recoveryLabel(input.serviceName, period),
    });
    dueOn = addDays(dueOn, policy.recoveryStepDays);
  }
  const sum = (items: { amountCents: number }[]) => items.reduce((t, c) => t + c.amountCents, 0);
  return {
    regularChargesResumeFrom: noticePeriod,
    noticeOn,
    stepDays: policy.recoveryStepDays,
    arrearsCents: sum(ordered),
    recoverableCents: sum(charges),
    currency: 'EUR',
    charges,
    prescribed,
    clause: policy.clause,
  };
}
