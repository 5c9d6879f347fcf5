import { daysOfDelayAfterDate, daysOfDelayAfterInstant, romeDateOf } from '@sportello/sla';
import { RepairDeadline, RepairRegime, ServiceRestored } from '../../domain/fault.events';
import { FaultPolicy } from '../../domain/fault.policy';
import { ReportedFault } from '../../domain/fault.state';
import { repairDeadline, repairTermOf, unpausedMs } from '../../domain/repair-deadline';
import { assessRepairIndemnity, IndemnityAssessment } from '../../domain/repair-indemnity';

export interface FaultFigures {
  policyVersion: string;
  regime: RepairRegime;
  repairDue: RepairDeadline;
  /** `assessed`: the restoration is known; `accruing`: as if restored at `asOf` (still open). */
  basis: 'assessed' | 'accruing' | 'out_of_scope';
  asOf: string;
  indemnity: IndemnityAssessment;
}

/** The regime a complex fault would have under `policy` (AMB-7, FLT-8, FLT-10). */
function regimeUnder(fault: ReportedFault, policy: FaultPolicy): RepairRegime {
  if (fault.complexity === 'EXCEPTIONAL_WIDESPREAD')
    return policy.complexity.exceptionalWidespread ? 'EXCEPTIONAL_WIDESPREAD' : 'STANDARD';
  if (fault.complexity === 'COMPLEX')
    return policy.complexity.complex === 'REVIEW_ONLY' ? 'COMPLEX_UNDER_REVIEW' : 'NO_FIXED_TERM';
  return 'STANDARD';
}

/** CAL-7 as `RestoreService` counts it, for a restoration at `at`. */
function restorationAt(
  fault: ReportedFault,
  regime: RepairRegime,
  due: RepairDeadline,
  at: string,
): ServiceRestored['data'] {
  const dueAt = due.dueAt;
  const late = dueAt !== null && Date.parse(at) > Date.parse(dueAt);
  const elapsed = due.termKind === 'ELAPSED_HOURS';
  return {
    faultId: fault.faultId,
    subjectId: fault.subjectId,
    restoredAt: at,
    regime,
    repairDueAt: dueAt,
    onTime: dueAt === null ? null : !late,
    delay:
      dueAt === null
        ? null
        : {
            rule: 'CAL-7',
            basis: elapsed ? 'STARTED_24_HOUR_PERIODS' : 'CALENDAR_DAYS_AFTER_DUE_DATE',
            days: elapsed
              ? daysOfDelayAfterInstant(dueAt, at)
              : daysOfDelayAfterDate(romeDateOf(dueAt), at),
            latenessMs: Math.max(0, Date.parse(at) - Date.parse(dueAt)),
          },
    repairTime: {
      elapsedMs: Date.parse(at) - Date.parse(fault.reportedAt),
      netOfPausesMs: unpausedMs(fault.reportedAt, at, fault.pauses),
    },
  };
}

/**
 * The repair deadline and indemnity a fault has — or would have — under `policy`, on the same
 * facts (report, pauses, complexity, restoration). An open fault is judged as if restored at
 * `now`: what it has accrued so far. The fault itself keeps the version it pinned (CAL-9).
 */
export function faultUnderPolicy(
  fault: ReportedFault,
  policy: FaultPolicy,
  now: string,
): FaultFigures {
  const regime = regimeUnder(fault, policy);
  const pauses =
    fault.restoration === null
      ? fault.pauses
      : fault.pauses.map((p) => (p.to === null ? { ...p, to: fault.restoration!.restoredAt } : p));
  const repairDue = repairDeadline(repairTermOf(policy), fault.reportedAt, pauses, regime);
  const restoredAt = fault.restoration?.restoredAt ?? null;
  const asOf = restoredAt ?? now;
  const assessed = assessRepairIndemnity(
    policy,
    fault.customerType,
    regime,
    restorationAt(fault, regime, repairDue, asOf),
    fault.exceptional,
  );
  if (fault.outcome === 'out_of_scope') {
    // FLT-4, FLT-7: no indemnity for a fault outside the operator's network.
    return {
      policyVersion: policy.version,
      regime,
      repairDue,
      basis: 'out_of_scope',
      asOf,
      indemnity: { ...assessed, daysPaid: 0, amountCents: 0, status: 'none' },
    };
  }
  return {
    policyVersion: policy.version,
    regime,
    repairDue,
    basis: restoredAt ? 'assessed' : 'accruing',
    asOf,
    indemnity: assessed,
  };
}

/** The most a repair indemnity can reach under the policy's caps, for one customer type. */
export function indemnityCeilingCents(indemnity: IndemnityAssessment): number | null {
  const byDays = indemnity.capDays === null ? null : indemnity.capDays * indemnity.dailyCents;
  if (byDays === null) return indemnity.capCents;
  return indemnity.capCents === null ? byDays : Math.min(byDays, indemnity.capCents);
}
