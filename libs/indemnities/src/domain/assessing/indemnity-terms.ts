import { delayRateOf } from '@sportello/activations/domain/activation-indemnity';
import { ActivationPolicy } from '@sportello/activations/domain/activation.policy';
import { ComplaintPolicy } from '@sportello/complaints/domain/complaint.policy';
import { DirectoryErrorIndemnityAssessed } from '@sportello/directory/domain/directory.events';
import { ExceptionalFault } from '@sportello/faults/domain/fault.events';
import { FaultPolicy, RepairTermKind } from '@sportello/faults/domain/fault.policy';
import { MaintenancePolicy } from '@sportello/maintenance/domain/maintenance.policy';
import { addDays, romeDateOf } from '@sportello/sla';
import { CustomerType, DayCount, IndemnityTerms } from '../indemnity.events';

/**
 * The inputs of each indemnity type, read from the pinned policy (CAL-9) and the ticket's facts.
 * The same terms price an accruing line against the clock and the final assessment.
 */

const dateCount = (dueAt: string): DayCount => ({
  basis: 'CALENDAR_DAYS_AFTER_DUE_DATE',
  dueAt,
  dueDate: romeDateOf(dueAt),
});

/** CMP-12 (IND-8 for an operator's own figure, IND-14 / EXT-IND-7 for the regulator's). */
export function complaintDelayTerms(
  policy: ComplaintPolicy,
  customerType: CustomerType,
  answerDueAt: string,
): IndemnityTerms {
  const figures = policy.lateIndemnity;
  const regulator = figures.basis === 'regulator';
  return {
    count: dateCount(answerDueAt),
    rate: {
      dailyCents: figures.dailyCents,
      multiplier: customerType === 'business' ? figures.businessMultiplier : 1,
      capDays: null,
      capCents: figures.capCents,
      flatCents: null,
      rules: ['CAL-7', 'CMP-12', ...(regulator ? ['IND-14', 'EXT-IND-7', 'AMB-16'] : ['IND-8'])],
      clause: figures.clause,
    },
    regulatory: null,
    supplementaryBeyondDays: null,
  };
}

/** IND-1, IND-2, IND-8: the repair term's delay (CAL-7 by the term's kind); FLT-8 without one. */
export function repairDelayTerms(
  policy: FaultPolicy,
  customerType: CustomerType,
  termKind: RepairTermKind,
  dueAt: string | null,
): IndemnityTerms {
  const rate = policy.indemnity.repairDelay;
  const count: DayCount =
    dueAt === null
      ? { basis: 'NO_TERM' }
      : termKind === 'ELAPSED_HOURS'
        ? { basis: 'STARTED_24_HOUR_PERIODS', dueAt }
        : dateCount(dueAt);
  return {
    count,
    rate: {
      dailyCents: rate.dailyCents[customerType],
      multiplier: 1,
      capDays: rate.capDays,
      capCents: rate.capCents,
      flatCents: null,
      rules: dueAt === null ? ['FLT-8'] : ['CAL-7', ...rate.rules],
      clause: rate.clause,
    },
    regulatory: null,
    supplementaryBeyondDays: rate.supplementaryAssessmentBeyondDays,
  };
}

/** IND-9, AMB-15: the start day is the earlier of (end of force majeure + N days) and (the day
 * after a communicated resolution date that was missed by `through`). */
export function exceptionalCountedFrom(
  exceptional: ExceptionalFault | null,
  startDaysAfterForceMajeure: number,
  through: string,
): string | null {
  const starts: string[] = [];
  const endedOn = exceptional?.forceMajeure.endedOn ?? null;
  if (endedOn) starts.push(addDays(endedOn, startDaysAfterForceMajeure));
  const announced = exceptional?.announcedResolutionDate ?? null;
  if (announced && through > announced) starts.push(addDays(announced, 1));
  return starts.length > 0 ? starts.sort()[0] : null;
}

export function exceptionalFaultTerms(
  policy: FaultPolicy,
  exceptional: ExceptionalFault | null,
  through: string,
): IndemnityTerms | null {
  const rate = policy.indemnity.exceptionalFault;
  if (!rate) return null;
  return {
    count: {
      basis: 'CALENDAR_DAYS_FROM_START',
      countedFrom: exceptionalCountedFrom(exceptional, rate.startDaysAfterForceMajeure, through),
    },
    rate: {
      dailyCents: rate.dailyCents,
      multiplier: 1,
      capDays: null,
      capCents: rate.capCents,
      flatCents: null,
      rules: ['FLT-10', ...rate.rules],
      clause: rate.clause,
    },
    regulatory: null,
    supplementaryBeyondDays: null,
  };
}

/** IND-1 / IND-5 (relocation as activation, AMB-8), with the regulator's EXT-IND-2 figure as a
 * floor where `applyRegulatoryFloor` (AMB-17): the access counts once, ultra-broadband +1/3,
 * business ×2 (EXT-IND-8). */
export function activationDelayTerms(
  policy: ActivationPolicy,
  facts: {
    customerType: CustomerType;
    requestKind: 'activation' | 'relocation';
    services: readonly string[];
    dueAt: string;
  },
): IndemnityTerms {
  const { rate, rules } = delayRateOf(policy, facts.requestKind);
  const figures = policy.indemnity.regulatory;
  const ultraBroadband = facts.services.includes('ultra_broadband');
  return {
    count: dateCount(facts.dueAt),
    rate: {
      dailyCents: rate.dailyCents[facts.customerType],
      multiplier: 1,
      capDays: rate.capDays,
      capCents: rate.capCents,
      flatCents: null,
      rules: ['CAL-7', ...rules],
      clause: rate.clause,
    },
    regulatory: {
      rules: [...figures.rules],
      clause: figures.clause,
      per: 'DAY',
      unitCents: ultraBroadband
        ? figures.ultraBroadbandDailyCentsPerService
        : figures.dailyCentsPerService,
      multiplier: facts.customerType === 'business' ? figures.businessMultiplier : 1,
      from: null,
      to: null,
      applyAsFloor: policy.indemnity.applyRegulatoryFloor,
    },
    supplementaryBeyondDays: rate.supplementaryAssessmentBeyondDays,
  };
}

/** MNT-3, AMB-10: each calendar day touched by the unannounced interruption, at the
 * repair-delay rates and caps. */
export function maintenanceNoticeTerms(
  policy: MaintenancePolicy,
  customerType: CustomerType,
  startedAt: string,
): IndemnityTerms {
  const rate = policy.indemnity;
  return {
    count: { basis: 'CALENDAR_DAYS_TOUCHED', startedAt },
    rate: {
      dailyCents: rate.dailyCents[customerType],
      multiplier: 1,
      capDays: rate.capDays,
      capCents: rate.capCents,
      flatCents: null,
      rules: ['MNT-3', 'AMB-10', ...rate.rules],
      clause: rate.clause,
    },
    regulatory: null,
    supplementaryBeyondDays: null,
  };
}

/** IND-3: flat, whatever the duration; EXT-IND-6 per started year as a reference only (AMB-17). */
export function directoryErrorTerms(
  assessed: DirectoryErrorIndemnityAssessed['data'],
): IndemnityTerms {
  const reference = assessed.regulatoryReference;
  return {
    count: { basis: 'FLAT' },
    rate: {
      dailyCents: 0,
      multiplier: 1,
      capDays: null,
      capCents: null,
      flatCents: assessed.contractual?.flatCents ?? 0,
      rules: assessed.contractual ? [...assessed.contractual.rules] : [],
      clause: assessed.contractual?.clause ?? '',
    },
    regulatory: {
      rules: [...reference.rules],
      clause: reference.clause,
      per: 'STARTED_YEAR',
      unitCents: reference.centsPerYear,
      multiplier: reference.multiplier,
      from: reference.from,
      to: reference.to,
      applyAsFloor: false,
    },
    supplementaryBeyondDays: null,
  };
}
