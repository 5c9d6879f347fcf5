import { ConflictingState, Decider, RuleViolation } from '@sportello/decider';
import { PersonalDataAccessCommand } from './personal-data-access.commands';
import { PersonalDataAccessEvent } from './personal-data-access.events';

export interface PersonalDataAccessState {
  recorded: boolean;
}

export const MIN_ACCESS_REASON = 10;

export const accessStream = (accessId: string) => `audit-access-${accessId}`;

/**
 * PRV-1: auditors read ticket data masked; only an auditor, stating why, may see it in clear,
 * and each such access is itself an event.
 */
export const personalDataAccessDecider: Decider<
  PersonalDataAccessCommand,
  PersonalDataAccessEvent,
  PersonalDataAccessState
> = {
  initialState: () => ({ recorded: false }),
  evolve: (state, event) =>
    event.type === 'PersonalDataAccessedByAuditor' ? { recorded: true } : state,
  decide(command, state, context) {
    if (!context.actor.roles.includes('auditor'))
      throw new RuleViolation('PRV-1', 'Only an auditor may see personal data in clear');
    const reason = command.reason.trim();
    if (reason.length < MIN_ACCESS_REASON)
      throw new RuleViolation(
        'PRV-1',
        `Seeing personal data in clear needs a reason of at least ${MIN_ACCESS_REASON} characters`,
        { field: 'reason' },
      );
    if (state.recorded) throw new ConflictingState('This access is already recorded');
    if (command.subjectIds.length === 0) return [];
    return [
      {
        type: 'PersonalDataAccessedByAuditor',
        data: {
          accessId: command.accessId,
          auditorId: context.actor.id,
          reason,
          scope: command.scope,
          subjectIds: [...new Set(command.subjectIds)].sort(),
          eventIds: command.eventIds,
        },
      },
    ];
  },
};
