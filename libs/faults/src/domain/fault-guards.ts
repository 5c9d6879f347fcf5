import { ConflictingState, DecisionContext, NotFound, RuleViolation } from '@sportello/decider';
import { FaultEvent, RecordedPause, RepairRegime } from './fault.events';
import { FaultPolicy } from './fault.policy';
import { FaultState, ReportedFault } from './fault.state';
import { repairDeadline } from './repair-deadline';

/** Checks shared by the fault commands: well-formed times, required text, status, pinning. */
export const ms = (instant: string) => Date.parse(instant);
export const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO instant with an explicit offset, as ISO UTC: without one its meaning would depend on
 * the machine's zone (CAL-1). */
export function instant(value: string, field: string, ruleId: string): string {
  if (!ISO_INSTANT.test(value) || Number.isNaN(ms(value)))
    throw new RuleViolation(ruleId, `${field} must be an ISO instant with an offset`, { field });
  return iso(ms(value));
}

export function calendarDate(value: string, field: string, ruleId: string): string {
  const parsed = ms(`${value}T00:00:00Z`);
  if (!ISO_DATE.test(value) || Number.isNaN(parsed) || iso(parsed).slice(0, 10) !== value)
    throw new RuleViolation(ruleId, `${field} must be a calendar date (YYYY-MM-DD)`, { field });
  return value;
}

export function text(
  value: string | null | undefined,
  field: string,
  ruleId: string,
  what: string,
) {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation(ruleId, what, { field });
  return trimmed;
}

export function within(
  at: string,
  field: string,
  ruleId: string,
  fault: ReportedFault,
  now: string,
) {
  if (ms(at) > ms(now))
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
  if (ms(at) < ms(fault.reportedAt))
    throw new RuleViolation(ruleId, `${field} cannot precede the fault report`, { field });
}

export const isSupervisor = ({ actor }: DecisionContext) => actor.roles.includes('supervisor');

export function reported(state: FaultState): ReportedFault {
  if (state.status === 'none') throw new NotFound('Fault', 'requested');
  return state;
}

export function inStatus(
  state: FaultState,
  action: string,
  allowed: readonly ReportedFault['status'][] = ['open'],
): ReportedFault {
  const fault = reported(state);
  if (!allowed.includes(fault.status)) {
    throw new ConflictingState(`A ${fault.status} fault cannot be ${action}`, {
      status: fault.status,
    });
  }
  return fault;
}

/** CAL-9: a fault keeps the policy version in force when it was reported. */
export function pinned(fault: ReportedFault, policy: FaultPolicy): void {
  if (policy.version !== fault.policyVersion) {
    throw new ConflictingState(
      `The fault is evaluated under policy ${fault.policyVersion}, not ${policy.version}`,
      { policyVersion: fault.policyVersion },
      'CAL-9',
    );
  }
}

/** A deadline already behind `at` is recorded missed at once, as the timer would. */
export function missedBy(fault: ReportedFault, dueAt: string | null, at: string): FaultEvent[] {
  if (dueAt === null || ms(at) <= ms(dueAt) || fault.missedDueAt === dueAt) return [];
  return [
    {
      type: 'RepairDeadlineMissed',
      data: { faultId: fault.faultId, subjectId: fault.subjectId, repairDueAt: dueAt },
    },
  ];
}

export const deadlineOf = (fault: ReportedFault, pauses: RecordedPause[], regime: RepairRegime) =>
  repairDeadline(fault.term, fault.reportedAt, pauses, regime);
