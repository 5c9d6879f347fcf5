import { FoldedEvent } from '@sportello/decider';
import { BillingIncidentEvent, IncidentService } from './billing-incident.events';
import { BillingPeriod } from './billing-period';

export type BillingIncidentState =
  | { status: 'none' }
  | {
      status: 'declared';
      incidentId: string;
      operator: string;
      policyVersion: string;
      service: IncidentService;
      cause: string;
      periods: BillingPeriod[];
      declaredAt: string;
    };

export type DeclaredIncident = Exclude<BillingIncidentState, { status: 'none' }>;

export const initialBillingIncidentState = (): BillingIncidentState => ({ status: 'none' });

export function evolveBillingIncident(
  state: BillingIncidentState,
  event: FoldedEvent<BillingIncidentEvent>,
): BillingIncidentState {
  switch (event.type) {
    case 'BillingIncidentDeclared': {
      const d = event.data;
      return {
        status: 'declared',
        incidentId: d.incidentId,
        operator: d.operator,
        policyVersion: d.policyVersion,
        service: d.service,
        cause: d.cause,
        periods: d.periods,
        declaredAt: d.declaredAt,
      };
    }
    default:
      return state;
  }
}
