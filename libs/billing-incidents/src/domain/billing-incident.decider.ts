import { ConflictingState, DecisionContext, Decider, RuleViolation } from '@sportello/decider';
import { romeDateOf } from '@sportello/sla';
import { BillingIncidentCommand, DeclareBillingIncident } from './billing-incident.commands';
import { BillingIncidentEvent } from './billing-incident.events';
import {
  BillingIncidentState,
  evolveBillingIncident,
  initialBillingIncidentState,
} from './billing-incident.state';
import { comparePeriods, periodOf } from './billing-period';
import { checkMissedCharges } from './recovery-plan';

const ms = (instant: string) => Date.parse(instant);

function declare(
  command: DeclareBillingIncident,
  state: BillingIncidentState,
  { now }: DecisionContext,
): BillingIncidentEvent[] {
  if (state.status !== 'none')
    throw new ConflictingState('This billing incident was already declared', {
      currentStatus: state.status,
    });
  const { policy } = command;
  if (!policy)
    throw new RuleViolation(
      'BIL-15',
      'The operator policy in force has no billing-incident practice',
      { field: 'operator' },
    );
  const declaredAt = command.declaredAt ?? now;
  if (ms(declaredAt) > ms(now))
    throw new RuleViolation('BIL-15', 'declaredAt cannot be in the future', {
      field: 'declaredAt',
    });
  checkMissedCharges(
    command.periods.map((period) => ({ period, amountCents: command.monthlyFeeCents })),
  );
  const declaredIn = periodOf(romeDateOf(declaredAt));
  const current = command.periods.find((p) => comparePeriods(p, declaredIn) >= 0);
  if (current)
    throw new RuleViolation(
      'BIL-15',
      'Only months before the declaration can have been left uncharged',
      { field: 'periods', period: current },
    );
  return [
    {
      type: 'BillingIncidentDeclared',
      data: {
        incidentId: command.incidentId,
        operator: policy.operator,
        policyVersion: policy.version,
        service: {
          name: command.serviceName,
          monthlyFeeCents: command.monthlyFeeCents,
          currency: 'EUR',
        },
        cause: command.cause,
        periods: [...command.periods].sort(comparePeriods),
        declaredAt: new Date(ms(declaredAt)).toISOString(),
      },
    },
  ];
}

export const billingIncidentDecider: Decider<
  BillingIncidentCommand,
  BillingIncidentEvent,
  BillingIncidentState
> = {
  initialState: initialBillingIncidentState,
  evolve: evolveBillingIncident,
  decide(command, state, context) {
    switch (command.type) {
      case 'DeclareBillingIncident':
        return declare(command, state, context);
    }
  },
};
