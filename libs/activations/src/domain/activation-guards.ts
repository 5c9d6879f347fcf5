import { ConflictingState, DecisionContext, NotFound, RuleViolation } from '@sportello/decider';
import { ActivationEvent, RecordedPause } from './activation.events';
import { ActivationPolicy } from './activation.policy';
import { ActivationState, RequestedActivation } from './activation.state';
import { activationDeadline } from './activation-deadline';

/** Checks shared by the activation commands: well-formed times, required text, status, pinning. */
export const ms = (instant: string) => Date.parse(instant);
export const iso = (epochMs: number) => new Date(epochMs).toISOString();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO instant with an explicit offset, as ISO UTC (CAL-1). */
export function instant(value: string, field: string, ruleId: string): string {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(ms(value)))
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
): string {
  const trimmed = value?.trim() ?? '';
  if (!trimmed) throw new RuleViolation(ruleId, what, { field });
  return trimmed;
}

export function within(
  at: string,
  field: string,
  ruleId: string,
  request: RequestedActivation,
  now: string,
): void {
  if (ms(at) > ms(now))
    throw new RuleViolation(ruleId, `${field} cannot be in the future`, { field });
  if (ms(at) < ms(request.receivedAt))
    throw new RuleViolation(ruleId, `${field} cannot precede the request`, { field });
}

export const isSupervisor = ({ actor }: DecisionContext) => actor.roles.includes('supervisor');

export function requested(state: ActivationState): RequestedActivation {
  if (state.status === 'none') throw new NotFound('Activation', 'requested');
  return state;
}

export function inStatus(
  state: ActivationState,
  action: string,
  allowed: readonly RequestedActivation['status'][] = ['requested'],
): RequestedActivation {
  const request = requested(state);
  if (!allowed.includes(request.status)) {
    const shown = request.status === 'requested' ? 'pending' : request.status.replace('_', ' ');
    throw new ConflictingState(`A ${shown} request cannot be ${action}`, {
      status: request.status,
    });
  }
  return request;
}

/** CAL-9: a request keeps the policy version in force when it was received. */
export function pinned(request: RequestedActivation, policy: ActivationPolicy): void {
  if (policy.version !== request.policyVersion) {
    throw new ConflictingState(
      `The request is evaluated under policy ${request.policyVersion}, not ${policy.version}`,
      { policyVersion: request.policyVersion },
      'CAL-9',
    );
  }
}

/** A deadline already behind `at` is recorded missed at once, as the timer would. */
export function missedBy(
  request: RequestedActivation,
  dueAt: string | null,
  at: string,
): ActivationEvent[] {
  if (dueAt === null || ms(at) <= ms(dueAt) || request.missedDueAt === dueAt) return [];
  return [
    {
      type: 'ActivationDeadlineMissed',
      data: {
        activationId: request.activationId,
        subjectId: request.subjectId,
        activationDueAt: dueAt,
      },
    },
  ];
}

export function deadlineOf(
  request: RequestedActivation,
  changes: Partial<{
    pauses: readonly RecordedPause[];
    technicalCheck: RequestedActivation['technicalCheck'];
    announced: RequestedActivation['announced'];
  }> = {},
) {
  return activationDeadline({
    term: request.term,
    receivedAt: request.receivedAt,
    technicalCheck: request.technicalCheck,
    pauses: request.pauses,
    announced: request.announced,
    ...changes,
  });
}
