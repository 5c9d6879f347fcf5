import { BillingIncidentPolicy } from '../domain/billing-incident.policy';
import { AddAffectedCustomer } from '../domain/billing-recovery.commands';
import { billingRecoveryDecider } from '../domain/billing-recovery.decider';
import { BillingRecoveryCommand } from '../domain/billing-recovery.commands';
import { BillingRecoveryEvent } from '../domain/billing-recovery.events';
import { WINDTRE_INCIDENT } from './windtre-policy.fixture';

/** Adding the AS-27 customer: €9.99 Easy Pay missed in February, March and April 2026. */
export function addAs27Customer(
  recoveryId: string,
  incidentId: string,
  overrides: Partial<AddAffectedCustomer> = {},
  policy: BillingIncidentPolicy = WINDTRE_INCIDENT,
): AddAffectedCustomer {
  return {
    type: 'AddAffectedCustomer',
    recoveryId,
    incident: {
      incidentId,
      operator: 'WINDTRE',
      policyVersion: policy.version,
      service: { name: 'Easy Pay', monthlyFeeCents: 999, currency: 'EUR' },
      cause: 'Interruzione tecnica del sistema di fatturazione',
      periods: ['2026-02', '2026-03', '2026-04'],
    },
    policy,
    customer: {
      subjectId: 'sub-as27',
      customerType: 'residential',
      name: 'Lucia Ferri',
      phone: '+39 320 7654321',
      lineId: 'WT-3207654321',
    },
    periods: null,
    monthlyFeeCents: null,
    noticeBy: 'outside_system',
    ...overrides,
  };
}

/** Runs commands through the recovery decider, each on the history so far; returns all events. */
export function recoveryHistory(
  commands: { command: BillingRecoveryCommand; now: string }[],
): BillingRecoveryEvent[] {
  const history: BillingRecoveryEvent[] = [];
  for (const { command, now } of commands) {
    let state = billingRecoveryDecider.initialState();
    for (const event of history) state = billingRecoveryDecider.evolve(state, event);
    history.push(
      ...billingRecoveryDecider.decide(command, state, {
        now,
        actor: { id: 'sup-1', roles: ['supervisor'] },
      }),
    );
  }
  return history;
}
