import { DomainError } from '@sportello/decider';
import { CommandHandler, ConcurrencyConflictError, RecordedEvent } from '@sportello/eventstore';
import { billingRecoveryDecider } from '../../domain/billing-recovery.decider';
import {
  BILLING_INCIDENT_NOTICE_TEMPLATE,
  BillingRecoveryEvent,
} from '../../domain/billing-recovery.events';
import { BillingIncidentPolicies } from '../billing-incident-policies.port';
import { recoveryIdOfStream } from '../billing-incident-streams';

/** The system issues the plan; it is an actor in the log like any other. */
export const RECOVERY_PLANNER_ACTOR = {
  id: 'system:billing-recovery-planner',
  role: 'system',
  roles: ['system'],
} as const;

const ATTEMPTS = 3;

export interface PlanIssuerLog {
  warn(message: string): void;
}

/** The event types `isRecoveryNotice` can accept. */
export const RECOVERY_NOTICE_EVENTS = [
  'RecoveryNoticeRecorded',
  'CustomerNotified',
] as const satisfies readonly BillingRecoveryEvent['type'][];

/** NTF-10: only the SMS notice of a billing incident, landed in a recovery stream, starts a plan. */
export function isRecoveryNotice(event: RecordedEvent): boolean {
  if (!recoveryIdOfStream(event.stream)) return false;
  const e = event as unknown as BillingRecoveryEvent;
  if (e.type === 'RecoveryNoticeRecorded') return true;
  return (
    e.type === 'CustomerNotified' &&
    e.data.template === BILLING_INCIDENT_NOTICE_TEMPLATE &&
    e.data.channel === 'sms'
  );
}

/**
 * Reactor: once the notice is in the customer's stream, issue the recovery plan (BIL-15). The
 * decider makes a repeat harmless; a refusal is logged by ids and rule, and the log moves on.
 */
export function issuePlanWhenNotified(
  commands: CommandHandler,
  policies: BillingIncidentPolicies,
  log: PlanIssuerLog,
): (event: RecordedEvent) => Promise<void> {
  return async (event) => {
    if (!isRecoveryNotice(event)) return;
    const recoveryId = recoveryIdOfStream(event.stream) as string;
    for (let attempt = 1; ; attempt++) {
      const { state } = await commands.load(billingRecoveryDecider, event.stream);
      if (state.status === 'none' || state.plan) return;
      const policy = policies.byVersion(state.policyVersion);
      if (!policy) {
        log.warn(`Recovery ${recoveryId}: policy ${state.policyVersion} is not loaded; no plan`);
        return;
      }
      try {
        await commands.handle(billingRecoveryDecider, {
          stream: event.stream,
          command: { type: 'IssueRecoveryPlan', policy },
          actor: RECOVERY_PLANNER_ACTOR,
          correlationId: event.metadata.correlationId,
          causationId: event.id,
          metadataFor: () => ({ policyVersion: policy.version, subjectIds: [state.subjectId] }),
        });
        return;
      } catch (error) {
        if (error instanceof ConcurrencyConflictError && attempt < ATTEMPTS) continue;
        if (error instanceof DomainError) {
          log.warn(
            `Recovery ${recoveryId}: no plan issued (${error.ruleId ?? error.kind}): ${error.message}`,
          );
          return;
        }
        throw error;
      }
    }
  };
}
