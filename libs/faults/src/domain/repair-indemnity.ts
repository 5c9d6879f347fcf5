import { addDays, daysBetween, romeDateOf } from '@sportello/sla';
import {
  CustomerType,
  ExceptionalFault,
  RepairIndemnityAssessed,
  RepairRegime,
  ServiceRestored,
} from './fault.events';
import { FaultPolicy } from './fault.policy';

export type IndemnityAssessment = Omit<
  RepairIndemnityAssessed['data'],
  'faultId' | 'subjectId' | 'policyVersion'
>;

const capped = (amount: number, capCents: number | null) =>
  capCents === null ? amount : Math.min(amount, capCents);

/**
 * IND-12: the repair indemnity of a restored fault, by its regime. Days of delay come from the
 * restoration (CAL-7); rates and caps from the pinned policy (IND-1, IND-8, IND-9).
 */
export function assessRepairIndemnity(
  policy: FaultPolicy,
  customerType: CustomerType,
  regime: RepairRegime,
  restoration: ServiceRestored['data'],
  exceptional: ExceptionalFault | null,
): IndemnityAssessment {
  if (regime === 'EXCEPTIONAL_WIDESPREAD' && policy.indemnity.exceptionalFault) {
    return exceptionalFaultIndemnity(
      policy.indemnity.exceptionalFault,
      customerType,
      restoration,
      exceptional,
    );
  }
  const rate = policy.indemnity.repairDelay;
  const common = {
    indemnityType: 'REPAIR_DELAY' as const,
    clause: rate.clause,
    customerType,
    regime,
    countedFrom: null,
    dailyCents: rate.dailyCents[customerType],
    capDays: rate.capDays,
    capCents: rate.capCents,
    currency: 'EUR' as const,
  };
  if (regime === 'NO_FIXED_TERM' || regime === 'EXCEPTIONAL_WIDESPREAD') {
    // FLT-8: no fixed term, so no delay to indemnify.
    return {
      ...common,
      rules: ['FLT-8'],
      daysOfDelay: 0,
      daysPaid: 0,
      amountCents: 0,
      status: 'none',
    };
  }
  const daysOfDelay = restoration.delay?.days ?? 0;
  const daysPaid = rate.capDays === null ? daysOfDelay : Math.min(daysOfDelay, rate.capDays);
  const amountCents = capped(daysPaid * common.dailyCents, rate.capCents);
  return {
    ...common,
    rules: ['CAL-7', ...rate.rules, ...(regime === 'COMPLEX_UNDER_REVIEW' ? ['AMB-7'] : [])],
    daysOfDelay,
    daysPaid,
    amountCents,
    // AMB-7: a complex Fastweb fault keeps its clock, but a supervisor reviews the indemnity.
    status: amountCents === 0 ? 'none' : regime === 'COMPLEX_UNDER_REVIEW' ? 'on_hold' : 'due',
  };
}

/**
 * IND-9, AMB-15: every calendar day from the start day through the restoration day, where the
 * start day is the earlier of (end of force majeure + N days) and (the day after a communicated
 * resolution date that was missed).
 */
function exceptionalFaultIndemnity(
  rate: NonNullable<FaultPolicy['indemnity']['exceptionalFault']>,
  customerType: CustomerType,
  restoration: ServiceRestored['data'],
  exceptional: ExceptionalFault | null,
): IndemnityAssessment {
  const restoredOn = romeDateOf(restoration.restoredAt);
  const starts: string[] = [];
  const endedOn = exceptional?.forceMajeure.endedOn ?? null;
  if (endedOn) starts.push(addDays(endedOn, rate.startDaysAfterForceMajeure));
  const announced = exceptional?.announcedResolutionDate ?? null;
  if (announced && restoredOn > announced) starts.push(addDays(announced, 1));
  const countedFrom = starts.length > 0 ? starts.sort()[0] : null;
  const days =
    countedFrom && restoredOn >= countedFrom ? daysBetween(countedFrom, restoredOn) + 1 : 0;
  const amountCents = capped(days * rate.dailyCents, rate.capCents);
  return {
    indemnityType: 'EXCEPTIONAL_FAULT',
    rules: ['FLT-10', ...rate.rules],
    clause: rate.clause,
    customerType,
    regime: 'EXCEPTIONAL_WIDESPREAD',
    daysOfDelay: days,
    countedFrom,
    daysPaid: days,
    dailyCents: rate.dailyCents,
    capDays: null,
    capCents: rate.capCents,
    amountCents,
    currency: 'EUR',
    status: amountCents === 0 ? 'none' : 'due',
  };
}
